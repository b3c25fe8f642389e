/**
 * What `pdnscan check` scans: a built site's folder as it is, or a site crawled from its URL into
 * a temporary folder (removed afterwards) whose files are then reported by the URLs they came
 * from. Values are always revealed to this layer (fingerprints need them); masking is the gate's
 * job before anything is printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanPaths, summarise, type ScannerOptions } from '../engine/scanner.js';
import type { FileReport, ScanReport } from '../report/types.js';
import { crawlSite, type CrawlOptions, type CrawlResult } from './crawl.js';
import { Mirror } from './mirror.js';

export type CheckScanOptions = Omit<ScannerOptions, 'reveal' | 'keepText' | 'reuse' | 'onFile'>;

export interface CheckRun {
  /** Values revealed; each file's path is its URL (site) or its path as the scanner shows it (folder). */
  report: ScanReport;
  /** The location fingerprints are computed with: the URL, or the path inside the checked folder. */
  locationOf: (file: FileReport) => string;
  /** Present for a crawled site. */
  crawl?: CrawlResult;
}

export function isSiteUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

export async function checkFolder(folder: string, scan: CheckScanOptions): Promise<CheckRun> {
  const report = await scanPaths([folder], { ...scan, reveal: true });
  const locationOf = (file: FileReport) => {
    const inside = path.relative(folder, file.path);
    // A single file given as the target is its own location.
    return (inside === '' ? path.basename(file.path) : inside).split(path.sep).join('/');
  };
  return { report, locationOf };
}

export async function checkSite(base: URL, crawlOptions: CrawlOptions, scan: CheckScanOptions): Promise<CheckRun> {
  const root = await mkdtemp(path.join(tmpdir(), 'pdnscan-check-'));
  try {
    const mirror = new Mirror(root);
    const crawl = await crawlSite(base, mirror, crawlOptions);
    const scanned = await scanPaths([root], { ...scan, exclude: [], followSymlinks: false, reveal: true });
    const byUrl = new Map<string, FileReport>();
    for (const file of scanned.files) {
      const url = mirror.urlOf(file.path);
      if (url) byUrl.set(url, { ...file, path: url });
    }
    // Crawl order (base page first, then by link depth) reads better than the folder's name order.
    const files: FileReport[] = [];
    for (const resource of crawl.resources) {
      if (resource.redirectsTo !== undefined) continue;
      const scannedFile = byUrl.get(resource.url);
      files.push(scannedFile ?? notDownloaded(resource.url, resource.problem ?? 'not downloaded', resource.skipped === true));
    }
    const report: ScanReport = { ...scanned, roots: [base.href], summary: summarise(files), files };
    return { report, locationOf: (file) => file.path, crawl };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function notDownloaded(url: string, problem: string, skipped: boolean): FileReport {
  return {
    path: url,
    size: 0,
    mtime: '',
    sha256: null,
    format: null,
    encoding: null,
    status: skipped ? 'skipped' : 'error',
    error: problem,
    categories: [],
    risk: 'none',
    findings: [],
  };
}
