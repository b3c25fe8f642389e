/**
 * An office package (DOCX, ODT, XLSX, ODS) opened for the anonymiser: every entry is read once
 * (through our ZipReader, with its zip-bomb limits), the writer replaces or removes the parts it
 * rewrites, and the package is zipped again in the original entry order. Entries the writer does
 * not touch keep their bytes (media, styles, relationships); each keeps its compression method
 * (stored or deflated: an ODF `mimetype` must stay first and stored) and its date.
 */
import { zipSync, type Zippable } from 'fflate';
import { ZipReader } from '../../archive/zip.js';

interface PackageEntry {
  name: string;
  data: Uint8Array;
  stored: boolean;
  mtime: Date;
}

export class OfficePackage {
  private readonly entries: PackageEntry[] = [];
  private readonly byName = new Map<string, PackageEntry>();
  private readonly replaced = new Set<string>();
  private readonly texts = new Map<string, string>();

  /** Throws (value-free) on a package that is not a readable zip or that holds two entries of one name. */
  constructor(bytes: Uint8Array, format: string) {
    if (!ZipReader.isZip(bytes)) throw new Error(`${format} writer: the file is not a zip package`);
    const zip = new ZipReader(bytes);
    for (const e of zip.entries) {
      // Two entries of one name: readers disagree on which one counts, so the scan may have read the other.
      if (this.byName.has(e.name)) throw new Error(`${format} writer: the package holds two entries of one name`);
      const entry = { name: e.name, data: zip.readEntry(e), stored: e.method === 0, mtime: dosTime(bytes, e.localHeaderOffset) };
      this.entries.push(entry);
      this.byName.set(e.name, entry);
    }
  }

  get names(): string[] {
    return this.entries.map((e) => e.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  read(name: string): Uint8Array | undefined {
    return this.byName.get(name)?.data;
  }

  /** New bytes for an existing entry. */
  replace(name: string, data: Uint8Array): void {
    const entry = this.byName.get(name);
    if (!entry) throw new Error(`cannot replace a package entry that does not exist`);
    entry.data = data;
    this.texts.delete(name);
    this.replaced.add(name);
  }

  isReplaced(name: string): boolean {
    return this.replaced.has(name);
  }

  /** Names of the entries replaced or removed. */
  get changed(): ReadonlySet<string> {
    return this.replaced;
  }

  /** The entry's text (UTF-8), or undefined when there is no such entry. */
  text(name: string): string | undefined {
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const data = this.read(name);
    if (!data) return undefined;
    const text = new TextDecoder('utf-8').decode(data);
    this.texts.set(name, text);
    return text;
  }

  /** Replaces an entry's text (when it differs). */
  setText(name: string, text: string): void {
    if (!this.byName.has(name)) throw new Error('package writer: no such entry');
    if (this.text(name) === text) return;
    this.replace(name, new TextEncoder().encode(text));
    this.texts.set(name, text);
  }

  remove(name: string): void {
    const entry = this.byName.get(name);
    if (!entry) return;
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.byName.delete(name);
    this.texts.delete(name);
    this.replaced.add(name);
  }

  /**
   * The package as zip bytes, `first` (when present) as the first entry: `[Content_Types].xml`
   * for OOXML, `mimetype` for ODF (which must also be stored, and is when the original is).
   */
  toBytes(first: string, forceStored: readonly string[] = []): Uint8Array {
    const ordered = [...this.entries].sort((a, b) => Number(b.name === first) - Number(a.name === first));
    const files: Zippable = {};
    for (const e of ordered) {
      const stored = e.stored || forceStored.includes(e.name);
      files[e.name] = [e.data, { level: stored ? 0 : 6, mtime: e.mtime }];
    }
    const out = zipSync(files);
    // fflate keeps insertion order except for names that look like array indexes: check it held.
    const written = new ZipReader(out).entries.map((e) => e.name);
    if (written.some((name, i) => name !== ordered[i]!.name)) throw new Error('zip writer: the entries of the package changed order');
    return out;
  }
}

/** An entry's DOS date and time (local header) as a local Date, which fflate writes back unchanged. */
function dosTime(bytes: Uint8Array, at: number): Date {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const time = view.getUint16(at + 10, true);
  const date = view.getUint16(at + 12, true);
  // fflate writes years 1980-2099 only.
  const year = Math.min(2099, 1980 + (date >> 9));
  const month = Math.max(1, (date >> 5) & 15);
  const day = Math.max(1, date & 31);
  return new Date(year, month - 1, day, time >> 11, (time >> 5) & 63, (time & 31) * 2);
}
