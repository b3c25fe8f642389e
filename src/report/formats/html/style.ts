/** The HTML report's stylesheet: system fonts only (no font files, nothing fetched). */
export const REPORT_STYLE = `
:root { --ink: #1d2430; --muted: #5b6676; --line: #d9dee6; --bg: #f5f7fa; --card: #fff; --accent: #2f6fb0;
  --r0: #8a94a3; --r1: #3f8f5b; --r2: #c98a12; --r3: #d4571c; --r4: #a3238f; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
header, main > section, footer { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; margin-bottom: 12px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 10px; }
h3 { font-size: 14px; margin: 0 0 8px; color: var(--muted); font-weight: 600; }
.meta { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.notice { margin: 10px 0 0; padding: 8px 12px; border-radius: 6px; background: #e8f1fb; }
.notice.revealed { background: #fde8e8; color: #8a1414; font-weight: 600; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card .num { display: block; font-size: 24px; font-weight: 700; }
.card .lbl { color: var(--muted); }
.risk-title { margin-top: 14px; }
.risk-cards .card { border-left: 5px solid var(--r0); }
.risk-cards .card.risk-1 { border-left-color: var(--r1); }
.risk-cards .card.risk-2 { border-left-color: var(--r2); }
.risk-cards .card.risk-3 { border-left-color: var(--r3); }
.risk-cards .card.risk-4 { border-left-color: var(--r4); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; margin-top: 16px; }
.chart { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; flex: 1 1 560px; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; font-size: 12px; fill: var(--ink); }
.chart rect { fill: var(--accent); }
#chart-categories rect { fill: #7a55b5; }
.chart .value { fill: var(--muted); }
.empty { color: var(--muted); }
.hint { color: var(--muted); margin: -4px 0 8px; }
#tree, .tree-children { list-style: none; margin: 0; padding-left: 0; }
.tree-children { padding-left: 22px; border-left: 1px dotted var(--line); margin-left: 8px; }
#tree { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
.tree-folder > .folder, .tree-file > .file-link { display: inline-flex; align-items: center; gap: 10px; border: 0; background: none; font: inherit; color: inherit; cursor: pointer; padding: 3px 4px; text-align: left; border-radius: 4px; }
.tree-folder > .folder:hover, .tree-file > .file-link:hover { background: #eef2f7; }
.tree-folder > .folder::before { content: "▸"; width: 1em; color: var(--muted); }
.tree-folder > .folder[aria-expanded="true"]::before { content: "▾"; }
.tree-folder > .folder .name { font-weight: 600; }
.tree-file .name { padding-left: 1.4em; }
.name { min-width: 220px; overflow-wrap: anywhere; }
.meter { display: inline-block; width: 160px; height: 8px; background: #e6e9ee; border-radius: 4px; overflow: hidden; flex: none; }
.meter .fill { display: block; height: 100%; background: var(--r3); }
.counts { color: var(--muted); white-space: nowrap; }
.in-table, .more { border: 1px solid var(--line); background: var(--card); border-radius: 4px; font: inherit; font-size: 12px; color: var(--accent); cursor: pointer; padding: 1px 6px; margin-left: 6px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 8px; }
.filters input, .filters select { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); }
.filters input { flex: 1 1 260px; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: #eef2f7; white-space: nowrap; }
th[data-sort="count"] { text-align: right; }
th button { border: 0; background: none; font: inherit; font-weight: 600; cursor: pointer; padding: 0; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.path { min-width: 220px; max-width: 340px; overflow-wrap: break-word; }
td.count { text-align: right; }
td.findings ul { list-style: none; margin: 0; padding: 0; }
td.findings li { margin-bottom: 2px; }
.ftype { font-weight: 600; }
.fvalue { background: #f1f3f6; padding: 0 4px; border-radius: 3px; overflow-wrap: anywhere; }
.floc { color: var(--muted); font-size: 12px; }
.reason, .mentions { color: var(--muted); font-size: 12px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; white-space: nowrap; background: var(--r0); }
.badge.risk-1 { background: var(--r1); }
.badge.risk-2 { background: var(--r2); }
.badge.risk-3 { background: var(--r3); }
.badge.risk-4 { background: var(--r4); }
.badge.status { background: #6b7280; }
.pager { display: flex; align-items: center; gap: 10px; margin: 8px 0 24px; }
.pager button { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); cursor: pointer; }
.pager button:disabled { opacity: 0.4; cursor: default; }
footer { color: var(--muted); padding-bottom: 24px; }
`;
