/**
 * The text of an HTML document and its source map, built run by run.
 *
 * A run is a slice of the decoded HTML source: plain characters, which equal their source, or one
 * character reference (`&amp;`, `&#1057;`), whose text is its decoding (`decoded`). Separators
 * (spaces between words, line breaks between blocks and attribute values) belong to no segment.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import type { HtmlSourceRef, Segment } from '../../document/types.js';

export type From = HtmlSourceRef['from'];

export interface Run {
  rawStart: number;
  rawEnd: number;
  text: string;
  decoded: boolean;
}

const CHAR_REF = /&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)/g;

/** ASCII whitespace as HTML defines it: space, tab, LF, FF, CR. */
export function isHtmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/** What JavaScript's `\s` matches. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Splits source[start, end) into maximal plain runs and one run per character reference that
 * decodes to something else. In attributes, a reference without `;` followed by `=` stays literal
 * and legacy prefixes followed by letters/digits are not decoded (HTML attribute rules).
 */
export function splitCharRefs(source: string, start: number, end: number, mode: 'text' | 'attribute', out: Run[] = []): Run[] {
  const raw = source.slice(start, end);
  let plainFrom = 0;
  CHAR_REF.lastIndex = 0;
  for (let m = CHAR_REF.exec(raw); m !== null; m = CHAR_REF.exec(raw)) {
    const ref = m[0];
    const at = m.index;
    let text: string;
    if (mode === 'attribute') {
      text = !ref.endsWith(';') && raw[at + ref.length] === '=' ? ref : decodeHTMLAttribute(ref);
    } else {
      text = decodeHTML(ref);
    }
    if (text === ref) continue;
    if (at > plainFrom) out.push({ rawStart: start + plainFrom, rawEnd: start + at, text: raw.slice(plainFrom, at), decoded: false });
    out.push({ rawStart: start + at, rawEnd: start + at + ref.length, text, decoded: true });
    plainFrom = at + ref.length;
  }
  if (raw.length > plainFrom) out.push({ rawStart: start + plainFrom, rawEnd: end, text: raw.slice(plainFrom), decoded: false });
  return out;
}

/** Runs restricted to text offsets [from, to) of their concatenation; decoded runs stay whole. */
export function sliceRuns(runs: readonly Run[], from: number, to: number): Run[] {
  const out: Run[] = [];
  let pos = 0;
  for (const r of runs) {
    const a = pos;
    const b = pos + r.text.length;
    pos = b;
    if (r.decoded) {
      if (a >= from && a < to) out.push(r);
      continue;
    }
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    if (e <= s) continue;
    out.push({ rawStart: r.rawStart + (s - a), rawEnd: r.rawStart + (e - a), text: r.text.slice(s - a, e - a), decoded: false });
  }
  return out;
}

/** Drops leading and trailing HTML whitespace of plain runs (a decoded `&#10;` is content). */
export function trimRuns(runs: readonly Run[]): Run[] {
  let total = 0;
  for (const r of runs) total += r.text.length;
  let from = 0;
  outer: for (const r of runs) {
    if (r.decoded) break;
    for (let i = 0; i < r.text.length; i++) {
      if (!isHtmlSpace(r.text.charCodeAt(i))) break outer;
      from++;
    }
  }
  let to = total;
  outer: for (let k = runs.length - 1; k >= 0 && to > from; k--) {
    const r = runs[k]!;
    if (r.decoded) break;
    for (let i = r.text.length - 1; i >= 0 && to > from; i--) {
      if (!isHtmlSpace(r.text.charCodeAt(i))) break outer;
      to--;
    }
  }
  return from === 0 && to === total ? runs.slice() : sliceRuns(runs, from, to);
}

export class Builder {
  readonly segments: Segment[] = [];
  /** Attribute values waiting for the next block boundary. */
  private pending: { runs: Run[]; from: From }[] = [];
  private readonly parts: string[] = [];
  private length = 0;
  /** Char code of the last character of the text (-1 when empty). */
  private last = -1;
  /** The last part pushed is a separator space (no segment covers it). */
  private trailingSpace = false;

  text(): string {
    return this.parts.join('');
  }

  private push(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
    this.last = s.charCodeAt(s.length - 1);
    this.trailingSpace = false;
  }

  /** A word boundary: one space unless the text is empty or already ends with whitespace. */
  space(): void {
    if (this.length > 0 && !isJsSpace(this.last)) {
      this.push(' ');
      this.trailingSpace = true;
    }
  }

  newline(): void {
    if (this.trailingSpace) {
      // A separator space right before a line break is noise: take it back.
      this.parts.pop();
      this.length--;
      const prev = this.parts[this.parts.length - 1];
      this.last = prev === undefined ? -1 : prev.charCodeAt(prev.length - 1);
      this.trailingSpace = false;
    }
    if (this.length > 0 && this.last !== 10) this.push('\n');
  }

  /** A block boundary: pending attribute values, then a line break. */
  boundary(): void {
    if (this.pending.length > 0) this.flushAttributes();
    this.newline();
  }

  attribute(runs: Run[], from: From): void {
    this.pending.push({ runs, from });
  }

  flushAttributes(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const item of pending) {
      this.newline();
      this.runs(item.runs, item.from);
      this.newline();
    }
  }

  /** One plain run: `text` is source[rawStart, rawEnd) as it is. */
  plain(text: string, rawStart: number, rawEnd: number, from: From): void {
    this.segments.push({ start: this.length, end: this.length + text.length, source: { kind: 'html', rawRange: [rawStart, rawEnd], from } });
    this.push(text);
  }

  runs(runs: readonly Run[], from: From): void {
    for (const r of runs) {
      const source: HtmlSourceRef = { kind: 'html', rawRange: [r.rawStart, r.rawEnd], from };
      if (r.decoded) source.decoded = true;
      this.segments.push({ start: this.length, end: this.length + r.text.length, source });
      this.push(r.text);
    }
  }
}
