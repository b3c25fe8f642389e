/**
 * Reading order of one PDF page: positioned text fragments → lines of words, left column before
 * right column. Pure geometry (no pdfjs here), so it is tested on hand-made fragments too.
 *
 * Page coordinates are PDF points with the origin at the top-left of the page (pdfjs viewport
 * space at scale 1), y growing downwards.
 *
 * 0. Directions: fragments are grouped by the angle of their baseline (horizontal text, a table
 *    turned 90°, a slanted stamp), and each group is laid out in its own frame — x along the
 *    baseline, y across it — so rotated text reads as lines too. Horizontal text comes first.
 * 1. Lines: fragments whose baselines lie within a fraction of the font size of each other.
 * 2. Columns: a band of consecutive lines that all leave the same vertical strip empty (a
 *    gutter at least GUTTER_EM wide) and that holds several multi-word lines on each side of it
 *    is a two-column band: its left parts are read first, then its right parts. Bands are found
 *    recursively, so a full-width title, a two-column body and a full-width footer read in that
 *    order, and a column can split again.
 * 3. Words: fragments of one line in x order; two fragments that come from different text items
 *    and almost touch (gap below JOIN_EM of the font size) are one word — PDFs often draw a
 *    number in pieces ("112-233-" + "445", "7701" + "2345…").
 */

/** A run of non-whitespace characters of one pdfjs text item, as found on the page. */
export interface PageFragment {
  str: string;
  /** Box on the page [x0, y0, x1, y1] (top-left origin): what the word's segment reports. */
  box: [number, number, number, number];
  /** Start of the run on its baseline, in page coordinates. */
  ox: number;
  oy: number;
  /** Advance length of the run along its baseline. */
  len: number;
  /** Direction of the baseline in page coordinates (radians, atan2(dy, dx); 0 = left to right). */
  angle: number;
  /** Font size in points. */
  size: number;
  /** Glyph extent above and below the baseline, in points (both ≥ 0). */
  ascent: number;
  descent: number;
  /** Index of the text item the fragment comes from: fragments of one item are separated by whitespace. */
  item: number;
}

/** A fragment in the frame of its direction group: x along the baseline, y across it. */
export interface Fragment {
  str: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Baseline y in the frame. */
  base: number;
  size: number;
  item: number;
  /** Box on the page. */
  box: [number, number, number, number];
}

export interface Word {
  text: string;
  /** Box on the page: the union of the word's fragments. */
  bbox: [number, number, number, number];
}

/** A word with its extent in the layout frame. */
interface FrameWord extends Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Line {
  frags: Fragment[];
  base: number;
  size: number;
}

/** Lines of words in reading order, grouped in blocks (a column, or the text above or below one). */
export type PageLayout = Word[][][];

/** Baselines whose directions differ by less than this (radians, ~2°) are laid out together. */
const ANGLE_TOLERANCE = (2 * Math.PI) / 180;
/** Baselines closer than this many font sizes are one line. */
const LINE_TOLERANCE_EM = 0.35;
/** Fragments of different items closer than this many font sizes join without a space. */
const JOIN_EM = 0.15;
/** Narrowest gutter between two columns, in font sizes. */
const GUTTER_EM = 1.0;
/** Each column of a band needs this many lines with text… */
const COLUMN_MIN_LINES = 2;
/** …and on average this many words per line (label/value forms have one or two). */
const COLUMN_MIN_WORDS = 2.5;
/** Above this many fragments a page is read line by line, without looking for columns. */
const MAX_FRAGMENTS_FOR_COLUMNS = 20_000;
const MAX_DEPTH = 6;

export function layoutPage(fragments: readonly PageFragment[]): PageLayout {
  const out: PageLayout = [];
  for (const group of directionGroups(fragments)) {
    const lines = groupLines(dedupe(group));
    const blocks = group.length <= MAX_FRAGMENTS_FOR_COLUMNS ? orderBlocks(lines, 0) : [lines];
    for (const block of blocks) out.push(block.map((line) => wordsOf(line.frags).map(({ text, bbox }) => ({ text, bbox }))));
  }
  return out;
}

/**
 * Fragments grouped by baseline direction (clusters of angles at most ANGLE_TOLERANCE apart) and
 * moved into each group's frame; the group closest to horizontal first.
 */
function directionGroups(fragments: readonly PageFragment[]): Fragment[][] {
  if (fragments.length === 0) return [];
  const sorted = [...fragments].sort((a, b) => a.angle - b.angle);
  const clusters: PageFragment[][] = [[sorted[0]!]];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.angle - sorted[i - 1]!.angle > ANGLE_TOLERANCE) clusters.push([]);
    clusters[clusters.length - 1]!.push(sorted[i]!);
  }
  const frames = clusters.map((c) => ({ frags: c, angle: c[c.length >> 1]!.angle }));
  frames.sort((a, b) => Math.abs(a.angle) - Math.abs(b.angle));
  return frames.map(({ frags, angle }) => {
    // Exactly horizontal text keeps page coordinates (no rounding noise).
    const cx = angle === 0 ? 1 : Math.cos(angle);
    const cy = angle === 0 ? 0 : Math.sin(angle);
    return frags.map((f) => {
      const u = f.ox * cx + f.oy * cy;
      const v = -f.ox * cy + f.oy * cx;
      return { str: f.str, x0: u, x1: u + f.len, y0: v - f.ascent, y1: v + f.descent, base: v, size: f.size, item: f.item, box: f.box };
    });
  });
}

/** Drops fragments drawn twice at (almost) the same place: fake bold, shadows. */
function dedupe(fragments: readonly Fragment[]): Fragment[] {
  const sorted = [...fragments].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const out: Fragment[] = [];
  for (const f of sorted) {
    let duplicate = false;
    for (let k = out.length - 1; k >= 0; k--) {
      const g = out[k]!;
      if (f.base - g.base > 1) break;
      if (g.str === f.str && Math.abs(g.x0 - f.x0) < 1 && Math.abs(g.base - f.base) < 1) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) out.push(f);
  }
  return out;
}

export function groupLines(fragments: readonly Fragment[]): Line[] {
  const sorted = [...fragments].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const f of sorted) {
    if (current && Math.abs(f.base - current.base) <= LINE_TOLERANCE_EM * Math.max(1, Math.min(f.size, current.size))) {
      current.frags.push(f);
      current.size = Math.max(current.size, f.size);
      continue;
    }
    current = { frags: [f], base: f.base, size: f.size };
    lines.push(current);
  }
  for (const line of lines) line.frags.sort((a, b) => a.x0 - b.x0);
  return lines;
}

/** Lines in reading order, as blocks; two-column bands become a left block and a right block. */
function orderBlocks(lines: Line[], depth: number): Line[][] {
  if (lines.length === 0) return [];
  const split = depth < MAX_DEPTH ? findColumns(lines) : undefined;
  if (!split) return [lines];
  const { first, last, x } = split;
  const band = lines.slice(first, last + 1);
  const side = (left: boolean) =>
    band
      .map((line) => sub(line, line.frags.filter((f) => (f.x0 + f.x1) / 2 < x === left)))
      .filter((line) => line.frags.length > 0);
  return [
    ...orderBlocks(lines.slice(0, first), depth + 1),
    ...orderBlocks(side(true), depth + 1),
    ...orderBlocks(side(false), depth + 1),
    ...orderBlocks(lines.slice(last + 1), depth + 1),
  ];
}

function sub(line: Line, frags: Fragment[]): Line {
  return { frags, base: line.base, size: frags.reduce((m, f) => Math.max(m, f.size), 0) };
}

interface Split {
  /** First and last line (inclusive) of the two-column band. */
  first: number;
  last: number;
  /** Gutter centre. */
  x: number;
}

/**
 * The largest band of consecutive lines that keep a common vertical strip free of text, with
 * enough text on both sides of it to be two columns (not a label/value form or a short aside).
 */
export function findColumns(lines: readonly Line[]): Split | undefined {
  if (lines.length < COLUMN_MIN_LINES) return undefined;
  let minX = Infinity;
  let maxX = -Infinity;
  const sizes: number[] = [];
  for (const line of lines) {
    for (const f of line.frags) {
      minX = Math.min(minX, f.x0);
      maxX = Math.max(maxX, f.x1);
      sizes.push(f.size);
    }
  }
  if (!(maxX > minX)) return undefined;
  sizes.sort((a, b) => a - b);
  const gutter = Math.max(4, GUTTER_EM * sizes[sizes.length >> 1]!);
  const step = Math.max(1, (maxX - minX) / 2000);
  const n = Math.ceil((maxX - minX) / step) + 1;
  // free[l][k]: line l has no text within gutter/2 of x = minX + k·step
  const free = lines.map((line) => {
    const row = new Uint8Array(n).fill(1);
    for (const f of line.frags) {
      const from = Math.max(0, Math.floor((f.x0 - gutter / 2 - minX) / step));
      const to = Math.min(n, Math.ceil((f.x1 + gutter / 2 - minX) / step) + 1);
      if (to > from) row.fill(0, from, to);
    }
    return row;
  });

  let best: (Split & { lines: number }) | undefined;
  // Within one free strip the split of a band does not depend on x: judge a band once per strip.
  const memo = new Map<number, { k: number; ok: boolean }>();
  for (let k = 0; k < n; k++) {
    const x = minX + k * step;
    let i = 0;
    while (i < lines.length) {
      if (!free[i]![k]) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < lines.length && free[j + 1]![k]) j++;
      const count = j - i + 1;
      if (count >= COLUMN_MIN_LINES && (!best || count > best.lines)) {
        const key = i * 1_000_003 + j;
        const prev = memo.get(key);
        const ok = prev && prev.k === k - 1 ? prev.ok : qualifies(lines, i, j, x);
        memo.set(key, { k, ok });
        if (ok) best = { first: i, last: j, x, lines: count };
      }
      i = j + 1;
    }
  }
  if (!best) return undefined;
  // Centre the gutter in the strip the band leaves free.
  const { first, last } = best;
  const bandFree = (k: number) => {
    if (k < 0 || k >= n) return false;
    for (let l = first; l <= last; l++) if (!free[l]![k]) return false;
    return true;
  };
  let lo = Math.round((best.x - minX) / step);
  let hi = lo;
  while (bandFree(lo - 1)) lo--;
  while (bandFree(hi + 1)) hi++;
  return { first, last, x: minX + ((lo + hi) / 2) * step };
}

function qualifies(lines: readonly Line[], first: number, last: number, x: number): boolean {
  let leftLines = 0;
  let rightLines = 0;
  let leftWords = 0;
  let rightWords = 0;
  let leftTop = Infinity;
  let leftBottom = -Infinity;
  let rightTop = Infinity;
  let rightBottom = -Infinity;
  for (let l = first; l <= last; l++) {
    const words = wordsOf(lines[l]!.frags);
    let left = 0;
    let right = 0;
    for (const w of words) {
      const isLeft = (w.x0 + w.x1) / 2 < x;
      if (isLeft) {
        left++;
        leftTop = Math.min(leftTop, w.y0);
        leftBottom = Math.max(leftBottom, w.y1);
      } else {
        right++;
        rightTop = Math.min(rightTop, w.y0);
        rightBottom = Math.max(rightBottom, w.y1);
      }
    }
    if (left > 0) leftLines++;
    if (right > 0) rightLines++;
    leftWords += left;
    rightWords += right;
  }
  if (leftLines < COLUMN_MIN_LINES || rightLines < COLUMN_MIN_LINES) return false;
  if (leftWords / leftLines < COLUMN_MIN_WORDS || rightWords / rightLines < COLUMN_MIN_WORDS) return false;
  // Side by side, not one above the other.
  const overlap = Math.min(leftBottom, rightBottom) - Math.max(leftTop, rightTop);
  return overlap >= 0.5 * Math.min(leftBottom - leftTop, rightBottom - rightTop);
}

/** A line's fragments (sorted by x) as words: pieces of different items that almost touch join. */
export function wordsOf(frags: readonly Fragment[]): FrameWord[] {
  const words: FrameWord[] = [];
  let cur: (FrameWord & { item: number; size: number }) | undefined;
  for (const f of frags) {
    if (cur) {
      const gap = f.x0 - cur.x1;
      const em = Math.min(cur.size, f.size);
      if (f.item !== cur.item && gap < JOIN_EM * em && gap > -0.3 * em) {
        cur.text += f.str;
        cur.bbox = [Math.min(cur.bbox[0], f.box[0]), Math.min(cur.bbox[1], f.box[1]), Math.max(cur.bbox[2], f.box[2]), Math.max(cur.bbox[3], f.box[3])];
        cur.x1 = Math.max(cur.x1, f.x1);
        cur.y0 = Math.min(cur.y0, f.y0);
        cur.y1 = Math.max(cur.y1, f.y1);
        cur.item = f.item;
        cur.size = Math.max(cur.size, f.size);
        continue;
      }
      words.push(cur);
    }
    cur = { text: f.str, bbox: [...f.box], x0: f.x0, y0: f.y0, x1: f.x1, y1: f.y1, item: f.item, size: f.size };
  }
  if (cur) words.push(cur);
  return words;
}
