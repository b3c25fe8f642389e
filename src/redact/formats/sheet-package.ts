/**
 * A zip package (XLSX, ODS) opened for rewriting: entries are read through our ZipReader (with
 * its zip-bomb limits) and written back with fflate in the original order, each with its
 * original compression (stored stays stored: an ODS `mimetype` must be the first entry and
 * uncompressed) and modification time. Entries the writer does not touch keep their content
 * byte for byte; only their compressed form may differ.
 */
import { zipSync, type ZipOptions } from 'fflate';
import { ZipReader } from '../../archive/zip.js';

interface Entry {
  name: string;
  data: Uint8Array;
  stored: boolean;
  mtime: Date;
}

export class SheetPackage {
  private readonly entries: Entry[] = [];
  private readonly byName = new Map<string, Entry>();
  private readonly texts = new Map<string, string>();
  /** Names of the entries whose content was replaced or removed. */
  readonly changed = new Set<string>();

  constructor(bytes: Uint8Array) {
    const zip = new ZipReader(bytes);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const e of zip.entries) {
      const entry: Entry = { name: e.name, data: zip.readEntry(e), stored: e.method === 0, mtime: dosTime(dv, e.localHeaderOffset) };
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

  /** The entry's text (UTF-8), or undefined when there is no such entry. */
  text(name: string): string | undefined {
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const entry = this.byName.get(name);
    if (!entry) return undefined;
    const text = new TextDecoder('utf-8').decode(entry.data);
    this.texts.set(name, text);
    return text;
  }

  /** Replaces an entry's content (when it differs). */
  setText(name: string, text: string): void {
    const entry = this.byName.get(name);
    if (!entry) throw new Error('package writer: no such entry');
    if (this.text(name) === text) return;
    entry.data = new TextEncoder().encode(text);
    this.texts.set(name, text);
    this.changed.add(name);
  }

  remove(name: string): void {
    const entry = this.byName.get(name);
    if (!entry) return;
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.byName.delete(name);
    this.texts.delete(name);
    this.changed.add(name);
  }

  /** The package's bytes: every entry in its original order, method and time. */
  write(): Uint8Array {
    const files: Record<string, [Uint8Array, ZipOptions & { mtime: Date }]> = {};
    for (const e of this.entries) {
      // Object keys that look like array indices would be reordered by the engine.
      if (/^(0|[1-9]\d*)$/.test(e.name)) throw new Error('package writer: an entry named by a bare number');
      files[e.name] = [e.data, { level: e.stored ? 0 : 6, mtime: e.mtime }];
    }
    return zipSync(files);
  }
}

/** The DOS date and time of a local header, as a local-time Date (what fflate writes back). */
function dosTime(dv: DataView, at: number): Date {
  const time = dv.getUint16(at + 10, true);
  const date = dv.getUint16(at + 12, true);
  const d = new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
  return Number.isFinite(d.getTime()) && d.getFullYear() >= 1980 ? d : new Date(1980, 0, 1);
}

/** Entries whose text the leak check reads: XML parts, relationships, legacy drawings. */
export function isMarkupPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}
