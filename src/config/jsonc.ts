/**
 * JSON with comments (JSONC), as `pdnscan init` writes it: `//` and `/* *\/` comments and trailing
 * commas are blanked out, never inside strings ("https://…" stays whole), then JSON.parse reads
 * the rest. Blanking with spaces keeps line and column numbers of JSON.parse's errors true.
 */

export class JsoncError extends Error {
  override name = 'JsoncError';
}

/** The text with comments and trailing commas replaced by spaces (line breaks kept). */
export function stripJsonComments(text: string): string {
  // UTF-16 units, so blanking keeps every offset JSON.parse reports.
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  /** Index of the last comma seen outside strings whose fate (trailing or not) is still open. */
  let openComma = -1;
  let i = 0;
  while (i < out.length) {
    const ch = out[i];
    if (ch === '"') {
      openComma = -1;
      i = endOfString(out, i);
      continue;
    }
    if (ch === '/' && out[i + 1] === '/') {
      let end = i;
      while (end < out.length && out[end] !== '\n' && out[end] !== '\r') end++;
      blank(i, end);
      i = end;
      continue;
    }
    if (ch === '/' && out[i + 1] === '*') {
      let end = i + 2;
      while (end < out.length && !(out[end] === '*' && out[end + 1] === '/')) end++;
      if (end >= out.length) throw new JsoncError(`unterminated /* comment starting at ${position(text, i)}`);
      blank(i, end + 2);
      i = end + 2;
      continue;
    }
    if (ch === ',') openComma = i;
    else if (ch === '}' || ch === ']') {
      if (openComma >= 0) out[openComma] = ' ';
      openComma = -1;
    } else if (ch !== undefined && !/\s/.test(ch)) openComma = -1;
    i++;
  }
  return out.join('');
}

/** Index just past the string starting at `start` (an opening quote); escapes skipped. */
function endOfString(chars: readonly string[], start: number): number {
  let i = start + 1;
  while (i < chars.length) {
    if (chars[i] === '\\') i += 2;
    else if (chars[i] === '"') return i + 1;
    else if (chars[i] === '\n') return i; // an unterminated string: JSON.parse will say so
    else i++;
  }
  return i;
}

function position(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** Parses JSONC; a BOM is ignored. Throws JsoncError with JSON.parse's reason. */
export function parseJsonc(text: string): unknown {
  const stripped = stripJsonComments(text.replace(/^\uFEFF/, ''));
  try {
    return JSON.parse(stripped);
  } catch (error) {
    throw new JsoncError(`not valid JSON (${(error as Error).message})`);
  }
}
