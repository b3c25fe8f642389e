/**
 * XLSX/XLSM/XLTX/XLTM: the anonymised copy of a workbook.
 *
 * Only the parts that hold an edited value are rewritten, and inside them only the elements
 * that change; every other entry keeps its content byte for byte (styles, theme, drawings,
 * macros, printer settings).
 *
 * - An edited cell is written as an inline string (`t="inlineStr"`), keeping its style index
 *   `s`: a shared string is never edited in place, because other cells may use it. A rich
 *   string keeps its runs' formatting (the edit is applied run by run). A number or date cell
 *   that becomes text is written as text (its date format stays on the cell, harmlessly).
 * - A formula cell keeps its formula; its cached result becomes the edited text (`t="str"`).
 *   A formula that holds the value itself in its constants (`="+7 (916) "&"555-12-34"`) is
 *   replaced by the edited text: keeping it would keep the value.
 * - A `mailto:`/`tel:` hyperlink of an edited cell gets the edited address as its target (in
 *   the sheet's relationships); its `display`/`tooltip` copies are dropped.
 * - Notes (`xl/commentsN.xml`) are edited run by run; their legacy drawing's text of an edited
 *   note is emptied (Excel takes the text from the comments part). Every comment author is
 *   cleared, and so are the names of threaded-comment persons.
 * - Shared strings no cell uses any more (the originals of edited cells) are emptied.
 * - Document properties: creator, last modified by and manager are always cleared; other
 *   properties that hold an edited value are edited. A thumbnail of the first sheet is dropped.
 *
 * Each edited cell is read again from the file and its pieces (text, link target, note) are
 * matched to the document's segments; when they differ the copy is refused, and so it is when
 * an edited value is still found anywhere in the package's markup (a pivot cache, a chart's
 * cached series…) — see sheet-residue.ts.
 */
import { linkTarget } from '../../extractors/xlsx/office.js';
import {
  cellText,
  readDateStyles,
  readRels,
  readSharedStrings,
  readWorkbookInfo,
  type PackageParts,
  type SheetContext,
  type WorkbookInfo,
} from '../../extractors/xlsx/plain.js';
import { cellRef, parseCellRef } from '../../extractors/xlsx/sheet-document.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { editSlice, editedText, formulaHoldsValue, isEdited, matchPieces, planSheetEdits, where, type CellPlan, type SegmentPlan } from './sheet-cells.js';
import { SheetPackage, isMarkupPart } from './sheet-package.js';
import { assertNoResidue } from './sheet-residue.js';
import { editRuns, joinRuns, piecesOf, readRuns, writeRuns, type RichRun } from './sheet-runs.js';
import {
  applySplices,
  attributeValue,
  elementEnd,
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

const REL = {
  officeDocument: '/officeDocument',
  comments: '/comments',
  vmlDrawing: '/vmlDrawing',
  threadedComment: '/threadedComment',
  person: '/person',
  core: '/metadata/core-properties',
  app: '/extended-properties',
  thumbnail: '/metadata/thumbnail',
} as const;

/** What the copy lost or how it was made, counted for the notes. */
class Tally {
  cells = 0;
  numbersToText = 0;
  formulasKept = 0;
  formulasDropped = 0;
  links = 0;
  notes = 0;
  vmlTexts = 0;
  authors = 0;
  persons = 0;
  sharedStrings = 0;
  properties: string[] = [];
  thumbnail = false;

  notesList(): string[] {
    const out: string[] = [];
    if (this.cells > 0) out.push(`${this.cells} cell(s) rewritten as inline text, cell styles kept`);
    if (this.numbersToText > 0) out.push(`${this.numbersToText} number/date cell(s) became text cells`);
    if (this.formulasKept > 0) out.push(`${this.formulasKept} formula cell(s) keep their formula with the cached result replaced (a formula recomputes from the already anonymised cells)`);
    if (this.formulasDropped > 0) out.push(`${this.formulasDropped} formula(s) that held the value in their constants replaced by the anonymised text`);
    if (this.links > 0) out.push(`${this.links} hyperlink target(s) rewritten`);
    if (this.notes > 0) out.push(`${this.notes} note(s) edited`);
    if (this.vmlTexts > 0) out.push(`legacy drawing text of ${this.vmlTexts} edited note(s) emptied`);
    if (this.authors > 0) out.push(`${this.authors} comment author(s) cleared`);
    if (this.persons > 0) out.push(`${this.persons} threaded-comment person name(s) cleared`);
    if (this.sharedStrings > 0) out.push(`${this.sharedStrings} shared string(s) no cell uses emptied`);
    const order = [...CORE_FIELDS.values(), ...APP_FIELDS.values()].map((f) => f.name);
    const properties = order.filter((name) => this.properties.includes(name));
    if (properties.length > 0) out.push(`document properties cleared or edited: ${properties.join(', ')}`);
    if (this.thumbnail) out.push('thumbnail picture removed');
    return out;
  }
}

export async function writeXlsx(input: WriteInput): Promise<WriteOutput> {
  const { doc, edits } = input;
  if (doc.meta.format !== 'xlsx') throw new Error(`xlsx writer: a document of format ${doc.meta.format}`);
  const pkg = new SheetPackage(input.bytes);
  const parts: PackageParts = { text: (name) => pkg.text(name) };
  const rootRels = readRels(parts, '_rels/.rels');
  const relOf = (rels: ReturnType<typeof readRels>, type: string) => [...rels.entries()].find(([, r]) => r.type.endsWith(type) && !r.external);
  const workbookPath = relOf(rootRels, REL.officeDocument)?.[1].target ?? 'xl/workbook.xml';
  const info = readWorkbookInfo(parts, workbookPath);
  const plans = planSheetEdits(doc, edits);
  const tally = new Tally();

  for (const name of plans.cells.keys()) {
    if (!info.sheets.some((s) => s.name === name)) throw new Error('xlsx writer: an edit on a sheet the workbook does not have');
  }
  const sst = info.sharedStrings !== undefined ? pkg.text(info.sharedStrings) : undefined;
  const stylesXml = info.styles !== undefined ? pkg.text(info.styles) : undefined;
  const ctx: SheetContext = {
    strings: sst !== undefined ? readSharedStrings(sst, info.sharedStrings!) : [],
    dateStyles: stylesXml !== undefined ? readDateStyles(stylesXml, info.styles!) : [],
    date1904: info.date1904,
  };
  const sstRuns = sst !== undefined ? readSharedStringRuns(sst) : undefined;

  info.sheets.forEach((sheet, k) => {
    const rels = readRels(parts, relsPathOf(sheet.path));
    const commentsPath = relOf(rels, REL.comments)?.[1].target;
    const cells = plans.cells.get(sheet.name);
    if (cells) rewriteSheet({ pkg, sheetIndex: k, path: sheet.path, rels, commentsPath, cells, ctx, sstRuns, tally });
    if (commentsPath !== undefined) clearCommentAuthors(pkg, commentsPath, tally);
  });

  if (sstRuns && info.sharedStrings !== undefined) emptyUnusedSharedStrings(pkg, info, tally);
  const workbookRels = readRels(parts, relsPathOf(workbookPath));
  for (const [, rel] of workbookRels) if (rel.type.endsWith(REL.person) && !rel.external) clearPersons(pkg, rel.target, tally);

  rewriteProperties(pkg, relOf(rootRels, REL.core)?.[1].target ?? 'docProps/core.xml', CORE_FIELDS, plans.properties, tally);
  rewriteProperties(pkg, relOf(rootRels, REL.app)?.[1].target ?? 'docProps/app.xml', APP_FIELDS, plans.properties, tally);
  for (const name of plans.properties.keys()) {
    if (!tally.properties.includes(name)) throw new Error('xlsx writer: an edited document property was not found in the package');
  }

  const thumbnail = relOf(rootRels, REL.thumbnail);
  if (thumbnail) {
    pkg.remove(thumbnail[1].target);
    pkg.setText('_rels/.rels', removeRelationship(pkg.text('_rels/.rels')!, thumbnail[0]));
    tally.thumbnail = true;
  }

  assertNoResidue(
    'xlsx',
    pkg.names.filter(isMarkupPart).map((name) => ({ name, text: pkg.text(name)! })),
    doc,
    edits,
  );
  return { bytes: pkg.write(), notes: tally.notesList() };
}

const relsPathOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');

// ───────────────────────────── worksheets ─────────────────────────────

interface SheetJob {
  pkg: SheetPackage;
  sheetIndex: number;
  path: string;
  rels: ReturnType<typeof readRels>;
  commentsPath: string | undefined;
  cells: Map<string, CellPlan>;
  ctx: SheetContext;
  sstRuns: { runs: RichRun[]; prefix: string }[] | undefined;
  tally: Tally;
}

/** A `<c>` element as read from the sheet. */
interface ParsedCell {
  tag: TagToken;
  /** Offset past the element's end. */
  end: number;
  type: string | undefined;
  style: number;
  formula?: { raw: string; text: string; shared: boolean };
  value?: string;
  inline?: RichRun[];
  /** Children kept as written after the value (`extLst`). */
  rest: string;
}

type Piece = 'main' | 'link' | 'note';

interface Hyperlink {
  tag: TagToken;
  rid: string | undefined;
}

function rewriteSheet(job: SheetJob): void {
  const { pkg, sheetIndex, path, cells } = job;
  const xml = pkg.text(path);
  if (xml === undefined) throw new Error(`xlsx writer: sheet ${sheetIndex + 1} has no part`);
  const { found, hyperlinks } = readSheet(xml, cells);
  const comments = job.commentsPath !== undefined ? readComments(pkg.text(job.commentsPath) ?? '') : new Map<string, CommentText>();

  const splices: Splice[] = [];
  const targets = new Map<string, string>();
  const commentSplices: Splice[] = [];
  const editedNotes = new Set<string>();

  for (const [ref, plan] of cells) {
    const cell = found.get(ref);
    const here = where(sheetIndex, ref);
    const main = cell ? mainText(cell, job.ctx) : undefined;
    const links = hyperlinks.get(ref) ?? [];
    if (links.length > 1) throw new Error(`xlsx writer: ${here} has several hyperlinks`);
    const link = links[0];
    const rel = link?.rid !== undefined ? job.rels.get(link.rid) : undefined;
    const target = linkTarget(rel?.target);
    const shownTarget = target !== undefined && (main ?? '').toLowerCase().includes(target.toLowerCase());
    const note = comments.get(ref);
    const noteText = note && joinRuns(note.runs).trim().length > 0 ? joinRuns(note.runs) : undefined;
    // The exceljs path of the extractor reads notes, the plain one does not.
    const pieces = (withNote: boolean): [Piece, string | undefined][] => [
      ['main', main],
      ['link', shownTarget ? undefined : target],
      ['note', withNote ? noteText : undefined],
    ];
    const match = matchPieces(plan, pieces(true)) ?? matchPieces(plan, pieces(false));
    if (!match) throw new Error(`xlsx writer: ${here} does not read as the scan read it; the copy was not written`);
    const mainSeg = match.get('main');
    const linkSeg = match.get('link');
    const noteSeg = match.get('note');

    if (isEdited(mainSeg) && cell) {
      splices.push({ start: cell.tag.start, end: cell.end, text: rebuildCell(xml, cell, mainSeg, job, here) });
      job.tally.cells++;
      if (!cell.formula && (cell.type === undefined || cell.type === 'n' || cell.type === 'd')) job.tally.numbersToText++;
    }

    if (link && (isEdited(mainSeg) || isEdited(linkSeg))) {
      // The shown text's copies on the hyperlink element go with the text.
      const attrs = tagAttributes(xml, link.tag).filter((a) => a.name === 'display' || a.name === 'tooltip');
      if (attrs.length > 0) splices.push({ start: link.tag.start, end: link.tag.end, text: rewriteStartTag(xml, link.tag, { remove: attrs.map((a) => a.name) }) });
      const newTarget = isEdited(linkSeg) ? editedText(linkSeg) : shownTarget && isEdited(mainSeg) ? targetInText(main!, target!, mainSeg, here) : undefined;
      if (newTarget !== undefined && newTarget !== target && link.rid !== undefined && rel) {
        const href = hrefWith(rel.target, newTarget);
        const earlier = targets.get(link.rid);
        if (earlier !== undefined && earlier !== href) throw new Error(`xlsx writer: ${here} shares a hyperlink with a cell edited differently`);
        targets.set(link.rid, href);
      }
    }

    if (isEdited(noteSeg) && note) {
      const runs = editRuns(note.runs, piecesOf(noteSeg.pieces));
      commentSplices.push({ start: note.start, end: note.end, text: writeRuns(runs.map((r) => ({ ...r, rich: true })), note.prefix) });
      editedNotes.add(ref);
      job.tally.notes++;
    }
  }

  pkg.setText(path, applySplices(xml, splices));
  if (targets.size > 0) {
    const relsPath = relsPathOf(path);
    pkg.setText(relsPath, retarget(pkg.text(relsPath)!, targets));
    job.tally.links += targets.size;
  }
  if (commentSplices.length > 0) {
    pkg.setText(job.commentsPath!, applySplices(pkg.text(job.commentsPath!)!, commentSplices));
    for (const [, rel] of job.rels) {
      if (rel.external) continue;
      if (rel.type.endsWith(REL.threadedComment)) {
        throw new Error(`xlsx writer: sheet ${sheetIndex + 1} has threaded comments, which cannot be anonymised with its notes; the copy was not written`);
      }
      if (rel.type.endsWith(REL.vmlDrawing) && pkg.has(rel.target)) {
        const { text, emptied } = emptyVmlNotes(pkg.text(rel.target)!, editedNotes);
        pkg.setText(rel.target, text);
        job.tally.vmlTexts += emptied;
      }
    }
  }
}

/** The planned cells' elements and every hyperlink of a worksheet part. */
function readSheet(xml: string, planned: ReadonlyMap<string, CellPlan>): { found: Map<string, ParsedCell>; hyperlinks: Map<string, Hyperlink[]> } {
  const found = new Map<string, ParsedCell>();
  const hyperlinks = new Map<string, Hyperlink[]>();
  let row = 0;
  let col = 0;
  const tokens = xmlTokens(xml);
  for (let next = tokens.next(); !next.done; next = tokens.next()) {
    const t = next.value;
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    const name = localOf(t.name);
    if (name === 'row') {
      const r = Number(attributeValue(tagAttributes(xml, t), 'r'));
      row = Number.isInteger(r) && r > 0 ? r : row + 1;
      col = 0;
    } else if (name === 'c') {
      // Positions as the extractor counts them: a cell without `r` follows the previous one.
      const attrs = tagAttributes(xml, t);
      const rAttr = attributeValue(attrs, 'r');
      const at = rAttr !== undefined ? parseCellRef(rAttr) : undefined;
      if (at) [row, col] = [at.row, at.col];
      else col++;
      const ref = cellRef(row, col);
      const children: XmlToken[] = [];
      let end = t.end;
      if (t.kind === 'open') {
        let depth = 1;
        for (let n = tokens.next(); !n.done; n = tokens.next()) {
          const c = n.value;
          if (c.kind === 'open') depth++;
          else if (c.kind === 'close' && --depth === 0) {
            end = c.end;
            break;
          }
          children.push(c);
        }
      }
      if (planned.has(ref)) {
        if (found.has(ref)) throw new Error(`xlsx writer: cell ${ref} is written twice in its sheet`);
        found.set(ref, parseCell(xml, t, attrs, children, end));
      }
    } else if (name === 'hyperlink') {
      const attrs = tagAttributes(xml, t);
      const ref = attributeValue(attrs, 'ref')?.split(':')[0]?.replace(/\$/g, '').toUpperCase();
      const rid = attrs.find((a) => a.name.includes(':') && localOf(a.name) === 'id')?.value;
      if (ref) hyperlinks.set(ref, [...(hyperlinks.get(ref) ?? []), { tag: t, rid }]);
    }
  }
  return { found, hyperlinks };
}

function parseCell(xml: string, tag: TagToken, attrs: ReturnType<typeof tagAttributes>, children: XmlToken[], end: number): ParsedCell {
  const cell: ParsedCell = { tag, end, type: attributeValue(attrs, 't'), style: Number(attributeValue(attrs, 's') ?? 0), rest: '' };
  for (let i = 0; i < children.length; i++) {
    const t = children[i]!;
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    const close = elementEnd(children, i);
    const inner = children.slice(i + 1, close);
    const raw = xml.slice(t.start, children[close]!.end);
    const name = localOf(t.name);
    if (name === 'f') {
      const fAttrs = tagAttributes(xml, t);
      cell.formula = {
        raw,
        text: inner.map((x) => tokenText(xml, x)).join(''),
        shared: attributeValue(fAttrs, 't') === 'shared' && attributeValue(fAttrs, 'ref') !== undefined,
      };
    } else if (name === 'v') cell.value = inner.map((x) => tokenText(xml, x)).join('');
    else if (name === 'is') cell.inline = readRuns(xml, inner);
    else cell.rest += raw;
    i = close;
  }
  return cell;
}

/** The cell's text as the extractor reads it (plain.ts), or undefined when it shows none. */
function mainText(cell: ParsedCell, ctx: SheetContext): string | undefined {
  const inline = cell.inline ? joinRuns(cell.inline) : undefined;
  return cellText(cell.type, cell.value, inline, cell.style, ctx)?.text;
}

/** The new `<c>` element of an edited cell (see the module comment). */
function rebuildCell(xml: string, cell: ParsedCell, seg: SegmentPlan, job: SheetJob, here: string): string {
  const p = prefixOf(cell.tag.name);
  const text = editedText(seg);
  let formula = cell.formula;
  if (formula && formulaHoldsValue(formula.text, seg)) {
    // The formula's constants spell the value: only its result can stay.
    if (formula.shared) throw new Error(`xlsx writer: ${here} is the master of a shared formula that holds an anonymised value; the copy was not written`);
    formula = undefined;
    job.tally.formulasDropped++;
  }
  const open = (type: string | undefined, empty: boolean) =>
    rewriteStartTag(xml, cell.tag, { remove: ['t', 'vm'], ...(type ? { set: { t: type } } : {}), empty });
  if (formula) {
    job.tally.formulasKept++;
    return `${open('str', false)}${formula.raw}<${p}v>${escapeText(text)}</${p}v>${cell.rest}</${cell.tag.name}>`;
  }
  if (text.length === 0) return cell.rest ? `${open(undefined, false)}${cell.rest}</${cell.tag.name}>` : open(undefined, true);
  const runs = editRuns(originalRuns(cell, seg.text, job), piecesOf(seg.pieces));
  return `${open('inlineStr', false)}<${p}is>${writeRuns(runs, p)}</${p}is>${cell.rest}</${cell.tag.name}>`;
}

/** The runs the cell's text is made of: its rich shared or inline string, else one plain run. */
function originalRuns(cell: ParsedCell, text: string, job: SheetJob): RichRun[] {
  const p = prefixOf(cell.tag.name);
  let runs: RichRun[] | undefined;
  if (cell.type === 's' && job.sstRuns) {
    const entry = job.sstRuns[Number(cell.value)];
    // Run properties are copied as written: only where both parts bind SpreadsheetML alike.
    if (entry) runs = entry.prefix === p ? entry.runs : entry.runs.map((r) => ({ ...r, properties: '' }));
  } else if (cell.type === 'inlineStr') runs = cell.inline;
  return runs && joinRuns(runs) === text ? runs : [{ properties: '', text, rich: false }];
}

/** The link address shown inside the cell's text, with the text's edits applied to it. */
function targetInText(main: string, target: string, seg: SegmentPlan, here: string): string {
  const lower = main.toLowerCase();
  if (lower.length !== main.length) throw new Error(`xlsx writer: ${here} has a hyperlink that cannot be located in its text`);
  const at = lower.indexOf(target.toLowerCase());
  return editSlice(main.slice(at, at + target.length), at, seg.pieces);
}

/** `mailto:`/`tel:` with a new address; the original's query (cc, subject) is not kept. */
function hrefWith(original: string, address: string): string {
  const scheme = /^\s*(mailto|tel):/i.exec(original)?.[1] ?? 'mailto';
  return `${scheme}:${encodeURIComponent(address).replace(/%40/g, '@').replace(/%2B/gi, '+')}`;
}

/** A relationships part with new targets for some ids. */
function retarget(xml: string, targets: ReadonlyMap<string, string>): string {
  const splices: Splice[] = [];
  for (const t of xmlTokens(xml)) {
    if ((t.kind !== 'open' && t.kind !== 'empty') || localOf(t.name) !== 'Relationship') continue;
    const id = attributeValue(tagAttributes(xml, t), 'Id');
    const target = id !== undefined ? targets.get(id) : undefined;
    if (target !== undefined) splices.push({ start: t.start, end: t.end, text: rewriteStartTag(xml, t, { set: { Target: target } }) });
  }
  return applySplices(xml, splices);
}

function removeRelationship(xml: string, id: string): string {
  const tokens = [...xmlTokens(xml)];
  const splices: Splice[] = [];
  tokens.forEach((t, i) => {
    if ((t.kind === 'open' || t.kind === 'empty') && localOf(t.name) === 'Relationship' && attributeValue(tagAttributes(xml, t), 'Id') === id) {
      splices.push({ start: t.start, end: tokens[elementEnd(tokens, i)]!.end, text: '' });
    }
  });
  return applySplices(xml, splices);
}

// ───────────────────────────── shared strings ─────────────────────────────

/** Each `<si>`'s runs, by index. */
function readSharedStringRuns(xml: string): { runs: RichRun[]; prefix: string }[] {
  const tokens = [...xmlTokens(xml)];
  const out: { runs: RichRun[]; prefix: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ((t.kind === 'open' || t.kind === 'empty') && localOf(t.name) === 'si') {
      const close = elementEnd(tokens, i);
      out.push({ runs: readRuns(xml, tokens.slice(i + 1, close)), prefix: prefixOf(t.name) });
      i = close;
    }
  }
  return out;
}

/**
 * Empties the shared strings that no cell uses (the originals of the cells now written inline,
 * and strings left behind by earlier edits, which the scan never read) and corrects `count`.
 */
function emptyUnusedSharedStrings(pkg: SheetPackage, info: WorkbookInfo, tally: Tally): void {
  const used = new Set<number>();
  let references = 0;
  for (const sheet of info.sheets) {
    const xml = pkg.text(sheet.path);
    if (xml === undefined) continue;
    let shared = false;
    let inValue = false;
    let value = '';
    for (const t of xmlTokens(xml)) {
      if (t.kind === 'open' || t.kind === 'empty') {
        const name = localOf(t.name);
        if (name === 'c') shared = attributeValue(tagAttributes(xml, t), 't') === 's';
        else if (name === 'v' && shared && t.kind === 'open') {
          inValue = true;
          value = '';
        }
      } else if (t.kind === 'close' && inValue && localOf(t.name) === 'v') {
        inValue = false;
        used.add(Number(value.trim()));
        references++;
      } else if (inValue) value += tokenText(xml, t);
    }
  }
  const path = info.sharedStrings!;
  const xml = pkg.text(path)!;
  const tokens = [...xmlTokens(xml)];
  const splices: Splice[] = [];
  let index = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    const name = localOf(t.name);
    if (name === 'sst' && attributeValue(tagAttributes(xml, t), 'count') !== undefined) {
      const count = String(references);
      if (attributeValue(tagAttributes(xml, t), 'count') !== count) splices.push({ start: t.start, end: t.end, text: rewriteStartTag(xml, t, { set: { count } }) });
    } else if (name === 'si') {
      const close = elementEnd(tokens, i);
      const inner = tokens.slice(i + 1, close);
      const hasText = inner.some((x) => (x.kind === 'text' || x.kind === 'cdata') && tokenText(xml, x).length > 0);
      if (!used.has(index) && hasText) {
        const p = prefixOf(t.name);
        splices.push({ start: t.start, end: tokens[close]!.end, text: `<${p}si><${p}t></${p}t></${p}si>` });
        tally.sharedStrings++;
      }
      index++;
      i = close;
    }
  }
  pkg.setText(path, applySplices(xml, splices));
}

// ───────────────────────────── comments ─────────────────────────────

interface CommentText {
  /** Range of the `<text>` element's content. */
  start: number;
  end: number;
  /** The `<r>` runs (what exceljs reads as the note). */
  runs: RichRun[];
  prefix: string;
}

function readComments(xml: string): Map<string, CommentText> {
  const tokens = [...xmlTokens(xml)];
  const out = new Map<string, CommentText>();
  let ref: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'open' && t.kind !== 'empty') continue;
    const name = localOf(t.name);
    if (name === 'comment') ref = attributeValue(tagAttributes(xml, t), 'ref')?.replace(/\$/g, '').toUpperCase();
    else if (name === 'text' && ref !== undefined && t.kind === 'open') {
      const close = elementEnd(tokens, i);
      out.set(ref, { start: t.end, end: tokens[close]!.start, runs: readRuns(xml, tokens.slice(i + 1, close), true), prefix: prefixOf(t.name) });
      ref = undefined;
      i = close;
    }
  }
  return out;
}

/** Every `<author>` of a comments part emptied (authorId indexes stay valid). */
function clearCommentAuthors(pkg: SheetPackage, path: string, tally: Tally): void {
  const xml = pkg.text(path);
  if (xml === undefined) return;
  const tokens = [...xmlTokens(xml)];
  const splices: Splice[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'open' || localOf(t.name) !== 'author') return;
    const close = elementEnd(tokens, i);
    if (tokens[close]!.start > t.end) {
      splices.push({ start: t.end, end: tokens[close]!.start, text: '' });
      tally.authors++;
    }
  });
  pkg.setText(path, applySplices(xml, splices));
}

/**
 * The legacy (VML) drawing of notes: the text box of each edited note's shape emptied. VML is
 * often not well-formed XML, so shapes are found by pattern: `<v:shape>` blocks whose client
 * data names the note's 0-based row and column.
 */
function emptyVmlNotes(vml: string, refs: ReadonlySet<string>): { text: string; emptied: number } {
  let emptied = 0;
  const text = vml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    if (row === undefined || col === undefined || !refs.has(cellRef(Number(row) + 1, Number(col) + 1))) return shape;
    return shape.replace(/(<v:textbox\b[^>]*>)([\s\S]*?)(<\/v:textbox>)/g, (_m, open: string, inner: string, close: string) => {
      const bare = inner.replace(/(^|>)[^<]*/g, '$1');
      if (bare !== inner) emptied++;
      return open + bare + close;
    });
  });
  return { text, emptied };
}

/** Threaded-comment persons (`xl/persons/person.xml`): names and user ids cleared. */
function clearPersons(pkg: SheetPackage, path: string, tally: Tally): void {
  const xml = pkg.text(path);
  if (xml === undefined) return;
  const splices: Splice[] = [];
  for (const t of xmlTokens(xml)) {
    if ((t.kind !== 'open' && t.kind !== 'empty') || localOf(t.name) !== 'person') continue;
    const attrs = tagAttributes(xml, t);
    const set: Record<string, string> = {};
    for (const a of attrs) if ((a.name === 'displayName' || a.name === 'userId') && a.value !== '') set[a.name] = '';
    if (Object.keys(set).length > 0) {
      splices.push({ start: t.start, end: t.end, text: rewriteStartTag(xml, t, { set }) });
      tally.persons++;
    }
  }
  pkg.setText(path, applySplices(xml, splices));
}

// ───────────────────────────── document properties ─────────────────────────────

/** Element local name → property name (as the extractors name them); `clear` ones always emptied. */
const CORE_FIELDS = new Map<string, { name: string; clear: boolean }>([
  ['creator', { name: 'creator', clear: true }],
  ['lastModifiedBy', { name: 'lastModifiedBy', clear: true }],
  ['title', { name: 'title', clear: false }],
  ['subject', { name: 'subject', clear: false }],
  ['keywords', { name: 'keywords', clear: false }],
  ['category', { name: 'category', clear: false }],
  ['description', { name: 'description', clear: false }],
]);
const APP_FIELDS = new Map<string, { name: string; clear: boolean }>([
  ['Company', { name: 'company', clear: false }],
  ['Manager', { name: 'manager', clear: true }],
]);

function rewriteProperties(
  pkg: SheetPackage,
  path: string,
  fields: ReadonlyMap<string, { name: string; clear: boolean }>,
  plans: ReadonlyMap<string, SegmentPlan>,
  tally: Tally,
): void {
  const xml = pkg.text(path);
  if (xml === undefined) return;
  const tokens = [...xmlTokens(xml)];
  const splices: Splice[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'open') continue;
    const field = fields.get(localOf(t.name));
    if (!field) continue;
    const close = elementEnd(tokens, i);
    const inner = tokens.slice(i + 1, close);
    const plan = plans.get(field.name);
    const start = t.end;
    const end = tokens[close]!.start;
    if (field.clear) {
      if (end > start) splices.push({ start, end, text: '' });
      if (end > start || plan) tally.properties.push(field.name);
    } else if (isEdited(plan)) {
      const text = inner.every((x) => x.kind === 'text' || x.kind === 'cdata') ? inner.map((x) => tokenText(xml, x)).join('') : undefined;
      if (text !== plan.text) throw new Error(`xlsx writer: the document property ${field.name} does not read as the scan read it; the copy was not written`);
      splices.push({ start, end, text: escapeText(editedText(plan)) });
      tally.properties.push(field.name);
    }
    i = close;
  }
  pkg.setText(path, applySplices(xml, splices));
}

const writer: FormatWriter = { formats: ['xlsx'], write: writeXlsx };
export default writer;
