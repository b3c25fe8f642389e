/**
 * `pdnscan check <dir-or-url>`: a gate before publication. Scans a built site's folder, or crawls
 * a site from its URL (same origin, robots.txt respected) with its attachments and images, and
 * fails when personal data at or above `--fail-on` is found that a baseline does not accept.
 * Exit codes: 0 pass, 1 personal data found, 2 usage or fatal error (the site cannot be reached).
 */
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { buildBaseline, BaselineError, readBaseline, serialiseBaseline } from '../check/baseline.js';
import { CrawlError, type CrawlOptions } from '../check/crawl.js';
import { applyGate, FAIL_ON_LEVELS, type FailOn } from '../check/gate.js';
import { renderVerdict } from '../check/render-verdict.js';
import { checkFolder, checkSite, isSiteUrl, type CheckRun, type CheckScanOptions } from '../check/run-check.js';
import { OCR_MODES, type OcrMode } from '../ocr/ocr-pages.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './main.js';
import { loadCommandConfig } from './config-option.js';
import { overlay, scanOptionsFromConfig } from '../config/to-options.js';
import type { LoadedConfig } from '../config/types.js';
import { parsePositiveInt, parseScore, parseSize, parseTypes, UsageError } from './parse.js';

const EXIT_PASS = 0;
const EXIT_FOUND = 1;
const EXIT_ERROR = 2;

const DEFAULT_DEPTH = 3;
const DEFAULT_MAX_PAGES = 500;
const DEFAULT_MAX_BYTES = '50MB';
const DEFAULT_TIMEOUT_S = 30;
/** Requests in flight at once: quick on a small site, gentle on the server. */
const CRAWL_CONCURRENCY = 4;

/** natasha keeps the document text, which a scan with values revealed would hold unmasked. */
const CHECK_FORMATS = REPORT_FORMATS.filter((f) => f !== 'natasha');

interface CheckCliOptions {
  depth: string;
  maxPages: string;
  maxBytes: string;
  timeout?: string;
  failOn: FailOn;
  baseline?: string;
  updateBaseline?: string;
  writeBaseline?: string;
  format: ReportFormat;
  out?: string;
  reveal: boolean;
  types?: string;
  excludeTypes?: string;
  minScore?: string;
  jobs?: string;
  exclude: string[];
  ocr?: OcrMode;
  quiet: boolean;
}

const EXAMPLES = `
Examples:
  $ pdnscan check ./public                                   the built site's folder, before upload
  $ pdnscan check https://school7.example/ --depth 2         crawl the live site (same origin only)
  $ pdnscan check ./public --fail-on medium                  let contact details alone pass
  $ pdnscan check ./public --update-baseline pdn-baseline.json   accept today's findings (fingerprints only)
  $ pdnscan check ./public --baseline pdn-baseline.json      fail only on findings not accepted before
  $ pdnscan check https://school7.example/ --format sarif --out pdn.sarif

A crawl follows links (a, area, iframe, embed, object) and images (img src, the first srcset
candidate) of the same origin as the base URL, with the User-Agent "pdnscan/${TOOL_VERSION}", as
robots.txt allows "pdnscan" (or "*"). Pages and attachments (PDF, DOCX, XLSX, ODT, CSV, ZIP…)
are reported by URL. A folder is scanned whole: robots.txt does not keep anyone from a published file.
Risk levels: none < low (contacts only) < medium < high < special (special categories, biometrics).
Exit codes: 0 nothing at or above --fail-on (after the baseline), 1 personal data found, 2 usage or
fatal error (the base URL cannot be fetched). Values are masked unless --reveal is given.
`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCheckCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('pre-publication gate: scan a site folder or crawl a URL, fail on personal data')
    .argument('<dir-or-url>', 'built site folder, or http(s) base URL to crawl')
    .option('--depth <n>', 'link hops followed from the base URL (0: the base page alone)', String(DEFAULT_DEPTH))
    .option('--max-pages <n>', 'most resources fetched (pages, attachments and images together)', String(DEFAULT_MAX_PAGES))
    .option('--max-bytes <size>', 'largest resource downloaded; larger ones are listed as skipped', DEFAULT_MAX_BYTES)
    .option('--timeout <seconds>', `time limit of one request (default ${DEFAULT_TIMEOUT_S})`)
    .addOption(new Option('--fail-on <risk>', 'fail at this file risk or above (special counts above high)').choices(FAIL_ON_LEVELS).default('low'))
    .option('--baseline <file>', 'accept the findings listed in this baseline (by fingerprint)')
    .option('--update-baseline <file>', 'write the current findings as the accepted baseline (fingerprints, no values)')
    .addOption(new Option('--write-baseline <file>', 'same as --update-baseline').hideHelp())
    .addOption(new Option('-f, --format <format>', 'report format').choices(CHECK_FORMATS).default('table'))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--reveal', 'include raw values in the report (they are personal data!)', false)
    .option('--types <list>', 'only report these types (comma-separated)')
    .option('--exclude-types <list>', 'do not report these types (comma-separated)')
    .option('--min-score <n>', 'drop findings scoring below n (0..1, default 0.5)')
    .option('-j, --jobs <n>', `worker threads for scanning (default: ${availableParallelism()})`)
    .option('--exclude <glob>', 'folder only: skip paths matching the glob (repeatable)', collect, [] as string[])
    .addOption(new Option('--ocr <mode>', 'OCR of images and scanned PDF pages: auto, always, never').choices(OCR_MODES))
    .option('-q, --quiet', 'no verdict on stderr (it is part of the table on stdout)', false)
    .addHelpText('after', EXAMPLES)
    .action(async (target: string, opts: CheckCliOptions) => {
      setExit(await runCheckCommand(target, opts, io, loadCommandConfig(program.opts()['config'])));
    });
}

async function runCheckCommand(target: string, opts: CheckCliOptions, io: CliIo, config: LoadedConfig | undefined): Promise<number> {
  const baselineOut = opts.updateBaseline ?? opts.writeBaseline;
  // The command line wins over pdnscan.config.json, key by key.
  const fromCli = scanOptionsOf(opts);
  const scan = config ? overlay(scanOptionsFromConfig(config) as Partial<CheckScanOptions>, fromCli) : fromCli;
  let accepted: Set<string> | undefined;
  if (opts.baseline !== undefined) {
    try {
      accepted = await readBaseline(opts.baseline);
    } catch (error) {
      if (error instanceof BaselineError) throw new UsageError(`--baseline: ${error.message}`);
      throw error;
    }
  }
  let run: CheckRun;
  try {
    run = isSiteUrl(target) ? await checkSite(parseBaseUrl(target), crawlOptionsOf(opts), scan) : await checkFolder(target, scan);
  } catch (error) {
    if (!(error instanceof CrawlError)) throw error;
    io.stderr.write(`pdnscan check: ${error.message}\n`);
    return EXIT_ERROR;
  }

  let gate = applyGate(run.report, { failOn: opts.failOn, reveal: opts.reveal, locationOf: run.locationOf, ...(accepted ? { accepted } : {}) });
  if (baselineOut !== undefined) {
    await writeFileAtomic(baselineOut, serialiseBaseline(buildBaseline(gate.entries))).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--update-baseline: cannot write ${baselineOut} (${error.code ?? error.message})`);
    });
    // Once written, the baseline accepts every current finding: the verdict says so.
    const all = new Set(gate.entries.map((e) => e.fingerprint));
    gate = applyGate(run.report, { failOn: opts.failOn, reveal: opts.reveal, locationOf: run.locationOf, accepted: all });
  }

  const verdict = renderVerdict(gate, {
    failOn: opts.failOn,
    ...(run.crawl ? { crawl: run.crawl } : {}),
    ...(opts.baseline !== undefined ? { baselineFile: opts.baseline } : {}),
    ...(baselineOut !== undefined ? { baselineWritten: baselineOut } : {}),
  });
  const rendered = renderReport(gate.report, opts.format, opts.reveal);
  const output = opts.format === 'table' ? `${rendered}\n${verdict}` : rendered;
  if (opts.out !== undefined) {
    await writeFileAtomic(opts.out, output).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--out: cannot write ${opts.out} (${error.code ?? error.message})`);
    });
  } else {
    await new Promise<void>((resolve, reject) => io.stdout.write(output, (e) => (e ? reject(e) : resolve())));
  }
  if (!opts.quiet && (opts.format !== 'table' || opts.out !== undefined)) io.stderr.write(verdict);
  return gate.failing.length > 0 ? EXIT_FOUND : EXIT_PASS;
}

function parseBaseUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    url.hash = '';
    return url;
  } catch {
    throw new UsageError(`"${raw}" is not a valid URL`);
  }
}

function parseDepth(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--depth: "${raw}" must be a whole number (0 or more)`);
  return n;
}

function crawlOptionsOf(opts: CheckCliOptions): CrawlOptions {
  return {
    maxDepth: parseDepth(opts.depth),
    maxResources: parsePositiveInt('--max-pages', opts.maxPages),
    maxBytes: parseSize('--max-bytes', opts.maxBytes),
    timeoutMs: (opts.timeout !== undefined ? parsePositiveInt('--timeout', opts.timeout) : DEFAULT_TIMEOUT_S) * 1000,
    userAgent: `pdnscan/${TOOL_VERSION}`,
    concurrency: CRAWL_CONCURRENCY,
  };
}

function scanOptionsOf(opts: CheckCliOptions): CheckScanOptions {
  return {
    ...(opts.format === 'sarif' ? { valueHashes: true } : {}),
    ...(opts.types ? { types: parseTypes('--types', opts.types) } : {}),
    ...(opts.excludeTypes ? { excludeTypes: parseTypes('--exclude-types', opts.excludeTypes) } : {}),
    ...(opts.minScore !== undefined ? { minScore: parseScore('--min-score', opts.minScore) } : {}),
    ...(opts.jobs !== undefined ? { jobs: parsePositiveInt('--jobs', opts.jobs) } : {}),
    ...(opts.ocr !== undefined ? { ocr: opts.ocr } : {}),
    maxFileSize: parseSize('--max-bytes', opts.maxBytes),
    exclude: opts.exclude,
  };
}
