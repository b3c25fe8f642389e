/** `pdnscan redact`: anonymised copies of files and folders. */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { OCR_MODES, type OcrMode } from '../ocr/ocr-pages.js';
import { KeyFileError } from '../redact/key.js';
import { renderRedactionTable } from '../redact/render.js';
import { auditPath, redactPaths, RedactSetupError, type RedactRunOptions } from '../redact/run.js';
import { OPERATORS } from '../redact/types.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import { operatorPolicyOf, overlay, redactOptionsFromConfig } from '../config/to-options.js';
import type { LoadedConfig } from '../config/types.js';
import { loadCommandConfig } from './config-option.js';
import { parseOperatorSpecs } from './operator-spec.js';
import { parsePositiveInt, parseScore, parseSize, parseTypes, UsageError } from './parse.js';

export interface RedactCliOptions {
  out: string;
  operator: string[];
  keyFile?: string;
  mappingOut?: string;
  audit?: string;
  report?: string;
  format?: 'table' | 'json';
  types?: string;
  excludeTypes?: string;
  minScore?: string;
  dryRun: boolean;
  onlyChanged: boolean;
  verify: boolean;
  reveal: boolean;
  jobs?: string;
  exclude: string[];
  maxFileSize?: string;
  followSymlinks: boolean;
  quiet: boolean;
  ocr?: OcrMode;
  ocrEmbedded: boolean;
}

const EXAMPLES = `
Examples:
  $ pdnscan redact ./reports --out ./reports-anon            mirror the tree, values replaced by labels
  $ pdnscan redact ./reports --out ./anon --operator pseudonym --key-file pdn.key
  $ pdnscan redact file.docx --out anon/ --types RU_SNILS,PERSON --dry-run
  $ pdnscan redact staff.xlsx --out anon/ --operator mask --operator PERSON=fake --operator RU_SNILS=shuffle

Operators (--operator OP for every type, TYPE=OP for one type; repeatable):
  mask        keep the shape, hide the characters (***-***-*** 95)
  redact      remove the value (a solid box in images and PDFs)
  replace     a label such as [СНИЛС], [ФИО]  (the default)
  fake        a realistic substitute of the same kind, consistent for the same key
  pseudonym   a keyed identifier such as ФИО-7f3a2c, consistent for the same key
  generalize  a coarser value: date of birth → year, address → city, phone → code
  shuffle     table columns: values permuted across rows
  keep        leave the value

Every copy is read again with the same detectors; the summary shows what is left (expected: nothing).
A report of what was replaced (masked values, locations) and an audit log (no values) are written
beside the output folder: <out>.report.json and <out>.audit.json (--report FILE, --audit FILE).
Exit codes: 0 every copy written and clean, 1 a file could not be anonymised or its copy still holds
personal data, 2 usage or fatal error.
`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerRedactCommand(program: Command, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream }, setExit: (code: number) => void): void {
  program
    .command('redact')
    .description('write anonymised copies of files and folders')
    .argument('<paths...>', 'files and folders to anonymise')
    .requiredOption('-o, --out <dir>', 'output folder: the copies keep the inputs\' relative paths')
    .option('--operator <spec>', `operator for all types or TYPE=OP (repeatable): ${OPERATORS.join(', ')}`, collect, [] as string[])
    .option('--key-file <file>', 'key for pseudonym/fake/shuffle (created 0600 on first use; without it a random key for this run)')
    .option('--mapping-out <file>', 'write substitute → original (personal data! 0600, never inside --out)')
    .option('--audit <file>', 'audit log path (default: <out>.audit.json)')
    .option('--report <file>', 'where to write the run report: what was replaced where, masked (default: <out>.report.json)')
    .addOption(new Option('-f, --format <format>', 'summary on stdout').choices(['table', 'json']).default('table'))
    .option('--types <list>', 'replace only these types (default: every personal-data type)')
    .option('--exclude-types <list>', 'do not replace these types')
    .option('--min-score <n>', 'ignore findings scoring below n (0..1, default 0.5)')
    .option('--dry-run', 'report what would be replaced; write nothing', false)
    .option('--only-changed', 'no copy for files with nothing to replace', false)
    .option('--no-verify', 'do not read the copies again (faster, no proof)')
    .option('--reveal', 'show raw values in the report (they are personal data!)', false)
    .option('-j, --jobs <n>', `worker threads (default: ${availableParallelism()})`)
    .option('--exclude <glob>', 'skip paths matching the glob (repeatable)', collect, [] as string[])
    .option('--max-file-size <size>', 'skip files larger than this (default 256MB)')
    .option('--follow-symlinks', 'follow symbolic links', false)
    .option('-q, --quiet', 'no summary on stderr', false)
    .addOption(new Option('--ocr <mode>', 'OCR: auto, always, never').choices(OCR_MODES))
    .option('--no-ocr-embedded', 'do not OCR pictures embedded in DOCX/XLSX/ODT/ODS')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], opts: RedactCliOptions) => {
      setExit(await runRedact(paths, opts, io, loadCommandConfig(program.opts()['config'])));
    });
}

async function runRedact(paths: string[], opts: RedactCliOptions, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream }, config: LoadedConfig | undefined): Promise<number> {
  // --operator specs win over the config's operators, type by type.
  const policy = parseOperatorSpecs(opts.operator, operatorPolicyOf(config));
  let report;
  try {
    const fromCli: RedactRunOptions = {
      out: opts.out,
      policy,
      reveal: opts.reveal,
      ...(opts.keyFile ? { keyFile: opts.keyFile } : {}),
      ...(opts.mappingOut ? { mappingOut: opts.mappingOut } : {}),
      ...(opts.audit ? { auditOut: opts.audit } : {}),
      ...(opts.types ? { types: parseTypes('--types', opts.types) } : {}),
      ...(opts.excludeTypes ? { excludeTypes: parseTypes('--exclude-types', opts.excludeTypes) } : {}),
      ...(opts.minScore !== undefined ? { minScore: parseScore('--min-score', opts.minScore) } : {}),
      ...(opts.jobs !== undefined ? { jobs: parsePositiveInt('--jobs', opts.jobs) } : {}),
      ...(opts.maxFileSize !== undefined ? { maxFileSize: parseSize('--max-file-size', opts.maxFileSize) } : {}),
      ...(opts.ocr !== undefined ? { ocr: opts.ocr } : {}),
      ...(opts.ocrEmbedded === false ? { ocrEmbeddedImages: false } : {}),
      dryRun: opts.dryRun,
      onlyChanged: opts.onlyChanged,
      noVerify: !opts.verify,
      exclude: opts.exclude,
      followSymlinks: opts.followSymlinks,
    };
    report = await redactPaths(paths, config ? overlay(redactOptionsFromConfig(config), fromCli) : fromCli);
  } catch (error) {
    if (error instanceof RedactSetupError || error instanceof KeyFileError) throw new UsageError(error.message);
    throw error;
  }
  const json = JSON.stringify(report, null, 2) + '\n';
  const reportPath = opts.report ?? `${path.resolve(opts.out).replace(/[\\/]+$/, '')}.report.json`;
  if (!opts.dryRun || opts.report) await writeFileAtomic(reportPath, json);
  const out = opts.format === 'json' ? json : renderRedactionTable(report);
  await new Promise<void>((resolve, reject) => io.stdout.write(out, (e) => (e ? reject(e) : resolve())));
  if (!opts.quiet && !opts.dryRun) {
    io.stderr.write(`pdnscan: report written to ${reportPath}; audit log to ${auditPath({ out: opts.out, ...(opts.audit ? { auditOut: opts.audit } : {}) })}\n`);
  }
  const s = report.summary;
  return s.errors > 0 || s.residual + s.leaked > 0 ? 1 : 0;
}
