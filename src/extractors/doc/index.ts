/**
 * DOC (Word 97-2003, also .dot): text read with word-extractor, per story — body, headers,
 * footers, footnotes, endnotes, comments (annotations) and text boxes. The binary format maps
 * text to character positions, not to runs, so locations are coarser than DOCX:
 * `{kind:'paragraph', part, paragraph}` where `part` names the story (`body`, `headers`,
 * `footers`, `footnotes`, `endnotes`, `annotations`, `textboxes`) and `paragraph` counts that
 * story's paragraphs (lines of word-extractor's text) from 1. One segment per non-empty paragraph.
 *
 * Before word-extractor runs, the compound file is checked here: an encrypted document (FIB
 * fEncrypted, or a password-protected OOXML package with a .doc name) is reported `encrypted`,
 * Word 6/95 files are refused with a clear message, and a zip package with a .doc name (a DOCX
 * renamed) is read as DOCX.
 */
import type { ScanDocument } from '../../document/types.js';
import { TextBuilder } from '../docx/text-builder.js';
import { ExtractionError, UnsupportedFormatError, type ExtractInput, type Extractor } from '../types.js';
import { CfbReader, isCfb } from './cfb.js';

export const DOC_EXTENSIONS = ['.doc', '.dot'] as const;

/** FIB flags (FibBase at 0x0A): the document is encrypted (RC4 or XOR obfuscation). */
const F_ENCRYPTED = 0x0100;
/** nFib of Word 97 and later (later versions keep it and add nFibNew). */
const NFIB_WORD97 = 0x00c1;

type Story = 'body' | 'headers' | 'footers' | 'footnotes' | 'endnotes' | 'annotations' | 'textboxes';

export async function extractDoc({ bytes, path }: ExtractInput): Promise<ScanDocument> {
  if (!isCfb(bytes)) {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      const { extractDocx } = await import('../docx/index.js');
      return extractDocx({ bytes, path });
    }
    if (startsWith(bytes, '{\\rtf')) throw new UnsupportedFormatError('unsupported format: RTF saved as .doc');
    throw new ExtractionError('corrupt doc: not a Word 97-2003 compound file');
  }
  checkWordDocument(bytes);
  let document;
  try {
    const { default: WordExtractor } = await import('word-extractor');
    document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new ExtractionError('corrupt doc: the Word 97-2003 text structures cannot be read');
  }
  const raw = { filterUnicode: false } as const;
  const stories: [Story, string][] = [
    ['body', document.getBody(raw)],
    ['headers', document.getHeaders({ ...raw, includeFooters: false })],
    ['footers', document.getFooters(raw)],
    ['footnotes', document.getFootnotes(raw)],
    ['endnotes', document.getEndnotes(raw)],
    ['annotations', document.getAnnotations(raw)],
    ['textboxes', document.getTextboxes({ ...raw, includeBody: true, includeHeadersAndFooters: true })],
  ];
  const builder = new TextBuilder();
  for (const [part, text] of stories) {
    const paragraphs = text.split('\n');
    paragraphs.forEach((line, i) => {
      const value = line.replace(/\s+$/, '');
      if (value.trim() !== '') builder.text(value, { kind: 'paragraph', part, paragraph: i + 1 });
      builder.paragraph();
    });
    builder.blank();
  }
  const { text, segments } = builder.build();
  return { text, segments, meta: { format: 'doc' } };
}

/** Refuses what word-extractor would misread: encrypted files, Word 6/95, missing streams. */
function checkWordDocument(bytes: Uint8Array): void {
  let cfb: CfbReader;
  try {
    cfb = new CfbReader(bytes);
  } catch {
    throw new ExtractionError('corrupt doc: damaged compound file');
  }
  if (cfb.has('EncryptionInfo') || cfb.has('EncryptedPackage')) throw new ExtractionError('encrypted');
  let fib: Uint8Array | undefined;
  try {
    fib = cfb.stream('WordDocument');
  } catch {
    throw new ExtractionError('corrupt doc: damaged WordDocument stream');
  }
  if (!fib) throw new ExtractionError('corrupt doc: no WordDocument stream (not a Word document)');
  if (fib.length < 0x1aa) throw new ExtractionError('corrupt doc: WordDocument stream too short');
  const dv = new DataView(fib.buffer, fib.byteOffset, fib.byteLength);
  if (dv.getUint16(0, true) !== 0xa5ec) throw new ExtractionError('corrupt doc: bad Word file signature');
  const nFib = dv.getUint16(2, true);
  const flags = dv.getUint16(0x0a, true);
  if (flags & F_ENCRYPTED) throw new ExtractionError('encrypted');
  if (nFib < NFIB_WORD97 - 1) throw new ExtractionError('unsupported doc: Word 6.0/95 or older format');
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

const docExtractor: Extractor = {
  id: 'doc',
  extensions: DOC_EXTENSIONS,
  extract: extractDoc,
};

export default docExtractor;
