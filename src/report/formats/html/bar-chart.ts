/**
 * A horizontal bar chart as inline SVG, drawn here rather than by a chart library: the report
 * must open offline, and a few rectangles need no library.
 */
import { escapeHtml } from './escape.js';

export interface Bar {
  label: string;
  value: number;
}

const ROW = 24;
const BAR = 16;
const LABEL_WIDTH = 270;
const BAR_WIDTH = 330;
const VALUE_WIDTH = 60;
const MAX_LABEL = 40;

/** Bars largest first; `id` names the chart for styles and tests. */
export function barChart(id: string, title: string, bars: readonly Bar[], emptyText: string): string {
  const sorted = [...bars].filter((b) => b.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const heading = `<h3>${escapeHtml(title)}</h3>`;
  if (sorted.length === 0) return `<figure class="chart" id="${id}">${heading}<p class="empty">${escapeHtml(emptyText)}</p></figure>`;
  const max = sorted[0]!.value;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = sorted.length * ROW + 4;
  const rows = sorted.map((bar, i) => {
    const y = i * ROW + 2;
    // Every non-zero bar gets at least 2px so a count of 1 next to 5,000 is still visible.
    const w = Math.max(2, Math.round((bar.value / max) * BAR_WIDTH));
    const short = [...bar.label].length > MAX_LABEL ? [...bar.label].slice(0, MAX_LABEL - 1).join('') + '…' : bar.label;
    return (
      `<g class="bar"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR - 3}" text-anchor="end">${escapeHtml(short)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR}" rx="2"></rect>` +
      `<text class="value" x="${LABEL_WIDTH + w + 6}" y="${y + BAR - 3}">${bar.value}</text></g>`
    );
  });
  return (
    `<figure class="chart" id="${id}">${heading}` +
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg></figure>`
  );
}
