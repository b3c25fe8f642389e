/**
 * Which extractor reads a file: by extension first, then by content. Binary content is skipped,
 * known binary formats without an extractor yet are skipped with their extension, and anything
 * else that decodes as text is read as plain text.
 */
import { extname } from 'node:path';
import { looksBinary } from '../text/decode.js';
import csvExtractor from './csv/index.js';
import docExtractor from './doc/index.js';
import docxExtractor from './docx/index.js';
import htmlExtractor from './html/index.js';
import imageExtractor from './image/index.js';
import odsExtractor from './ods/index.js';
import odtExtractor from './odt/index.js';
import pdfExtractor from './pdf/index.js';
import textExtractor from './text/index.js';
import xlsExtractor from './xls/index.js';
import xlsxExtractor from './xlsx/index.js';
import zipExtractor from './zip/index.js';
import type { Extractor } from './types.js';
import { sniff, type ReadableKind } from './sniff.js';

/** Every extractor, most specific first. */
export const EXTRACTORS: readonly Extractor[] = [csvExtractor, htmlExtractor, docxExtractor, odtExtractor, docExtractor, xlsxExtractor, xlsExtractor, odsExtractor, pdfExtractor, imageExtractor, zipExtractor, textExtractor];

/** Formats no extractor reads (yet): archives, office documents, images, executables, media. */
export const UNSUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set([
  // archives and compressed files
  '.7z', '.rar', '.gz', '.tgz', '.bz2', '.xz', '.zst', '.tar', '.cab', '.arj', '.lz', '.lzma', '.iso', '.jar', '.war', '.apk',
  // office documents and e-books
  '.doc', '.docx', '.docm', '.dot', '.dotx', '.xlsb', '.ppt', '.pptx', '.pps',
  '.odt', '.odp', '.odg', '.rtf', '.djvu', '.epub', '.mobi', '.fb2', '.xps', '.pages', '.numbers', '.key',
  // images
  '.gif', '.heic', '.heif', '.ico', '.psd', '.svgz', '.raw', '.cr2', '.nef',
  // audio and video
  '.mp3', '.wav', '.ogg', '.flac', '.aac', '.m4a', '.wma', '.mp4', '.m4v', '.avi', '.mkv', '.mov', '.wmv', '.webm', '.flv',
  // executables, libraries, object code, databases
  '.exe', '.dll', '.so', '.dylib', '.bin', '.o', '.a', '.lib', '.class', '.pyc', '.wasm', '.msi', '.deb', '.rpm', '.dmg',
  '.sqlite', '.db', '.mdb', '.accdb', '.dbf', '.1cd',
  // fonts
  '.ttf', '.otf', '.woff', '.woff2', '.eot',
]);

const BY_EXTENSION: ReadonlyMap<string, Extractor> = new Map(
  EXTRACTORS.flatMap((e) => e.extensions.map((ext) => [ext, e] as const)),
);

/** Textual extractors: content that turns out to be binary overrides their extension. */
const TEXTUAL_FORMATS: ReadonlySet<string> = new Set(['txt', 'csv', 'html']);

const BY_CONTENT: Readonly<Record<ReadableKind, Extractor | undefined>> = {
  pdf: pdfExtractor,
  zip: zipExtractor,
  image: imageExtractor,
  // An OLE file may be a Word or an Excel document (or neither): only its extension tells.
  cfb: undefined,
};

/**
 * The extension decides among formats that agree with the content; the content (magic bytes)
 * wins when a text extension hides a binary format, and decides for unknown extensions.
 */
export function extractorFor(path: string, bytes: Uint8Array): Extractor | { skip: string } {
  const ext = extname(path).toLowerCase();
  const byExtension = BY_EXTENSION.get(ext);
  const sniffed = sniff(bytes);
  if (byExtension && !TEXTUAL_FORMATS.has(byExtension.id)) return byExtension;
  // A named format pdnscan does not read (.pptx, .7z) is skipped as such, whatever its bytes.
  if (UNSUPPORTED_EXTENSIONS.has(ext)) return { skip: `unsupported format: ${ext}` };
  if (sniffed) {
    const byContent = sniffed.kind === 'binary' ? undefined : BY_CONTENT[sniffed.kind];
    if (byContent) return byContent;
    return { skip: `binary file (${sniffed.name})` };
  }
  if (byExtension) return looksBinary(bytes) ? { skip: 'binary file' } : byExtension;
  if (looksBinary(bytes)) return { skip: 'binary file' };
  return textExtractor;
}
