/**
 * Text files too large to hold as one string (a 2 GB log) are read in chunks, with bounded
 * memory whatever the file's size. Each chunk is scanned together with the tail of the one before
 * it (OVERLAP characters), and a finding belongs to the chunk in which it starts past the first
 * CONTEXT characters, so a value cut by a chunk boundary is seen whole by the next chunk, with
 * its context words before it, and reported once.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { applyCategoryRules } from '../categories/apply.js';
import { loadCategoryRules } from '../categories/rules.js';
import type { CategoryId } from '../detectors/categories.js';
import type { ScanDocument } from '../document/types.js';
import { riskOf } from '../report/risk.js';
import type { FileReport } from '../report/types.js';
import { decodeText, looksBinary } from '../text/decode.js';
import { detectFindings, detectorsFor, toReport, wantedFindings } from './scan-file.js';
import type { FileTask } from './task.js';

/** Text files larger than this are read in chunks. */
export const CHUNKED_TEXT_THRESHOLD = 64 * 1024 * 1024;
export const CHUNK_BYTES = 2 * 1024 * 1024;
/** Characters of the previous chunk scanned again: longer than any value plus its context. */
export const OVERLAP_CHARS = 8192;
/** A finding starting in the first CONTEXT characters of a chunk belongs to the chunk before. */
export const CONTEXT_CHARS = 1024;

const SAMPLE_BYTES = 64 * 1024;

/** Scans the text file of `task` chunk by chunk into `report` (size and mtime already set). */
export async function scanTextInChunks(task: FileTask, report: FileReport, chunkBytes = CHUNK_BYTES): Promise<FileReport> {
  // A chunk must decode to far more characters than are carried over, or findings would be lost.
  if (chunkBytes < 8 * OVERLAP_CHARS) throw new RangeError(`chunks must be at least ${8 * OVERLAP_CHARS} bytes`);
  const options = task.options;
  const handle = await open(task.path, 'r');
  try {
    const sample = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, SAMPLE_BYTES, 0);
    const head = sample.subarray(0, bytesRead);
    if (looksBinary(head)) {
      report.status = 'skipped';
      report.error = 'binary file';
      return report;
    }
    // The encoding is decided on the sample, cut at its last line break so that no multi-byte
    // character is cut in half.
    const cut = head.lastIndexOf(10);
    const encoding = decodeText(cut > 0 ? head.subarray(0, cut + 1) : head).encoding;
    report.format = 'txt';
    report.encoding = encoding;

    const detectors = await detectorsFor(options);
    const rules = loadCategoryRules(options.categoriesFile);
    const decoder = iconv.getDecoder(encoding);
    const hash = createHash('sha256');
    const held = new Set<CategoryId>();
    const named = new Set<CategoryId>();
    const keywordCategories = new Set<CategoryId>();
    let personal = false;
    let allowlisted = 0;
    let carry = '';
    /** Global character offset, 1-based line and 0-based column of the start of `carry`. */
    let carryStart = 0;
    let line = 1;
    let column = 0;
    let first = true;
    const buffer = Buffer.alloc(chunkBytes);
    for (let position = 0; ; ) {
      const { bytesRead: n } = await handle.read(buffer, 0, chunkBytes, position);
      position += n;
      const last = n < chunkBytes;
      const bytes = buffer.subarray(0, n);
      hash.update(bytes);
      const fresh = decoder.write(bytes) + (last ? decoder.end() ?? '' : '');
      const window = carry + fresh;
      const doc: ScanDocument = {
        text: window,
        segments: window.length ? [{ start: 0, end: window.length, source: { kind: 'text', line, column } }] : [],
        meta: { format: 'txt', encoding },
      };
      const ownFrom = first ? 0 : CONTEXT_CHARS;
      const ownTo = last ? Infinity : window.length - OVERLAP_CHARS + CONTEXT_CHARS;
      const found = detectFindings(doc, detectors, options, task.path);
      const isOwned = (f: { start: number }) => f.start >= ownFrom && f.start < ownTo;
      const owned = found.kept.filter(isOwned);
      allowlisted += wantedFindings(found.allowed.filter(isOwned), options).length;
      const fromFindings = applyCategoryRules(wantedFindings(owned, options), '', rules);
      for (const c of fromFindings.categories) held.add(c);
      for (const c of fromFindings.mentions) named.add(c);
      for (const c of applyCategoryRules([], window, rules).mentions) keywordCategories.add(c);
      if (owned.some((f) => f.personalData)) personal = true;
      for (const f of fromFindings.findings) {
        const r = toReport(doc, f, options);
        r.start += carryStart;
        r.end += carryStart;
        report.findings.push(r);
      }
      if (last) break;
      // The next window starts OVERLAP characters before this one's end.
      let keep = Math.min(OVERLAP_CHARS, window.length);
      // Never split a \r\n pair between the part left behind and the part kept.
      if (window.charCodeAt(window.length - keep) === 10 && window.charCodeAt(window.length - keep - 1) === 13) keep++;
      const dropped = window.slice(0, window.length - keep);
      ({ line, column } = advance(line, column, dropped));
      carryStart += dropped.length;
      carry = window.slice(window.length - keep);
      first = false;
    }
    report.sha256 = hash.digest('hex');
    if (allowlisted) report.allowlisted = allowlisted;
    if (personal) for (const c of keywordCategories) held.add(c);
    else for (const c of keywordCategories) named.add(c);
    for (const c of held) named.delete(c);
    report.categories = [...held].sort();
    if (named.size) report.mentions = [...named].sort();
    report.risk = riskOf(report.categories, report.findings.filter((f) => f.personalData).length, rules.classOf);
    report.warnings = [...(report.warnings ?? []), `read in chunks of ${Math.round(chunkBytes / 1024 / 1024)} MB (file larger than ${CHUNKED_TEXT_THRESHOLD / 1024 / 1024} MB)`];
    return report;
  } finally {
    await handle.close();
  }
}

/** Line and column after `text`, from a line and column before it (\n, \r\n and \r end lines). */
function advance(line: number, column: number, text: string): { line: number; column: number } {
  let l = line;
  let c = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      l++;
      c = 0;
    } else if (ch !== 13) c++;
  }
  return { line: l, column: c };
}
