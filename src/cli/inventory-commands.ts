/**
 * The inventory on the command line: `scan --db` (wired in by scanWithInventory), and the
 * `report` and `diff` commands, which read the inventory without scanning. Exit codes as scan:
 * 0 nothing found (report) or no change (diff), 1 personal data found or changes, 2 usage or
 * I/O error (thrown as UsageError for main.ts's handler).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCategoryRules } from '../categories/rules.js';
import { scanPaths, type ScannerOptions } from '../engine/scanner.js';
import { InventoryError, openInventoryDb } from '../inventory/db.js';
import { diffRuns, runsToCompare } from '../inventory/diff.js';
import { DIFF_FORMATS, renderDiff, type DiffFormat } from '../inventory/diff-render.js';
import { reportFromInventory } from '../inventory/inventory-report.js';
import { openScanSession, type SessionResult } from '../inventory/scan-session.js';
import { InventoryStore } from '../inventory/store.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import { REPORT_LANGS, type ReportLang } from '../report/labels.js';
import type { ScanReport } from '../report/types.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { CliIo } from './main.js';
import { parseCsvDelimiter, parsePositiveInt, UsageError } from './parse.js';

const EXIT_CLEAN = 0;
const EXIT_FOUND = 1;

/** The document text the natasha format prints is not kept in the inventory. */
const INVENTORY_REPORT_FORMATS = REPORT_FORMATS.filter((f) => f !== 'natasha');

export interface InventoryScanOptions {
  /** `--db FILE`: keep an inventory there and reuse its unchanged files. */
  db?: string;
  /** `--verify-hash`: hash unchanged-looking files and rescan those whose content differs. */
  verifyHash?: boolean;
  quiet?: boolean;
}

/**
 * scanPaths, with an inventory when `--db` is given: unchanged files come from it, every
 * finished file is recorded in it as it completes, and the run is recorded — finished, or
 * interrupted when the scan fails or the process is stopped by SIGINT/SIGTERM.
 */
export async function scanWithInventory(roots: string[], options: ScannerOptions, inventory: InventoryScanOptions, io: CliIo): Promise<ScanReport> {
  if (inventory.db === undefined) {
    if (inventory.verifyHash) throw new UsageError('--verify-hash needs --db (it checks files against an inventory)');
    return scanPaths(roots, options);
  }
  const dbFile = inventory.db;
  const session = await withUsageErrors(() =>
    openScanSession(
      {
        dbFile,
        roots,
        verifyHash: inventory.verifyHash ?? false,
        runOptions: {
          ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
          exclude: options.exclude ?? [],
          followSymlinks: options.followSymlinks ?? false,
          ...(options.fileTimeoutMs !== undefined ? { fileTimeoutMs: options.fileTimeoutMs } : {}),
          ...(options.categoriesFile !== undefined ? { categoriesFile: options.categoriesFile } : {}),
        },
      },
      options,
    ),
  );
  // Stopped from outside: record the run as interrupted, then die of the signal as usual.
  const onSignal = (signal: NodeJS.Signals) => {
    session.abort();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let report: ScanReport;
  try {
    report = await scanPaths(roots, session.wire(options));
  } catch (error) {
    session.abort();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const result = session.finish();
  if (!inventory.quiet) io.stderr.write(`pdnscan: inventory ${dbFile}: ${describeRun(result)}\n`);
  return report;
}

function describeRun(r: SessionResult): string {
  const reasons = Object.entries(r.reasons)
    .map(([why, n]) => `${n} ${why}`)
    .join(', ');
  const parts = [`run ${r.run}: ${r.files} files`, `${r.scanned} scanned${reasons ? ` (${reasons})` : ''}`, `${r.reused} reused`, `${r.gone} gone`];
  if (r.interrupted.length) parts.push(`earlier run${r.interrupted.length > 1 ? 's' : ''} ${r.interrupted.join(', ')} marked interrupted`);
  return parts.join(', ');
}

interface ReportCliOptions {
  db: string;
  format?: ReportFormat;
  out?: string;
  reveal: boolean;
  lang: ReportLang;
  csvDelimiter?: string;
  categories?: string;
  quiet: boolean;
}

interface DiffCliOptions {
  db: string;
  since?: string;
  format: DiffFormat;
}

const REPORT_EXAMPLES = `
Examples:
  $ pdnscan scan ./share --db inventory.sqlite --quiet          first scan fills the inventory
  $ pdnscan scan ./share --db inventory.sqlite --quiet          rescan: only changed files are read
  $ pdnscan report --db inventory.sqlite --format html --out pdn.html
  $ pdnscan report --db inventory.sqlite --format csv --csv-delimiter ";"

Lists the files of the inventory that are not gone, as the last scans recorded them; nothing is read.
Values are masked unless the files were scanned with --reveal and --reveal is given here too.
Exit codes: 0 no personal data, 1 personal data recorded, 2 usage or I/O error.
`;

const DIFF_EXAMPLES = `
Examples:
  $ pdnscan diff --db inventory.sqlite                 the last two finished runs
  $ pdnscan diff --db inventory.sqlite --since 3       run 3 against the last finished run
  $ pdnscan diff --db inventory.sqlite --format json

Kinds: gained (a type of personal data not there before), lost (a type no longer there), changed
(risk, categories or status changed, or types both gained and lost), new, gone.
Exit codes: 0 no changes, 1 changes, 2 usage or I/O error.
`;

export function registerInventoryCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('write a report of the inventory (pdnscan scan --db) without scanning')
    .requiredOption('--db <file>', 'inventory database written by pdnscan scan --db')
    .addOption(new Option('-f, --format <format>', 'report format (default: table on a terminal, json otherwise)').choices(INVENTORY_REPORT_FORMATS))
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of the html report').choices(REPORT_LANGS).default('ru'))
    .option('--csv-delimiter <char>', 'field separator of the csv report (default ","; ";" for Russian Excel; "tab")')
    .option('--categories <file>', 'category rules whose names the report uses (those the scan used)')
    .option('--reveal', 'include the raw values the inventory holds (only files scanned with --reveal)', false)
    .option('-q, --quiet', 'no summary on stderr', false)
    .addHelpText('after', REPORT_EXAMPLES)
    .action(async (opts: ReportCliOptions) => {
      setExitCode(await runReport(opts, io));
    });

  program
    .command('diff')
    .description('list files that gained or lost personal data between two runs of an inventory, and new and gone files')
    .requiredOption('--db <file>', 'inventory database written by pdnscan scan --db')
    .option('--since <run>', 'compare this run (its number) with the last finished run (default: the finished run before the last)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('table'))
    .addHelpText('after', DIFF_EXAMPLES)
    .action(async (opts: DiffCliOptions) => {
      setExitCode(await runDiff(opts, io));
    });
}

async function runReport(opts: ReportCliOptions, io: CliIo): Promise<number> {
  const csvDelimiter = opts.csvDelimiter !== undefined ? parseCsvDelimiter('--csv-delimiter', opts.csvDelimiter) : undefined;
  const categoryLabels = opts.categories !== undefined ? loadCategoryRules(path.resolve(opts.categories)).labelOf : undefined;
  const report = withStore(opts.db, (store) => reportFromInventory(store, opts.reveal));
  const format: ReportFormat = opts.format ?? (io.stdout.isTTY && !opts.out ? 'table' : 'json');
  const rendered = renderReport(report, format, opts.reveal, {
    lang: opts.lang,
    ...(csvDelimiter !== undefined ? { csvDelimiter } : {}),
    ...(categoryLabels ? { categoryLabels } : {}),
  });
  if (opts.out) {
    await writeFileAtomic(opts.out, rendered).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--out: cannot write ${opts.out} (${error.code ?? error.message})`);
    });
    if (!opts.quiet) {
      const s = report.summary;
      io.stderr.write(`pdnscan: ${s.files} files, ${s.filesWithPersonalData} with personal data; report written to ${opts.out}\n`);
    }
  } else {
    await write(io, rendered);
  }
  return report.summary.filesWithPersonalData > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

async function runDiff(opts: DiffCliOptions, io: CliIo): Promise<number> {
  const since = opts.since !== undefined ? parsePositiveInt('--since', opts.since) : undefined;
  const diff = withStore(opts.db, (store) => {
    const { from, to } = runsToCompare(store, since);
    return diffRuns(store, from, to);
  });
  await write(io, renderDiff(diff, opts.format));
  return diff.changes.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

/** Opens an existing inventory for a read, closing it after; its errors become usage errors. */
function withStore<T>(dbFile: string, read: (store: InventoryStore) => T): T {
  if (!existsSync(dbFile)) throw new UsageError(`--db: no inventory at ${dbFile} (make one with "pdnscan scan PATHS --db ${dbFile}")`);
  return withUsageErrorsSync(() => {
    const db = openInventoryDb(dbFile, { mustExist: true });
    try {
      return read(new InventoryStore(db));
    } finally {
      db.close();
    }
  });
}

async function withUsageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InventoryError) throw new UsageError(error.message);
    throw error;
  }
}

function withUsageErrorsSync<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InventoryError) throw new UsageError(error.message);
    throw error;
  }
}

function write(io: CliIo, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => io.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}
