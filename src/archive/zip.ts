/**
 * A zip reader that refuses zip bombs. The central directory is read first (entry count and
 * encryption are checked before anything is inflated); entries are inflated in a stream with a
 * byte budget, so lying size fields cannot make it allocate more than the limits allow.
 * Used for DOCX/XLSX/ODT/ODS packages and for .zip archives.
 */
import { Inflate } from 'fflate';
import { ExtractionError } from '../extractors/types.js';

export interface ZipLimits {
  /** Most entries a zip may list. */
  maxEntries: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Most bytes all entries read from one zip may inflate to, together. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** As declared by the archive: not trusted for allocation. */
  declaredSize: number;
  method: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export class ZipReader {
  readonly entries: ZipEntry[];
  private inflated = 0;
  private readonly byName: Map<string, ZipEntry>;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.entries = readCentralDirectory(bytes, limits);
    this.byName = new Map(this.entries.map((e) => [e.name, e]));
  }

  static isZip(bytes: Uint8Array): boolean {
    return bytes.length >= 4 && view(bytes).getUint32(0, true) === LOCAL_SIGNATURE;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Inflates one entry within the limits; undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined {
    const entry = this.byName.get(name);
    return entry ? this.readEntry(entry) : undefined;
  }

  readText(name: string): string | undefined {
    const data = this.read(name);
    return data ? new TextDecoder('utf-8').decode(data) : undefined;
  }

  readEntry(entry: ZipEntry): Uint8Array {
    if (entry.encrypted) throw new ExtractionError('encrypted');
    const dv = view(this.bytes);
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || dv.getUint32(at, true) !== LOCAL_SIGNATURE) {
      throw new ExtractionError(`corrupt zip: bad local header for an entry`);
    }
    const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw new ExtractionError('corrupt zip: entry runs past the end of the file');
    const raw = this.bytes.subarray(start, end);
    const budget = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.inflated);
    // A declared size over the budget is refused at once; a declared size is never trusted below it.
    if (entry.declaredSize > budget) throw bomb(this.limits);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (raw.length > budget) throw bomb(this.limits);
      out = raw;
    } else if (entry.method === 8) {
      out = inflateWithin(raw, budget, this.limits);
    } else {
      throw new ExtractionError(`unsupported zip compression method ${entry.method}`);
    }
    this.inflated += out.length;
    return out;
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function bomb(limits: ZipLimits): ExtractionError {
  return new ExtractionError(
    `zip bomb refused: content inflates past the limit (${limits.maxEntryBytes} bytes per entry, ${limits.maxTotalBytes} in all)`,
  );
}

function inflateWithin(raw: Uint8Array, budget: number, limits: ZipLimits): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > budget) over = true;
    else chunks.push(chunk);
  });
  // Feed in slices so an overrun is noticed before the whole entry is inflated.
  const step = 64 * 1024;
  try {
    for (let i = 0; i < raw.length && !over; i += step) inflater.push(raw.subarray(i, i + step), i + step >= raw.length);
  } catch {
    throw new ExtractionError('corrupt zip: an entry does not inflate');
  }
  if (over) throw bomb(limits);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const dv = view(bytes);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (dv.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ExtractionError('corrupt zip: no central directory');
  const count = dv.getUint16(eocd + 10, true);
  let at = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new ExtractionError('zip64 archives are not supported');
  if (count > limits.maxEntries) throw new ExtractionError(`zip bomb refused: ${count} entries (limit ${limits.maxEntries})`);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ExtractionError('corrupt zip: bad central directory');
    }
    const flags = dv.getUint16(at + 8, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: dv.getUint16(at + 10, true),
      compressedSize: dv.getUint32(at + 20, true),
      declaredSize: dv.getUint32(at + 24, true),
      encrypted: (flags & 1) === 1,
      localHeaderOffset: dv.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
