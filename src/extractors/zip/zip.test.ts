/**
 * ZIP extractor: the merged document is exactly the inner documents (each extracted on its own
 * here and checked with assertDocument) joined by blank lines, segments shifted and tagged with
 * their entry; nesting depth, shared byte budget, bombs, encrypted entries.
 */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipReader } from '../../archive/zip.js';
import { assertDocument } from '../../document/assert-document.js';
import { locateRange } from '../../document/locate.js';
import type { ScanDocument } from '../../document/types.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import { extractZip, MAX_ZIP_DEPTH } from './index.js';

const FIXTURES = new URL('../../../fixtures/documents/zip/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const zip = (files: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

describe('zip extractor on the fixtures', () => {
  it('merges the entries it can read, each mapped to its entry', async () => {
    const bytes = fixture('hr-archive.zip');
    const ex = extractorFor('hr-archive.zip', bytes);
    expect('skip' in ex ? ex : ex.id).toBe('zip');
    const doc = await extractZip({ bytes, path: 'hr-archive.zip' });
    assertDocument(doc);
    expect(doc.meta).toEqual({ format: 'zip' });

    // Independently: extract each entry on its own, in archive order.
    const entries = unzipSync(bytes);
    const inner: [string, ScanDocument][] = [];
    for (const [name, data] of Object.entries(entries)) {
      if (name.endsWith('/')) continue;
      const e = extractorFor(name, data);
      if ('skip' in e || e.id === 'image') continue; // images are not read inside archives
      const d = await e.extract({ bytes: data, path: name });
      assertDocument(d);
      inner.push([name, d]);
    }
    expect(inner.map(([n]) => n)).toEqual(['docs/employees.txt', 'docs/cards/card.docx', 'list.csv']);
    expect(doc.text).toBe(inner.map(([, d]) => d.text).join('\n\n'));
    let offset = 0;
    let k = 0;
    for (const [name, d] of inner) {
      for (const s of d.segments) {
        const merged = doc.segments[k++]!;
        expect(merged.entry).toBe(name);
        expect([merged.start, merged.end]).toEqual([s.start + offset, s.end + offset]);
        expect(doc.text.slice(merged.start, merged.end)).toBe(d.text.slice(s.start, s.end));
        if (s.source.kind === 'csv' || s.source.kind === 'html') {
          // Located by line and column of the entry's own source.
          expect(merged.source.kind).toBe('text');
          expect(merged.label).toBe(s.label);
        } else {
          expect(merged.source).toEqual(s.source);
        }
      }
      offset += d.text.length + 2;
    }
    expect(k).toBe(doc.segments.length);
  });

  it('locates values inside entries: text lines, CSV cells, DOCX runs', async () => {
    const doc = await extractZip({ bytes: fixture('hr-archive.zip'), path: 'a.zip' });
    const at = (re: RegExp) => {
      const m = re.exec(doc.text)!;
      return locateRange(doc, m.index, m.index + m[0].length);
    };
    expect(at(/тел\. \+7/)).toEqual({ line: 3, column: 0, entry: 'docs/employees.txt' });
    expect(at(/\d{3}-\d{3}-\d{3} \d{2}(?=\r?\n?$)/)).toEqual({ line: 2, column: 13, entry: 'list.csv' });
    expect(at(/Паспорт /)).toEqual({ part: 'word/document.xml', paragraph: 3, run: 1, entry: 'docs/cards/card.docx' });
  });

  it('reads nested archives up to the depth limit and notes the deeper ones', async () => {
    const doc = await extractZip({ bytes: fixture('nested.zip'), path: 'nested.zip' });
    assertDocument(doc);
    expect([...new Set(doc.segments.map((s) => s.entry))]).toEqual(['level2.zip!notes.txt', 'level2.zip!level3.zip!deep.txt']);
    expect(doc.meta.warnings).toEqual([
      `level2.zip!level3.zip!level4.zip: archive nested deeper than ${MAX_ZIP_DEPTH} levels: not opened`,
    ]);
    expect(doc.text).not.toContain('too-deep');
  });

  it('refuses a zip bomb', async () => {
    const bytes = fixture('bomb.zip');
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const error = await extractZip({ bytes, path: 'bomb.zip' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as Error).message).toMatch(/^zip bomb refused: /);
  });
});

describe('zip limits and errors', () => {
  const limits = { maxEntries: 50, maxEntryBytes: 50_000, maxTotalBytes: 120_000 };

  it('nested archives share one byte budget', async () => {
    const part = (c: string) => c.repeat(40_000);
    const inner = zip({ 'a.txt': part('a'), 'b.txt': part('b') });
    // Each archive alone stays within 120 000 bytes; together they do not.
    const outer = zip({ 'one.txt': part('1'), 'inner.zip': inner, 'two.txt': part('2') });
    await expect(extractZip({ bytes: outer, path: 'o.zip' }, limits)).rejects.toThrow(/^zip bomb refused/);
    const small = zip({ 'one.txt': 'СНИЛС 112-233-445 95', 'inner.zip': zip({ 'a.txt': 'тел. +7 916 123-45-67' }) });
    const doc = await extractZip({ bytes: small, path: 's.zip' }, limits);
    expect(doc.text).toBe('СНИЛС 112-233-445 95\n\nтел. +7 916 123-45-67');
  });

  it('refuses an archive listing too many entries', async () => {
    const many = zip(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}.txt`, 'x'])));
    await expect(extractZip({ bytes: many, path: 'm.zip' }, limits)).rejects.toThrow('zip bomb refused: 60 entries (limit 50)');
  });

  it('keeps reading when one entry is broken, and notes it', async () => {
    const bytes = zip({ 'bad.docx': 'not a zip', 'good.txt': 'СНИЛС 112-233-445 95', 'pic.png': new Uint8Array([137, 80, 78, 71, 0, 0]) });
    const doc = await extractZip({ bytes, path: 'x.zip' });
    expect(doc.text).toBe('СНИЛС 112-233-445 95');
    expect(doc.meta.warnings).toEqual(['bad.docx: corrupt docx: not a zip package']);
  });

  it('is encrypted when every entry is', async () => {
    const bytes = zip({ 'a.txt': 'секрет', 'b.txt': 'секрет' });
    // Set the "encrypted" flag of every central directory record (the data is not really encrypted).
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.length; i++) if (dv.getUint32(i, true) === 0x02014b50) dv.setUint16(i + 8, dv.getUint16(i + 8, true) | 1, true);
    expect(new ZipReader(bytes).entries.every((e) => e.encrypted)).toBe(true);
    await expect(extractZip({ bytes, path: 'x.zip' })).rejects.toThrow(new ExtractionError('encrypted'));
  });

  it('reads an empty archive as an empty document and refuses what is not one', async () => {
    const empty = zip({});
    expect((await extractZip({ bytes: empty, path: 'e.zip' })).text).toBe('');
    await expect(extractZip({ bytes: strToU8('PK but not really'), path: 'x.zip' })).rejects.toThrow(/^corrupt zip/);
  });
});
