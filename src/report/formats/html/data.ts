/**
 * The data the HTML report's script works on, built from the scan report. Keys are short because
 * a share of 20,000 files puts every one of them in the page; the shapes are documented here.
 * Only what the reader sees goes in: masked values (raw ones only with --reveal), locations as
 * text, labels in the report language.
 */
import type { CategoryId } from '../../../detectors/categories.js';
import type { EntityType } from '../../../detectors/types.js';
import { entityLabel, findingLabel, RISK_ORDER, riskLabel, type CategoryLabels, type ReportLang } from '../../labels.js';
import { locationText } from '../../location-text.js';
import type { FileReport, ScanReport } from '../../types.js';
import { buildFolderTree, type FolderNode } from './folder-tree.js';
import type { UiStrings } from './strings.js';

/** One finding: [index into `types`, value shown (masked unless revealed), location, label, 1 if personal data]. */
export type HtmlFinding = [type: number, shown: string, location: string, label: string, personal: 0 | 1];

export interface HtmlFile {
  /** Path as reported. */
  p: string;
  /** Index into `risks` (RISK_ORDER); -1 for a file that was not read (error, skipped). */
  r: number;
  /** Status when not 'ok', with the reason (already scrubbed of values by the scanner). */
  s?: 'error' | 'skipped';
  e?: string;
  /** Indexes into `categories`: held, and only mentioned. */
  c: number[];
  m?: number[];
  /** Findings that are personal data (the folder ranking and the count column use it). */
  n: number;
  f: HtmlFinding[];
}

export interface HtmlReportData {
  lang: ReportLang;
  reveal: boolean;
  types: Array<{ id: EntityType; label: string }>;
  categories: Array<{ id: CategoryId; label: string }>;
  risks: string[];
  files: HtmlFile[];
  tree: FolderNode;
  ui: UiStrings;
}

export function buildHtmlData(report: ScanReport, reveal: boolean, lang: ReportLang, categoryLabels: CategoryLabels, ui: UiStrings): HtmlReportData {
  const types = indexer<EntityType>();
  const categories = indexer<CategoryId>();
  // Types and categories in order of frequency, so the filter lists start with what matters.
  for (const [t] of Object.entries(report.summary.byType).sort(([, a], [, b]) => b - a)) types.of(t as EntityType);
  for (const [c] of Object.entries(report.summary.byCategory ?? {}).sort(([, a], [, b]) => b - a)) categories.of(c as CategoryId);

  const files = report.files.map((file) => toHtmlFile(file, reveal, lang, categoryLabels, types.of, categories.of));
  return {
    lang,
    reveal,
    types: types.list().map((id) => ({ id, label: entityLabel(id, lang) })),
    categories: categories.list().map((id) => ({ id, label: categoryLabels(id)[lang] })),
    risks: RISK_ORDER.map((r) => riskLabel(r, lang)),
    files,
    tree: buildFolderTree(files.map((f) => ({ path: f.p, personal: f.n }))),
    ui,
  };
}

function toHtmlFile(
  file: FileReport,
  reveal: boolean,
  lang: ReportLang,
  categoryLabels: CategoryLabels,
  typeIndex: (t: EntityType) => number,
  categoryIndex: (c: CategoryId) => number,
): HtmlFile {
  const out: HtmlFile = {
    p: file.path,
    r: file.status === 'ok' ? RISK_ORDER.indexOf(file.risk) : -1,
    c: file.categories.map(categoryIndex),
    n: file.findings.filter((f) => f.personalData).length,
    f: file.findings.map((f) => [
      typeIndex(f.type),
      reveal && f.value !== undefined ? f.value : f.masked,
      locationText(f.location, f.page),
      findingLabel(f, lang, categoryLabels),
      f.personalData ? 1 : 0,
    ]),
  };
  if (file.status !== 'ok') {
    out.s = file.status;
    if (file.error !== undefined) out.e = file.error;
  }
  if (file.mentions?.length) out.m = file.mentions.map(categoryIndex);
  return out;
}

/** Assigns each distinct key an index, in first-seen order. */
function indexer<K>(): { of: (key: K) => number; list: () => K[] } {
  const index = new Map<K, number>();
  return {
    of: (key) => {
      let i = index.get(key);
      if (i === undefined) index.set(key, (i = index.size));
      return i;
    },
    list: () => [...index.keys()],
  };
}
