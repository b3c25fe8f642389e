/**
 * Helpers for the end-to-end tests: run the real CLI (bin/pdnscan.js → dist/), load the corpus
 * ground truth (fixtures/corpus.truth.json, written by scripts/generate-fixtures.mjs) and compare
 * a report with it.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = 'fixtures/corpus';
export const CORPUS_ABS = path.join(ROOT, CORPUS);
export const BIN = path.join(ROOT, 'bin/pdnscan.js');

// ───────────────────────────── running the CLI ─────────────────────────────

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  /** Kill the CLI after this many ms (default 20 s). */
  timeout?: number;
  env?: NodeJS.ProcessEnv;
}

/** Run `node bin/pdnscan.js ...args` synchronously (cwd: repo root unless given). */
export function runCli(args: readonly string[], opts: RunOptions = {}): CliResult {
  const started = Date.now();
  const spawnOpts: SpawnSyncOptions = {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 20_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const r = spawnSync(process.execPath, [BIN, ...args], spawnOpts);
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return {
    status: r.status,
    signal: r.signal,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    ms: Date.now() - started,
  };
}

/** Run and parse a JSON report from stdout; throws with the CLI's stderr when it is not JSON. */
export function runJson(args: readonly string[], opts: RunOptions = {}): { result: CliResult; report: Report } {
  const result = runCli(['scan', ...args, '--format', 'json', '--quiet'], opts);
  try {
    return { result, report: JSON.parse(result.stdout) as Report };
  } catch {
    throw new Error(`no JSON on stdout (exit ${result.status}):\n${result.stderr}\n${result.stdout.slice(0, 500)}`);
  }
}

export function tempDir(prefix = 'pdnscan-e2e-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ───────────────────────────── report and truth shapes ─────────────────────────────

export interface ReportFinding {
  type: string;
  start: number;
  end: number;
  page: number | null;
  location: { line: number; column: number; row?: number; col?: number; header?: string; entry?: string };
  score: number;
  validated: boolean;
  personalData?: boolean;
  masked: string;
  value?: string;
}

export interface ReportFile {
  path: string;
  size: number;
  mtime: string;
  sha256: string | null;
  format: string | null;
  encoding: string | null;
  status: 'ok' | 'error' | 'skipped';
  error?: string;
  categories: string[];
  risk: 'none' | 'low' | 'medium' | 'high' | 'special';
  findings: ReportFinding[];
}

export interface Report {
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  roots: string[];
  summary: {
    files: number;
    filesWithPersonalData: number;
    errors: number;
    skipped: number;
    byType: Record<string, number>;
  };
  files: ReportFile[];
}

export interface TruthValue {
  type: string;
  value: string;
  personalData?: boolean;
  note?: string;
}
export interface TruthDecoy {
  value: string;
  types?: string[];
  note?: string;
}
export interface TruthFile {
  path: string;
  format: string | null;
  encoding: string | null;
  bom: boolean;
  eol: 'lf' | 'crlf' | null;
  expectStatus: 'ok' | 'skipped';
  personalData: boolean | null;
  note?: string;
  size: number;
  findings: TruthValue[];
  optional: TruthValue[];
  mustNotFind: TruthDecoy[];
}
export interface Truth {
  seed: number;
  files: TruthFile[];
}

export function loadTruth(file = path.join(ROOT, 'fixtures/corpus.truth.json')): Truth {
  return JSON.parse(readFileSync(file, 'utf8')) as Truth;
}

/** The report path of a file relative to the corpus root, with '/' separators. */
export function relToCorpus(reportPath: string, root = CORPUS): string {
  return path.relative(root, reportPath).split(path.sep).join('/');
}

/** Decoded text of a corpus file as an extractor should see it (BOM removed). */
export function decodeCorpusFile(t: TruthFile): string {
  const bytes = readFileSync(path.join(CORPUS_ABS, t.path));
  const names: Record<string, string> = { 'utf-8': 'utf8', 'utf-16le': 'utf16le', 'windows-1251': 'win1251', 'koi8-r': 'koi8-r' };
  const text = iconv.decode(bytes, names[t.encoding ?? 'utf-8'] ?? 'utf8', { stripBOM: true });
  return text.replace(/^\uFEFF/, '');
}

/** Canonical encoding name for comparisons: "Windows-1251", "cp1251", "win1251" → "windows1251". */
export function canonicalEncoding(e: string | null | undefined): string | null {
  if (e == null) return null;
  const s = e.toLowerCase().replace(/[^a-z0-9]/g, '');
  const alias: Record<string, string> = {
    utf8: 'utf8', utf8bom: 'utf8', utf8sig: 'utf8',
    utf16le: 'utf16le', utf16lebom: 'utf16le', ucs2: 'utf16le',
    cp1251: 'windows1251', win1251: 'windows1251', windows1251: 'windows1251',
    koi8r: 'koi8r', cp20866: 'koi8r',
  };
  return alias[s] ?? s;
}

// ───────────────────────────── comparing findings with the truth ─────────────────────────────

/** Letters and digits only: "112-233-445 95" → "11223344595". */
export const compact = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '');
export const digitsOf = (s: string): string => s.replace(/\D/g, '');

export type MatchKind = 'exact' | 'compact' | 'partial' | null;

/** How well a reported value matches a planted one (ignoring the type). */
export function matchKind(found: string, planted: string): MatchKind {
  if (found === planted) return 'exact';
  const a = compact(found);
  const b = compact(planted);
  if (a === b) return 'compact';
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.includes(short) && short.length / long.length >= 0.6) return 'partial';
  return null;
}

export interface FileComparison {
  path: string;
  /** Truth findings with the best matching reported finding. */
  hits: Array<{ truth: TruthValue; kind: Exclude<MatchKind, null>; found: ReportFinding }>;
  /** Truth findings not reported with the right type (`asType`: reported under another type). */
  misses: Array<{ truth: TruthValue; asType?: string }>;
  /** Reported findings that match no truth or optional value of their type. */
  falsePositives: ReportFinding[];
  /** Reported findings that hit a mustNotFind decoy. */
  decoyHits: Array<{ decoy: TruthDecoy; found: ReportFinding }>;
}

const RANK: Record<Exclude<MatchKind, null>, number> = { exact: 3, compact: 2, partial: 1 };

export function compareFile(t: TruthFile, rf: ReportFile | undefined): FileComparison {
  const findings = rf?.findings ?? [];
  const out: FileComparison = { path: t.path, hits: [], misses: [], falsePositives: [], decoyHits: [] };
  for (const tv of t.findings) {
    let best: { kind: Exclude<MatchKind, null>; found: ReportFinding } | undefined;
    let otherType: string | undefined;
    for (const f of findings) {
      const k = matchKind(f.value ?? '', tv.value);
      if (!k) continue;
      if (f.type !== tv.type) {
        otherType ??= f.type;
        continue;
      }
      if (!best || RANK[k] > RANK[best.kind]) best = { kind: k, found: f };
    }
    if (best) out.hits.push({ truth: tv, ...best });
    else out.misses.push({ truth: tv, ...(otherType ? { asType: otherType } : {}) });
  }
  const expected = [...t.findings, ...t.optional];
  for (const f of findings) {
    if (!expected.some((tv) => tv.type === f.type && matchKind(f.value ?? '', tv.value))) out.falsePositives.push(f);
  }
  for (const d of t.mustNotFind) {
    for (const f of findings) {
      if (d.types && !d.types.includes(f.type)) continue;
      const a = compact(f.value ?? '');
      const b = compact(d.value);
      const [short, long] = a.length <= b.length ? [a, b] : [b, a];
      if (short.length >= 4 && long.includes(short)) out.decoyHits.push({ decoy: d, found: f });
    }
  }
  return out;
}

export const fmtValue = (s: string | undefined): string => JSON.stringify(s ?? null);
