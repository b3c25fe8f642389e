/**
 * `pdnscan risk FILE --quasi COLS`: re-identification risk of a table before it goes to a statistics
 * body — k-anonymity over the quasi-identifiers, l-diversity of a sensitive column, the groups that
 * are too small — and, on request, generalisation of the quasi-identifiers until a chosen k is
 * reached, written as a CSV. Everything runs locally. Exit codes: 0 the table reaches k (and l),
 * 1 it does not, 2 usage or I/O error (errors are thrown as UsageError for main.ts to report).
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { analyzeRisk, readTableFile, type RiskOptions } from '../risk/analyze-table.js';
import { tableToCsv } from '../risk/csv-out.js';
import { parseAsOf, today } from '../risk/generalize-columns.js';
import { renderRisk, RISK_FORMATS, type RiskFormat } from '../risk/render.js';
import { TableError } from '../risk/table.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import type { CliIo } from './main.js';
import { parsePositiveInt, UsageError } from './parse.js';

/** The same codes as main.ts: 0 the table is safe to release, 1 it is not. */
const EXIT_SAFE = 0;
const EXIT_UNSAFE = 1;
const DEFAULT_K = 5;
const DEFAULT_MAX_GROUPS = 20;

interface RiskCliOptions {
  quasi: string;
  sensitive?: string;
  k?: string;
  l?: string;
  sheet?: string;
  generalize?: string[];
  targetK?: string;
  suppressUpTo?: string;
  asOf?: string;
  out?: string;
  format: RiskFormat;
  maxGroups?: string;
}

const RISK_EXAMPLES = `
Examples:
  $ pdnscan risk patients.csv --quasi "Дата рождения,Пол,Индекс" --sensitive Диагноз
  $ pdnscan risk staff.xlsx --sheet Сотрудники --quasi B,C,D --k 10 --format json
  $ pdnscan risk patients.csv --quasi "Дата рождения,Пол,Индекс" \\
      --generalize "Дата рождения=age:5,Индекс=postal:3" --target-k 5 --out release.csv

Columns are named by header text, 1-based number or letter. Values are compared trimmed and
case-folded. Generalisation rules (--generalize COL=RULE, or COL alone to pick a rule by its values):
  age[:W]     birth date, age or birth year → age band of W years (default 5), as of --as-of
  year[:W]    year or date → band of W years (default 10: decades)
  range[:W]   number → range of width W (default: the power of ten below the median)
  postal[:N]  six-digit postal code → first N digits (default 3)
  region      address → the part naming the region or city ("г. Москва", "Московская обл.")
With --target-k, bands widen step by step (age 5 → 10 → 20, postal 3 → 2 → 1), one column at a
time, then rows still in too-small groups are suppressed (left out of --out).

The report lists the too-small groups by their quasi-identifier values (only the --quasi columns;
a column the detectors find to hold direct identifiers — names, СНИЛС, phones — is masked).
Sensitive values are never printed.
Exit codes: 0 k reaches --k (and l reaches --l), 1 it does not (not safe to release), 2 usage or I/O error.
`;

function parsePercent(option: string, raw: string): number {
  const n = Number(raw.trim().replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${option}: "${raw}" must be a percentage from 0 to 100`);
  return n / 100;
}

function parseCount(option: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option}: "${raw}" must be a whole number (0 or more)`);
  return n;
}

/** Repeatable option; no default, so the help shows none. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Adds `risk` to the program. `io` is where the report goes; `setExitCode` receives 0 (safe) or 1
 * (not safe) — errors are thrown (UsageError: exit 2) for main.ts's handler.
 */
export function registerRiskCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return program
    .command('risk')
    .description('measure the re-identification risk of a table (k-anonymity, l-diversity), generalise it to a target k')
    .argument('<file>', 'CSV, TSV, XLSX, ODS or XLS table')
    .requiredOption('--quasi <columns>', 'quasi-identifier columns, comma-separated (header names, 1-based numbers or letters)')
    .option('--sensitive <column>', 'sensitive column for l-diversity')
    .option('--k <n>', `smallest safe group size (default: --target-k when given, else ${DEFAULT_K})`)
    .option('--l <n>', 'smallest safe number of distinct sensitive values per group (needs --sensitive)')
    .option('--sheet <name>', 'sheet of a workbook to read (default: the first with content)')
    .option('--generalize <rules>', 'COL=RULE items, comma-separated (repeatable); see below', collect)
    .option('--target-k <n>', 'widen the generalisations, then suppress rows, until k reaches n')
    .option('--suppress-up-to <pct>', 'with --target-k: stop widening once suppressing the rows still at risk removes at most this % of rows (default 0)')
    .option('--as-of <date>', 'reference date for age bands, YYYY-MM-DD (default: today)')
    .option('-o, --out <file>', 'write the table as measured (generalised, suppressed rows left out) as CSV, UTF-8 with BOM')
    .addOption(new Option('-f, --format <format>', 'report format').choices(RISK_FORMATS).default('table'))
    .option('--max-groups <n>', `too-small groups listed (default ${DEFAULT_MAX_GROUPS}; 0 lists all)`)
    .addHelpText('after', RISK_EXAMPLES)
    .action(async (file: string, opts: RiskCliOptions) => {
      setExitCode(await runRisk(file, opts, io));
    });
}

function riskOptions(opts: RiskCliOptions): RiskOptions {
  const targetK = opts.targetK !== undefined ? parsePositiveInt('--target-k', opts.targetK) : undefined;
  let asOf = today();
  if (opts.asOf !== undefined) {
    const parsed = parseAsOf(opts.asOf);
    if (!parsed) throw new UsageError(`--as-of: "${opts.asOf}" is not a date (YYYY-MM-DD)`);
    asOf = parsed;
  }
  if (opts.suppressUpTo !== undefined && targetK === undefined) throw new UsageError('--suppress-up-to needs --target-k');
  return {
    quasi: opts.quasi,
    ...(opts.sensitive !== undefined ? { sensitive: opts.sensitive } : {}),
    kThreshold: opts.k !== undefined ? parsePositiveInt('--k', opts.k) : (targetK ?? DEFAULT_K),
    ...(opts.l !== undefined ? { lThreshold: parsePositiveInt('--l', opts.l) } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    generalize: opts.generalize ?? [],
    ...(targetK !== undefined ? { targetK } : {}),
    ...(opts.suppressUpTo !== undefined ? { suppressUpTo: parsePercent('--suppress-up-to', opts.suppressUpTo) } : {}),
    asOf,
    maxGroups: opts.maxGroups !== undefined ? parseCount('--max-groups', opts.maxGroups) : DEFAULT_MAX_GROUPS,
  };
}

async function runRisk(file: string, opts: RiskCliOptions, io: CliIo): Promise<number> {
  const options = riskOptions(opts);
  if (opts.out !== undefined && path.resolve(opts.out) === path.resolve(file)) throw new UsageError('--out: would overwrite the table being read; choose another file');
  let result;
  try {
    const { doc, findings } = await readTableFile(file);
    result = analyzeRisk(file, doc, findings, options);
  } catch (error) {
    if (error instanceof TableError) throw new UsageError(error.message);
    throw error;
  }
  if (opts.out !== undefined) {
    await writeFileAtomic(opts.out, tableToCsv(result.table, result.delimiter)).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--out: cannot write ${opts.out} (${error.code ?? 'error'})`);
    });
  }
  const rendered = renderRisk(result.report, opts.format);
  await new Promise<void>((resolve, reject) => io.stdout.write(rendered, (e) => (e ? reject(e) : resolve())));
  return result.report.safe ? EXIT_SAFE : EXIT_UNSAFE;
}
