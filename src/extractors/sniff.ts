/**
 * What a file is by its first bytes (magic numbers), whatever its name says: a PDF saved as
 * `.txt` is read as a PDF, an executable renamed `.csv` is skipped as what it is.
 */
import { sniffImage } from './image/decode.js';

/** Formats an extractor reads, recognised by content. */
export type ReadableKind = 'pdf' | 'zip' | 'image' | 'cfb';

export interface Sniffed {
  /** A format pdnscan reads (its extractor decides the rest), or a binary kind it skips. */
  kind: ReadableKind | 'binary';
  /** Human name for reports: "ELF executable", "gzip archive". */
  name: string;
}

interface Magic {
  offset: number;
  bytes: readonly number[];
  sniffed: Sniffed;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const bin = (name: string): Sniffed => ({ kind: 'binary', name });

const MAGICS: readonly Magic[] = [
  { offset: 0, bytes: ascii('%PDF-'), sniffed: { kind: 'pdf', name: 'PDF document' } },
  { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], sniffed: { kind: 'zip', name: 'zip archive' } },
  { offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06], sniffed: { kind: 'zip', name: 'empty zip archive' } },
  { offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], sniffed: { kind: 'cfb', name: 'OLE compound file (Office 97-2003)' } },
  { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], sniffed: bin('ELF executable') },
  { offset: 0, bytes: ascii('MZ'), sniffed: bin('Windows executable') },
  { offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe], sniffed: bin('Mach-O executable') },
  { offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe], sniffed: bin('Java class or Mach-O universal binary') },
  { offset: 0, bytes: [0x1f, 0x8b], sniffed: bin('gzip archive') },
  { offset: 0, bytes: ascii('BZh'), sniffed: bin('bzip2 archive') },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], sniffed: bin('xz archive') },
  { offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], sniffed: bin('zstd archive') },
  { offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], sniffed: bin('7z archive') },
  { offset: 0, bytes: ascii('Rar!'), sniffed: bin('RAR archive') },
  { offset: 257, bytes: ascii('ustar'), sniffed: bin('tar archive') },
  { offset: 0, bytes: ascii('SQLite format 3\0'), sniffed: bin('SQLite database') },
  { offset: 0, bytes: ascii('GIF8'), sniffed: bin('GIF image') },
  { offset: 0, bytes: ascii('ID3'), sniffed: bin('MP3 audio') },
  { offset: 0, bytes: ascii('OggS'), sniffed: bin('Ogg media') },
  { offset: 0, bytes: ascii('fLaC'), sniffed: bin('FLAC audio') },
  { offset: 4, bytes: ascii('ftyp'), sniffed: bin('MP4/QuickTime media') },
  { offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3], sniffed: bin('Matroska/WebM media') },
  { offset: 0, bytes: ascii('wOFF'), sniffed: bin('WOFF font') },
  { offset: 0, bytes: ascii('wOF2'), sniffed: bin('WOFF2 font') },
  { offset: 0, bytes: [0x00, 0x01, 0x00, 0x00, 0x00], sniffed: bin('TrueType font') },
  { offset: 0, bytes: ascii('OTTO'), sniffed: bin('OpenType font') },
  { offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d], sniffed: bin('WebAssembly module') },
  { offset: 0, bytes: ascii('AT&TFORM'), sniffed: bin('DjVu document') },
  { offset: 0, bytes: ascii('{\\rtf'), sniffed: bin('RTF document') },
];

export function sniff(bytes: Uint8Array): Sniffed | undefined {
  if (sniffImage(bytes)) return { kind: 'image', name: 'image' };
  for (const m of MAGICS) {
    if (bytes.length < m.offset + m.bytes.length) continue;
    if (m.bytes.every((b, i) => bytes[m.offset + i] === b)) {
      // "MZ" also starts plain text ("MZ-2024 отчёт"): an executable has a PE offset past its header.
      if (m.sniffed.name === 'Windows executable' && !looksLikePe(bytes)) continue;
      return m.sniffed;
    }
  }
  return undefined;
}

function looksLikePe(bytes: Uint8Array): boolean {
  if (bytes.length < 64) return false;
  const peOffset = bytes[60]! | (bytes[61]! << 8) | (bytes[62]! << 16) | (bytes[63]! << 24);
  return peOffset > 0 && peOffset + 4 <= bytes.length ? bytes[peOffset] === 0x50 && bytes[peOffset + 1] === 0x45 : bytes.subarray(0, 64).includes(0);
}
