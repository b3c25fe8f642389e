/**
 * ODS/OTS: the anonymised copy of an OpenDocument spreadsheet.
 *
 * `content.xml` and `meta.xml` are rewritten with splices at the elements that change; every
 * other entry keeps its content byte for byte, and `mimetype` stays the first entry, stored.
 *
 * - An edited cell gets the edited text as its paragraphs (the first paragraph's style kept;
 *   spans and links inside the cell are not kept) and keeps its cell style, annotation and
 *   pictures. A float/date/percentage/currency/time cell that becomes text is written as a
 *   string cell: `office:value-type="string"`, and the typed value attributes (which hold the
 *   original number or date) are dropped. A formula stays unless its constants spell the value.
 * - Repeats: an edited cell inside a `table:number-columns-repeated` run, or in a row of a
 *   `table:number-rows-repeated` run, is split out of the run; the copies before and after it
 *   keep the run with a smaller count.
 * - A `mailto:`/`tel:` link target (an extra piece of a cell) that was edited gets a new
 *   `xlink:href`.
 * - Authors: `meta:initial-creator`, `dc:creator` and `meta:printed-by` of meta.xml are
 *   cleared, and so are the authors (`dc:creator`, initials) of annotations and tracked changes
 *   in content.xml. Title, subject, description and keywords get their edits.
 * - The thumbnail picture (a rendering of the first sheet) is dropped, with its manifest entry.
 *
 * As for XLSX, each edited cell is read again and matched to the document's segments, and the
 * copy is refused when an edited value is still found in any XML part (sheet-residue.ts).
 */
import { MAX_COLUMN, MAX_ROW, odsCellValue, type CellState } from '../../extractors/ods/index.js';
import { linkTarget } from '../../extractors/xlsx/office.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { editedText, formulaHoldsValue, isEdited, matchPieces, planSheetEdits, where, type CellPlan, type SegmentPlan } from './sheet-cells.js';
import { SheetPackage, isMarkupPart } from './sheet-package.js';
import { assertNoResidue } from './sheet-residue.js';
import {
  NamespaceScope,
  applySplices,
  elementEnd,
  escapeAttribute,
  escapeText,
  localOf,
  prefixOf,
  rewriteStartTag,
  tagAttributes,
  tokenText,
  xmlTokens,
  type Splice,
  type TagToken,
  type XmlToken,
} from './sheet-xml.js';

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
  dc: 'http://purl.org/dc/elements/1.1/',
  calcext: 'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
} as const;

/** Most spaces one `text:s` stands for (as the extractor reads it). */
const MAX_SPACES = 1024;

class Tally {
  cells = 0;
  typedToText = 0;
  split = 0;
  formulasKept = 0;
  formulasDropped = 0;
  links = 0;
  linksDropped = 0;
  authors = 0;
  properties: string[] = [];
  thumbnail = false;

  notesList(): string[] {
    const out: string[] = [];
    if (this.cells > 0) out.push(`${this.cells} cell(s) rewritten, cell styles kept (character formatting inside an edited cell is not kept)`);
    if (this.typedToText > 0) out.push(`${this.typedToText} number/date cell(s) became string cells`);
    if (this.split > 0) out.push(`${this.split} repeated cell or row run(s) split around edited cells`);
    if (this.formulasKept > 0) out.push(`${this.formulasKept} formula cell(s) keep their formula with the shown result replaced (a formula recomputes from the already anonymised cells)`);
    if (this.formulasDropped > 0) out.push(`${this.formulasDropped} formula(s) that held the value in their constants replaced by the anonymised text`);
    if (this.links > 0) out.push(`${this.links} hyperlink target(s) rewritten`);
    if (this.linksDropped > 0) out.push(`${this.linksDropped} hyperlink(s) inside edited cells removed`);
    if (this.authors > 0) out.push(`${this.authors} annotation or change author(s) cleared`);
    const properties = META_FIELDS.map((f) => f.name).filter((name) => this.properties.includes(name));
    if (properties.length > 0) out.push(`document properties cleared or edited: ${properties.join(', ')}`);
    if (this.thumbnail) out.push('thumbnail picture removed');
    return out;
  }
}

export async function writeOds(input: WriteInput): Promise<WriteOutput> {
  const { doc, edits } = input;
  if (doc.meta.format !== 'ods') throw new Error(`ods writer: a document of format ${doc.meta.format}`);
  const pkg = new SheetPackage(input.bytes);
  const plans = planSheetEdits(doc, edits);
  const tally = new Tally();

  const content = pkg.text('content.xml');
  if (content === undefined) throw new Error('ods writer: the package has no content.xml');
  const sheets = new Set<string>();
  const edited = rewriteContent(content, plans.cells, tally, sheets);
  for (const name of plans.cells.keys()) if (!sheets.has(name)) throw new Error('ods writer: an edit on a sheet the spreadsheet does not have');
  pkg.setText('content.xml', clearAuthors(edited, tally));

  const meta = pkg.text('meta.xml');
  if (meta !== undefined) pkg.setText('meta.xml', rewriteMeta(meta, plans.properties, tally));
  for (const name of plans.properties.keys()) {
    if (!tally.properties.includes(name)) throw new Error('ods writer: an edited document property was not found in meta.xml');
  }

  const thumbnails = pkg.names.filter((n) => n.startsWith('Thumbnails/'));
  if (thumbnails.length > 0) {
    for (const name of thumbnails) pkg.remove(name);
    const manifest = pkg.text('META-INF/manifest.xml');
    if (manifest !== undefined) pkg.setText('META-INF/manifest.xml', dropManifestEntries(manifest, 'Thumbnails/'));
    tally.thumbnail = true;
  }

  assertNoResidue(
    'ods',
    pkg.names.filter(isMarkupPart).map((name) => ({ name, text: pkg.text(name)! })),
    doc,
    edits,
  );
  return { bytes: pkg.write(), notes: tally.notesList() };
}

// ───────────────────────────── attributes ─────────────────────────────

interface NsAttribute {
  name: string;
  uri: string;
  local: string;
  value: string;
}

/** The tag's attributes with their namespaces (the tag must be entered in `scope`). */
function nsAttributes(xml: string, tag: TagToken, scope: NamespaceScope): NsAttribute[] {
  return tagAttributes(xml, tag).map((a) => ({ name: a.name, uri: scope.uriOf(a.name, true), local: localOf(a.name), value: a.value }));
}

const find = (attrs: readonly NsAttribute[], uri: string, local: string) => attrs.find((a) => a.uri === uri && a.local === local);

function repeatCount(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Consumes the rest of the element `open` from `tokens`, keeping the scope balanced; returns all its tokens. */
function collect(open: TagToken, tokens: Iterator<XmlToken>): XmlToken[] {
  const out: XmlToken[] = [open];
  if (open.kind !== 'open') return out;
  let depth = 1;
  for (let n = tokens.next(); !n.done; n = tokens.next()) {
    const t = n.value;
    out.push(t);
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close' && --depth === 0) return out;
  }
  throw new Error('ods writer: an unclosed element');
}

// ───────────────────────────── content.xml ─────────────────────────────

/**
 * content.xml with the planned cells rewritten. Walks the part as the extractor does (sheets
 * are top-level `table:table`s, rows at table depth 1, repeats counted) and rebuilds only the
 * rows that hold a planned cell.
 */
function rewriteContent(xml: string, cells: ReadonlyMap<string, Map<string, CellPlan>>, tally: Tally, sheets: Set<string>): string {
  const scope = new NamespaceScope();
  const splices: Splice[] = [];
  let tableDepth = 0;
  let sheetCount = 0;
  let sheetIndex = 0;
  let rowIndex = 0;
  let rows: Map<number, CellPlan[]> = new Map();
  /** Planned rows of the current sheet, ascending, and how many of them are behind. */
  let pending: number[] = [];
  let next = 0;
  const tokens = xmlTokens(xml);
  for (let n = tokens.next(); !n.done; n = tokens.next()) {
    const t = n.value;
    if (t.kind === 'close') {
      if (scope.uriOf(t.name) === NS.table && localOf(t.name) === 'table') tableDepth--;
      scope.leave();
      continue;
    }
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    scope.enter(xml, t);
    const uri = scope.uriOf(t.name);
    const local = localOf(t.name);
    if (uri === NS.table && local === 'table') {
      if (tableDepth === 0) {
        if (next < pending.length) throw new Error(`ods writer: sheet ${sheetIndex + 1} has an edit below its last row`);
        const name = find(nsAttributes(xml, t, scope), NS.table, 'name')?.value ?? `Sheet${sheetCount + 1}`;
        sheetIndex = sheetCount++;
        sheets.add(name);
        rowIndex = 0;
        rows = rowsOf(cells.get(name));
        pending = [...rows.keys()].sort((a, b) => a - b);
        next = 0;
      }
      if (t.kind === 'open') tableDepth++;
      else scope.leave();
    } else if (uri === NS.table && local === 'table-row' && tableDepth === 1) {
      const attrs = nsAttributes(xml, t, scope);
      const repeat = repeatCount(find(attrs, NS.table, 'number-rows-repeated')?.value);
      const rowTokens = collect(t, tokens);
      const planned: CellPlan[] = [];
      while (next < pending.length && pending[next]! <= rowIndex + repeat) {
        const r = pending[next++]!;
        if (r > rowIndex) planned.push(...rows.get(r)!);
      }
      if (planned.length > 0) {
        const text = rebuildRow(xml, rowTokens, scope, { sheetIndex, rowIndex, repeat, planned, tally });
        splices.push({ start: t.start, end: rowTokens[rowTokens.length - 1]!.end, text });
      } else {
        walkScope(xml, rowTokens, 1, scope);
      }
      scope.leave();
      rowIndex += repeat;
    } else if (t.kind === 'empty') scope.leave();
  }
  if (next < pending.length) throw new Error(`ods writer: sheet ${sheetIndex + 1} has an edit below its last row`);
  return applySplices(xml, splices);
}

function rowsOf(plans: Map<string, CellPlan> | undefined): Map<number, CellPlan[]> {
  const out = new Map<number, CellPlan[]>();
  for (const plan of plans?.values() ?? []) {
    const list = out.get(plan.row);
    if (list) list.push(plan);
    else out.set(plan.row, [plan]);
  }
  return out;
}

/** Enters and leaves the scope for `tokens[from…]` (an element's inner tokens and its end tag excluded). */
function walkScope(xml: string, tokens: readonly XmlToken[], from: number, scope: NamespaceScope, to = tokens.length - 1): void {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open') scope.enter(xml, t);
    else if (t.kind === 'empty') {
      scope.enter(xml, t);
      scope.leave();
    } else if (t.kind === 'close') scope.leave();
  }
}

interface RowJob {
  sheetIndex: number;
  /** Rows before this row element (0-based index of its first copy). */
  rowIndex: number;
  repeat: number;
  planned: CellPlan[];
  tally: Tally;
}

/** One `table:table-cell` / `table:covered-table-cell` of a row, read as the extractor reads it. */
interface OdsCell {
  tokens: XmlToken[];
  open: TagToken;
  attrs: NsAttribute[];
  /** 0-based column of its first copy. */
  col: number;
  repeat: number;
  text: string | undefined;
  extras: string[];
  /** Top-level children: range, whether they carry text the extractor reads, and kind. */
  children: { start: number; end: number; text: boolean; annotation: boolean; paragraph: boolean }[];
  /** The first paragraph's `text:style-name` attribute as written, if any. */
  paragraphStyle: string;
  textPrefix: string;
  officePrefix: string | undefined;
  /** Link start tags (`text:a`) with their href attribute's name and value. */
  links: { tag: TagToken; name: string; href: string }[];
}

function rebuildRow(xml: string, tokens: XmlToken[], scope: NamespaceScope, job: RowJob): string {
  const open = tokens[0] as TagToken;
  const close = tokens[tokens.length - 1]!;
  const rowAttrs = nsAttributes(xml, open, scope);
  const repeatAttr = find(rowAttrs, NS.table, 'number-rows-repeated')?.name;

  // The row's cells, with their columns.
  const cells: OdsCell[] = [];
  let col = 0;
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (t.kind === 'close') {
      scope.leave();
      continue;
    }
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    scope.enter(xml, t);
    const local = localOf(t.name);
    const end = elementEnd(tokens, i);
    if (scope.uriOf(t.name) === NS.table && (local === 'table-cell' || local === 'covered-table-cell')) {
      const cell = readCell(xml, tokens.slice(i, end + 1), scope, col);
      cells.push(cell);
      col += cell.repeat;
    } else walkScope(xml, tokens, i + 1, scope, end);
    scope.leave();
    i = end;
  }

  // Planned cells → (row copy, cell, column copy).
  const byCopy = new Map<number, Map<OdsCell, Map<number, CellPlan>>>();
  for (const plan of job.planned) {
    const r = plan.row - job.rowIndex - 1;
    const cell = cells.find((c) => plan.col > c.col && plan.col <= c.col + c.repeat && plan.col <= MAX_COLUMN);
    if (!cell || plan.row > MAX_ROW) throw new Error(`ods writer: ${where(job.sheetIndex, plan.ref)} was not found in content.xml; the copy was not written`);
    let copy = byCopy.get(r);
    if (!copy) byCopy.set(r, (copy = new Map()));
    let ks = copy.get(cell);
    if (!ks) copy.set(cell, (ks = new Map()));
    ks.set(plan.col - cell.col - 1, plan);
  }

  const rest = xml.slice(open.end, close.end);
  const rowRun = (n: number) => {
    if (repeatAttr === undefined) return xml.slice(open.start, close.end);
    return rewriteStartTag(xml, open, n > 1 ? { set: { [repeatAttr]: String(n) } } : { remove: [repeatAttr] }) + rest;
  };
  const editedRow = (copy: Map<OdsCell, Map<number, CellPlan>>) => {
    const splices = [...copy].map(([cell, ks]) => ({
      start: cell.open.start - open.end,
      end: cell.tokens[cell.tokens.length - 1]!.end - open.end,
      text: cellRuns(xml, cell, ks, job),
    }));
    const inner = applySplices(xml.slice(open.end, close.start), splices);
    const start = repeatAttr !== undefined ? rewriteStartTag(xml, open, { remove: [repeatAttr] }) : xml.slice(open.start, open.end);
    return start + inner + xml.slice(close.start, close.end);
  };
  if (job.repeat > 1) job.tally.split++;
  return runs(job.repeat, byCopy, rowRun, editedRow);
}

/**
 * A run of `count` copies written as: unedited stretches as the run with a smaller count,
 * each edited copy on its own.
 */
function runs<T>(count: number, edited: ReadonlyMap<number, T>, run: (n: number) => string, one: (edit: T) => string): string {
  const keys = [...edited.keys()].sort((a, b) => a - b);
  let out = '';
  let at = 0;
  for (const k of keys) {
    if (k > at) out += run(k - at);
    out += one(edited.get(k)!);
    at = k + 1;
  }
  if (count > at) out += run(count - at);
  return out;
}

/** A cell element as read by the extractor, for the copy that starts at column `col`. */
function readCell(xml: string, tokens: XmlToken[], scope: NamespaceScope, col: number): OdsCell {
  const open = tokens[0] as TagToken;
  const attrs = nsAttributes(xml, open, scope);
  const value = (uri: string, local: string) => find(attrs, uri, local)?.value;
  const state: CellState = {
    repeat: repeatCount(value(NS.table, 'number-columns-repeated')),
    type: value(NS.office, 'value-type') ?? value(NS.table, 'value-type'),
    value: value(NS.office, 'value') ?? value(NS.table, 'value'),
    dateValue: value(NS.office, 'date-value') ?? value(NS.table, 'date-value'),
    stringValue: value(NS.office, 'string-value'),
    text: '',
    paragraphs: 0,
    inParagraph: 0,
    skip: 0,
    links: [],
  };
  const cell: OdsCell = {
    tokens,
    open,
    attrs,
    col,
    repeat: state.repeat,
    text: undefined,
    extras: [],
    children: [],
    paragraphStyle: '',
    textPrefix: scope.prefixFor(NS.text) ?? '',
    officePrefix: scope.prefixFor(NS.office) || undefined,
    links: [],
  };
  let depth = 0;
  let child: OdsCell['children'][number] | undefined;
  const openTag = (t: TagToken) => {
    const uri = scope.uriOf(t.name);
    const local = localOf(t.name);
    if (depth === 0) {
      child = { start: t.start, end: t.end, text: false, annotation: uri === NS.office && local === 'annotation', paragraph: uri === NS.text && (local === 'p' || local === 'h') };
      cell.children.push(child);
      if (child.paragraph && cell.children.filter((c) => c.paragraph).length === 1) {
        const style = nsAttributes(xml, t, scope).find((a) => a.uri === NS.text && a.local === 'style-name');
        if (style) cell.paragraphStyle = ` ${style.name}="${escapeAttribute(style.value)}"`;
        if (prefixOf(t.name) !== '') cell.textPrefix = prefixOf(t.name);
      }
    }
    depth++;
    // The extractor's reading (src/extractors/ods/index.ts, parseContent).
    if (state.skip > 0 || (uri === NS.office && local === 'annotation')) {
      state.skip++;
      return;
    }
    if (uri !== NS.text) return;
    if (local === 'p' || local === 'h') {
      if (state.inParagraph === 0 && state.paragraphs++ > 0) state.text += '\n';
      state.inParagraph++;
      if (child) child.text = true;
    } else if (local === 's') {
      if (state.inParagraph > 0) state.text += ' '.repeat(Math.min(repeatCount(nsAttributes(xml, t, scope).find((a) => a.uri === NS.text && a.local === 'c')?.value), MAX_SPACES));
    } else if (local === 'tab') {
      if (state.inParagraph > 0) state.text += '\t';
    } else if (local === 'line-break') {
      if (state.inParagraph > 0) state.text += '\n';
    } else if (local === 'a') {
      const href = nsAttributes(xml, t, scope).find((a) => a.uri === NS.xlink && a.local === 'href');
      const target = linkTarget(href?.value);
      if (target !== undefined) state.links.push(target);
      if (href) cell.links.push({ tag: t, name: href.name, href: href.value });
    }
  };
  const closeTag = (t: TagToken) => {
    depth--;
    if (depth === 0 && child) {
      child.end = t.end;
      child = undefined;
    }
    if (state.skip > 0) state.skip--;
    else if (scope.uriOf(t.name) === NS.text && (localOf(t.name) === 'p' || localOf(t.name) === 'h')) state.inParagraph--;
  };
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open') {
      scope.enter(xml, t);
      openTag(t);
    } else if (t.kind === 'empty') {
      scope.enter(xml, t);
      openTag(t);
      closeTag(t);
      scope.leave();
    } else if (t.kind === 'close') {
      closeTag(t);
      scope.leave();
    } else if ((t.kind === 'text' || t.kind === 'cdata') && state.skip === 0 && state.inParagraph > 0) {
      state.text += tokenText(xml, t);
    }
  }
  const read = odsCellValue(state);
  cell.text = read?.text;
  cell.extras = read?.extras ?? [];
  return cell;
}

/** A cell element's `ks` copies edited, the others kept as runs. */
function cellRuns(xml: string, cell: OdsCell, ks: ReadonlyMap<number, CellPlan>, job: RowJob): string {
  const repeatAttr = find(cell.attrs, NS.table, 'number-columns-repeated')?.name;
  const end = cell.tokens[cell.tokens.length - 1]!.end;
  const rest = xml.slice(cell.open.end, end);
  const run = (n: number) => {
    if (repeatAttr === undefined) return xml.slice(cell.open.start, end);
    return rewriteStartTag(xml, cell.open, n > 1 ? { set: { [repeatAttr]: String(n) } } : { remove: [repeatAttr] }) + rest;
  };
  if (cell.repeat > 1) job.tally.split++;
  return runs(cell.repeat, ks, run, (plan) => editCell(xml, cell, plan, job));
}

/** Value attributes that hold the original number, date, time or text. */
const TYPED_VALUES: readonly [string, string][] = [
  [NS.office, 'value'],
  [NS.office, 'date-value'],
  [NS.office, 'time-value'],
  [NS.office, 'boolean-value'],
  [NS.office, 'string-value'],
  [NS.office, 'currency'],
  [NS.table, 'value'],
  [NS.table, 'date-value'],
  [NS.table, 'time-value'],
  [NS.table, 'boolean-value'],
  [NS.table, 'string-value'],
  [NS.table, 'value-type'],
];

/** One copy of a cell with its edits (see the module comment). */
function editCell(xml: string, cell: OdsCell, plan: CellPlan, job: RowJob): string {
  const here = where(job.sheetIndex, plan.ref);
  const expected: [string, string | undefined][] = [['main', cell.text], ...cell.extras.map((e, i): [string, string] => [`link${i}`, e])];
  const match = matchPieces(plan, expected);
  if (!match) throw new Error(`ods writer: ${here} does not read as the scan read it; the copy was not written`);
  const repeatAttr = find(cell.attrs, NS.table, 'number-columns-repeated')?.name;
  const close = cell.tokens[cell.tokens.length - 1]!;
  const main = match.get('main');

  if (isEdited(main)) return rebuildCell(xml, cell, main, job);

  // Only link targets changed: new hrefs, the rest of the cell as written.
  const splices: Splice[] = [];
  cell.extras.forEach((extra, i) => {
    const seg = match.get(`link${i}`);
    if (!isEdited(seg)) return;
    for (const link of cell.links) {
      if (linkTarget(link.href) !== extra) continue;
      const scheme = /^\s*(mailto|tel):/i.exec(link.href)?.[1] ?? 'mailto';
      const href = `${scheme}:${encodeURIComponent(editedText(seg)).replace(/%40/g, '@').replace(/%2B/gi, '+')}`;
      splices.push({ start: link.tag.start, end: link.tag.end, text: rewriteStartTag(xml, link.tag, { set: { [link.name]: href } }) });
      job.tally.links++;
    }
  });
  const start = rewriteStartTag(xml, cell.open, repeatAttr !== undefined ? { remove: [repeatAttr] } : {});
  if (cell.open.kind === 'empty') return start;
  const body = applySplices(xml.slice(cell.open.end, close.start), splices.map((s) => ({ ...s, start: s.start - cell.open.end, end: s.end - cell.open.end })));
  return start + body + xml.slice(close.start, close.end);
}

/** The cell with new text: typed values dropped, paragraphs replaced, other children kept. */
function rebuildCell(xml: string, cell: OdsCell, seg: SegmentPlan, job: RowJob): string {
  const text = editedText(seg);
  const remove = cell.attrs.filter((a) => TYPED_VALUES.some(([uri, local]) => a.uri === uri && a.local === local)).map((a) => a.name);
  const repeatAttr = find(cell.attrs, NS.table, 'number-columns-repeated');
  if (repeatAttr) remove.push(repeatAttr.name);
  const formula = find(cell.attrs, NS.table, 'formula');
  if (formula) {
    if (formulaHoldsValue(formula.value, seg)) {
      remove.push(formula.name);
      job.tally.formulasDropped++;
    } else job.tally.formulasKept++;
  }
  const set: Record<string, string> = {};
  const valueType = find(cell.attrs, NS.office, 'value-type');
  const calcType = find(cell.attrs, NS.calcext, 'value-type');
  if (valueType && valueType.value !== 'string') job.tally.typedToText++;
  if (text.length === 0) {
    // An empty cell has no type.
    if (valueType) remove.push(valueType.name);
    if (calcType) remove.push(calcType.name);
  } else {
    const name = valueType?.name ?? (cell.officePrefix ? `${cell.officePrefix}value-type` : undefined);
    if (name === undefined) throw new Error('ods writer: content.xml binds no prefix to the office namespace');
    set[name] = 'string';
    if (calcType) set[calcType.name] = 'string';
  }
  const start = rewriteStartTag(xml, cell.open, { remove, set, empty: false });
  // Paragraphs are written with a prefix (their `text:c` attributes need one).
  if (text.length > 0 && cell.textPrefix === '') throw new Error('ods writer: content.xml binds no prefix to the text namespace');

  const paragraphs = text.length > 0 ? text.split('\n').map((line) => `<${cell.textPrefix}p${cell.paragraphStyle}>${odfText(line, cell.textPrefix)}</${cell.textPrefix}p>`).join('') : '';
  let body = '';
  let placed = false;
  for (const child of cell.children) {
    if (child.annotation || (!child.text && !child.paragraph)) body += xml.slice(child.start, child.end);
    else if (!placed) {
      body += paragraphs;
      placed = true;
    }
  }
  if (!placed) body += paragraphs;
  job.tally.linksDropped += cell.links.length;
  job.tally.cells++;
  return `${start}${body}</${cell.open.name}>`;
}

/**
 * Text as ODF paragraph content: a tab as `text:tab`; a run of spaces at either end, or the
 * spaces after the first of a run, as `text:s` (ODF collapses them otherwise).
 */
function odfText(line: string, p: string): string {
  let out = '';
  let at = 0;
  const spaces = (n: number) => (n > 1 ? `<${p}s ${p}c="${n}"/>` : `<${p}s/>`);
  for (const m of line.matchAll(/ +|\t/g)) {
    out += escapeText(line.slice(at, m.index));
    const run = m[0];
    if (run === '\t') out += `<${p}tab/>`;
    else if (m.index === 0 || m.index + run.length === line.length) out += spaces(run.length);
    else out += run.length === 1 ? ' ' : ` ${spaces(run.length - 1)}`;
    at = m.index + run.length;
  }
  return out + escapeText(line.slice(at));
}

/** Authors of annotations and tracked changes (`dc:creator`, `meta:creator-initials`) emptied. */
function clearAuthors(xml: string, tally: Tally): string {
  const scope = new NamespaceScope();
  const splices: Splice[] = [];
  let author: { start: number } | undefined;
  let depth = 0;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open' || t.kind === 'empty') {
      scope.enter(xml, t);
      const uri = scope.uriOf(t.name);
      const local = localOf(t.name);
      if (t.kind === 'open') {
        if (!author && ((uri === NS.dc && local === 'creator') || (uri === NS.meta && local === 'creator-initials'))) {
          author = { start: t.end };
          depth = 0;
        }
        depth++;
      } else scope.leave();
    } else if (t.kind === 'close') {
      scope.leave();
      depth--;
      if (author && depth === 0) {
        if (t.start > author.start) {
          splices.push({ start: author.start, end: t.start, text: '' });
          tally.authors++;
        }
        author = undefined;
      }
    }
  }
  return applySplices(xml, splices);
}

// ───────────────────────────── meta.xml ─────────────────────────────

/** meta.xml fields: the extractor's property name, or `clear` for the author fields. */
const META_FIELDS: { uri: string; local: string; name: string; clear: boolean }[] = [
  { uri: NS.meta, local: 'initial-creator', name: 'creator', clear: true },
  { uri: NS.dc, local: 'creator', name: 'lastModifiedBy', clear: true },
  { uri: NS.meta, local: 'printed-by', name: 'printedBy', clear: true },
  { uri: NS.dc, local: 'title', name: 'title', clear: false },
  { uri: NS.dc, local: 'subject', name: 'subject', clear: false },
  { uri: NS.meta, local: 'keyword', name: 'keywords', clear: false },
  { uri: NS.dc, local: 'description', name: 'description', clear: false },
];

function rewriteMeta(xml: string, plans: ReadonlyMap<string, SegmentPlan>, tally: Tally): string {
  const scope = new NamespaceScope();
  const tokens = [...xmlTokens(xml)];
  const found = new Map<string, { start: number; end: number; inner: { start: number; end: number }; text: string | undefined }[]>();
  let inMeta = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'close') {
      if (scope.uriOf(t.name) === NS.office && localOf(t.name) === 'meta') inMeta--;
      scope.leave();
      continue;
    }
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    scope.enter(xml, t);
    const uri = scope.uriOf(t.name);
    const local = localOf(t.name);
    if (uri === NS.office && local === 'meta' && t.kind === 'open') {
      inMeta++;
      continue;
    }
    const field = inMeta > 0 && t.kind === 'open' ? META_FIELDS.find((f) => f.uri === uri && f.local === local) : undefined;
    if (!field) {
      if (t.kind === 'empty') scope.leave();
      continue;
    }
    const close = elementEnd(tokens, i);
    walkScope(xml, tokens, i + 1, scope, close);
    scope.leave();
    const inner = tokens.slice(i + 1, close);
    const text = inner.every((x) => x.kind === 'text' || x.kind === 'cdata') ? inner.map((x) => tokenText(xml, x)).join('') : undefined;
    found.set(field.name, [...(found.get(field.name) ?? []), { start: t.start, end: tokens[close]!.end, inner: { start: t.end, end: tokens[close]!.start }, text }]);
    i = close;
  }

  const splices: Splice[] = [];
  for (const field of META_FIELDS) {
    const list = found.get(field.name) ?? [];
    const plan = plans.get(field.name);
    if (field.clear) {
      for (const el of list) if (el.inner.end > el.inner.start) splices.push({ start: el.inner.start, end: el.inner.end, text: '' });
      if (list.some((el) => el.inner.end > el.inner.start) || plan) tally.properties.push(field.name);
    } else if (isEdited(plan)) {
      // The extractor trims each element's text and joins repeated elements with ", ".
      const joined = list.every((el) => el.text !== undefined)
        ? list
            .map((el) => el.text!.trim())
            .filter((s) => s.length > 0)
            .join(', ')
        : undefined;
      if (joined !== plan.text || list.length === 0) throw new Error(`ods writer: the document property ${field.name} does not read as the scan read it; the copy was not written`);
      list.forEach((el, k) => {
        if (k === 0) splices.push({ start: el.inner.start, end: el.inner.end, text: escapeText(editedText(plan)) });
        else splices.push({ start: el.start, end: el.end, text: '' });
      });
      tally.properties.push(field.name);
    }
  }
  return applySplices(xml, splices);
}

/** The manifest without the file entries under `folder`. */
function dropManifestEntries(xml: string, folder: string): string {
  const scope = new NamespaceScope();
  const tokens = [...xmlTokens(xml)];
  const splices: Splice[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'close') {
      scope.leave();
      continue;
    }
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    scope.enter(xml, t);
    if (scope.uriOf(t.name) === NS.manifest && localOf(t.name) === 'file-entry') {
      const path = nsAttributes(xml, t, scope).find((a) => a.uri === NS.manifest && a.local === 'full-path')?.value ?? '';
      const close = elementEnd(tokens, i);
      if (path.startsWith(folder)) {
        walkScope(xml, tokens, i + 1, scope, close);
        splices.push({ start: t.start, end: tokens[close]!.end, text: '' });
        scope.leave();
        i = close;
        continue;
      }
    }
    if (t.kind === 'empty') scope.leave();
  }
  return applySplices(xml, splices);
}

const writer: FormatWriter = { formats: ['ods'], write: writeOds };
export default writer;
