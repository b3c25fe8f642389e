/**
 * Positions of XML tokens in a part's text, for the spreadsheet writers (XLSX, ODS).
 *
 * The writers change a few elements of a part (a cell, a relationship's target, an author) and
 * must leave every other character of it as it was, so they work on the original text with
 * splices at known offsets instead of re-serialising a parsed tree. The parts were already read
 * by the extractors' XML parser (saxes), so they are well-formed; this scanner only finds where
 * each tag and text run starts and ends. A DOCTYPE (which could declare entities that change
 * the text) is refused.
 */
import { decodeXML } from 'entities';

export type XmlToken =
  /** A start tag (`open`) or an empty-element tag (`empty`); `name` is the qualified name. */
  | { kind: 'open' | 'empty' | 'close'; name: string; start: number; end: number }
  /** Character data, entities not decoded (see {@link tokenText}). */
  | { kind: 'text' | 'cdata'; start: number; end: number }
  /** Comments and processing instructions. */
  | { kind: 'other'; start: number; end: number };

export type TagToken = Extract<XmlToken, { kind: 'open' | 'empty' | 'close' }>;

/** A part that the scanner cannot take apart safely (the message names no content). */
export class XmlShapeError extends Error {
  constructor(what: string) {
    super(`unsupported XML: ${what}`);
    this.name = 'XmlShapeError';
  }
}

/** Every token of `xml[from, to)`, in order. */
export function* xmlTokens(xml: string, from = 0, to = xml.length): Generator<XmlToken> {
  let at = from;
  while (at < to) {
    const lt = xml.indexOf('<', at);
    if (lt < 0 || lt >= to) {
      yield { kind: 'text', start: at, end: to };
      return;
    }
    if (lt > at) yield { kind: 'text', start: at, end: lt };
    if (xml.startsWith('<!--', lt)) {
      const end = closeOf(xml, '-->', lt + 4, to);
      yield { kind: 'other', start: lt, end };
      at = end;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = closeOf(xml, ']]>', lt + 9, to);
      yield { kind: 'cdata', start: lt, end };
      at = end;
    } else if (xml.startsWith('<?', lt)) {
      const end = closeOf(xml, '?>', lt + 2, to);
      yield { kind: 'other', start: lt, end };
      at = end;
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlShapeError('a DOCTYPE declaration');
    } else if (xml.startsWith('</', lt)) {
      const end = closeOf(xml, '>', lt + 2, to);
      yield { kind: 'close', name: xml.slice(lt + 2, end - 1).trim(), start: lt, end };
      at = end;
    } else {
      const end = tagEnd(xml, lt + 1, to);
      const empty = xml[end - 2] === '/';
      yield { kind: empty ? 'empty' : 'open', name: tagName(xml, lt + 1), start: lt, end };
      at = end;
    }
  }
}

function closeOf(xml: string, marker: string, from: number, to: number): number {
  const i = xml.indexOf(marker, from);
  if (i < 0 || i + marker.length > to) throw new XmlShapeError('an unterminated markup construct');
  return i + marker.length;
}

/** The offset just past the `>` that ends the tag starting before `from` (quotes respected). */
function tagEnd(xml: string, from: number, to: number): number {
  let quote = '';
  for (let i = from; i < to; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i + 1;
  }
  throw new XmlShapeError('an unterminated tag');
}

function tagName(xml: string, from: number): string {
  let i = from;
  while (i < xml.length && !/[\s/>]/.test(xml[i]!)) i++;
  return xml.slice(from, i);
}

/** `x:c` → `c`. */
export function localOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/** `x:c` → `x:`; `c` → ``. */
export function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i + 1);
}

/** The decoded text of a text or CDATA token. */
export function tokenText(xml: string, token: XmlToken): string {
  if (token.kind === 'cdata') return xml.slice(token.start + 9, token.end - 3);
  if (token.kind === 'text') return decodeXML(xml.slice(token.start, token.end));
  return '';
}

export interface XmlAttribute {
  name: string;
  /** Decoded value. */
  value: string;
  /** Range of ` name="value"`, the whitespace before it included (so deleting it leaves a valid tag). */
  start: number;
  end: number;
}

const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gy;

/** The attributes of a start or empty-element tag, with their positions in `xml`. */
export function tagAttributes(xml: string, tag: TagToken): XmlAttribute[] {
  const out: XmlAttribute[] = [];
  const raw = xml.slice(tag.start, tag.end);
  ATTRIBUTE.lastIndex = 1 + tag.name.length;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) {
    out.push({ name: m[1]!, value: decodeXML(m[2] ?? m[3] ?? ''), start: tag.start + m.index, end: tag.start + ATTRIBUTE.lastIndex });
  }
  return out;
}

/** The value of the attribute with this qualified name, or else the first with this local name. */
export function attributeValue(attrs: readonly XmlAttribute[], name: string): string | undefined {
  const exact = attrs.find((a) => a.name === name);
  if (exact) return exact.value;
  return attrs.find((a) => localOf(a.name) === name)?.value;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttribute(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * A start tag rebuilt from the original: attributes named in `remove` (qualified names) left
 * out, those in `set` given the new value in place (or appended), every other attribute as
 * written. `empty` chooses `/>` or `>`.
 */
export function rewriteStartTag(
  xml: string,
  tag: TagToken,
  change: { remove?: readonly string[]; set?: Readonly<Record<string, string>>; empty?: boolean },
): string {
  const attrs = tagAttributes(xml, tag);
  const remove = new Set(change.remove ?? []);
  const set = new Map(Object.entries(change.set ?? {}));
  let out = `<${tag.name}`;
  for (const a of attrs) {
    if (remove.has(a.name)) continue;
    const value = set.get(a.name);
    if (value !== undefined) {
      out += ` ${a.name}="${escapeAttribute(value)}"`;
      set.delete(a.name);
    } else out += xml.slice(a.start, a.end);
  }
  for (const [name, value] of set) out += ` ${name}="${escapeAttribute(value)}"`;
  return out + ((change.empty ?? tag.kind === 'empty') ? '/>' : '>');
}

/** A replacement of `xml[start, end)`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** `xml` with the splices (non-overlapping, any order) applied. */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  if (splices.length === 0) return xml;
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error('overlapping XML splices');
    parts.push(xml.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(xml.slice(at));
  return parts.join('');
}

/**
 * The end of the element whose start tag is `open`: the offset just past its end tag (or the
 * tag itself when it is empty), and the tokens in between.
 */
export function elementEnd(tokens: readonly XmlToken[], openIndex: number): number {
  const open = tokens[openIndex]!;
  if (open.kind !== 'open') return openIndex;
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close' && --depth === 0) return i;
  }
  throw new XmlShapeError('an unclosed element');
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/**
 * In-scope namespace declarations while walking tokens: `enter` on every start and
 * empty-element tag, `leave` on every end tag (and right after an empty-element tag).
 */
export class NamespaceScope {
  private readonly stack: ReadonlyMap<string, string>[] = [new Map([['xml', XML_NAMESPACE]])];

  enter(xml: string, tag: TagToken): void {
    const top = this.stack[this.stack.length - 1]!;
    const raw = xml.slice(tag.start, tag.end);
    if (!raw.includes('xmlns')) {
      this.stack.push(top);
      return;
    }
    const next = new Map(top);
    for (const a of tagAttributes(xml, tag)) {
      if (a.name === 'xmlns') next.set('', a.value);
      else if (a.name.startsWith('xmlns:')) next.set(a.name.slice(6), a.value);
    }
    this.stack.push(next);
  }

  leave(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  /** The namespace of a qualified name (the default namespace applies to elements only). */
  uriOf(qname: string, attribute = false): string {
    const i = qname.indexOf(':');
    const prefix = i < 0 ? '' : qname.slice(0, i);
    if (prefix === '' && attribute) return '';
    return this.stack[this.stack.length - 1]!.get(prefix) ?? '';
  }

  /** A prefix (with its colon; '' for the default namespace) bound to `uri`, or undefined. */
  prefixFor(uri: string): string | undefined {
    for (const [prefix, value] of this.stack[this.stack.length - 1]!) if (value === uri) return prefix === '' ? '' : `${prefix}:`;
    return undefined;
  }
}
