/**
 * Anonymises one file: read → analyse (the scan's extract + OCR + detect) → plan edits → write the
 * copy with the format's writer → read the copy again with the same detectors (the proof) →
 * write it (temp file, then rename) → check the original is unchanged. Every failure becomes data
 * on the file's result; no copy is written for a file that could not be anonymised, because an
 * unchanged copy would carry its personal data into the output folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectorById } from '../detectors/registry.js';
import { ENTITY_TYPES, type EntityType, type Finding } from '../detectors/types.js';
import { locateRange } from '../document/locate.js';
import type { ScanDocument } from '../document/types.js';
import { zipSync, type ZipOptions } from 'fflate';
import { ZipReader } from '../archive/zip.js';
import { extractorFor } from '../extractors/registry.js';
import { ExtractionError, UnsupportedFormatError } from '../extractors/types.js';
import { MAX_ZIP_DEPTH } from '../extractors/zip/index.js';
import { analyzeBytes, DEFAULT_MAX_FILE_SIZE, describeError } from '../pipeline/scan-file.js';
import type { ScanOptions } from '../pipeline/task.js';
import { withAllowRulesFor } from '../pipeline/allowlist.js';
import { maskValue } from '../report/mask.js';
import type { Location } from '../report/types.js';
import { writeFileAtomic } from '../report/write-atomic.js';
import { writerFor } from './formats/registry.js';
import { burnPackagePictures, isPictureEdit } from './formats/package-pictures.js';
import { operatorFor, planEdits, type MappingEntry } from './operators/index.js';
import type { FileRedaction, Replacement, Verification } from './result.js';
import { UnwritableFormatError, type Edit, type OperatorPolicy } from './types.js';
import { leakedValues } from './verify.js';
import { widenPersonsOverInitials } from './extend-names.js';
import { withRepeats } from './repeats.js';


export interface RedactOptions extends ScanOptions {
  policy: OperatorPolicy;
  /** The run's key, hex (pseudonym, fake, shuffle). Passed to workers; never written out. */
  keyHex: string;
  /** Report what would be replaced; write nothing. */
  dryRun?: boolean;
  /** No copy for a file with nothing to replace. */
  onlyChanged?: boolean;
  /** Skip reading the copy again (faster, no proof). */
  noVerify?: boolean;
  /** Return the traceable substitutes (for --mapping-out). */
  collectMapping?: boolean;
}

export interface RedactTask {
  path: string;
  displayPath: string;
  /** Where the copy goes. */
  outPath: string;
  /** The copy's path for the report. */
  displayOutPath: string;
  options: RedactOptions;
}

export async function redactFile(task: RedactTask): Promise<FileRedaction> {
  // Allowlist rules for some paths are settled here, on the file's own path: inside it (archive
  // entries, the markup sweep, the copy being verified) that path is not at hand.
  const options = withAllowRulesFor(task.options, task.path);
  const result: FileRedaction = { path: task.displayPath, status: 'redacted', format: null, size: 0, sha256: null, replacements: [], byType: {}, notes: [] };
  try {
    const info = await stat(task.path);
    result.size = info.size;
    if (!info.isFile()) return fail(result, 'error', 'not a regular file');
    const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (info.size > limit) return fail(result, 'skipped', `larger than the size limit (${info.size} > ${limit} bytes)`);
    const bytes = await readFile(task.path);
    const sha256 = sha(bytes);
    result.sha256 = sha256;
    const key = Buffer.from(options.keyHex, 'hex');
    const done = await anonymise(bytes, task.path, options, key, 0);
    result.format = done.format;
    if (done.warnings.length) result.warnings = done.warnings;
    result.replacements = done.replacements;
    for (const e of done.edits) (result.byType[e.type] ??= { operator: e.operator, count: 0 }).count++;
    if (options.collectMapping && done.mapping.length) result.mapping = done.mapping;

    if (done.bytes === undefined) {
      if (options.onlyChanged) return { ...result, status: 'unchanged' };
      result.status = 'copied';
      result.output = task.displayOutPath;
      result.outputSha256 = sha256;
      if (!options.dryRun) await writeCopy(task.outPath, bytes);
      return result;
    }
    const written = { bytes: done.bytes };
    result.notes = done.notes;
    result.output = task.displayOutPath;
    result.outputSha256 = sha(written.bytes);
    if (!options.noVerify) result.verification = await verifyCopy(written.bytes, task.path, done.format, options, done.edits, done.texts);
    if (!options.dryRun) {
      await writeCopy(task.outPath, written.bytes);
      // The original must be exactly what it was: read it again.
      if (sha(await readFile(task.path)) !== sha256) result.warnings = [...(result.warnings ?? []), 'the original changed while its copy was being written'];
    }
    return result;
  } catch (error) {
    if (error instanceof UnsupportedFormatError) return fail(result, 'skipped', error.reason);
    if (error instanceof UnwritableFormatError || error instanceof ExtractionError) return fail(result, 'error', error.message);
    return fail(result, 'error', describeError(error, options.reveal));
  }
}

/** One file's (or archive entry's) anonymisation, before anything is written. */
interface Anonymised {
  format: string;
  /** Every edit made (in archives: of every entry); offsets are relative to each one's document. */
  edits: Edit[];
  replacements: Replacement[];
  mapping: MappingEntry[];
  /** The copy's bytes; undefined when nothing changed (the copy is the original). */
  bytes: Uint8Array | undefined;
  notes: string[];
  warnings: string[];
  /** The original documents' texts (one per archive entry), for telling new text from old in the proof. */
  texts: string[];
}

async function anonymise(bytes: Uint8Array, filePath: string, options: RedactOptions, key: Uint8Array, depth: number): Promise<Anonymised> {
  const extractor = extractorFor(filePath, bytes);
  if (!('skip' in extractor) && extractor.id === 'zip') {
    // The extractor's reading shares one byte budget across nested archives: a bomb at any depth
    // refuses the file before anything is rebuilt.
    if (depth === 0) await extractor.extract({ bytes, path: filePath });
    return anonymiseZip(bytes, options, key, depth);
  }
  const { doc, all } = await analyzeBytes(bytes, filePath, options);
  const out: Anonymised = { format: doc.meta.format, edits: [], replacements: [], mapping: [], bytes: undefined, notes: [], warnings: [...(doc.meta.warnings ?? [])], texts: [doc.text] };
  if (doc.meta.pagesNeedingOcr?.length) {
    // Pages nobody could read may hold anything: a copy would pass them on unseen.
    throw new ExtractionError(`pages ${doc.meta.pagesNeedingOcr.join(', ')} could not be read (OCR off or failed); no copy written`);
  }
  const targets = withRepeats(doc.text, widenPersonsOverInitials(doc.text, all.filter(isTarget(options))));
  const plan = planEdits(doc, targets, options.policy, { key });
  out.edits = plan.edits;
  out.mapping = plan.mapping;
  out.replacements = plan.edits.map((e) => replacementOf(doc, e, options.reveal));
  if (plan.edits.length === 0) return out;
  const writer = await writerFor(doc.meta.format);
  // Sheet writers handle cells; boxes over pictures in the workbook are burnt afterwards.
  const pictures = SHEET_FORMATS.has(doc.meta.format) ? plan.edits.filter((e) => isPictureEdit(doc, e)) : [];
  const cells = pictures.length ? plan.edits.filter((e) => !pictures.includes(e)) : plan.edits;
  const written = cells.length ? await writer.write({ bytes, path: filePath, doc, edits: cells }) : { bytes, notes: [] };
  if (pictures.length) {
    written.bytes = await burnPackagePictures(written.bytes, doc, pictures, doc.meta.format);
    written.notes.push('boxes burnt into the pictures of the workbook over the values OCR read');
  }
  out.bytes = written.bytes;
  out.notes = written.notes;
  if (RAW_SWEEP_FORMATS.has(doc.meta.format)) {
    const swept = await sweepRawText(written.bytes, options, key, plan.edits);
    if (swept) {
      out.bytes = swept.bytes;
      out.edits.push(...swept.edits);
      out.replacements.push(...swept.edits.map((e) => replacementOf(swept.doc, e, options.reveal)));
      out.notes.push(`${swept.edits.length} values outside the visible text (scripts, comments, attributes) replaced in the markup`);
    }
  }
  return out;
}

/**
 * A .zip archive: every entry is anonymised as a file of its own (nested archives too, up to
 * MAX_ZIP_DEPTH), then the archive is rebuilt in the same entry order. An entry that cannot be
 * read (an unsupported format, an encrypted document) is left out of the copy with a note:
 * copying it unread could carry personal data into the output.
 */
async function anonymiseZip(bytes: Uint8Array, options: RedactOptions, key: Uint8Array, depth: number): Promise<Anonymised> {
  if (depth >= MAX_ZIP_DEPTH) throw new ExtractionError(`archives nested deeper than ${MAX_ZIP_DEPTH} levels`);
  const zip = new ZipReader(bytes);
  const out: Anonymised = { format: 'zip', edits: [], replacements: [], mapping: [], bytes: undefined, notes: [], warnings: [], texts: [] };
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  let changed = false;
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/')) {
      files[entry.name] = [new Uint8Array(0), { level: 0 }];
      continue;
    }
    let inner: Anonymised;
    let data: Uint8Array;
    try {
      data = zip.readEntry(entry);
      inner = await anonymise(data, entry.name, options, key, depth + 1);
    } catch (error) {
      const reason = error instanceof UnsupportedFormatError ? error.reason : error instanceof ExtractionError || error instanceof UnwritableFormatError ? error.message : describeError(error, options.reveal);
      out.warnings.push(`${entry.name}: left out of the copy (${reason})`);
      changed = true;
      continue;
    }
    out.edits.push(...inner.edits);
    out.texts.push(...inner.texts);
    out.mapping.push(...inner.mapping);
    out.replacements.push(...inner.replacements.map((r) => ({ ...r, location: { ...r.location, entry: joinEntry(entry.name, r.location) } as Location })));
    out.notes.push(...inner.notes.map((n) => `${entry.name}: ${n}`));
    out.warnings.push(...inner.warnings.map((w) => `${entry.name}: ${w}`));
    if (inner.bytes !== undefined) changed = true;
    files[entry.name] = [inner.bytes ?? data, { level: entry.method === 0 ? 0 : 6 }];
  }
  if (changed) out.bytes = zipSync(files);
  return out;
}

function joinEntry(name: string, location: Location): string {
  const inner = (location as { entry?: string }).entry;
  return inner ? `${name}!${inner}` : name;
}

/**
 * Formats whose markup can hold values the extractor does not read as text (an HTML script, a
 * comment, a data- attribute): after the writer, the copy is read as plain text and identifiers
 * found there are replaced too. Names and addresses are not swept: in markup they are too
 * ambiguous to replace without breaking it.
 */
const RAW_SWEEP_FORMATS = new Set(['html']);
const SHEET_FORMATS = new Set(['xlsx', 'ods']);
const SPAN_TYPES = new Set<EntityType>(['PERSON', 'ADDRESS', 'ORG_ADDRESS', 'ORG', 'SPECIAL_CATEGORY']);
const IDENTIFIER_TYPES = ENTITY_TYPES.filter((t) => !SPAN_TYPES.has(t));

async function sweepRawText(copy: Uint8Array, options: RedactOptions, key: Uint8Array, done: readonly Edit[]): Promise<{ bytes: Uint8Array; edits: Edit[]; doc: ScanDocument } | undefined> {
  const rawOptions: RedactOptions = { ...options, types: (options.types ?? IDENTIFIER_TYPES).filter((t) => !SPAN_TYPES.has(t)) };
  const { doc, all } = await analyzeBytes(copy, 'markup.txt', rawOptions);
  const substitutes = new Set(done.map((e) => e.text).filter((t) => t !== ''));
  const left = all.filter(isTarget(options)).filter((f) => !SPAN_TYPES.has(f.type) && !isSubstitute(f.value, substitutes));
  if (left.length === 0) return undefined;
  const plan = planEdits(doc, left, options.policy, { key });
  const { writeText } = await import('./formats/text.js');
  const written = await writeText({ bytes: copy, path: 'markup.txt', doc, edits: plan.edits });
  return { bytes: written.bytes, edits: plan.edits, doc };
}

/** Which findings are replaced: the types asked for, or by default every personal-data finding. */
function isTarget(options: RedactOptions): (f: Finding) => boolean {
  const only = options.types ? new Set<EntityType>(options.types) : undefined;
  const except = new Set<EntityType>(options.excludeTypes ?? []);
  return (f) => (only ? only.has(f.type) : f.personalData) && !except.has(f.type) && operatorFor(options.policy, f.type) !== 'keep';
}

function replacementOf(doc: ScanDocument, e: Edit, reveal: boolean): Replacement {
  return {
    type: e.type,
    operator: e.operator,
    masked: maskValue(e.finding.value, detectorById(e.finding.detector)?.mask),
    ...(reveal ? { value: e.finding.value } : {}),
    ...(e.operator !== 'shuffle' ? { substitute: e.text } : {}),
    location: (locateRange(doc, e.start, e.end) ?? { line: 1, column: 0 }) as Location,
  };
}

/**
 * The proof: the copy is analysed like any file. A finding of a replaced type whose text is not
 * one of this run's substitutes (a fake SNILS is a valid SNILS) is personal data left behind;
 * an original value found anywhere in the copy's text is a leak, whatever the detectors say.
 */
async function verifyCopy(copy: Uint8Array, filePath: string, format: string, options: RedactOptions, edits: readonly Edit[], originalTexts: readonly string[]): Promise<Verification> {
  const { doc, all } = await analyzeBytes(copy, filePath, options);
  const substitutes = new Set(edits.map((e) => e.text).filter((t) => t !== ''));
  const inCopy = all.filter(isTarget(options)).map((f) => ({ f, doc }));
  let text = doc.text;
  if (RAW_SWEEP_FORMATS.has(format)) {
    // What a script or comment of the copy still holds counts too.
    const raw = await analyzeBytes(copy, 'markup.txt', { ...options, types: IDENTIFIER_TYPES });
    const seen = new Set(inCopy.map(({ f }) => f.value));
    inCopy.push(...raw.all.filter(isTarget(options)).filter((f) => !seen.has(f.value)).map((f) => ({ f, doc: raw.doc })));
    text += '\n' + raw.doc.text;
  }
  // A shorter substitute can bring a context word within reach of text the original scan judged
  // harmless ("выдан 08.09.2012" now 20 characters after "Дата рождения:"). Such a finding is
  // text that was there before, unreplaced because it was never found: reported apart.
  const replaced = new Set(edits.map((e) => comparable(e.finding.value)));
  const wasThere = (value: string) => !replaced.has(comparable(value)) && originalTexts.some((t) => t.includes(value));
  const candidates = inCopy.filter(({ f }) => !isSubstitute(f.value, substitutes));
  const residual = candidates.filter(({ f }) => !wasThere(f.value));
  const contextOnly = candidates.length - residual.length;
  return {
    findings: inCopy.length,
    residual: residual.length,
    ...(contextOnly ? { contextOnly } : {}),
    leaked: leakedValues(text, edits).length,
    ...(residual.length
      ? {
          residualFindings: residual.map(({ f, doc: where }) => ({
            type: f.type,
            masked: maskValue(f.value, detectorById(f.detector)?.mask),
            location: (locateRange(where, f.start, f.end) ?? { line: 1, column: 0 }) as Location,
          })),
        }
      : {}),
  };
}

/** A value as compared across original and copy: digits of a number, else lower case. */
function comparable(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 6 && /^[\d\s()+\-./№]+$/u.test(value) ? digits : value.toLowerCase().replace(/\s+/g, ' ');
}

/** A finding in the copy that is (or lies inside) a substitute we wrote. */
function isSubstitute(value: string, substitutes: ReadonlySet<string>): boolean {
  if (substitutes.has(value)) return true;
  for (const s of substitutes) if (s.includes(value)) return true;
  return false;
}

async function writeCopy(target: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await writeFileAtomic(target, bytes);
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fail(result: FileRedaction, status: 'error' | 'skipped', message: string): FileRedaction {
  result.status = status;
  result.error = message;
  delete result.output;
  return result;
}
