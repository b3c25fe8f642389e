/**
 * SpreadsheetML rich text (a shared string `<si>`, an inline string `<is>`, a comment's
 * `<text>`): runs read from the markup, edited in place so each run keeps its formatting, and
 * written back.
 *
 * A run is a bare `<t>` or an `<r>` with its properties `<rPr>` (kept as written) and `<t>`.
 * Phonetic runs (`<rPh>`, `<phoneticPr>`) are not part of the text the extractor reads: they are
 * never written back (they spell out the original's reading).
 */
import type { SegmentEdit } from '../segment-edits.js';
import { escapeText, localOf, tokenText, type XmlToken } from './sheet-xml.js';

export interface RichRun {
  /** The run's `<rPr>…</rPr>` as written ('' for none). */
  properties: string;
  text: string;
  /** Whether the run was an `<r>` (a bare `<t>` otherwise). */
  rich: boolean;
}

/**
 * The runs among `tokens` (the children of one container element, its own tags excluded).
 * `onlyRich` keeps the `<r>` runs only — what exceljs reads of a comment.
 */
export function readRuns(xml: string, tokens: readonly XmlToken[], onlyRich = false): RichRun[] {
  const runs: RichRun[] = [];
  let depth = 0;
  let run: RichRun | undefined;
  let inText = false;
  let skip = 0;
  let propertiesStart = -1;
  for (const t of tokens) {
    if (t.kind === 'open' || t.kind === 'empty') {
      const name = localOf(t.name);
      if (skip > 0) {
        if (t.kind === 'open') skip++;
        continue;
      }
      if (depth === 0 && (name === 'rPh' || name === 'phoneticPr')) {
        if (t.kind === 'open') skip = 1;
        continue;
      }
      if (depth === 0 && name === 'r') run = { properties: '', text: '', rich: true };
      else if (depth === 0 && name === 't') run = { properties: '', text: '', rich: false };
      else if (depth === 1 && run?.rich && name === 'rPr') {
        if (t.kind === 'empty') run.properties = xml.slice(t.start, t.end);
        else propertiesStart = t.start;
      } else if (depth === 1 && run?.rich && name === 't') inText = t.kind === 'open';
      if (t.kind === 'open') depth++;
      else if (depth === 0 && run) {
        // An empty `<t/>` or `<r/>`.
        if (!(onlyRich && !run.rich)) runs.push(run);
        run = undefined;
      }
    } else if (t.kind === 'close') {
      if (skip > 0) {
        skip--;
        continue;
      }
      depth--;
      const name = localOf(t.name);
      if (depth === 1 && run?.rich && name === 'rPr' && propertiesStart >= 0) {
        run.properties = xml.slice(propertiesStart, t.end);
        propertiesStart = -1;
      } else if (depth === 1 && name === 't') inText = false;
      else if (depth === 0 && run) {
        if (!(onlyRich && !run.rich)) runs.push(run);
        run = undefined;
      }
    } else if ((t.kind === 'text' || t.kind === 'cdata') && skip === 0 && run) {
      if ((run.rich && inText && depth === 2) || (!run.rich && depth === 1)) run.text += tokenText(xml, t);
    }
  }
  return runs;
}

export const joinRuns = (runs: readonly RichRun[]): string => runs.map((r) => r.text).join('');

/**
 * The runs with the pieces (ranges of the joined text) applied: each piece's substitute goes
 * into the run where the piece starts, the characters it covers leave every run they were in.
 * Runs left empty are dropped (one is kept so the string keeps a shape).
 */
export function editRuns(runs: readonly RichRun[], pieces: readonly { from: number; to: number; text: string }[]): RichRun[] {
  const sorted = [...pieces].sort((a, b) => a.from - b.from);
  const out: RichRun[] = [];
  let offset = 0;
  let k = 0;
  for (const run of runs) {
    const start = offset;
    const end = start + run.text.length;
    let text = '';
    for (let i = start; i < end; i++) {
      while (k < sorted.length && sorted[k]!.to <= i) k++;
      const p = sorted[k];
      if (p && p.from === i) text += p.text;
      if (p && p.from <= i && i < p.to) continue;
      text += run.text[i - start];
    }
    out.push({ ...run, text });
    offset = end;
  }
  const kept = out.filter((r) => r.text.length > 0);
  return kept.length > 0 ? kept : out.slice(0, 1).map((r) => ({ ...r, text: '' }));
}

/** Runs as the children of an `<is>`, `<si>` or `<text>` element, with the element prefix `p`. */
export function writeRuns(runs: readonly RichRun[], p: string): string {
  const plain = runs.length === 1 && !runs[0]!.rich;
  if (plain || runs.length === 0) return `<${p}t xml:space="preserve">${escapeText(runs[0]?.text ?? '')}</${p}t>`;
  return runs.map((r) => `<${p}r>${r.properties}<${p}t xml:space="preserve">${escapeText(r.text)}</${p}t></${p}r>`).join('');
}

/** Pieces of a segment as ranges of its text (what {@link editRuns} takes). */
export function piecesOf(pieces: readonly SegmentEdit[]): { from: number; to: number; text: string }[] {
  return pieces.map((p) => ({ from: p.from, to: p.to, text: p.text }));
}
