import type { EntityType } from '../../detectors/types.js';
import type { FileReport, ScanReport } from '../types.js';

/** Natasha/corus span types: people, locations (addresses), organisations. */
const NATASHA_TYPE: Partial<Record<EntityType, 'PER' | 'LOC' | 'ORG'>> = {
  PERSON: 'PER',
  ADDRESS: 'LOC',
  ORG_ADDRESS: 'LOC',
  ORG: 'ORG',
};

export interface NatashaSpan {
  start: number;
  stop: number;
  type: 'PER' | 'LOC' | 'ORG';
}

export interface NatashaLine {
  path: string;
  text: string;
  spans: NatashaSpan[];
}

/**
 * One JSON line per file, `{path, text, spans: [{start, stop, type}]}`, the shape of Natasha's
 * markup (and of the corus corpora), so results can be scored with the same tools. `text` is the
 * document text the detectors saw; without --reveal every character of every finding is a "*"
 * (offsets unchanged). Offsets count Unicode code points, as Python strings do; they equal the
 * report's UTF-16 offsets unless the text holds characters outside the BMP. Files that could not
 * be read get an empty text.
 */
export function renderNatasha(report: ScanReport, reveal: boolean): string {
  return report.files.map((f) => JSON.stringify(natashaLine(f, reveal))).join('\n') + (report.files.length ? '\n' : '');
}

export function natashaLine(file: FileReport, reveal: boolean): NatashaLine {
  const raw = file.text ?? '';
  const text = reveal ? raw : maskSpans(raw, file.findings);
  const toCodePoint = codePointOffsets(text);
  const spans: NatashaSpan[] = [];
  for (const f of file.findings) {
    const type = NATASHA_TYPE[f.type];
    if (type && f.end <= raw.length) spans.push({ start: toCodePoint(f.start), stop: toCodePoint(f.end), type });
  }
  spans.sort((a, b) => a.start - b.start || a.stop - b.stop);
  return { path: file.path, text, spans };
}

/** Every UTF-16 unit inside a finding becomes "*", so offsets stay valid. */
export function maskSpans(text: string, findings: ReadonlyArray<{ start: number; end: number }>): string {
  if (findings.length === 0 || text.length === 0) return text;
  const ranges = findings
    .map((f) => [Math.max(0, f.start), Math.min(text.length, f.end)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let last = 0;
  for (const [s, e] of ranges) {
    const from = Math.max(s, last);
    if (from >= e) continue;
    pieces.push(text.slice(last, from), '*'.repeat(e - from));
    last = e;
  }
  pieces.push(text.slice(last));
  return pieces.join('');
}

/** A UTF-16 offset → code point offset function for `text` (identity without astral characters). */
function codePointOffsets(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const code = text.charCodeAt(i);
    // The low half of a surrogate pair belongs to the code point that began before it.
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) cp++;
    else map[i] = cp - 1;
  }
  map[text.length] = cp;
  return (i) => map[Math.max(0, Math.min(text.length, i))]!;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
