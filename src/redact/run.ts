/**
 * A redaction run: walk the inputs, mirror each file's relative path under the output folder,
 * anonymise the files on the worker pool, then write the mapping (only when asked, 0600, never
 * inside the output folder) and the audit log (no values).
 */
import { availableParallelism } from 'node:os';
import { realpath, stat, writeFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EntityType } from '../detectors/types.js';
import { runTasks } from '../pipeline/run-tasks.js';
import { pickScanOptions, type ScanOptions } from '../pipeline/task.js';
import { walk } from '../pipeline/walk.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import { TOOL_VERSION } from '../version.js';
import { auditLog } from './audit.js';
import { loadOrCreateKey } from './key.js';
import type { MappingEntry } from './operators/index.js';
import { redactFile, type RedactOptions, type RedactTask } from './redact-file.js';
import type { FileRedaction, RedactionReport, RedactionSummary } from './result.js';
import type { OperatorPolicy } from './types.js';

export class RedactSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedactSetupError';
  }
}

export interface RedactRunOptions extends ScanOptions {
  /** Output folder; created when missing. */
  out: string;
  policy: OperatorPolicy;
  keyFile?: string;
  dryRun?: boolean;
  onlyChanged?: boolean;
  noVerify?: boolean;
  /** Where to write pseudonym/fake → original (0600). Refused inside `out`. */
  mappingOut?: string;
  /** Where to write the audit log (default: `<out>.audit.json` beside the output folder). */
  auditOut?: string;
  jobs?: number;
  exclude?: string[];
  followSymlinks?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export async function redactPaths(roots: readonly string[], options: RedactRunOptions): Promise<RedactionReport> {
  const startedAt = new Date().toISOString();
  const out = path.resolve(options.out);
  await checkPlaces(roots, out, options);
  const needsKey = [options.policy.default, ...Object.values(options.policy.byType)].some((op) => op === 'pseudonym' || op === 'fake' || op === 'shuffle');
  const key = await loadOrCreateKey(needsKey ? options.keyFile : options.keyFile ?? undefined);
  const redactOptions: RedactOptions = {
    ...pickScanOptions(options),
    policy: options.policy,
    keyHex: key.key.toString('hex'),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.onlyChanged ? { onlyChanged: true } : {}),
    ...(options.noVerify ? { noVerify: true } : {}),
    ...(options.mappingOut ? { collectMapping: true } : {}),
  };

  const tasks: RedactTask[] = [];
  const skipped: FileRedaction[] = [];
  const outReal = await realpath(out).catch(() => out);
  for (const root of roots) {
    const info = await stat(root);
    const base = info.isDirectory() ? root : path.dirname(root);
    // Several folders: each keeps its own name under the output folder, so their trees cannot collide.
    const prefix = info.isDirectory() && roots.length > 1 ? path.basename(path.resolve(root)) : '';
    for await (const entry of walk([root], { ...(options.exclude ? { exclude: options.exclude } : {}), followSymlinks: options.followSymlinks ?? false })) {
      const real = await realpath(entry.path).catch(() => path.resolve(entry.path));
      if (isInside(real, outReal)) continue; // an output folder inside an input: not our input
      const relative = path.join(prefix, path.relative(base, entry.path));
      const outPath = path.join(out, relative);
      // Never write over an original, whatever the folders' layout.
      if ((await realpath(outPath).catch(() => outPath)) === real) throw new RedactSetupError(`--out ${options.out}: a copy would replace its original`);
      if (entry.skip) {
        skipped.push({ path: entry.displayPath, status: 'skipped', error: entry.skip, format: null, size: 0, sha256: null, replacements: [], byType: {}, notes: [] });
        continue;
      }
      tasks.push({ path: entry.path, displayPath: entry.displayPath, outPath, displayOutPath: path.join(options.out, relative), options: redactOptions });
    }
  }

  let done = 0;
  const total = tasks.length;
  const results = await runTasks<RedactTask, FileRedaction>(tasks, {
    name: 'redactFile',
    local: redactFile,
    jobs: options.jobs ?? availableParallelism(),
    onWorkerFailure: (task, reason) => ({ path: task.displayPath, status: 'error' as const, error: reason, format: null, size: 0, sha256: null, replacements: [], byType: {}, notes: [] }),
    onResult: () => options.onProgress?.(++done, total),
  });
  const mapping = results.flatMap((r) => r.mapping ?? []);
  for (const r of results) delete r.mapping;
  const files = [...results, ...skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const report: RedactionReport = {
    tool: { name: 'pdnscan', version: TOOL_VERSION },
    startedAt,
    finishedAt: new Date().toISOString(),
    roots: [...roots],
    out: options.out,
    dryRun: options.dryRun ?? false,
    policy: options.policy,
    key: needsKey ? key.source : 'none',
    summary: summarise(files),
    files,
  };
  if (!options.dryRun) {
    if (options.mappingOut) await writeMapping(options.mappingOut, mapping);
    await writeFileAtomic(auditPath(options), JSON.stringify(auditLog(report), null, 2) + '\n');
  }
  return report;
}

export function auditPath(options: Pick<RedactRunOptions, 'out' | 'auditOut'>): string {
  return options.auditOut ?? `${path.resolve(options.out).replace(/[\\/]+$/, '')}.audit.json`;
}

/**
 * Refuses places that would mix originals, copies and the means to reverse them: an output folder
 * that is an input or holds one (copies would overwrite originals), a mapping inside the output
 * folder (anonymised data and the data to undo it must not be stored together).
 */
async function checkPlaces(roots: readonly string[], out: string, options: RedactRunOptions): Promise<void> {
  const outReal = await realpath(out).catch(() => out);
  for (const root of roots) {
    const rootReal = await realpath(root).catch(() => path.resolve(root));
    const isDir = (await stat(root)).isDirectory();
    const base = isDir ? rootReal : path.dirname(rootReal);
    if (base === outReal || isInside(base, outReal)) {
      throw new RedactSetupError(`--out ${options.out} is ${base === outReal ? 'where the input is' : 'a folder above an input'}: copies could replace originals; choose a separate folder`);
    }
  }
  if (options.mappingOut) {
    const mapping = path.resolve(options.mappingOut);
    if (isInside(mapping, outReal) || isInside(mapping, out)) {
      throw new RedactSetupError('--mapping-out must not be inside the output folder: anonymised data and the data to reverse it are kept apart');
    }
  }
  if (options.keyFile) {
    const keyFile = path.resolve(options.keyFile);
    if (isInside(keyFile, outReal) || isInside(keyFile, out)) throw new RedactSetupError('--key-file must not be inside the output folder');
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The mapping (substitute → original) as JSON, created 0600 and renamed into place. */
async function writeMapping(file: string, entries: readonly MappingEntry[]): Promise<void> {
  const unique = new Map<string, MappingEntry>();
  for (const e of entries) unique.set(`${e.type}\u0000${e.substitute}\u0000${e.original}`, e);
  const body = JSON.stringify({ warning: 'personal data: this file reverses the anonymisation; keep it apart from the copies', entries: [...unique.values()] }, null, 2) + '\n';
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, body, { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function summarise(files: readonly FileRedaction[]): RedactionSummary {
  const byType: Partial<Record<EntityType, number>> = {};
  let values = 0;
  let residual = 0;
  let leaked = 0;
  let unverified = 0;
  for (const f of files) {
    for (const [type, v] of Object.entries(f.byType)) {
      byType[type as EntityType] = (byType[type as EntityType] ?? 0) + v.count;
      values += v.count;
    }
    if (f.verification) {
      residual += f.verification.residual;
      leaked += f.verification.leaked;
      if (f.verification.residual + f.verification.leaked > 0) unverified++;
    }
  }
  const count = (s: FileRedaction['status']) => files.filter((f) => f.status === s).length;
  return {
    files: files.length,
    redacted: count('redacted'),
    copied: count('copied'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    errors: count('error'),
    values,
    byType,
    unverified,
    residual,
    leaked,
  };
}
