/**
 * HTML: visible text plus the attributes people read (alt, title, value, placeholder) and the
 * addresses in mailto:/tel: links.
 *
 * Every segment points into the decoded HTML source (`meta.sourceText`). Text is rebuilt from the
 * source slices parse5 reports, not from the tree's decoded strings, so each run maps back exactly:
 * plain runs equal their source characters, and each character reference (`&amp;`, `&#1057;`,
 * `&nbsp;`) is its own run flagged `decoded`. A parse5 text node whose source slice does not
 * reproduce its value (text foster-parented out of a table and merged) is kept as text without a
 * segment, so it is still scanned.
 *
 * Block elements (everything not in INLINE) and attribute values are separated by `\n`; inline
 * elements add nothing, so `<b>112-233</b>-445 95` stays one piece of text. Attribute values wait
 * for the next block boundary, so they never split inline text either.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import iconv from 'iconv-lite';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { HtmlSourceRef, ScanDocument, Segment } from '../../document/types.js';
import { bomEncoding, decodeText, decodeWith, detectUtf16WithoutBom, isValidUtf8 } from '../../text/decode.js';
import type { ExtractInput, Extractor } from '../types.js';

export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml', '.shtml'] as const;

/** Elements whose content is never shown. */
const SKIPPED = new Set(['script', 'style', 'template', 'iframe', 'noembed', 'noframes']);
/** Elements whose text is literal (no character references). */
const LITERAL = new Set(['xmp', 'plaintext']);
/** Inline (phrasing) elements: no separator around them. Everything else is a block. */
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font',
  'i', 'img', 'input', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 'rb', 'rp', 'rt', 'ruby', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'abbr', 'output',
]);
const TEXT_ATTRIBUTES = ['alt', 'title', 'value', 'placeholder'] as const;

const CHAR_REF = /&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)/g;
const HTML_SPACE = /^[ \t\n\f\r]*$/;

type From = HtmlSourceRef['from'];

interface Run {
  rawStart: number;
  rawEnd: number;
  text: string;
  decoded: boolean;
}

export function extractHtml({ bytes }: ExtractInput): ScanDocument {
  const { text: source, encoding } = decodeHtmlBytes(bytes);
  const builder = new Builder();
  const root = parse(source, { sourceCodeLocationInfo: true, scriptingEnabled: false });

  type Step = { node: T.ChildNode; literal: boolean } | { exitBlock: true };
  const stack: Step[] = [];
  const pushChildren = (parent: T.ParentNode, literal: boolean) => {
    for (let k = parent.childNodes.length - 1; k >= 0; k--) stack.push({ node: parent.childNodes[k]!, literal });
  };
  pushChildren(root, false);
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('exitBlock' in step) {
      builder.boundary();
      continue;
    }
    const node = step.node;
    if (node.nodeName === '#text') {
      textNode(builder, source, node as T.TextNode, step.literal);
      continue;
    }
    if (!('tagName' in node)) continue; // comments, doctype
    const name = node.tagName;
    if (SKIPPED.has(name)) continue;
    if (name === 'br') {
      builder.boundary();
      continue;
    }
    const block = !INLINE.has(name);
    if (block) builder.boundary();
    attributes(builder, source, node);
    if (block) stack.push({ exitBlock: true });
    pushChildren(node, step.literal || LITERAL.has(name));
  }
  builder.flushAttributes();

  return {
    text: builder.text(),
    segments: builder.segments,
    meta: { format: 'html', encoding, sourceText: source },
  };
}

function textNode(builder: Builder, source: string, node: T.TextNode, literal: boolean): void {
  const loc = node.sourceCodeLocation;
  if (!loc) {
    builder.unsegmented(node.value);
    return;
  }
  const raw = source.slice(loc.startOffset, loc.endOffset);
  if (HTML_SPACE.test(raw)) {
    builder.space();
    return;
  }
  const runs = literal
    ? [{ rawStart: loc.startOffset, rawEnd: loc.endOffset, text: raw, decoded: false }]
    : splitCharRefs(source, loc.startOffset, loc.endOffset, 'text');
  if (normalize(runs.map((r) => r.text).join('')) !== normalize(node.value)) {
    builder.unsegmented(node.value);
    return;
  }
  const trimmed = trimRuns(runs);
  if (trimmed.leading) builder.space();
  builder.runs(trimmed.runs, 'text');
  if (trimmed.trailing) builder.space();
}

function attributes(builder: Builder, source: string, el: T.Element): void {
  const locs = el.sourceCodeLocation?.attrs;
  for (const attr of el.attrs) {
    let from: From | undefined = (TEXT_ATTRIBUTES as readonly string[]).includes(attr.name)
      ? (attr.name as From)
      : undefined;
    if (!from && attr.name === 'href') {
      const scheme = /^\s*(mailto|tel):/i.exec(attr.value)?.[1]?.toLowerCase();
      if (scheme === 'mailto' || scheme === 'tel') from = scheme;
    }
    if (!from || attr.value.trim() === '') continue;
    const loc = locs?.[attr.name];
    const range = loc && attributeValueRange(source, loc.startOffset, loc.endOffset);
    let runs = range ? splitCharRefs(source, range[0], range[1], 'attribute') : undefined;
    if (!runs || normalize(runs.map((r) => r.text).join('')) !== normalize(attr.value)) {
      builder.pending.push({ unsegmented: attr.value.trim() });
      continue;
    }
    if (from === 'mailto' || from === 'tel') {
      const value = runs.map((r) => r.text).join('');
      const prefix = /^\s*(?:mailto|tel):/i.exec(value)![0].length;
      const query = from === 'mailto' ? value.indexOf('?', prefix) : -1;
      runs = sliceRuns(runs, prefix, query === -1 ? value.length : query);
    }
    runs = trimRuns(runs).runs;
    if (runs.length > 0) builder.pending.push({ runs, from });
  }
}

/** The value part of an attribute's source `name = "value"` (quotes excluded). */
function attributeValueRange(source: string, start: number, end: number): [number, number] | undefined {
  const m = /^[^\s=]+\s*=\s*/.exec(source.slice(start, end));
  if (!m) return undefined;
  let a = start + m[0].length;
  let b = end;
  const q = source[a];
  if (q === '"' || q === "'") {
    a++;
    if (source[b - 1] === q && b - 1 >= a) b--;
  }
  return [a, b];
}

/**
 * Splits source[start, end) into maximal plain runs and one run per character reference that
 * decodes to something else. In attributes, a reference without `;` followed by `=` stays literal
 * and legacy prefixes followed by letters/digits are not decoded (HTML attribute rules).
 */
function splitCharRefs(source: string, start: number, end: number, mode: 'text' | 'attribute'): Run[] {
  const raw = source.slice(start, end);
  const runs: Run[] = [];
  let plainFrom = 0;
  const plain = (to: number) => {
    if (to > plainFrom) runs.push({ rawStart: start + plainFrom, rawEnd: start + to, text: raw.slice(plainFrom, to), decoded: false });
  };
  CHAR_REF.lastIndex = 0;
  for (const m of raw.matchAll(CHAR_REF)) {
    const ref = m[0];
    let text: string;
    if (mode === 'attribute') {
      text = !ref.endsWith(';') && raw[m.index + ref.length] === '=' ? ref : decodeHTMLAttribute(ref);
    } else {
      text = decodeHTML(ref);
    }
    if (text === ref) continue;
    plain(m.index);
    runs.push({ rawStart: start + m.index, rawEnd: start + m.index + ref.length, text, decoded: true });
    plainFrom = m.index + ref.length;
  }
  plain(raw.length);
  return runs;
}

/** Runs restricted to text offsets [from, to) of their concatenation; decoded runs stay whole. */
function sliceRuns(runs: readonly Run[], from: number, to: number): Run[] {
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

/** Drops leading and trailing ASCII whitespace (always in plain runs). */
function trimRuns(runs: readonly Run[]): { runs: Run[]; leading: boolean; trailing: boolean } {
  const total = runs.reduce((n, r) => n + r.text.length, 0);
  const joined = runs.map((r) => r.text).join('');
  let from = 0;
  while (from < total && isSpaceRun(runs, joined, from)) from++;
  let to = total;
  while (to > from && isSpaceRun(runs, joined, to - 1)) to--;
  return { runs: sliceRuns(runs, from, to), leading: from > 0, trailing: to < total };
}

function isSpaceRun(runs: readonly Run[], joined: string, i: number): boolean {
  const c = joined[i]!;
  if (!/[ \t\n\f\r]/.test(c)) return false;
  // A decoded reference (&#10;) is content, not source whitespace.
  let pos = 0;
  for (const r of runs) {
    if (i < pos + r.text.length) return !r.decoded;
    pos += r.text.length;
  }
  return false;
}

/** What the parser does to text: CRLF/CR → LF, NUL dropped or replaced by U+FFFD. */
function normalize(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\0\uFFFD]/g, '');
}

class Builder {
  readonly segments: Segment[] = [];
  /** Attribute values waiting for the next block boundary. */
  readonly pending: ({ runs: Run[]; from: From } | { unsegmented: string })[] = [];
  private readonly parts: string[] = [];
  private length = 0;
  private last = '';
  /** The last part pushed is a separator space (no segment covers it). */
  private trailingSpace = false;

  text(): string {
    return this.parts.join('');
  }

  private push(s: string): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
    this.last = s[s.length - 1]!;
    this.trailingSpace = false;
  }

  /** A word boundary: one space unless the text is empty or already ends with whitespace. */
  space(): void {
    if (this.length > 0 && !/\s/.test(this.last)) {
      this.push(' ');
      this.trailingSpace = true;
    }
  }

  newline(): void {
    if (this.trailingSpace) {
      // A separator space right before a line break is noise: take it back.
      this.parts.pop();
      this.length--;
      this.last = this.parts.at(-1)?.at(-1) ?? '';
      this.trailingSpace = false;
    }
    if (this.length > 0 && this.last !== '\n') this.push('\n');
  }

  /** A block boundary: pending attribute values, then a line break. */
  boundary(): void {
    this.flushAttributes();
    this.newline();
  }

  flushAttributes(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending.splice(0);
    for (const item of pending) {
      this.newline();
      if ('unsegmented' in item) this.push(item.unsegmented);
      else this.runs(item.runs, item.from);
      this.newline();
    }
  }

  runs(runs: readonly Run[], from: From): void {
    for (const r of runs) {
      const source: HtmlSourceRef = { kind: 'html', rawRange: [r.rawStart, r.rawEnd], from };
      if (r.decoded) source.decoded = true;
      this.segments.push({ start: this.length, end: this.length + r.text.length, source });
      this.push(r.text);
    }
  }

  /** Text the source cannot be mapped for: scanned, but outside every segment. */
  unsegmented(value: string): void {
    const trimmed = value.trim();
    if (!trimmed) return this.space();
    this.space();
    this.push(trimmed);
    this.space();
  }
}

/**
 * HTML bytes → text: BOM, UTF-16 and valid UTF-8 win; otherwise a `<meta charset>` (or
 * http-equiv Content-Type) declaration in the first 4 KB; otherwise the generic detection.
 */
export function decodeHtmlBytes(bytes: Uint8Array): { text: string; encoding: string } {
  if (bomEncoding(bytes) || detectUtf16WithoutBom(bytes) || isValidUtf8(bytes)) return decodeText(bytes);
  const declared = declaredCharset(bytes);
  if (declared && !declared.startsWith('utf-') && iconv.encodingExists(declared)) {
    return { text: decodeWith(bytes, declared), encoding: declared };
  }
  return decodeText(bytes);
}

const CHARSET_ALIASES: Readonly<Record<string, string>> = {
  cp1251: 'windows-1251', 'win-1251': 'windows-1251', windows1251: 'windows-1251', 'x-cp1251': 'windows-1251',
  koi8r: 'koi8-r', koi8: 'koi8-r', cp866: 'ibm866', '866': 'ibm866',
  // The HTML standard reads these labels as windows-1252.
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  utf8: 'utf-8',
};

/** The charset a `<meta>` tag declares, lower-cased and normalized. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const m = /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag[0]);
    if (m) {
      const label = m[1]!.toLowerCase();
      return CHARSET_ALIASES[label] ?? label;
    }
  }
  return undefined;
}

const htmlExtractor: Extractor = {
  id: 'html',
  extensions: HTML_EXTENSIONS,
  extract: extractHtml,
};

export default htmlExtractor;
