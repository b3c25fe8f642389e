/**
 * A small, bounded reader of OLE compound files (CFB, [MS-CFB]): the container of Word 97-2003
 * documents and of password-protected OOXML files (an `EncryptionInfo` and an `EncryptedPackage`
 * stream instead of a zip). Only what the extractors need: the directory's names and a stream's
 * bytes. Sector chains are followed with loop and bound checks, so a damaged file fails cleanly.
 */
export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR = 0xfffffffa;

export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export class CfbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CfbError';
  }
}

export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_SIGNATURE.every((b, i) => bytes[i] === b);
}

export class CfbReader {
  readonly entries: CfbEntry[];
  private readonly sectorSize: number;
  private readonly fat: number[];
  private readonly miniFat: number[];
  private readonly miniCutoff: number;
  private readonly miniSectorSize: number;
  private miniStream: Uint8Array | undefined;

  constructor(private readonly bytes: Uint8Array) {
    if (!isCfb(bytes) || bytes.length < 512) throw new CfbError('not a compound file');
    const dv = view(bytes);
    const shift = dv.getUint16(0x1e, true);
    const miniShift = dv.getUint16(0x20, true);
    if (shift !== 9 && shift !== 12) throw new CfbError('bad sector size');
    if (miniShift !== 6) throw new CfbError('bad mini sector size');
    this.sectorSize = 1 << shift;
    this.miniSectorSize = 1 << miniShift;
    this.miniCutoff = dv.getUint32(0x38, true);

    // The FAT's sectors: 109 listed in the header, the rest in the DIFAT chain.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) {
      const s = dv.getUint32(0x4c + i * 4, true);
      if (s <= MAX_REGULAR) fatSectors.push(s);
    }
    let difat = dv.getUint32(0x44, true);
    const seen = new Set<number>();
    while (difat <= MAX_REGULAR) {
      if (seen.has(difat)) throw new CfbError('DIFAT loop');
      seen.add(difat);
      const sector = this.sector(difat);
      const per = this.sectorSize / 4 - 1;
      const sdv = view(sector);
      for (let i = 0; i < per; i++) {
        const s = sdv.getUint32(i * 4, true);
        if (s <= MAX_REGULAR) fatSectors.push(s);
      }
      difat = sdv.getUint32(per * 4, true);
    }
    this.fat = [];
    for (const s of fatSectors) {
      const sdv = view(this.sector(s));
      for (let i = 0; i < this.sectorSize / 4; i++) this.fat.push(sdv.getUint32(i * 4, true));
    }

    const dir = this.chain(dv.getUint32(0x30, true));
    this.entries = [];
    const ddv = view(dir);
    for (let at = 0; at + 128 <= dir.length; at += 128) {
      const type = ddv.getUint8(at + 0x42);
      if (type === 0) continue;
      const nameBytes = Math.min(ddv.getUint16(at + 0x40, true), 64);
      const name = new TextDecoder('utf-16le').decode(dir.subarray(at, at + Math.max(0, nameBytes - 2)));
      this.entries.push({ name, type, start: ddv.getUint32(at + 0x74, true), size: ddv.getUint32(at + 0x78, true) });
    }
    const miniFatStart = dv.getUint32(0x3c, true);
    this.miniFat = [];
    if (miniFatStart <= MAX_REGULAR) {
      const mf = view(this.chain(miniFatStart));
      for (let i = 0; i + 4 <= mf.byteLength; i += 4) this.miniFat.push(mf.getUint32(i, true));
    }
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.type === 2 && e.name === name);
  }

  /** A stream's bytes (the first stream of that name), or undefined. */
  stream(name: string): Uint8Array | undefined {
    const entry = this.entries.find((e) => e.type === 2 && e.name === name);
    if (!entry) return undefined;
    if (entry.size < this.miniCutoff) {
      const root = this.entries.find((e) => e.type === 5);
      if (!root) throw new CfbError('no root entry');
      this.miniStream ??= this.chain(root.start, root.size);
      const out = new Uint8Array(entry.size);
      let s = entry.start;
      let at = 0;
      const seen = new Set<number>();
      while (at < entry.size) {
        if (s > MAX_REGULAR || seen.has(s)) throw new CfbError('broken mini stream chain');
        seen.add(s);
        const from = s * this.miniSectorSize;
        const piece = this.miniStream.subarray(from, from + Math.min(this.miniSectorSize, entry.size - at));
        if (piece.length === 0) throw new CfbError('mini stream runs past its container');
        out.set(piece, at);
        at += piece.length;
        s = this.miniFat[s] ?? END_OF_CHAIN;
      }
      return out;
    }
    return this.chain(entry.start, entry.size);
  }

  private sector(n: number): Uint8Array {
    const from = (n + 1) * this.sectorSize;
    // The last sector may be cut short by writers that do not pad: a partial sector is returned.
    if (from >= this.bytes.length) throw new CfbError('sector out of the file');
    return this.bytes.subarray(from, from + this.sectorSize);
  }

  /** The bytes of a sector chain, cut to `size` when given. */
  private chain(start: number, size?: number): Uint8Array {
    const pieces: Uint8Array[] = [];
    let total = 0;
    const seen = new Set<number>();
    let s = start;
    while (s !== END_OF_CHAIN && s !== FREE) {
      if (s > MAX_REGULAR || seen.has(s) || seen.size > this.fat.length) throw new CfbError('broken sector chain');
      seen.add(s);
      const piece = this.sector(s);
      pieces.push(piece);
      total += piece.length;
      if (size !== undefined && total >= size) break;
      s = this.fat[s] ?? END_OF_CHAIN;
    }
    const out = new Uint8Array(size !== undefined ? Math.min(size, total) : total);
    let at = 0;
    for (const p of pieces) {
      const n = Math.min(p.length, out.length - at);
      out.set(p.subarray(0, n), at);
      at += n;
      if (at >= out.length) break;
    }
    return out;
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Password-protected OOXML (Word, Excel): a compound file holding the encrypted package. */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  if (!isCfb(bytes)) return false;
  try {
    const cfb = new CfbReader(bytes);
    return cfb.has('EncryptionInfo') || cfb.has('EncryptedPackage');
  } catch {
    // A damaged directory: fall back to looking for the stream name itself.
    return containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage');
  }
}

function containsUtf16(bytes: Uint8Array, s: string): boolean {
  const needle = Buffer.from(s, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}
