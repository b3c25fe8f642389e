/**
 * Finds special-category cues and decides, per cue, whether it is personal data or a mention
 * (ru-pd-reference §9.4):
 * - a filled value (a pack's `values`, "Label: value" of a pack field, a table column under a field
 *   header, an ICD-10 code on a line with a health cue) is personal data;
 * - a strong cue is personal data when its record (table row or paragraph) names a subject (a
 *   name, a birth date, an identifier); otherwise a mention;
 * - a weak cue counts only with a subject in its record;
 * - template and policy wording around a cue ("сведения о наличии или отсутствии судимости",
 *   "____", "(при наличии)", "обработка персональных данных, касающихся …") makes it a mention.
 * Mentions are findings with personalData false: they tell what a file is about without raising
 * its level of personal data.
 */
import type { CategoryId } from '../categories.js';
import type { FoundCandidate } from '../types.js';
import { compilePacks, matchesOf, pairKey, type CompiledPacks, type Cue, type FieldLabel } from './compile.js';
import { COMMON } from './packs.js';

interface Hit {
  start: number;
  end: number;
  category: CategoryId;
  pattern: string;
  /** value: a filled value (personal data unless it is a statement in general wording). */
  kind: 'field' | 'statement' | 'weakValue' | 'strong' | 'weak' | 'mention';
  /** Higher wins where hits overlap. */
  priority: number;
  validated?: boolean;
}

let compiled: CompiledPacks | undefined;
export function packs(): CompiledPacks {
  return (compiled ??= compilePacks());
}

export function findSpecial(view: string): FoundCandidate[] {
  const c = packs();
  const doc = new DocIndex(view, c);
  const hits: Hit[] = [];
  valueHits(view, c, hits);
  tableHits(view, c, doc, hits);
  icdHits(view, c, doc, hits);
  strongRegexHits(view, c, hits);
  tokenHits(view, c, doc, hits);
  fuzzyHits(view, c, hits);
  return classify(selectHits(hits), doc);
}

// ───────────────────────────── producers ─────────────────────────────

function valueHits(view: string, c: CompiledPacks, out: Hit[]): void {
  for (const v of c.values) {
    for (const m of matchesOf(v.regex, view)) {
      const kind = v.kind === 'weak' ? 'weakValue' : v.kind;
      out.push({ start: m.index, end: m.index + m[0].length, category: v.category, pattern: v.name, kind, priority: 4, validated: true });
    }
  }
}

/** "Label: value" of a pack field, tried where a token starts like the label. */
function tryField(view: string, at: number, field: FieldLabel, doc: DocIndex, c: CompiledPacks, out: Hit[]): void {
  field.regex.lastIndex = at;
  const m = field.regex.exec(view);
  const valueRange = m?.indices?.groups?.['value'];
  if (!m || !valueRange) return;
  const value = trimValue(view, valueRange[0], valueRange[1]);
  if (!value) return;
  if (view.slice(at, valueRange[0]).includes('\t')) {
    // Label and value in cells of their own: only a two-cell row is a label/value form; a wider
    // row is a table (see tableHits), and a label is never a value.
    const [ls, le] = doc.lineAt(at);
    const cells = view.slice(ls, le).split('\t').filter((cell) => cell.trim() !== '');
    if (cells.length !== 2 || c.headerCell.some((h) => h.regex.test(view.slice(value[0], value[1])))) return;
  }
  out.push({
    start: at,
    end: value[1],
    category: field.category,
    pattern: field.weak ? 'weak-field' : 'field',
    kind: field.weak ? 'weakValue' : 'field',
    priority: 4,
    validated: true,
  });
}

/** A table (tab-separated rows) whose header row names a field: the filled cells below it are values. */
function tableHits(view: string, c: CompiledPacks, doc: DocIndex, out: Hit[]): void {
  if (!view.includes('\t')) return;
  const lines = doc.lines();
  for (let i = 0; i < lines.length; i++) {
    const [ls, le] = lines[i]!;
    const line = view.slice(ls, le);
    if (!line.includes('\t') || /\d/.test(line)) continue;
    const cells = splitCells(line, ls);
    const isLabel = (cell: [number, number]) => c.headerCell.find((h) => h.regex.test(view.slice(cell[0], cell[1]).trim()));
    const filled = cells.filter((cell) => view.slice(cell[0], cell[1]).trim() !== '');
    // "Национальность<TAB>русский": a label/value row of a form, not a header (see fieldHits).
    if (filled.length === 2 && isLabel(filled[0]!) && !isLabel(filled[1]!)) continue;
    const columns: Array<{ index: number; category: CategoryId; weak: boolean }> = [];
    cells.forEach((cell, index) => {
      const header = isLabel(cell);
      if (!header) return;
      columns.push({ index, category: header.label.category, weak: header.label.weak });
      // The header names the category; the cells below hold the values.
      const [s, e] = trimRange(view, cell[0], cell[1]);
      out.push({ start: s, end: e, category: header.label.category, pattern: 'table-header', kind: 'mention', priority: 3 });
    });
    if (columns.length === 0) continue;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const [rs, re] = lines[j]!;
      const row = view.slice(rs, re);
      if (!row.includes('\t')) break;
      const rowCells = splitCells(row, rs);
      for (const col of columns) {
        const cell = rowCells[col.index];
        if (!cell) continue;
        const value = trimValue(view, cell[0], cell[1]);
        if (!value) continue;
        const text = view.slice(value[0], value[1]);
        if (c.headerCell.some((h) => h.regex.test(text))) continue; // a label, not a value (a label/value form)
        out.push({
          start: value[0],
          end: value[1],
          category: col.category,
          pattern: 'table-column',
          kind: col.weak ? 'weakValue' : 'field',
          priority: 3,
          validated: true,
        });
      }
    }
    i = j - 1;
  }
}

function splitCells(line: string, offset: number): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let start = 0;
  for (let k = 0; k <= line.length; k++) {
    if (k === line.length || line[k] === '\t') {
      cells.push([offset + start, offset + k]);
      start = k + 1;
    }
  }
  return cells;
}

function trimRange(view: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(view[s]!)) s++;
  while (e > s && /\s/.test(view[e - 1]!)) e--;
  return [s, e];
}

const BLANK_VALUE = /^[\s_.…\-–—*]*$/u;
/** Form instructions and checkbox alternatives standing where a value would be. */
const TEMPLATE_VALUE =
  /^(?:\(.*\)|\[.*\]|указ\p{L}*|заполн\p{L}*|при\s+наличии|если\s|по\s+желанию|да\s*\/\s*нет|есть\s*\/\s*нет|имеется\s*\/|нет\s*\/\s*да)|_{2,}|:$/iu;

/** The value's range without surrounding blanks and final punctuation, or undefined when it is not a value. */
function trimValue(view: string, start: number, end: number): [number, number] | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(view[s]!)) s++;
  while (e > s && /[\s,.;]/.test(view[e - 1]!)) e--;
  if (s >= e) return undefined;
  const text = view.slice(s, e);
  if (BLANK_VALUE.test(text) || TEMPLATE_VALUE.test(text)) return undefined;
  if (!/[\p{L}\d]/u.test(text)) return undefined;
  // The next sentence is not part of the value.
  const stop = text.search(/[.!?]\s+(?=[А-ЯЁA-Z][а-яёa-z])/u);
  if (stop > 0) e = s + stop;
  return [s, e];
}

/** ICD-10 codes on a line that holds a health cue ("Диагноз", "МКБ", "Ds", "основной", "сопутствующий"). */
function icdHits(view: string, c: CompiledPacks, doc: DocIndex, out: Hit[]): void {
  for (const icd of c.icd) {
    let lastLine = -1;
    for (const cue of matchesOf(icd.cues, view)) {
      const [ls, le] = doc.lineAt(cue.index);
      if (ls === lastLine) continue;
      lastLine = ls;
      const line = view.slice(ls, le);
      icd.code.lastIndex = 0;
      let previousEnd = -1;
      for (const m of line.matchAll(icd.code)) {
        const start = ls + m.index;
        const end = start + m[0].length;
        const letter = m.groups?.['letter'] ?? '';
        const cue = icd.cueThenCode.exec(view.slice(ls, start));
        if (/[01]/.test(letter)) {
          // "I10" and "O80" reach the view as "110" and "080" (OCR digit folding): accept them only
          // right after the cue or after another code of the same list.
          const before = view.slice(Math.max(ls, previousEnd >= 0 ? previousEnd : ls), start);
          const afterCode = previousEnd >= 0 && /^[\s,;]+$/u.test(before);
          if (!cue && !afterCode) continue;
        }
        previousEnd = end;
        // "Ds: J45.0", "сопутствующий: I10": the cue and its code are one value.
        const from = cue ? ls + cue.index : start;
        out.push({ start: from, end, category: icd.category, pattern: 'icd10', kind: 'field', priority: 3, validated: true });
      }
    }
  }
}

function strongRegexHits(view: string, c: CompiledPacks, out: Hit[]): void {
  for (const r of c.strongRegex) {
    for (const m of matchesOf(r.regex, view)) {
      out.push({ start: m.index, end: m.index + m[0].length, category: r.category, pattern: r.name, kind: 'strong', priority: 2 });
    }
  }
}

const PRIORITY: Record<'strong' | 'weak' | 'mention', number> = { strong: 2, mention: 2, weak: 1 };

/** Every token is looked up by its first letters; candidate cues and field labels are verified in place. */
function tokenHits(view: string, c: CompiledPacks, doc: DocIndex, out: Hit[]): void {
  const n = view.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(view.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(view.charCodeAt(j))) j++;
    // Most tokens start with two letters no cue or label starts with: skip them without allocating.
    if (j - i >= 2 && c.prefixes.has(pairKey(view.charCodeAt(i), view.charCodeAt(i + 1)))) {
      const lower = view.slice(i, Math.min(j, i + 4)).toLowerCase().replaceAll('ё', 'е');
      for (let k = 2; k <= lower.length; k++) {
        const key = lower.slice(0, k);
        const cues = c.byKey.get(key);
        if (cues) for (const cue of cues) tryCue(view, i, cue, out);
        const fields = c.fieldsByKey.get(key);
        if (fields) for (const field of fields) tryField(view, i, field, doc, c, out);
      }
    }
    if (j - i <= c.acronymMaxLength && isUpper(view.charCodeAt(i))) {
      const acronyms = c.acronyms.get(view.slice(i, j));
      if (acronyms) for (const cue of acronyms) tryCue(view, i, cue, out);
    }
    i = j;
  }
}

function tryCue(view: string, at: number, cue: Cue, out: Hit[]): void {
  cue.regex.lastIndex = at;
  const m = cue.regex.exec(view);
  if (!m) return;
  out.push({ start: at, end: at + m[0].length, category: cue.category, pattern: cue.source, kind: cue.strength, priority: PRIORITY[cue.strength] });
}

function isUpper(code: number): boolean {
  return (code >= 0x410 && code <= 0x42f) || code === 0x401 || (code >= 65 && code <= 90);
}

function isLetter(code: number): boolean {
  return (code >= 0x430 && code <= 0x44f) || (code >= 0x410 && code <= 0x42f) || code === 0x451 || code === 0x401 || ((code | 32) >= 97 && (code | 32) <= 122);
}

/** Noise inside a Cyrillic word: Latin letters, digits or stray symbols between Cyrillic letters (OCR). */
const NOISE = /[а-яё][a-z0-9|}{[\]!\\/@#$%^&]{1,3}(?=[а-яё])|(?<![\p{L}\d])[0-9|}{[\]]{1,2}(?=[а-яё]{3})/giu;
const DIGIT_LETTERS: Readonly<Record<string, string>> = { '0': 'о', '3': 'з', '4': 'ч', '6': 'б', u: 'и', m: 'т', n: 'п', r: 'г', b: 'ь' };

/** Strong single-word cues in OCR-damaged words, matched with the context matcher's edit-distance tolerance. */
function fuzzyHits(view: string, c: CompiledPacks, out: Hit[]): void {
  NOISE.lastIndex = 0;
  let lastEnd = -1;
  const verdicts = new Map<string, string | null>();
  for (const m of view.matchAll(NOISE)) {
    if (m.index < lastEnd) continue;
    let s = m.index;
    let e = m.index + m[0].length;
    while (s > 0 && !isSpace(view.charCodeAt(s - 1))) s--;
    while (e < view.length && !isSpace(view.charCodeAt(e))) e++;
    lastEnd = e;
    // Leading and trailing punctuation is not part of the word.
    while (s < e && TRIM_PUNCT.includes(view[s]!)) s++;
    while (e > s && TRIM_PUNCT.includes(view[e - 1]!)) e--;
    if (e - s < 5 || e - s > 30) continue;
    const raw = view.slice(s, e);
    let word = verdicts.get(raw);
    if (word === undefined) {
      const cleaned = [...raw.toLowerCase()].map((ch) => DIGIT_LETTERS[ch] ?? (/[а-яё]/.test(ch) ? ch : '')).join('');
      word = cleaned.length < 5 ? null : (c.fuzzy.matcher.find(cleaned) ?? null);
      verdicts.set(raw, word);
    }
    if (word === null) continue;
    const category = c.fuzzy.categoryOf.get(word);
    if (category) out.push({ start: s, end: e, category, pattern: `ocr:${word}`, kind: 'strong', priority: 2 });
  }
}

const TRIM_PUNCT = '.,:;!?"«»()';

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 0xa0;
}

// ───────────────────────────── overlaps and verdicts ─────────────────────────────

/** Where hits overlap, the higher priority wins, then the longer span, then the earlier one. */
function selectHits(hits: Hit[]): Hit[] {
  const ranked = [...hits].sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // `kept` stays sorted by start and free of overlaps: only the neighbours of the insertion point can collide.
  const kept: Hit[] = [];
  for (const h of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < h.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > h.start) || (after && after.start < h.end)) continue;
    kept.splice(lo, 0, h);
  }
  return kept;
}

function classify(hits: Hit[], doc: DocIndex): FoundCandidate[] {
  const s = COMMON.scores;
  const out: FoundCandidate[] = [];
  const mentions = new Map<CategoryId, number>();
  const mention = (h: Hit, note: string): void => {
    const n = mentions.get(h.category) ?? 0;
    if (n >= COMMON.maxMentionsPerCategory) return;
    mentions.set(h.category, n + 1);
    out.push(candidate(h, s.mention, false, `mention: ${note}`));
  };
  for (const h of hits) {
    switch (h.kind) {
      case 'field':
        out.push(candidate(h, s.value, true, 'filled value'));
        break;
      case 'statement': {
        const clause = doc.clause(h.start, h.end);
        const general = doc.c.genericSubject.test(clause) || doc.c.templateMarkers.test(clause);
        if (!general || doc.subjectInRecord(h.start, h.end)) out.push(candidate(h, s.value, true, 'statement about a person'));
        else mention(h, 'general wording');
        break;
      }
      case 'weakValue':
        if (doc.subjectInRecord(h.start, h.end) && !doc.isTemplate(h) && !doc.isPolicyRecord(h)) {
          out.push(candidate(h, s.weakWithSubject, true, 'value next to a subject'));
        }
        break;
      case 'strong':
        if (doc.isTemplate(h) || doc.isPolicyRecord(h)) mention(h, 'template or policy wording');
        else if (doc.isQuoted(h)) mention(h, 'part of a name in quotes');
        else if (doc.subjectInRecord(h.start, h.end)) out.push(candidate(h, s.strongWithSubject, true, 'subject in the same record'));
        else if (doc.isNamed(h)) mention(h, 'names a kind of document or information');
        else mention(h, 'no subject nearby');
        break;
      case 'weak':
        if (!doc.isTemplate(h) && !doc.isPolicyRecord(h) && !doc.isNamed(h) && !doc.isQuoted(h) && doc.subjectInRecord(h.start, h.end)) {
          out.push(candidate(h, s.weakWithSubject, true, 'weak cue next to a subject'));
        }
        break;
      case 'mention':
        mention(h, h.pattern === 'table-header' ? 'column header' : 'not identifiable from text');
        break;
    }
  }
  return out;
}

function candidate(h: Hit, score: number, personalData: boolean, note: string): FoundCandidate {
  return {
    start: h.start,
    end: h.end,
    score,
    pattern: h.pattern,
    category: h.category,
    personalData,
    note,
    ...(h.validated ? { validated: true } : {}),
  };
}

// ───────────────────────────── records, clauses, subjects ─────────────────────────────

/** Lazily computed structure of the text: lines, records, subject evidence. */
class DocIndex {
  private lineStarts: number[] | undefined;
  private readonly recordSubjects = new Map<string, Array<{ start: number; end: number }>>();

  constructor(
    readonly text: string,
    readonly c: CompiledPacks,
  ) {}

  /** [start, end) of every line. */
  lines(): Array<[number, number]> {
    const starts = this.starts();
    return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! - 1 : this.text.length]);
  }

  lineAt(pos: number): [number, number] {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo]!;
    const end = lo + 1 < starts.length ? starts[lo + 1]! - 1 : this.text.length;
    return [start, end];
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /**
   * The record around a range: its line when the line is a table row (cells joined by tabs),
   * otherwise its paragraph (lines up to a blank line), at most `maxLines` lines and `maxChars`
   * characters either way.
   */
  record(start: number, end: number): [number, number] {
    const [ls, le] = this.lineAt(start);
    if (this.text.slice(ls, le).includes('\t')) return [ls, Math.max(le, end)];
    const { maxLines, maxChars } = COMMON.record;
    let from = ls;
    for (let k = 0; k < maxLines && from > 0 && start - from < maxChars; k++) {
      const [ps, pe] = this.lineAt(from - 1);
      if (this.text.slice(ps, pe).trim() === '' || this.text.slice(ps, pe).includes('\t')) break;
      from = ps;
    }
    let to = this.lineAt(Math.max(start, end - 1))[1];
    for (let k = 0; k < maxLines && to < this.text.length && to - end < maxChars; k++) {
      const [ns, ne] = this.lineAt(to + 1);
      if (this.text.slice(ns, ne).trim() === '' || this.text.slice(ns, ne).includes('\t')) break;
      to = ne;
    }
    return [Math.max(from, start - maxChars), Math.min(to, end + maxChars)];
  }

  /**
   * The clause around a range: back to the previous ";", list bullet, line-starting "-"/"*",
   * colon at a line end or sentence end, forward to the next one.
   */
  clause(start: number, end: number): string {
    const { maxBefore, maxAfter } = COMMON.clause;
    const before = this.text.slice(Math.max(0, start - maxBefore), start);
    const after = this.text.slice(end, Math.min(this.text.length, end + maxAfter));
    const b = lastBoundary(before);
    const a = after.search(CLAUSE_END);
    return before.slice(b) + this.text.slice(start, end) + (a >= 0 ? after.slice(0, a) : after);
  }

  /** Blanks, form instructions or legal wording in the cue's clause: the cue names a category, it does not state one. */
  isTemplate(h: { start: number; end: number }): boolean {
    return this.c.templateMarkers.test(this.clause(h.start, h.end));
  }

  /** A word naming a kind of document or information right before the cue ("сведения об инвалидности"). */
  isNamed(h: { start: number; end: number }): boolean {
    const { maxBefore } = COMMON.clause;
    const before = this.text.slice(Math.max(0, h.start - maxBefore), h.start);
    return this.c.namingPrefix.test(before.slice(lastBoundary(before)));
  }

  /** Consent or policy wording in the cue's record: a consent lists the categories it covers. */
  isPolicyRecord(h: { start: number; end: number }): boolean {
    const [from, to] = this.record(h.start, h.end);
    return this.c.recordTemplateMarkers.test(this.text.slice(from, to));
  }

  subjectInRecord(start: number, end: number): boolean {
    const [from, to] = this.record(start, end);
    const key = `${from}:${to}`;
    let subjects = this.recordSubjects.get(key);
    if (!subjects) {
      subjects = this.subjectsIn(from, to);
      this.recordSubjects.set(key, subjects);
    }
    // The cue itself is not its own subject.
    return subjects.some((s) => s.end <= start || s.start >= end);
  }

  /** Inside «…» or "…" on its line: part of an organisation's name or a title, not a statement. */
  isQuoted(h: { start: number; end: number }): boolean {
    const [ls, le] = this.lineAt(h.start);
    const before = this.text.slice(ls, h.start);
    const after = this.text.slice(h.end, le);
    const open = before.lastIndexOf('«');
    if (open >= 0 && before.indexOf('»', open) < 0 && after.includes('»')) return true;
    return (before.split('"').length - 1) % 2 === 1 && after.includes('"');
  }

  /** Subject evidence within [from, to) (records are short: the regexes run on the slice). */
  private subjectsIn(from: number, to: number): Array<{ start: number; end: number }> {
    const slice = this.text.slice(from, to);
    const found: Array<{ start: number; end: number }> = [];
    for (const s of this.c.subjects) {
      s.regex.lastIndex = 0;
      for (const m of slice.matchAll(s.regex)) found.push({ start: from + m.index, end: from + m.index + m[0].length });
    }
    return found;
  }
}

/** Clause boundaries: ";", bullets, a list item's leading dash or star, a colon ending a line, a sentence end. */
const CLAUSE_BOUNDARY = /[;•\u2022\uF0B7]|\n[ \t]*[-*][ \t]|:[ \t]*\n|[.!?][ \t]+(?=[А-ЯЁA-Z][а-яёa-z])|[.!?][ \t]*\n/gu;
const CLAUSE_END = /[;•\u2022\uF0B7]|\n[ \t]*[-*][ \t]|:[ \t]*\n|[.!?](?:[ \t]+(?=[А-ЯЁA-Z][а-яёa-z])|[ \t]*\n|$)/u;

function lastBoundary(before: string): number {
  let last = 0;
  CLAUSE_BOUNDARY.lastIndex = 0;
  for (const m of before.matchAll(CLAUSE_BOUNDARY)) last = m.index + m[0].length;
  return last;
}
