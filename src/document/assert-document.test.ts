import { describe, expect, it } from 'vitest';
import { assertDocument, DocumentAssertionError, unquoteCsvCell } from './assert-document.js';
import type { ScanDocument } from './types.js';

const textDoc = (text: string, segments: ScanDocument['segments']): ScanDocument => ({
  text,
  segments,
  meta: { format: 'txt', encoding: 'utf-8' },
});

describe('assertDocument', () => {
  it('accepts a well-formed text document', () => {
    expect(() =>
      assertDocument(textDoc('ab\ncd', [{ start: 0, end: 5, source: { kind: 'text', line: 1, column: 0 } }])),
    ).not.toThrow();
    expect(() => assertDocument(textDoc('', []))).not.toThrow();
  });

  it('rejects out-of-bounds, empty, unsorted and overlapping segments', () => {
    const src = { kind: 'text', line: 1, column: 0 } as const;
    expect(() => assertDocument(textDoc('abc', [{ start: 0, end: 4, source: src }]))).toThrow(/out of bounds/);
    expect(() => assertDocument(textDoc('abc', [{ start: -1, end: 2, source: src }]))).toThrow(/out of bounds/);
    expect(() => assertDocument(textDoc('abc', [{ start: 1, end: 1, source: src }]))).toThrow(/empty/);
    expect(() =>
      assertDocument(
        textDoc('abc', [
          { start: 2, end: 3, source: { kind: 'text', line: 1, column: 2 } },
          { start: 0, end: 1, source: src },
        ]),
      ),
    ).toThrow(/not sorted or overlaps/);
    expect(() =>
      assertDocument(
        textDoc('abc', [
          { start: 0, end: 2, source: src },
          { start: 1, end: 3, source: { kind: 'text', line: 1, column: 1 } },
        ]),
      ),
    ).toThrow(DocumentAssertionError);
  });

  it('rejects documents that do not survive JSON', () => {
    const doc = textDoc('abc', []);
    expect(() => assertDocument({ ...doc, meta: { ...doc.meta, encoding: undefined } })).toThrow(/JSON/);
    expect(() => assertDocument({ ...doc, meta: { ...doc.meta, extra: new Map() } as never })).toThrow(/JSON/);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => assertDocument({ ...doc, meta: { ...doc.meta, cyclic } as never })).toThrow(/JSON-serializable/);
  });

  it('text: the segment must hold the source at its line and column', () => {
    const doc = textDoc('first\nsecond', [
      { start: 0, end: 5, source: { kind: 'text', line: 1, column: 0 } },
      { start: 6, end: 12, source: { kind: 'text', line: 2, column: 0 } },
    ]);
    expect(() => assertDocument(doc)).not.toThrow();
    expect(() => assertDocument(doc, 'first\r\nsecond')).not.toThrow();
    expect(() => assertDocument(doc, 'first\nsecont')).toThrow(/differs from the source at line 2/);
    const wrongLine = textDoc('first\nsecond', [{ start: 6, end: 12, source: { kind: 'text', line: 1, column: 0 } }]);
    expect(() => assertDocument(wrongLine)).toThrow(/differs/);
  });

  it('csv: the segment is the cell content without quotes', () => {
    const source = 'a;"b ""q"" c"\r\n';
    const doc: ScanDocument = {
      text: 'a\tb "q" c',
      segments: [
        { start: 0, end: 1, source: { kind: 'csv', row: 1, col: 1, rawRange: [0, 1] } },
        { start: 2, end: 9, source: { kind: 'csv', row: 1, col: 2, rawRange: [2, 13] } },
      ],
      meta: { format: 'csv', encoding: 'utf-8', sourceText: source },
    };
    expect(() => assertDocument(doc)).not.toThrow();
    const bad = structuredClone(doc);
    bad.segments[1]!.source = { kind: 'csv', row: 1, col: 2, rawRange: [3, 13] };
    expect(() => assertDocument(bad)).toThrow(/differs/);
    bad.segments[1]!.source = { kind: 'csv', row: 1, col: 2, rawRange: [2, 99] };
    expect(() => assertDocument(bad)).toThrow(/out of bounds of the source/);
  });

  it('html: decoded runs decode to the text, plain runs equal it', () => {
    const source = '<p>A&amp;B</p>';
    const doc: ScanDocument = {
      text: 'A&B',
      segments: [
        { start: 0, end: 1, source: { kind: 'html', rawRange: [3, 4], from: 'text' } },
        { start: 1, end: 2, source: { kind: 'html', rawRange: [4, 9], from: 'text', decoded: true } },
        { start: 2, end: 3, source: { kind: 'html', rawRange: [9, 10], from: 'text' } },
      ],
      meta: { format: 'html', encoding: 'utf-8', sourceText: source },
    };
    expect(() => assertDocument(doc)).not.toThrow();
    const bad = structuredClone(doc);
    delete (bad.segments[1]!.source as { decoded?: boolean }).decoded;
    expect(() => assertDocument(bad)).toThrow(/differs/);
    const flagged = structuredClone(doc);
    (flagged.segments[0]!.source as { decoded?: boolean }).decoded = true;
    expect(() => assertDocument(flagged)).toThrow(/decodes to itself/);
  });
});

describe('unquoteCsvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['""', ''],
    ['"a,b"', 'a,b'],
    ['"say ""hi"""', 'say "hi"'],
    ['"multi\nline"', 'multi\nline'],
    ['"open', 'open'],
    ['"x"tail', 'xtail'],
    ['mid"quote', 'mid"quote'],
  ])('%j → %j', (raw, value) => expect(unquoteCsvCell(raw)).toBe(value));
});
