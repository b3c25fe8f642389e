import { describe, expect, it } from 'vitest';
import { JsoncError, parseJsonc, stripJsonComments } from './jsonc.js';

describe('JSON with comments', () => {
  it('drops line and block comments', () => {
    const text = `// head\n{ /* a */ "a": 1, // tail\n  "b": /* inline */ 2 }`;
    expect(parseJsonc(text)).toEqual({ a: 1, b: 2 });
  });

  it('leaves comment-like text inside strings alone', () => {
    const text = `{ "url": "https://example.ru/a", "glob": "**/*.log", "block": "/* kept */", "quote": "say \\"//hi\\"" // real comment\n}`;
    expect(parseJsonc(text)).toEqual({ url: 'https://example.ru/a', glob: '**/*.log', block: '/* kept */', quote: 'say "//hi"' });
  });

  it('keeps a string ending in an escaped backslash closed', () => {
    expect(parseJsonc(`{ "path": "C:\\\\dir\\\\", "b": 1 } // after`)).toEqual({ path: 'C:\\dir\\', b: 1 });
  });

  it('accepts trailing commas, also before a commented-out last key', () => {
    const text = `{ "list": [1, 2,], "redact": { "a": 1,\n  // "b": 2\n }, }`;
    expect(parseJsonc(text)).toEqual({ list: [1, 2], redact: { a: 1 } });
  });

  it('does not take a comma inside a string for a trailing one', () => {
    expect(parseJsonc(`{ "a": ",}" }`)).toEqual({ a: ',}' });
  });

  it('keeps every offset and line break, so JSON errors point at the right place', () => {
    const text = `{\n  /* two\n lines */ "a": 1 // x\n}`;
    const stripped = stripJsonComments(text);
    expect(stripped).toHaveLength(text.length);
    expect(stripped.split('\n')).toHaveLength(text.split('\n').length);
    expect(stripped.indexOf('"a"')).toBe(text.indexOf('"a"'));
  });

  it('ignores a byte order mark', () => {
    expect(parseJsonc('\uFEFF{"a": true}')).toEqual({ a: true });
  });

  it('reports an unterminated block comment with its position', () => {
    expect(() => parseJsonc('{\n  /* open')).toThrow(/unterminated \/\* comment starting at line 2, column 3/);
  });

  it('reports invalid JSON as a JsoncError', () => {
    expect(() => parseJsonc('{ "a": }')).toThrow(JsoncError);
    expect(() => parseJsonc('{ "a": }')).toThrow(/not valid JSON/);
  });
});
