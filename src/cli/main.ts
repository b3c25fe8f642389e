/**
 * The command line. The only layer that touches argv, stdout/stderr and exit codes:
 * 0 nothing found, 1 personal data found, 2 usage or fatal error.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CategoryRulesError, loadCategoryRules } from '../categories/rules.js';
import { ALL_DETECTORS } from '../detectors/registry.js';
import { normaliseOcrLanguages, UnknownOcrLanguageError } from '../ocr/languages.js';
import { DEFAULT_OCR_DPI, OCR_MODES, type OcrMode } from '../ocr/ocr-pages.js';
import { PathNotFoundError } from '../pipeline/walk.js';
import { REPORT_FORMATS, renderReportChunks, type ReportFormat } from '../report/index.js';
import { REPORT_LANGS, type ReportLang } from '../report/labels.js';
import { scrubMessage } from '../report/mask.js';
import { writeChunksAtomic, writeChunksToStream } from '../report/write-atomic.js';
import { TOOL_VERSION } from '../version.js';
import { parseCsvDelimiter, parsePositiveInt, parseScore, parseSize, parseTypes, UsageError } from './parse.js';
import { registerRedactCommand } from './redact-command.js';
import { terminalProgress } from './progress.js';
import { registerRiskCommand } from './risk-command.js';
import { registerCheckCommand } from './check-command.js';
import { registerInventoryCommands, scanWithInventory } from './inventory-commands.js';
import { addConfigOptions, loadCommandConfig } from './config-option.js';
import { registerInitCommand } from './init-command.js';
import { overlay, scanOptionsFromConfig } from '../config/to-options.js';
import type { LoadedConfig } from '../config/types.js';
import type { ScannerOptions } from '../engine/scanner.js';

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

interface ScanCliOptions {
  format?: ReportFormat;
  out?: string;
  reveal: boolean;
  types?: string;
  excludeTypes?: string;
  minScore?: string;
  jobs?: string;
  exclude: string[];
  maxFileSize?: string;
  fileTimeout?: string;
  followSymlinks: boolean;
  quiet: boolean;
  ocr?: OcrMode;
  ocrLang?: string;
  ocrDpi?: string;
  ocrEmbedded: boolean;
  categories?: string;
  lang: ReportLang;
  csvDelimiter?: string;
  db?: string;
  verifyHash: boolean;
}

const SCAN_EXAMPLES = `
Examples:
  $ pdnscan scan ./share                                  table of findings on a terminal
  $ pdnscan scan ./share --format json --out report.json  full report for later processing
  $ pdnscan scan site/ --types RU_PASSPORT,RU_SNILS --exclude "**/node_modules/**"
  $ pdnscan scan big/ --jobs 2 --max-file-size 50MB --quiet
  $ pdnscan scan ./share --format html --out report.html   one page to open in a browser, offline
  $ pdnscan scan . --format sarif --out pdn.sarif           for code scanning (GitHub, GitLab, IDEs)
  $ pdnscan scan ./share --format csv --csv-delimiter ";"   CSV that Russian Excel splits into columns

Exit codes: 0 no personal data found, 1 personal data found, 2 usage or fatal error.
Values are masked in every output unless --reveal is given.

Detected types:
${ALL_DETECTORS.map((d) => `  ${d.entity.padEnd(22)} ${d.label.en}`).join('\n')}
`;

export async function execute(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let exitCode = EXIT_CLEAN;
  const program = new Command('pdnscan')
    .description('Find Russian personal data (152-FZ) in files and report it, masked.')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)');
  // Global, so `--config FILE` works before or after any command that scans.
  addConfigOptions(program);

  program
    .command('scan')
    .description('scan files and folders for personal data')
    .argument('<paths...>', 'files and folders to scan')
    .addOption(new Option('-f, --format <format>', 'report format (default: table on a terminal, json otherwise)').choices(REPORT_FORMATS))
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of the html report').choices(REPORT_LANGS).default('ru'))
    .option('--csv-delimiter <char>', 'field separator of the csv report (default ","; ";" for Russian Excel; "tab")')
    .option('--reveal', 'include raw values in the report (they are personal data!)', false)
    .option('--types <list>', 'only report these types (comma-separated)')
    .option('--exclude-types <list>', 'do not report these types (comma-separated)')
    .option('--min-score <n>', 'drop findings scoring below n (0..1, default 0.5)')
    .option('-j, --jobs <n>', `worker threads (default: ${availableParallelism()}, the available cores)`)
    .option('--exclude <glob>', 'skip paths matching the glob (repeatable)', collect, [] as string[])
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 10MB; default 256MB)')
    .option('--file-timeout <seconds>', 'give up on a file after this many seconds (its worker is replaced)')
    .option('--follow-symlinks', 'follow symbolic links (loops are detected)', false)
    .option('-q, --quiet', 'no progress output', false)
    .option('--categories <file>', 'category rules (JSON) replacing the built-in ones (see src/categories/default-rules.json)')
    .addOption(new Option('--ocr <mode>', 'OCR: auto (images and PDF pages without a text layer), always (every PDF page too), never').choices(OCR_MODES))
    .option('--ocr-lang <langs>', 'OCR languages joined with "+" (default: rus+eng)')
    .option('--ocr-dpi <n>', `resolution PDF pages are rendered at for OCR (default: ${DEFAULT_OCR_DPI})`)
    .option('--no-ocr-embedded', 'do not OCR pictures embedded in DOCX/XLSX/ODT/ODS')
    .option('--db <file>', 'keep an inventory in this SQLite file; a rescan reads only changed files (see "pdnscan report", "pdnscan diff")')
    .option('--verify-hash', 'with --db: also hash files that look unchanged, rescan those whose content differs', false)
    .addHelpText('after', SCAN_EXAMPLES)
    .action(async (paths: string[], opts: ScanCliOptions) => {
      exitCode = await runScan(paths, opts, io, loadCommandConfig(program.opts()['config']));
    });

  registerRedactCommand(program, io, (code) => {
    exitCode = code;
  });
  registerRiskCommand(program, io, (code) => (exitCode = code));
  registerCheckCommand(program, io, (code) => (exitCode = code));
  registerInventoryCommands(program, io, (code) => (exitCode = code));
  registerInitCommand(program, io, (code) => (exitCode = code));

  program.addHelpText('after', `\nRun "pdnscan scan --help" or "pdnscan redact --help" for options and examples.`);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    }
    if (error instanceof UsageError || error instanceof PathNotFoundError) {
      io.stderr.write(`pdnscan: ${error.message}\n`);
      return EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`pdnscan: fatal: ${scrubMessage(message)}\n`);
    return EXIT_ERROR;
  }
}

function parseOcrLang(raw: string): string {
  try {
    return normaliseOcrLanguages(raw);
  } catch (error) {
    if (error instanceof UnknownOcrLanguageError) throw new UsageError(`--ocr-lang: ${error.message}`);
    throw error;
  }
}

function parseOcrDpi(raw: string): number {
  const dpi = parsePositiveInt('--ocr-dpi', raw);
  if (dpi < 50 || dpi > 1200) throw new UsageError(`--ocr-dpi: "${raw}" must be from 50 to 1200`);
  return dpi;
}

/** Checks the rules file here, before any worker starts, so a bad key is a usage error naming it. */
function parseCategories(raw: string): string {
  const file = path.resolve(raw);
  try {
    loadCategoryRules(file);
  } catch (error) {
    if (error instanceof CategoryRulesError) throw new UsageError(`--categories: ${error.message}`);
    throw error;
  }
  return file;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Fails before a long scan, not after it, when the report could not be written. */
async function checkOutTarget(out: string): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  try {
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' ? 'the folder is not writable' : code ?? 'error';
    throw new UsageError(`--out: cannot write ${out}: ${why} (create it, or choose another path)`);
  }
}

async function runScan(paths: string[], opts: ScanCliOptions, io: CliIo, config: LoadedConfig | undefined): Promise<number> {
  if (opts.out) await checkOutTarget(opts.out);
  const csvDelimiter = opts.csvDelimiter !== undefined ? parseCsvDelimiter('--csv-delimiter', opts.csvDelimiter) : undefined;
  const format: ReportFormat = opts.format ?? (io.stdout.isTTY && !opts.out ? 'table' : 'json');
  const showProgress = !opts.quiet && io.stderr.isTTY === true;
  const progress = showProgress ? terminalProgress(io.stderr) : undefined;
  const fromCli: ScannerOptions = {
    reveal: opts.reveal,
    ...(format === 'natasha' ? { keepText: true } : {}),
    ...(format === 'sarif' ? { valueHashes: true } : {}),
    ...(opts.types ? { types: parseTypes('--types', opts.types) } : {}),
    ...(opts.excludeTypes ? { excludeTypes: parseTypes('--exclude-types', opts.excludeTypes) } : {}),
    ...(opts.minScore !== undefined ? { minScore: parseScore('--min-score', opts.minScore) } : {}),
    ...(opts.jobs !== undefined ? { jobs: parsePositiveInt('--jobs', opts.jobs) } : {}),
    ...(opts.maxFileSize !== undefined ? { maxFileSize: parseSize('--max-file-size', opts.maxFileSize) } : {}),
    ...(opts.fileTimeout !== undefined ? { fileTimeoutMs: parsePositiveInt('--file-timeout', opts.fileTimeout) * 1000 } : {}),
    ...(opts.ocr !== undefined ? { ocr: opts.ocr } : {}),
    ...(opts.ocrLang !== undefined ? { ocrLang: parseOcrLang(opts.ocrLang) } : {}),
    ...(opts.ocrDpi !== undefined ? { ocrDpi: parseOcrDpi(opts.ocrDpi) } : {}),
    ...(opts.ocrEmbedded === false ? { ocrEmbeddedImages: false } : {}),
    ...(opts.categories !== undefined ? { categoriesFile: parseCategories(opts.categories) } : {}),
    exclude: opts.exclude,
    followSymlinks: opts.followSymlinks,
    ...(progress ? { onProgress: progress.update } : {}),
  };
  // The command line wins over the config file, key by key.
  const options = config ? overlay(scanOptionsFromConfig(config), fromCli) : fromCli;
  const report = await scanWithInventory(paths, options, { ...(opts.db !== undefined ? { db: opts.db } : {}), verifyHash: opts.verifyHash, quiet: opts.quiet }, io);
  progress?.done();
  const categoryLabels = options.categoriesFile !== undefined ? loadCategoryRules(options.categoriesFile).labelOf : undefined;
  const rendered = renderReportChunks(report, format, opts.reveal, {
    lang: opts.lang,
    ...(csvDelimiter !== undefined ? { csvDelimiter } : {}),
    ...(categoryLabels ? { categoryLabels } : {}),
  });
  if (opts.out) {
    await writeChunksAtomic(opts.out, rendered).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot write the report to ${opts.out} (${error.code ?? error.message})`);
    });
    if (!opts.quiet) {
      const s = report.summary;
      io.stderr.write(`pdnscan: ${s.files} files, ${s.filesWithPersonalData} with personal data; report written to ${opts.out}\n`);
    }
  } else {
    await writeChunksToStream(io.stdout, rendered);
  }
  return report.summary.filesWithPersonalData > 0 ? EXIT_FOUND : EXIT_CLEAN;
}
