import { CATEGORIES } from '../../detectors/categories.js';
import { ALL_DETECTORS } from '../../detectors/registry.js';
import { locationText } from '../location-text.js';
import type { ScanReport } from '../types.js';

const LABELS = new Map(ALL_DETECTORS.map((d) => [d.entity, d.label.ru]));

/** A terminal table: files with findings, their findings, files that could not be read, a summary. */
export function renderTable(report: ScanReport, reveal: boolean): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.status !== 'ok') continue;
    if (file.findings.length === 0 && !file.mentions?.length) continue;
    const cats = file.categories.join(', ');
    const mentions = file.mentions?.length ? `; mentions: ${file.mentions.join(', ')}` : '';
    out.push(`${file.path}  [risk: ${file.risk}${cats ? `; ${cats}` : ''}${mentions}]`);
    const rows = file.findings.map((f) => [
      `  ${f.type}${f.personalData ? '' : ' (org)'}`,
      // A special-category finding is labelled by its category ("Состояние здоровья").
      f.type === 'SPECIAL_CATEGORY' ? CATEGORIES[f.category].ru : (LABELS.get(f.type) ?? ''),
      locationText(f.location, f.page),
      reveal && f.value !== undefined ? f.value.replace(/\s+/g, ' ') : f.masked.replace(/\s+/g, ' '),
      f.score.toFixed(2),
    ]);
    out.push(...alignColumns(rows), '');
  }
  const problems = report.files.filter((f) => f.status !== 'ok');
  if (problems.length) {
    out.push('Not scanned:');
    for (const f of problems) out.push(`  ${f.status.padEnd(7)} ${f.path}: ${f.error ?? ''}`);
    out.push('');
  }
  const scans = report.files.filter((f) => f.pagesNeedingOcr?.length);
  if (scans.length) {
    out.push('Pages without a text layer (need OCR):');
    for (const f of scans) out.push(`  ${f.path}: ${f.pagesNeedingOcr!.length > 1 ? 'pages' : 'page'} ${pageRanges(f.pagesNeedingOcr!)}`);
    out.push('');
  }
  const partial = report.files.filter((f) => f.warnings?.length);
  if (partial.length) {
    out.push('Read in part:');
    for (const f of partial) for (const w of f.warnings!) out.push(`  ${f.path}: ${w}`);
    out.push('');
  }
  const s = report.summary;
  const types = Object.entries(s.byType)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  // Files per category, most frequent first (older reports have no byCategory).
  const categories = Object.entries(s.byCategory ?? {})
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  out.push(
    `${s.files} files, ${s.filesWithPersonalData} with personal data, ${s.skipped} skipped, ${s.errors} errors` +
      (types ? `\nFindings: ${types}` : '') +
      (categories ? `\nFiles by category: ${categories}` : ''),
  );
  return out.join('\n') + '\n';
}

/** [1, 2, 3, 7] → "1-3, 7". */
function pageRanges(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}-${pages[j]}` : `${pages[i]}`);
    i = j;
  }
  return parts.join(', ');
}

function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  '));
}
