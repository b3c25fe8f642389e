/**
 * Scans one file: read → extract → detect → report. Every failure becomes data on the file's
 * report (status error/skipped with a message), never an exception: one bad file must not stop a scan.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { applyCategoryRules } from '../categories/apply.js';
import { loadCategoryRules } from '../categories/rules.js';
import { ALL_DETECTORS, detectorById } from '../detectors/registry.js';
import { compileDetectors, runDetectors, type CompiledDetector } from '../detectors/run-detectors.js';
import type { EntityType, Finding } from '../detectors/types.js';
import { locateRange } from '../document/locate.js';
import type { ScanDocument } from '../document/types.js';
import { extractorFor } from '../extractors/registry.js';
import { ocrConfidenceOf } from '../ocr/document.js';
import { ocrPages } from '../ocr/ocr-pages.js';
import { ExtractionError, UnsupportedFormatError } from '../extractors/types.js';
import { maskSpans } from '../report/formats/natasha.js';
import { maskValue, scrubMessage } from '../report/mask.js';
import { riskOf } from '../report/risk.js';
import type { FileReport, FindingReport, Location } from '../report/types.js';
import type { FileTask, ScanOptions } from './task.js';
import { splitAllowed, type AllowSplit } from './allowlist.js';
import { detectorMinScore, meetsThreshold } from './score-thresholds.js';
import { CHUNKED_TEXT_THRESHOLD, scanTextInChunks } from './scan-chunked.js';

/**
 * A file is read whole into memory (and its text held as one string, which V8 caps at ~512 MB of
 * UTF-16): beyond this size a file is skipped with a reason instead of exhausting a worker.
 */
export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;

/** Files up to this size are read synchronously (see scanFile). */
const SYNC_READ_LIMIT = 4 * 1024 * 1024;

/**
 * Identifier detectors all run even when `--types` narrows the report: which detector wins a
 * contested value (a driving licence number also has a passport's shape) must not depend on the
 * filter.
 */
const compiledByKey = new Map<string, CompiledDetector[]>();

/**
 * Detectors of text spans (names, addresses, organisations, special categories) compete with no
 * identifier for its characters, so they are left out when their type is not wanted: they are
 * the costly ones. Identifier detectors always run together (see above).
 */
const SPAN_ENTITIES = new Set<EntityType>(['PERSON', 'ADDRESS', 'ORG_ADDRESS', 'ORG', 'SPECIAL_CATEGORY']);

/** Runs the one-time set-up (dictionaries) of the detectors needed, in this thread, then compiles them. */
export async function detectorsFor(options: ScanOptions): Promise<CompiledDetector[]> {
  const isWanted = wantedType(options);
  // A report that carries the text (natasha) masks every finding in it, wanted or not.
  const specs = ALL_DETECTORS.filter((d) => options.keepText || !SPAN_ENTITIES.has(d.entity) || isWanted(d.entity));
  const key = specs.map((d) => d.id).join(',');
  let compiled = compiledByKey.get(key);
  if (!compiled) {
    await Promise.all(specs.map((d) => d.prepare?.()));
    compiled = compileDetectors(specs);
    compiledByKey.set(key, compiled);
  }
  return compiled;
}

function wantedType(options: ScanOptions): (type: EntityType) => boolean {
  const only = options.types ? new Set(options.types) : undefined;
  const except = new Set(options.excludeTypes ?? []);
  return (type) => (!only || only.has(type)) && !except.has(type);
}

function wanted(options: ScanOptions): (f: Finding) => boolean {
  const isWanted = wantedType(options);
  return (f) => isWanted(f.type);
}

export async function scanFile(task: FileTask): Promise<FileReport> {
  const report: FileReport = {
    path: task.displayPath,
    size: 0,
    mtime: '',
    sha256: null,
    format: null,
    encoding: null,
    status: 'ok',
    categories: [],
    risk: 'none',
    findings: [],
  };
  try {
    const info = task.size !== undefined && task.mtimeMs !== undefined ? { size: task.size, mtime: new Date(task.mtimeMs), isFile: () => true } : await stat(task.path);
    report.size = info.size;
    report.mtime = info.mtime.toISOString();
    if (!info.isFile()) return fail(report, 'error', 'not a regular file');
    // Big plain-text files (logs, dumps) are read in chunks, so only an explicit limit applies.
    if (info.size > CHUNKED_TEXT_THRESHOLD && (task.options.maxFileSize === undefined || info.size <= task.options.maxFileSize) && (await isPlainText(task.path))) {
      return await scanTextInChunks(task, report);
    }
    const limit = task.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (info.size > limit) {
      const which = task.options.maxFileSize === undefined ? 'the default limit; raise it with --max-file-size' : '--max-file-size';
      return fail(report, 'skipped', `larger than ${which} (${info.size} > ${limit} bytes)`);
    }
    // A small file is read synchronously: an asynchronous read costs four thread-pool round trips
    // (open, stat, read, close) during which this thread, which has one file to work on, idles.
    const bytes = info.size <= SYNC_READ_LIMIT ? readFileSync(task.path) : await readFile(task.path);
    report.sha256 = createHash('sha256').update(bytes).digest('hex');
    const { doc, all, allowed } = await analyzeBytes(bytes, task.path, task.options);
    report.format = doc.meta.format;
    report.encoding = doc.meta.encoding ?? null;
    if (doc.meta.pages !== undefined) report.pages = doc.meta.pages;
    if (doc.meta.pagesNeedingOcr?.length) report.pagesNeedingOcr = [...doc.meta.pagesNeedingOcr];
    if (doc.meta.warnings?.length) report.warnings = [...doc.meta.warnings];
    const rules = loadCategoryRules(task.options.categoriesFile);
    const categorised = applyCategoryRules(all.filter(wanted(task.options)), doc.text, rules);
    const findings = categorised.findings;
    report.findings = findings.map((f) => toReport(doc, f, task.options));
    const allowlisted = wantedFindings(allowed, task.options).length;
    if (allowlisted) report.allowlisted = allowlisted;
    // Natasha format: the text, with every finding (whatever --types shows) masked unless revealed.
    if (task.options.keepText) report.text = task.options.reveal ? doc.text : maskSpans(doc.text, all);
    report.categories = categorised.categories;
    if (categorised.mentions.length) report.mentions = categorised.mentions;
    report.risk = riskOf(report.categories, findings.filter((f) => f.personalData).length, rules.classOf);
    return report;
  } catch (error) {
    if (error instanceof UnsupportedFormatError) return fail(report, 'skipped', error.reason);
    if (error instanceof ExtractionError) return fail(report, 'error', error.message);
    return fail(report, 'error', describeError(error, task.options.reveal));
  }
}

/** Would the text extractor read this file (by name and first bytes)? */
async function isPlainText(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    const extractor = extractorFor(path, sample.subarray(0, bytesRead));
    return !('skip' in extractor) && extractor.id === 'txt';
  } finally {
    await handle.close();
  }
}

/** A file's document (after OCR) and every finding of the detectors that ran, wanted or not. */
export interface Analysis {
  doc: ScanDocument;
  /** Findings reaching their type's score threshold, allowlisted ones left out. */
  all: Finding[];
  /** Findings the allowlist suppressed: counted, never reported. */
  allowed: Finding[];
}

/**
 * Extract (with OCR where needed) and detect. Throws UnsupportedFormatError for a file no
 * extractor reads (or an image with OCR off) and ExtractionError for a file that cannot be read.
 */
export async function analyzeBytes(bytes: Uint8Array, path: string, options: ScanOptions): Promise<Analysis> {
  const extractor = extractorFor(path, bytes);
  if ('skip' in extractor) throw new UnsupportedFormatError(extractor.skip);
  if (extractor.id === 'image' && options.ocr === 'never') throw new UnsupportedFormatError('OCR disabled');
  const extracted = await extractor.extract({ bytes, path });
  const doc = await ocrPages(extracted, bytes, {
    ...(options.ocr ? { mode: options.ocr } : {}),
    ...(options.ocrLang ? { lang: options.ocrLang } : {}),
    ...(options.ocrDpi ? { dpi: options.ocrDpi } : {}),
    ...(options.ocrPageTimeoutMs ? { pageTimeoutMs: options.ocrPageTimeoutMs } : {}),
    ...(options.ocrEmbeddedImages === false ? { embeddedImages: false } : {}),
  });
  const { kept, allowed } = detectFindings(doc, await detectorsFor(options), options, path);
  return { doc, all: kept, allowed };
}

/**
 * Runs the detectors, holds each finding to its type's score threshold and sets the allowlisted
 * ones apart (`paths` rules matched against `file`): the one place findings are produced, so
 * every output honours the thresholds and the allowlist.
 */
export function detectFindings(doc: ScanDocument, detectors: readonly CompiledDetector[], options: ScanOptions, file: string): AllowSplit {
  const found = runDetectors(doc, detectors, { minScore: detectorMinScore(options) });
  return splitAllowed(options.scoreThresholds ? found.filter(meetsThreshold(options)) : found, options.allow, file);
}

/** The findings of `all` whose type the options ask for. */
export function wantedFindings(all: readonly Finding[], options: ScanOptions): Finding[] {
  return all.filter(wanted(options));
}

function fail(report: FileReport, status: 'error' | 'skipped', message: string): FileReport {
  report.status = status;
  report.error = message;
  return report;
}

export function toReport(doc: ScanDocument, f: Finding, options: ScanOptions): FindingReport {
  const reveal = options.reveal;
  const spec = detectorById(f.detector);
  const location = (locateRange(doc, f.start, f.end) ?? { line: 1, column: 0 }) as Location;
  const ocrConfidence = ocrConfidenceOf(doc, f.start, f.end);
  return {
    type: f.type,
    start: f.start,
    end: f.end,
    page: 'page' in location ? location.page : null,
    location,
    score: f.score,
    validated: f.validated,
    personalData: f.personalData,
    masked: maskValue(f.value, spec?.mask),
    ...(reveal ? { value: f.value } : {}),
    ...(options.valueHashes ? { valueHash: createHash('sha256').update(f.value, 'utf8').digest('hex').slice(0, 16) } : {}),
    category: f.category,
    // Name facts and address parts are the value in pieces: shown only when values are.
    ...(reveal && f.facts ? { facts: f.facts } : {}),
    detector: f.detector,
    ...(f.ocrFolded ? { ocrFolded: true } : {}),
    ...(ocrConfidence !== undefined ? { ocrConfidence } : {}),
    explanation: {
      pattern: f.explanation.pattern,
      validation: f.explanation.validation,
      ...(f.explanation.context !== undefined ? { context: f.explanation.context } : {}),
      ...(f.explanation.note !== undefined ? { note: f.explanation.note } : {}),
    },
  };
}

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'file disappeared during the scan',
  EISDIR: 'is a directory',
  ELOOP: 'symbolic link loop',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A message for the report that never quotes the file's content unless values are revealed. */
export function describeError(error: unknown, reveal: boolean): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FS_ERRORS[code]) return FS_ERRORS[code]!;
  const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  return reveal ? message : scrubMessage(message);
}
