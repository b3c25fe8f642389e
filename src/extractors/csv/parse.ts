/**
 * A small RFC 4180 parser that remembers where every cell lives in the source text.
 *
 * Lenient where files in the wild are not RFC-clean: CRLF, LF or lone CR end a record; a quote
 * only opens a quoted cell at the start of a cell (elsewhere it is literal); characters after a
 * closing quote are kept literally; an unterminated quote runs to the end of the file.
 */

export interface CsvCell {
  /** Source range of the cell, quotes included: `"a ""b"""` → the whole thing. */
  start: number;
  end: number;
  /** The cell's content: quotes stripped, `""` collapsed. */
  value: string;
}

export type CsvRecord = CsvCell[];

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, delimiter: string): CsvRecord[] {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  if (n === 0) return records;
  let i = 0;
  for (;;) {
    const record: CsvRecord = [];
    for (;;) {
      const start = i;
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const parts: string[] = [];
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            parts.push(text.slice(i));
            i = n;
            break;
          }
          parts.push(text.slice(i, q));
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts.push('"');
            i = q + 2;
            continue;
          }
          i = q + 1;
          const tail = i;
          i = scanUnquoted(text, i, delim);
          parts.push(text.slice(tail, i));
          break;
        }
        value = parts.join('');
      } else {
        i = scanUnquoted(text, i, delim);
        value = text.slice(start, i);
      }
      record.push({ start, end: i, value });
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    records.push(record);
    if (i >= n) break;
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
    else i++;
    if (i >= n) break;
  }
  return records;
}

/** Index of the next delimiter or line break at or after `i` (or the end). */
function scanUnquoted(text: string, i: number, delim: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === delim || c === LF || c === CR) return i;
    i++;
  }
  return n;
}

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a `.csv` file: for each candidate, count occurrences outside quotes on each of
 * the first lines; the winner appears the same non-zero number of times on the most lines (ties:
 * more occurrences per line, then the order `,` `;` tab `|`). Defaults to `,`.
 */
export function detectDelimiter(text: string, maxLines = 20): string {
  const counts = DELIMITER_CANDIDATES.map(() => [] as number[]);
  let line = DELIMITER_CANDIDATES.map(() => 0);
  let inQuotes = false;
  let lines = 0;
  const limit = Math.min(text.length, 65536);
  const endLine = () => {
    line.forEach((c, k) => counts[k]!.push(c));
    line = DELIMITER_CANDIDATES.map(() => 0);
    lines++;
  };
  for (let i = 0; i < limit && lines < maxLines; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endLine();
    } else {
      const k = (DELIMITER_CANDIDATES as readonly string[]).indexOf(c);
      if (k >= 0) line[k]!++;
    }
  }
  if (lines < maxLines && line.some((c) => c > 0)) endLine();

  let best: string = ',';
  let bestScore = 0;
  DELIMITER_CANDIDATES.forEach((d, k) => {
    const perLine = counts[k]!;
    const freq = new Map<number, number>();
    for (const c of perLine) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) [mode, modeCount] = [c, f];
    const score = modeCount * 1000 + mode;
    if (score > bestScore) [best, bestScore] = [d, score];
  });
  return best;
}

const HEADER_WORDS =
  /фио|фамили|имя|отчеств|снилс|инн|паспорт|серия|номер|телефон|тел\.?$|почт|e-?mail|адрес|дата|рожден|огрн|кпп|бик|сч[её]т|карт|полис|омс|должност|name|phone|mail|address|birth|date|passport|\bid\b/i;

const hasLetter = (s: string) => /\p{L}/u.test(s);
const hasDigit = (s: string) => /\d/.test(s);
function isNumberLike(s: string): boolean {
  const compact = s.replace(/\s+/g, '');
  if (compact.length === 0) return false;
  const digits = compact.replace(/\D/g, '').length;
  return digits / compact.length >= 0.5;
}

/**
 * Whether the first record is a header row (a simplified Python `csv.Sniffer.has_header`):
 * its non-empty cells are mostly words without digits and all different, and the columns vote:
 * +1 when the data below is number-like (or of one fixed length) and the header cell is not,
 * −1 when the header cell also occurs as a value below. More + than − votes, or no votes either
 * way but a cell naming a personal-data field ("ФИО", "СНИЛС", "Телефон"…), make it a header.
 */
export function hasHeaderRow(records: readonly CsvRecord[]): boolean {
  const [first, ...rest] = records;
  if (!first || rest.length === 0) return false;
  const header = first.map((c) => c.value.trim());
  const named = header.filter((h) => h.length > 0);
  if (named.length === 0) return false;
  const wordy = named.filter((h) => hasLetter(h) && !hasDigit(h)).length;
  if (wordy / named.length < 2 / 3) return false;
  if (new Set(named.map((h) => h.toLowerCase())).size !== named.length) return false;
  if (named.some((h) => h.length > 80)) return false;

  const data = rest.slice(0, 50);
  let votes = 0;
  header.forEach((h, col) => {
    if (!h) return;
    const values = data.map((r) => r[col]?.value.trim() ?? '').filter((v) => v.length > 0);
    if (values.length === 0) return;
    if (values.includes(h)) {
      votes--;
      return;
    }
    const numeric = values.filter(isNumberLike).length / values.length;
    if (numeric >= 0.5 && !isNumberLike(h)) {
      votes++;
      return;
    }
    const len = values[0]!.length;
    if (values.length > 1 && values.every((v) => v.length === len) && h.length !== len) votes++;
  });
  if (votes !== 0) return votes > 0;
  return named.some((h) => HEADER_WORDS.test(h));
}
