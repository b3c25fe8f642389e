/**
 * HTML: visible text plus the attributes people read (alt, title, value, placeholder) and the
 * addresses in mailto:/tel: links.
 *
 * Every segment points into the decoded HTML source (`meta.sourceText`). htmlparser2's tokenizer
 * reads the source with entity decoding off, so each text run and attribute value comes with its
 * exact source range: plain runs equal their source characters, and each character reference
 * (`&amp;`, `&#1057;`, `&nbsp;`) is its own run flagged `decoded` (see builder.ts).
 *
 * Above the tokenizer sits a stack of open elements that follows the HTML tree-construction rules
 * deciding where elements end: implied end tags (p, li, dd/dt, headings, table cells and rows,
 * option), block end tags only within their scope, formatting end tags that never close a block
 * opened inside them (the adoption agency), stray end tags and misplaced table tags ignored, foreign
 * content (svg, math) and the tags that break out of it, select, implied head and body. So text,
 * line breaks and attribute order are what a walk of the HTML5 tree gives, without building it.
 * Unlike that tree, content is never moved or copied: text the standard foster-parents out of a
 * table stays in source order, a formatting element the adoption agency clones gives its
 * attributes once, and text on both sides of an ignored tag keeps its exact source ranges.
 *
 * Block elements (everything not in INLINE) and attribute values are separated by `\n`; inline
 * elements add nothing, so `<b>112-233</b>-445 95` stays one piece of text. Attribute values wait
 * for the next block boundary, so they never split inline text either.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import iconv from 'iconv-lite';
import { isAscii, isUtf8, transcode } from 'node:buffer';
import type { ScanDocument } from '../../document/types.js';
import { bomEncoding, decodeText, decodeWith, detectUtf16WithoutBom } from '../../text/decode.js';
import type { ExtractInput, Extractor } from '../types.js';
import { Builder, type From, isHtmlSpace, type Run, sliceRuns, splitCharRefs, trimRuns } from './builder.js';

export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml', '.shtml'] as const;

/** Elements whose content is never shown. */
const SKIPPED = new Set(['script', 'style', 'template', 'iframe', 'noembed', 'noframes']);
/** Inline (phrasing) elements: no separator around them. Everything else is a block. */
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font',
  'i', 'img', 'input', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 'rb', 'rp', 'rt', 'ruby', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'output',
]);

// ---------------------------------------------------------------------------------------------
// Element classes (HTML standard, "tree construction")

/** Namespaces: HTML, SVG, MathML. */
const HTML_NS = 0;
const SVG_NS = 1;
const MATH_NS = 2;
type Ns = typeof HTML_NS | typeof SVG_NS | typeof MATH_NS;

const BLOCK = 1 << 0;
const SKIP = 1 << 1;
/** xmp, plaintext: text without character references. */
const LITERAL = 1 << 2;
/** title, textarea. */
const RCDATA = 1 << 3;
/** The standard's "special" category. */
const SPECIAL = 1 << 4;
/** Ends "has an element in scope" searches. */
const SCOPE = 1 << 5;
/** Also ends button-scope searches. */
const BUTTON_SCOPE = 1 << 6;
/** Also ends list-item-scope searches. */
const LIST_SCOPE = 1 << 7;
/** Ends table-scope searches. */
const TABLE_SCOPE = 1 << 8;
/** Ends the search for an open formatting element (a marker in the active formatting list). */
const MARKER = 1 << 9;
/** table, tbody, thead, tfoot, tr: content here would be foster-parented. */
const TABLE_CONTEXT = 1 << 10;
/** Closed by "generate implied end tags". */
const IMPLIED_END = 1 << 11;
const HEADING = 1 << 12;
const VOID = 1 << 13;
const FORMATTING = 1 << 14;
/** svg foreignObject/desc/title, math annotation-xml for HTML: start tags and text follow HTML rules. */
const HTML_IP = 1 << 15;
/** math mi/mo/mn/ms/mtext. */
const MATH_TEXT_IP = 1 << 16;

const HTML_CLASSES: ReadonlyArray<[number, string]> = [
  [
    SPECIAL,
    'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup ' +
      'dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head ' +
      'header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes ' +
      'noscript object ol p param plaintext pre script search section select source style summary table tbody td ' +
      'template textarea tfoot th thead title tr track ul wbr xmp',
  ],
  [SCOPE, 'applet caption html marquee object table td template th'],
  [BUTTON_SCOPE, 'button'],
  [LIST_SCOPE, 'ol ul'],
  [TABLE_SCOPE, 'html table template'],
  [MARKER, 'applet caption html marquee object td template th'],
  [TABLE_CONTEXT, 'table tbody tfoot thead tr'],
  [IMPLIED_END, 'dd dt li optgroup option p rb rp rt rtc'],
  [HEADING, 'h1 h2 h3 h4 h5 h6'],
  [VOID, 'area base basefont bgsound br col embed hr img input keygen link meta param source track wbr'],
  [FORMATTING, 'a b big code em font i nobr s small strike strong tt u'],
  [LITERAL, 'xmp plaintext'],
  [RCDATA, 'title textarea'],
];

const htmlClasses = new Map<string, number>();
for (const [flag, names] of HTML_CLASSES) {
  for (const name of names.split(' ')) htmlClasses.set(name, (htmlClasses.get(name) ?? 0) | flag);
}

function nameFlags(name: string): number {
  return (INLINE.has(name) ? 0 : BLOCK) | (SKIPPED.has(name) ? SKIP : 0);
}

const flagCache = new Map<string, number>();
function htmlFlags(name: string): number {
  let f = flagCache.get(name);
  if (f === undefined) {
    f = nameFlags(name) | (htmlClasses.get(name) ?? 0);
    if (flagCache.size < 1000) flagCache.set(name, f);
  }
  return f;
}

function foreignFlags(name: string, ns: Ns): number {
  let f = nameFlags(name);
  if (ns === SVG_NS && (name === 'foreignobject' || name === 'desc' || name === 'title')) f |= SPECIAL | SCOPE | HTML_IP;
  if (ns === MATH_NS) {
    if (name === 'mi' || name === 'mo' || name === 'mn' || name === 'ms' || name === 'mtext') f |= SPECIAL | SCOPE | MATH_TEXT_IP;
    else if (name === 'annotation-xml') f |= SPECIAL | SCOPE;
  }
  return f;
}

/** Start tags that end foreign content (svg, math). */
const EXITS_FOREIGN = new Set(
  ('b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta ' +
    'nobr ol p pre ruby s small span strong strike sub sup table tt u ul var').split(' '),
);
/** Attributes whose values are text (alt, title, value, placeholder, href) or steer parsing. */
const ATTRIBUTES_READ = new Set(['alt', 'title', 'value', 'placeholder', 'href', 'encoding', 'color', 'face', 'size']);
/** Start tags that stay in the head before the body starts. */
const HEAD_CONTENT = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'noscript', 'noframes', 'style', 'script', 'template']);

interface Open {
  name: string;
  ns: Ns;
  flags: number;
  /** html and body: attribute names, for later `<html>`/`<body>` tags that add attributes. */
  attrs?: string[];
}

/**
 * How far down the stack a search for an open element goes. Real pages nest a few dozen levels;
 * a page of ten thousand unclosed elements would otherwise make each search quadratic.
 */
const MAX_SCAN = 256;

const ROOT: Open = { name: '#document', ns: HTML_NS, flags: SCOPE | TABLE_SCOPE | MARKER | SPECIAL };

function isAsciiAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function asciiLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return s;
}

// ---------------------------------------------------------------------------------------------

export function extractHtml({ bytes }: ExtractInput): ScanDocument {
  const { text: source, encoding } = decodeHtmlBytes(bytes);
  const walker = new Walker(source);
  const tokenizer = new Tokenizer({ decodeEntities: false }, walker);
  tokenizer.write(source);
  tokenizer.end();
  const builder = walker.builder;
  return {
    text: builder.text(),
    segments: builder.segments,
    meta: { format: 'html', encoding, sourceText: source },
  };
}

class Walker implements TokenizerCallbacks {
  readonly builder = new Builder();
  private readonly stack: Open[] = [];
  private readonly counts = new Map<string, number>();
  /** Open elements whose content is hidden (SKIP). */
  private skip = 0;
  /** Open xmp/plaintext elements. */
  private literal = 0;
  private body = false;
  /** 0: no head yet, 1: head open, 2: head closed. */
  private head = 0;
  private doctype = false;
  private seenElement = false;
  /** The parser's form element pointer is set. */
  private form = false;

  // The tag being read.
  private tagName = '';
  private attrCount = 0;
  private readonly attrNames: string[] = [];
  private readonly attrStart: number[] = [];
  private readonly attrEnd: number[] = [];

  // The text node being collected: source pieces, merged when adjacent.
  private pieces = 0;
  private readonly pieceStart: number[] = [];
  private readonly pieceEnd: number[] = [];
  private readonly pieceLiteral: boolean[] = [];
  /** The node's NUL characters are dropped by the parser (and so are outside its source range). */
  private nulIgnored = false;

  constructor(private readonly source: string) {
    this.open('html', HTML_NS, htmlFlags('html'), false).attrs = [];
  }

  // ---- tokenizer callbacks ----

  ontext(start: number, end: number): void {
    if (this.skip > 0 || start < 0) return;
    // At the end of input, htmlparser2 reports an unfinished tag (`<b`, `</b x`, `<br/`) as text;
    // the HTML standard drops it.
    if (end === this.source.length && start > 0 && this.source.charCodeAt(start - 1) === 60 && isAsciiAlpha(this.source.charCodeAt(start))) return;
    this.text(start, end, this.literal > 0);
  }

  ontextentity(): void {}
  onattribentity(): void {}
  onattribend(): void {}
  onprocessinginstruction(): void {}

  onattribname(start: number, end: number): void {
    const i = this.attrCount++;
    // Only the attributes read here get a name (others: ''), sparing a string per class/id/style.
    const n = end - start;
    const name = n === 3 || n === 4 || n === 5 || n === 8 || n === 11 ? asciiLower(this.source.slice(start, end)) : '';
    this.attrNames[i] = ATTRIBUTES_READ.has(name) ? name : '';
    this.attrStart[i] = -1;
    this.attrEnd[i] = -1;
  }

  onattribdata(start: number, end: number): void {
    const i = this.attrCount - 1;
    if (this.attrStart[i]! < 0) this.attrStart[i] = start;
    this.attrEnd[i] = end;
  }

  onopentagname(start: number, end: number): void {
    this.tagName = asciiLower(this.source.slice(start, end));
    this.attrCount = 0;
  }

  onopentagend(): void {
    this.startTag(this.tagName, false);
  }

  onselfclosingtag(): void {
    this.startTag(this.tagName, true);
  }

  onclosetag(start: number, end: number): void {
    this.endTag(asciiLower(this.source.slice(start, end)));
  }

  oncomment(): void {
    if (this.skip === 0) this.flushText();
  }

  oncdata(start: number, end: number, offset: number): void {
    if (this.skip > 0) return;
    // CDATA sections exist in foreign content only; elsewhere `<![CDATA[…]]>` is a comment.
    if (this.top().ns !== HTML_NS) {
      if (end - offset > start) this.text(start, end - offset, true);
    } else this.flushText();
  }

  ondeclaration(): void {
    if (!this.seenElement) this.doctype = true;
  }

  onend(): void {
    this.flushText();
    while (this.stack.length > 0) this.pop();
    this.builder.boundary();
    this.builder.flushAttributes();
  }

  /** Whether `<name` starts a foreign element (no raw-text states for script, style, title…). */
  isInForeignContext(): boolean {
    const top = this.top();
    return top.ns !== HTML_NS && (top.flags & (HTML_IP | MATH_TEXT_IP)) === 0;
  }

  // ---- text ----

  private text(start: number, end: number, literal: boolean): void {
    if (!this.body && !this.isWhitespace(start, end)) this.textStartsBody();
    const n = this.pieces;
    if (n > 0 && this.pieceEnd[n - 1] === start && this.pieceLiteral[n - 1] === literal) {
      this.pieceEnd[n - 1] = end;
      return;
    }
    if (n === 0) {
      const top = this.top();
      this.nulIgnored =
        this.literal === 0 && (top.flags & RCDATA) === 0 && (top.ns === HTML_NS || (top.flags & (HTML_IP | MATH_TEXT_IP)) !== 0);
    }
    this.pieceStart[n] = start;
    this.pieceEnd[n] = end;
    this.pieceLiteral[n] = literal;
    this.pieces = n + 1;
  }

  private isWhitespace(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!isHtmlSpace(this.source.charCodeAt(i))) return false;
    return true;
  }

  /** Text outside the head (or in it, outside title) starts the body. */
  private textStartsBody(): void {
    const top = this.top();
    if (top.flags & RCDATA || this.literal > 0) return;
    this.startBody();
  }

  /**
   * The collected text node, as the tree would hold it: its edges lose HTML whitespace (one
   * separator space instead), plain runs keep their source, character references decode.
   */
  private flushText(): void {
    const n = this.pieces;
    if (n === 0) return;
    this.pieces = 0;
    const src = this.source;
    const starts = this.pieceStart;
    const ends = this.pieceEnd;
    const builder = this.builder;
    let k0 = 0;
    let a = starts[0]!;
    let k1 = n - 1;
    let b = ends[k1]!;
    if (this.nulIgnored) {
      // Dropped NULs at the edges are outside the node.
      for (;;) {
        while (a < ends[k0]! && src.charCodeAt(a) === 0) a++;
        if (a < ends[k0]!) break;
        if (++k0 === n) return;
        a = starts[k0]!;
      }
      for (;;) {
        while (b > starts[k1]! && src.charCodeAt(b - 1) === 0) b--;
        if (b > starts[k1]!) break;
        b = ends[--k1]!;
      }
    }
    // Leading and trailing whitespace.
    let sk = k0;
    let s = a;
    for (;;) {
      const e = sk === k1 ? b : ends[sk]!;
      while (s < e && isHtmlSpace(src.charCodeAt(s))) s++;
      if (s < e) break;
      if (sk === k1) {
        builder.space();
        return;
      }
      s = starts[++sk]!;
    }
    let tk = k1;
    let t = b;
    for (;;) {
      const from = tk === sk ? s : starts[tk]!;
      while (t > from && isHtmlSpace(src.charCodeAt(t - 1))) t--;
      if (t > from) break;
      t = ends[--tk]!;
    }
    if (sk !== k0 || s !== a) builder.space();
    for (let k = sk; k <= tk; k++) {
      const ps = k === sk ? s : starts[k]!;
      const pe = k === tk ? t : ends[k]!;
      if (pe <= ps) continue;
      const raw = src.slice(ps, pe);
      if (this.pieceLiteral[k] || raw.indexOf('&') === -1) builder.plain(raw, ps, pe, 'text');
      else builder.runs(splitCharRefs(src, ps, pe, 'text'), 'text');
    }
    if (tk !== k1 || t !== b) builder.space();
  }

  // ---- the stack ----

  private top(): Open {
    return this.stack[this.stack.length - 1] ?? ROOT;
  }

  /** Open elements by name: searches for an element that is not open end at once. */
  private count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Where searches down the stack stop: a bound that keeps deep, broken markup linear. */
  private floor(): number {
    return Math.max(1, this.stack.length - MAX_SCAN);
  }

  /** Index of the topmost HTML element `name`, or -1. */
  private topmost(name: string): number {
    if (this.count(name) === 0) return -1;
    for (let i = this.stack.length - 1; i > 0; i--) {
      const el = this.stack[i]!;
      if (el.ns === HTML_NS && el.name === name) return i;
    }
    return -1;
  }

  private open(name: string, ns: Ns, flags: number, withAttributes: boolean): Open {
    this.flushText();
    const el: Open = { name, ns, flags };
    this.stack.push(el);
    this.counts.set(name, this.count(name) + 1);
    if (flags & SKIP) this.skip++;
    if (flags & LITERAL) this.literal++;
    if (this.skip === 0) {
      if (flags & BLOCK) this.builder.boundary();
      if (withAttributes && name !== 'br') this.attributes();
    }
    return el;
  }

  private pop(): void {
    this.flushText();
    const el = this.stack.pop()!;
    this.counts.set(el.name, this.count(el.name) - 1);
    if (el.flags & LITERAL) this.literal--;
    if (el.flags & SKIP) this.skip--;
    else if (this.skip === 0 && el.flags & BLOCK) this.builder.boundary();
  }

  /** Pops elements until the stack has `length` elements. */
  private popTo(length: number): void {
    while (this.stack.length > length) this.pop();
  }

  /** Takes an element out of the stack without closing what is above it (adoption agency, forms). */
  private removeAt(i: number): void {
    this.flushText();
    const [el] = this.stack.splice(i, 1);
    this.counts.set(el!.name, this.count(el!.name) - 1);
    if (el!.flags & LITERAL) this.literal--;
    if (el!.flags & SKIP) this.skip--;
  }

  /** Index of the topmost HTML `name` element in the scope that `boundary` flags end, or -1. */
  private inScope(name: string, boundary: number): number {
    if (this.count(name) === 0) return -1;
    for (let i = this.stack.length - 1, floor = this.floor(); i >= floor; i--) {
      const el = this.stack[i]!;
      if (el.ns === HTML_NS && el.name === name) return i;
      if (el.flags & boundary) return -1;
    }
    return -1;
  }

  private inTemplate(): boolean {
    return this.skip > 0 && this.topmost('template') >= 0;
  }

  private isTop(name: string): boolean {
    const top = this.top();
    return top.ns === HTML_NS && top.name === name;
  }

  private generateImpliedEndTags(except?: string): void {
    for (;;) {
      const top = this.top();
      if (top.ns !== HTML_NS || (top.flags & IMPLIED_END) === 0 || top.name === except) return;
      this.pop();
    }
  }

  private closeP(): void {
    const i = this.inScope('p', SCOPE | BUTTON_SCOPE);
    if (i < 0) return;
    this.generateImpliedEndTags('p');
    this.popTo(i);
  }

  /** Pops until the top is one of `names` (HTML). */
  private clearTo(names: readonly string[]): void {
    for (;;) {
      const top = this.top();
      if (this.stack.length <= 1 || (top.ns === HTML_NS && names.includes(top.name))) return;
      this.pop();
    }
  }

  private startBody(): void {
    if (this.body || this.skip > 0) return;
    if (this.isTop('noscript') && this.stack[this.stack.length - 2]?.name === 'head') this.pop();
    if (this.isTop('head')) this.pop();
    this.head = 2;
    this.body = true;
    this.open('body', HTML_NS, htmlFlags('body'), false).attrs = [];
  }

  // ---- start tags ----

  private startTag(name: string, selfClosing: boolean): void {
    this.seenElement = true;
    const top = this.top();
    if (top.ns !== HTML_NS && this.foreignRules(name, top)) {
      if (!this.exitsForeign(name)) {
        const el = this.open(name, top.ns, foreignFlags(name, top.ns), true);
        if (name === 'annotation-xml' && top.ns === MATH_NS && this.htmlAnnotation()) el.flags |= HTML_IP;
        if (selfClosing) this.pop();
        return;
      }
      // Break out of foreign content.
      for (;;) {
        const t = this.top();
        if (t.ns === HTML_NS || t.flags & (HTML_IP | MATH_TEXT_IP) || this.stack.length <= 1) break;
        this.pop();
      }
    }
    this.htmlStartTag(name === 'image' ? 'img' : name, selfClosing);
  }

  /** Whether a start tag in foreign content follows the foreign rules (not the HTML ones). */
  private foreignRules(name: string, top: Open): boolean {
    if (top.flags & MATH_TEXT_IP) return name === 'mglyph' || name === 'malignmark';
    if (top.flags & HTML_IP) return false;
    return !(top.ns === MATH_NS && top.name === 'annotation-xml' && name === 'svg');
  }

  private exitsForeign(name: string): boolean {
    if (EXITS_FOREIGN.has(name)) return true;
    return name === 'font' && (this.hasAttr('color') || this.hasAttr('face') || this.hasAttr('size'));
  }

  private hasAttr(name: string): boolean {
    for (let i = 0; i < this.attrCount; i++) if (this.attrNames[i] === name) return true;
    return false;
  }

  private htmlAnnotation(): boolean {
    for (let i = 0; i < this.attrCount; i++) {
      if (this.attrNames[i] !== 'encoding') continue;
      const s = this.attrStart[i]!;
      const v = s < 0 ? '' : asciiLower(this.source.slice(s, this.attrEnd[i]));
      return v === 'text/html' || v === 'application/xhtml+xml';
    }
    return false;
  }

  private htmlStartTag(name: string, selfClosing: boolean): void {
    if (this.inSelect() && this.selectStartTag(name)) return;
    const flags = htmlFlags(name);
    switch (name) {
      case 'html':
        this.adopt(this.stack[0]);
        return;
      case 'body':
        if (this.skip > 0) return;
        if (this.body) {
          this.adopt(this.stack[this.topmost('body')]);
          return;
        }
        if (this.isTop('noscript') && this.stack[this.stack.length - 2]?.name === 'head') this.pop();
        if (this.isTop('head')) this.pop();
        this.head = 2;
        this.body = true;
        this.open(name, HTML_NS, flags, true).attrs = this.attrList();
        return;
      case 'head':
        if (!this.body && this.head === 0 && this.skip === 0) {
          this.head = 1;
          this.open(name, HTML_NS, flags, true);
        }
        return;
      case 'frameset':
      case 'frame':
        return;
    }
    if (!this.body) {
      if (!HEAD_CONTENT.has(name)) this.startBody();
      else if (this.head === 0 && this.skip === 0) {
        this.head = 1;
        this.open('head', HTML_NS, htmlFlags('head'), false);
      }
    }
    switch (name) {
      case 'caption':
      case 'colgroup':
      case 'col':
      case 'tbody':
      case 'thead':
      case 'tfoot':
      case 'tr':
      case 'td':
      case 'th':
        // Table structure outside a table is ignored.
        if (this.inScope('table', TABLE_SCOPE) < 0) return;
        if (name === 'td' || name === 'th') this.clearTo(['tr', 'tbody', 'thead', 'tfoot', 'table', 'template', 'html']);
        else if (name === 'tr') this.clearTo(['tbody', 'thead', 'tfoot', 'table', 'template', 'html']);
        else if (name === 'col') this.clearTo(['colgroup', 'table', 'template', 'html']);
        else this.clearTo(['table', 'template', 'html']);
        break;
      case 'table':
        if (this.top().flags & TABLE_CONTEXT) {
          const i = this.inScope('table', TABLE_SCOPE);
          if (i >= 0) this.popTo(i);
        } else if (this.doctype) this.closeP();
        break;
      case 'form': {
        // A form inside a form is ignored (the parser's form element pointer), except in templates.
        const inTemplate = this.inTemplate();
        if (this.form && !inTemplate) return;
        if (!inTemplate) this.form = true;
        if (this.top().flags & TABLE_CONTEXT) {
          this.open(name, HTML_NS, flags, true);
          this.pop();
          return;
        }
        this.closeP();
        break;
      }
      case 'li':
      case 'dd':
      case 'dt':
        if (name === 'li' ? this.count('li') === 0 : this.count('dd') + this.count('dt') === 0) {
          this.closeP();
          break;
        }
        for (let i = this.stack.length - 1, floor = this.floor(); i >= floor; i--) {
          const el = this.stack[i]!;
          const same = el.ns === HTML_NS && (name === 'li' ? el.name === 'li' : el.name === 'dd' || el.name === 'dt');
          if (same) {
            this.generateImpliedEndTags(el.name);
            this.popTo(i);
            break;
          }
          if (el.flags & SPECIAL && !(el.ns === HTML_NS && (el.name === 'address' || el.name === 'div' || el.name === 'p'))) break;
        }
        this.closeP();
        break;
      case 'button': {
        const i = this.inScope('button', SCOPE);
        if (i >= 0) {
          this.generateImpliedEndTags();
          this.popTo(i);
        }
        break;
      }
      case 'a':
        for (let i = this.stack.length - 1, floor = this.count('a') === 0 ? i + 1 : this.floor(); i >= floor; i--) {
          const el = this.stack[i]!;
          if (el.ns === HTML_NS && el.name === 'a') {
            this.adoptionAgency('a');
            break;
          }
          if (el.flags & MARKER) break;
        }
        break;
      case 'nobr':
        if (this.inScope('nobr', SCOPE) >= 0) this.adoptionAgency('nobr');
        break;
      case 'option':
      case 'optgroup':
        if (this.isTop('option')) this.pop();
        break;
      case 'rb':
      case 'rtc':
      case 'rt':
      case 'rp':
        if (this.inScope('ruby', SCOPE) >= 0) this.generateImpliedEndTags(name === 'rt' || name === 'rp' ? 'rtc' : undefined);
        break;
      case 'svg':
      case 'math':
        this.open(name, name === 'svg' ? SVG_NS : MATH_NS, foreignFlags(name, HTML_NS), true);
        if (selfClosing) this.pop();
        return;
      default:
        if (flags & HEADING) {
          this.closeP();
          if (this.top().flags & HEADING && this.top().ns === HTML_NS) this.pop();
        } else if (flags & LITERAL || CLOSES_P.has(name)) {
          this.closeP();
        }
    }
    this.open(name, HTML_NS, flags, true);
    if (flags & VOID) this.pop();
  }

  /** Start tags inside select; false when the tag closes the select and is processed normally. */
  private selectStartTag(name: string): boolean {
    switch (name) {
      case 'option':
        if (this.isTop('option')) this.pop();
        this.open(name, HTML_NS, htmlFlags(name), true);
        return true;
      case 'optgroup':
      case 'hr':
        if (this.isTop('option')) this.pop();
        if (this.isTop('optgroup')) this.pop();
        this.open(name, HTML_NS, htmlFlags(name), true);
        if (name === 'hr') this.pop();
        return true;
      case 'input':
      case 'keygen':
      case 'textarea':
      case 'select':
      case 'caption':
      case 'table':
      case 'tbody':
      case 'tfoot':
      case 'thead':
      case 'tr':
      case 'td':
      case 'th': {
        const tableTag = name !== 'input' && name !== 'keygen' && name !== 'textarea' && name !== 'select';
        const i = this.topmost('select');
        if (tableTag && this.count('table') === 0) return true;
        this.popTo(i);
        return name === 'select';
      }
      case 'script':
      case 'template':
      case 'html':
        return false;
      default:
        return true; // ignored
    }
  }

  private inSelect(): boolean {
    if (this.count('select') === 0) return false;
    for (let i = this.stack.length - 1; i > 0; i--) {
      const el = this.stack[i]!;
      if (el.ns !== HTML_NS) return false;
      if (el.name !== 'option' && el.name !== 'optgroup') return el.name === 'select';
    }
    return false;
  }

  /** A second `<html>` or `<body>` tag: its new attributes are read where it stands. */
  private adopt(el: Open | undefined): void {
    if (!el?.attrs || this.skip > 0) return;
    const known = el.attrs;
    const seen: string[] = [];
    for (let i = 0; i < this.attrCount; i++) {
      const name = this.attrNames[i]!;
      if (name === '' || known.includes(name) || seen.includes(name)) continue;
      seen.push(name);
      this.attribute(name, this.attrStart[i]!, this.attrEnd[i]!);
    }
    known.push(...seen);
  }

  private attrList(): string[] {
    const list: string[] = [];
    for (let i = 0; i < this.attrCount; i++) {
      const name = this.attrNames[i]!;
      if (name !== '' && !list.includes(name)) list.push(name);
    }
    return list;
  }

  // ---- end tags ----

  private endTag(name: string): void {
    const top = this.top();
    if (top.ns !== HTML_NS) {
      if (name === 'p' || name === 'br') {
        for (;;) {
          const t = this.top();
          if (t.ns === HTML_NS || t.flags & (HTML_IP | MATH_TEXT_IP) || this.stack.length <= 1) break;
          this.pop();
        }
      } else if (this.count(name) > 0) {
        for (let i = this.stack.length - 1, floor = this.floor(); i >= floor; i--) {
          const el = this.stack[i]!;
          if (el.ns === HTML_NS) break;
          if (el.name === name) {
            this.popTo(i);
            return;
          }
        }
      }
    }
    this.htmlEndTag(name);
  }

  private htmlEndTag(name: string): void {
    if (this.inSelect()) {
      this.selectEndTag(name);
      return;
    }
    const flags = htmlFlags(name);
    if (flags & FORMATTING) {
      this.adoptionAgency(name);
      return;
    }
    switch (name) {
      case 'p': {
        const i = this.inScope('p', SCOPE | BUTTON_SCOPE);
        if (i < 0) {
          // `</p>` without a p: an empty paragraph.
          this.flushText();
          if (this.skip === 0) this.builder.boundary();
          return;
        }
        this.generateImpliedEndTags('p');
        this.popTo(i);
        return;
      }
      case 'br':
        this.flushText();
        if (this.skip === 0) this.builder.boundary();
        return;
      case 'body':
      case 'html':
      case 'col':
      case 'frameset':
        return;
      case 'head':
        if (this.isTop('head')) {
          this.pop();
          this.head = 2;
        }
        return;
      case 'li':
      case 'dd':
      case 'dt': {
        const i = this.inScope(name, name === 'li' ? SCOPE | LIST_SCOPE : SCOPE);
        if (i >= 0) {
          this.generateImpliedEndTags(name);
          this.popTo(i);
        }
        return;
      }
      case 'form': {
        const inTemplate = this.inTemplate();
        const pointer = this.form;
        if (!inTemplate) this.form = false;
        const i = this.inScope('form', SCOPE);
        if ((!pointer && !inTemplate) || i < 0) return;
        this.generateImpliedEndTags();
        if (i === this.stack.length - 1 || inTemplate) this.popTo(i);
        else this.removeAt(i);
        return;
      }
      case 'template': {
        const i = this.topmost('template');
        if (i >= 0) this.popTo(i);
        return;
      }
      case 'table':
      case 'tbody':
      case 'tfoot':
      case 'thead':
      case 'tr':
      case 'td':
      case 'th':
      case 'caption':
      case 'colgroup': {
        const i = this.inScope(name, TABLE_SCOPE);
        if (i >= 0) this.popTo(i);
        return;
      }
    }
    if (flags & HEADING) {
      for (let i = this.stack.length - 1, floor = this.floor(); i >= floor; i--) {
        const el = this.stack[i]!;
        if (el.ns === HTML_NS && el.flags & HEADING) {
          this.generateImpliedEndTags();
          this.popTo(i);
          return;
        }
        if (el.flags & SCOPE) return;
      }
      return;
    }
    if (CLOSED_IN_SCOPE.has(name)) {
      const i = this.inScope(name, SCOPE);
      if (i >= 0) {
        this.generateImpliedEndTags();
        this.popTo(i);
      }
      return;
    }
    this.anyOtherEndTag(name);
  }

  private selectEndTag(name: string): void {
    switch (name) {
      case 'optgroup':
        if (this.isTop('option') && this.stack[this.stack.length - 2]?.name === 'optgroup') this.pop();
        if (this.isTop('optgroup')) this.pop();
        return;
      case 'option':
        if (this.isTop('option')) this.pop();
        return;
      case 'select': {
        const i = this.topmost('select');
        if (i >= 0) this.popTo(i);
        return;
      }
      case 'template': {
        const i = this.topmost('template');
        if (i >= 0) this.popTo(i);
        return;
      }
      case 'caption':
      case 'table':
      case 'tbody':
      case 'tfoot':
      case 'thead':
      case 'tr':
      case 'td':
      case 'th': {
        if (this.inScope(name, TABLE_SCOPE) < 0) return;
        const i = this.topmost('select');
        this.popTo(i);
        this.htmlEndTag(name);
        return;
      }
    }
  }

  /** The topmost element of that name closes, unless a special element is above it. */
  private anyOtherEndTag(name: string): void {
    if (this.count(name) === 0) return;
    for (let i = this.stack.length - 1, floor = this.floor(); i >= floor; i--) {
      const el = this.stack[i]!;
      if (el.ns === HTML_NS && el.name === name) {
        this.generateImpliedEndTags(name);
        this.popTo(i);
        return;
      }
      if (el.flags & SPECIAL) return;
    }
  }

  /**
   * End of a formatting element (a, b, i, font…). The standard's adoption agency re-parents nodes
   * so that such an end tag never closes a block opened inside the formatting element; the text
   * order stays the same. Here: with no block above it, the element closes normally; otherwise it
   * is only taken out of the stack.
   */
  private adoptionAgency(name: string): void {
    let i = -1;
    for (let k = this.stack.length - 1, floor = this.count(name) === 0 ? k + 1 : this.floor(); k >= floor; k--) {
      const el = this.stack[k]!;
      if (el.ns === HTML_NS && el.name === name) {
        i = k;
        break;
      }
      if (el.flags & MARKER) break;
    }
    if (i < 0) {
      this.anyOtherEndTag(name);
      return;
    }
    for (let k = this.stack.length - 1; k > i; k--) {
      if (this.stack[k]!.flags & SCOPE) return; // not in scope
    }
    for (let k = i + 1; k < this.stack.length; k++) {
      if (this.stack[k]!.flags & SPECIAL) {
        this.removeAt(i);
        return;
      }
    }
    this.popTo(i);
  }

  // ---- attributes ----

  private attributes(): void {
    const n = this.attrCount;
    if (n === 0) return;
    const names = this.attrNames;
    let seen: string[] | undefined;
    for (let i = 0; i < n; i++) {
      const name = names[i]!;
      if (name === '') continue;
      // The first of duplicate attributes wins.
      if (seen?.includes(name)) continue;
      (seen ??= []).push(name);
      this.attribute(name, this.attrStart[i]!, this.attrEnd[i]!);
    }
  }

  private attribute(name: string, start: number, end: number): void {
    let from: From | undefined;
    if (name === 'alt' || name === 'title' || name === 'value' || name === 'placeholder') from = name;
    else if (name !== 'href') return;
    if (start < 0 || end <= start) return;
    const raw = this.source.slice(start, end);
    let runs: Run[] =
      raw.indexOf('&') === -1 ? [{ rawStart: start, rawEnd: end, text: raw, decoded: false }] : splitCharRefs(this.source, start, end, 'attribute');
    const value = runs.length === 1 ? runs[0]!.text : runs.map((r) => r.text).join('');
    if (!from) {
      const scheme = /^\s*(mailto|tel):/i.exec(value)?.[1]?.toLowerCase();
      if (scheme !== 'mailto' && scheme !== 'tel') return;
      from = scheme;
    }
    if (value.trim() === '') return;
    if (from === 'mailto' || from === 'tel') {
      const prefix = /^\s*(?:mailto|tel):/i.exec(value)![0].length;
      const query = from === 'mailto' ? value.indexOf('?', prefix) : -1;
      runs = sliceRuns(runs, prefix, query === -1 ? value.length : query);
    }
    runs = trimRuns(runs);
    if (runs.length > 0) this.builder.attribute(runs, from);
  }
}

/** Start tags that close an open p (besides headings, xmp and plaintext). */
const CLOSES_P = new Set(
  ('address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup ' +
    'main menu nav ol p search section summary ul pre listing hr').split(' '),
);
/** End tags that close their element when it is in scope. */
const CLOSED_IN_SCOPE = new Set(
  ('address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer header ' +
    'hgroup listing main menu nav ol pre search section summary ul applet marquee object').split(' '),
);

/**
 * HTML bytes → text: BOM, UTF-16 and valid UTF-8 win; otherwise a `<meta charset>` (or
 * http-equiv Content-Type) declaration in the first 4 KB; otherwise the generic detection.
 */
export function decodeHtmlBytes(bytes: Uint8Array): { text: string; encoding: string } {
  if (bomEncoding(bytes) || detectUtf16WithoutBom(bytes)) return decodeText(bytes);
  if (isUtf8(bytes)) return { text: decodeUtf8(bytes), encoding: 'utf-8' };
  const declared = declaredCharset(bytes);
  if (declared && !declared.startsWith('utf-') && iconv.encodingExists(declared)) {
    return { text: decodeWith(bytes, declared), encoding: declared };
  }
  return decodeText(bytes);
}

/**
 * Valid UTF-8 → string, what decodeText gives. On non-ASCII text ICU's transcoder (to UTF-16)
 * is about 3× faster than V8's UTF-8 decoder, which otherwise takes half the extraction time of a
 * Cyrillic page; ASCII stays on V8's fast one-byte path.
 */
function decodeUtf8(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < 4096 || isAscii(buf) || typeof transcode !== 'function') return buf.toString('utf8');
  try {
    return transcode(buf, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return buf.toString('utf8');
  }
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
