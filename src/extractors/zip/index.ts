/**
 * .zip archives: every file entry is read with the extractor its name and content call for
 * (recursively: a zip inside a zip, up to MAX_ZIP_DEPTH levels), and the inner documents become
 * ONE document: their texts joined by a blank line, their segments shifted and tagged with
 * `entry` — the entry's path, nested entries joined with "!" (`2024.zip!staff/list.csv`).
 *
 * Limits: the archive is opened with ZipReader (entry count, bytes per entry, bytes in all), and
 * nested archives share the outer archive's byte budget, so a zip of zip bombs cannot multiply
 * it. A bomb at any depth refuses the whole file (`zip bomb refused: …`). Other per-entry
 * failures (an encrypted or corrupt document inside, an archive nested too deep) do not stop the
 * others: they are listed in `meta.warnings` ("entry: message") and the entry adds no text.
 * When every readable entry is encrypted (a password-protected zip), the archive is `encrypted`.
 * Entries the registry skips (images, binaries, unknown formats) are ignored.
 *
 * Locations: CSV and HTML segments point into their entry's source text, which the merged
 * document cannot carry, so they become `text` segments at the line and column of the entry
 * where the segment starts (CSV row/column are dropped, the column header stays as `label`).
 * Every other kind is kept as the inner extractor wrote it (relative to its entry).
 */
import { extname } from 'node:path';
import { DEFAULT_ZIP_LIMITS, ZipReader, type ZipLimits } from '../../archive/zip.js';
import { csvRawOffset, lineColumnAt, lineStarts } from '../../document/locate.js';
import type { DocumentMeta, ScanDocument, Segment, SourceRef } from '../../document/types.js';
import { IMAGE_EXTENSIONS } from '../image/index.js';
import { ExtractionError, UnsupportedFormatError, type ExtractInput, type Extractor } from '../types.js';

export const ZIP_EXTENSIONS = ['.zip'] as const;
/** Archive nesting: the archive itself is depth 1; an entry of depth MAX_ZIP_DEPTH + 1 is refused. */
export const MAX_ZIP_DEPTH = 3;

export interface EntryError {
  entry: string;
  error: string;
}


interface Budget {
  /** Bytes all archives of this file may still inflate, together. */
  left: number;
}

export async function extractZip(
  input: ExtractInput,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ScanDocument> {
  const budget: Budget = { left: limits.maxTotalBytes };
  const errors: EntryError[] = [];
  const { text, segments } = await readArchive(input.bytes, 1, limits, budget, errors, '');
  const meta: DocumentMeta = { format: 'zip' };
  if (errors.length > 0) meta.warnings = errors.map((e) => `${e.entry}: ${e.error}`);
  return { text, segments, meta };
}

async function readArchive(
  bytes: Uint8Array,
  depth: number,
  limits: ZipLimits,
  budget: Budget,
  errors: EntryError[],
  prefix: string,
): Promise<{ text: string; segments: Segment[] }> {
  const registry = await import('../registry.js');
  if (!ZipReader.isZip(bytes)) {
    // An empty archive is only an end-of-central-directory record.
    if (bytes.length === 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 5 && bytes[3] === 6) {
      return { text: '', segments: [] };
    }
    throw new ExtractionError('corrupt zip: not a zip archive');
  }
  // The reader re-reads `maxTotalBytes` before every entry: kept at what this archive read plus
  // what the whole file may still inflate, nested archives included.
  const own: ZipLimits = { ...limits, maxTotalBytes: budget.left };
  const zip = new ZipReader(bytes, own);
  let readHere = 0;
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let tried = 0;
  let encrypted = 0;

  for (const entry of zip.entries) {
    const name = entry.name;
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
    const path = prefix + name;
    const ext = extname(name).toLowerCase();
    const handled = registry.EXTRACTORS.some((e) => e.extensions.includes(ext));
    if (!handled && registry.UNSUPPORTED_EXTENSIONS.has(ext)) continue;
    // Images are recognised by the OCR step, which runs on the files of a scan, not inside archives.
    if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext)) continue;
    tried++;
    let data: Uint8Array;
    own.maxTotalBytes = readHere + budget.left;
    try {
      data = zip.readEntry(entry);
    } catch (e) {
      if (e instanceof ExtractionError && e.message === 'encrypted') {
        encrypted++;
        errors.push({ entry: path, error: 'encrypted' });
        continue;
      }
      throw e; // a bomb or a broken archive: the whole file
    }
    readHere += data.length;
    budget.left -= data.length;

    const extractor = registry.extractorFor(name, data);
    if ('skip' in extractor) continue;
    let inner: { text: string; segments: Segment[] };
    try {
      if (extractor.id === 'zip') {
        if (depth + 1 > MAX_ZIP_DEPTH) {
          errors.push({ entry: path, error: `archive nested deeper than ${MAX_ZIP_DEPTH} levels: not opened` });
          continue;
        }
        // Nested segments come back with their full entry path.
        inner = await readArchive(data, depth + 1, limits, budget, errors, `${path}!`);
      } else {
        const doc = await extractor.extract({ bytes: data, path: name });
        inner = {
          text: doc.text,
          segments: doc.segments.map((s) => ({ ...convert(s, doc.meta), entry: s.entry !== undefined ? `${path}!${s.entry}` : path })),
        };
      }
    } catch (e) {
      if (e instanceof ExtractionError && e.message.startsWith('zip bomb')) throw e;
      if (e instanceof UnsupportedFormatError) continue;
      errors.push({ entry: path, error: e instanceof ExtractionError ? e.message : 'the entry cannot be read' });
      continue;
    }
    if (inner.text === '') continue;
    if (length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    for (const seg of inner.segments) segments.push({ ...seg, start: seg.start + length, end: seg.end + length });
    parts.push(inner.text);
    length += inner.text.length;
  }
  if (tried > 0 && encrypted === tried) throw new ExtractionError('encrypted');
  return { text: parts.join(''), segments };
}

/** CSV/HTML refs need their entry's source text: turned into line/column refs of that entry. */
function convert(seg: Segment, meta: DocumentMeta | undefined): Segment {
  const src = seg.source;
  const source = meta?.sourceText;
  if (source === undefined || (src.kind !== 'csv' && src.kind !== 'html')) return seg;
  const raw = src.kind === 'csv' ? csvRawOffset(source, src.rawRange, 0) : src.rawRange[0];
  const { line, column } = lineColumnAt(startsOf(source), raw);
  const ref: SourceRef = { kind: 'text', line, column };
  return { ...seg, source: ref };
}

let lastSource: { source: string; starts: number[] } | undefined;
function startsOf(source: string): number[] {
  if (lastSource?.source !== source) lastSource = { source, starts: lineStarts(source) };
  return lastSource.starts;
}

const zipExtractor: Extractor = {
  id: 'zip',
  extensions: ZIP_EXTENSIONS,
  extract: (input) => extractZip(input),
};

export default zipExtractor;
