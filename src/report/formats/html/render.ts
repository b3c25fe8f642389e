/**
 * `--format html`: one self-contained page (styles, script, charts and data inline) that opens
 * offline. Its Content-Security-Policy allows no network at all and runs only this page's own
 * script and stylesheet (by hash), so even a file name that got past escaping could not run.
 */
import { createHash } from 'node:crypto';
import { BUILT_IN_CATEGORY_LABELS, RISK_ORDER, type CategoryLabels, type ReportLang } from '../../labels.js';
import type { ScanReport } from '../../types.js';
import { barChart } from './bar-chart.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { buildHtmlData, type HtmlReportData } from './data.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { uiStrings, type UiStrings } from './strings.js';
import { REPORT_STYLE } from './style.js';

export interface HtmlOptions {
  lang?: ReportLang;
  categoryLabels?: CategoryLabels;
}

export function renderHtml(report: ScanReport, reveal: boolean, options: HtmlOptions = {}): string {
  const lang = options.lang ?? 'ru';
  const ui = uiStrings(lang);
  const data = buildHtmlData(report, reveal, lang, options.categoryLabels ?? BUILT_IN_CATEGORY_LABELS, ui);
  const number = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US');
  const csp = [
    "default-src 'none'",
    `script-src '${sha256Source(CLIENT_SCRIPT)}'`,
    `style-src '${sha256Source(REPORT_STYLE)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(ui.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${headerSection(report, reveal, ui)}
<main>
${summarySection(report, data, ui, number)}
${chartsSection(report, data, ui)}
<section id="folders">
<h2>${escapeHtml(ui.folders)}</h2>
<p class="hint">${escapeHtml(ui.foldersHint)}</p>
<ul id="tree"></ul>
</section>
${filesSection(report, data, ui)}
</main>
<footer>${escapeHtml(`${report.tool.name} ${report.tool.version}`)}</footer>
<script type="application/json" id="pdn-data">${jsonForScript(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

function sha256Source(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function headerSection(report: ScanReport, reveal: boolean, ui: UiStrings): string {
  const when = `${ui.generated}: ${report.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
  const roots = `${ui.roots}: ${report.roots.join(', ')}`;
  const notice = reveal ? `<p class="notice revealed">${escapeHtml(ui.revealedWarning)}</p>` : `<p class="notice">${escapeHtml(ui.maskedNote)}</p>`;
  return `<header>
<h1>${escapeHtml(ui.title)}</h1>
<p class="meta">${escapeHtml(when)} · ${escapeHtml(roots)}</p>
${notice}
</header>`;
}

function summarySection(report: ScanReport, data: HtmlReportData, ui: UiStrings, number: Intl.NumberFormat): string {
  const s = report.summary;
  const card = (cls: string, value: number, label: string) =>
    `<div class="card ${cls}"><span class="num">${number.format(value)}</span><span class="lbl">${escapeHtml(label)}</span></div>`;
  const totals = [
    card('files', s.files, ui.filesScanned),
    card('with-pd', s.filesWithPersonalData, ui.filesWithPd),
    card('errors', s.errors, ui.errors),
    card('skipped', s.skipped, ui.skipped),
  ];
  // Highest risk first: that is what the reader acts on.
  const risks = [...RISK_ORDER.keys()].reverse().map((i) => card(`risk-${i}`, s.byRisk[RISK_ORDER[i]!] ?? 0, data.risks[i]!));
  return `<section id="summary">
<div class="cards">${totals.join('')}</div>
<h3 class="risk-title">${escapeHtml(ui.byRisk)}</h3>
<div class="cards risk-cards">${risks.join('')}</div>
</section>`;
}

function chartsSection(report: ScanReport, data: HtmlReportData, ui: UiStrings): string {
  const s = report.summary;
  const categories = data.categories.map((c) => ({ label: c.label, value: s.byCategory?.[c.id] ?? 0 }));
  const types = data.types.map((t) => ({ label: t.label, value: s.byType[t.id] ?? 0 }));
  return `<section id="charts">
<div class="charts">
${barChart('chart-categories', ui.chartCategories, categories, ui.noData)}
${barChart('chart-types', ui.chartTypes, types, ui.noData)}
</div>
</section>`;
}

function filesSection(report: ScanReport, data: HtmlReportData, ui: UiStrings): string {
  const options = (items: ReadonlyArray<{ value: number; label: string }>) =>
    items.map((o) => `<option value="${o.value}">${escapeHtml(o.label)}</option>`).join('');
  const types = options(data.types.map((t, i) => ({ value: i, label: t.label })));
  const risks = options([...data.risks.keys()].reverse().map((i) => ({ value: i, label: data.risks[i]! })));
  // Only categories some file holds: one only mentioned would filter the table down to nothing.
  const held = data.categories.flatMap((c, i) => ((report.summary.byCategory?.[c.id] ?? 0) > 0 ? [{ value: i, label: c.label }] : []));
  const categories = options(held);
  const th = (key: string, label: string) => `<th data-sort="${key}" aria-sort="none"><button type="button">${escapeHtml(label)}</button></th>`;
  return `<section id="files">
<h2>${escapeHtml(ui.files)}</h2>
<div class="filters">
<input id="filter-text" type="search" placeholder="${escapeHtml(ui.filterText)}" aria-label="${escapeHtml(ui.filterText)}">
<select id="filter-type" aria-label="${escapeHtml(ui.anyType)}"><option value="">${escapeHtml(ui.anyType)}</option>${types}</select>
<select id="filter-risk" aria-label="${escapeHtml(ui.anyRisk)}"><option value="">${escapeHtml(ui.anyRisk)}</option>${risks}</select>
<select id="filter-category" aria-label="${escapeHtml(ui.anyCategory)}"><option value="">${escapeHtml(ui.anyCategory)}</option>${categories}</select>
</div>
<table id="files-table">
<thead><tr>${th('path', ui.colPath)}${th('risk', ui.colRisk)}${th('categories', ui.colCategories)}${th('count', ui.colCount)}<th>${escapeHtml(ui.colFindings)}</th></tr></thead>
<tbody id="files-body"></tbody>
</table>
<div class="pager"><button type="button" id="page-prev">${escapeHtml(ui.prev)}</button><span id="pager-text"></span><button type="button" id="page-next">${escapeHtml(ui.next)}</button></div>
</section>`;
}
