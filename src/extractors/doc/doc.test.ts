/**
 * DOC extractor (word-extractor) on the hand-built Word 97 fixtures, checked against the text
 * stored in the file itself (compound file → WordDocument stream → piece table → UTF-16 text,
 * read here without word-extractor), plus the compound-file reader and the refusals.
 */
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { extractorFor } from '../registry.js';
import { ExtractionError, UnsupportedFormatError } from '../types.js';
import { CfbReader, isEncryptedOoxml } from './cfb.js';
import { extractDoc } from './index.js';

const DOCS = new URL('../../../fixtures/documents/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, DOCS)));

/** The stories' paragraphs straight from the file: FIB counts, piece table, UTF-16 text. */
function storedStories(bytes: Uint8Array): { body: string[]; footnotes: string[] } {
  const cfb = new CfbReader(bytes);
  const word = cfb.stream('WordDocument')!;
  const table = cfb.stream('1Table')!;
  const w = new DataView(word.buffer, word.byteOffset, word.byteLength);
  const t = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const fcClx = w.getUint32(0x1a2, true);
  expect(t.getUint8(fcClx)).toBe(2);
  const fc = t.getUint32(fcClx + 5 + 8 + 2, true); // first (only) piece: after 2 CPs and the PCD's 2 flag bytes
  const ccpText = w.getUint32(0x4c, true);
  const ccpFtn = w.getUint32(0x50, true);
  const all = Buffer.from(word.subarray(fc, fc + (ccpText + ccpFtn) * 2)).toString('utf16le');
  const paragraphs = (s: string) => s.replace(/[\x02]/g, '').split('\r').slice(0, -1);
  return { body: paragraphs(all.slice(0, ccpText)), footnotes: paragraphs(all.slice(ccpText)) };
}

/** A copy of `bytes` with the WordDocument stream's FIB bytes at `offset` replaced. */
function patchFib(bytes: Uint8Array, offset: number, values: number[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  const entry = new CfbReader(copy).entries.find((e) => e.name === 'WordDocument')!;
  expect(entry.size).toBeGreaterThanOrEqual(4096); // in regular sectors
  copy.set(values, (entry.start + 1) * 512 + offset);
  return copy;
}

describe('doc extractor', () => {
  it('reads body, headers, footers and footnotes as paragraphs of their stories', async () => {
    const bytes = fixture('doc/hiring-order.doc');
    const ex = extractorFor('hiring-order.doc', bytes);
    expect('skip' in ex ? ex : ex.id).toBe('doc');
    const doc = await extractDoc({ bytes, path: 'hiring-order.doc' });
    assertDocument(doc);
    expect(doc.meta.format).toBe('doc');
    const stored = storedStories(bytes);
    const byPart = new Map<string, Map<number, string>>();
    for (const s of doc.segments) {
      expect(s.source.kind).toBe('paragraph');
      if (s.source.kind !== 'paragraph') continue;
      const m = byPart.get(s.source.part) ?? new Map<number, string>();
      m.set(s.source.paragraph, doc.text.slice(s.start, s.end));
      byPart.set(s.source.part, m);
    }
    expect([...byPart.keys()]).toEqual(['body', 'headers', 'footers', 'footnotes']);
    expect([...byPart.get('body')!.entries()]).toEqual(stored.body.map((p, i) => [i + 1, p]));
    expect([...byPart.get('footnotes')!.values()]).toEqual(stored.footnotes.map((p) => p.trimEnd()));
    expect(byPart.get('headers')!.get(1)).toMatch(/^ООО «Вектор», отдел кадров, тел\. 8 \(383\) 210-11-22$/);
    expect(byPart.get('footers')!.get(1)).toMatch(/^Исполнитель: Белова Н\. А\., тел\. \+7/);
  });

  it('reads a blank form', async () => {
    const doc = await extractDoc({ bytes: fixture('doc/blank-form.doc'), path: 'blank-form.doc' });
    assertDocument(doc);
    expect(doc.text).toBe('Заявление о приёме на работу\nФИО ____________________\nпаспорт №________\nСНИЛС: ___-___-___ __\nТелефон: +7 (___) ___-__-__');
  });

  it('reports encrypted files, refuses Word 6/95 and damaged files with clear messages', async () => {
    const order = fixture('doc/hiring-order.doc');
    // FIB fEncrypted (bit 8 of the flags word at 0x0A).
    await expect(extractDoc({ bytes: patchFib(order, 0x0b, [0x12 | 0x01]), path: 'e.doc' })).rejects.toThrow(new ExtractionError('encrypted'));
    // A password-protected OOXML package with a .doc name.
    await expect(extractDoc({ bytes: fixture('docx/encrypted.docx'), path: 'e.doc' })).rejects.toThrow(new ExtractionError('encrypted'));
    await expect(extractDoc({ bytes: patchFib(order, 0x02, [0x65, 0x00]), path: 'w95.doc' })).rejects.toThrow(
      'unsupported doc: Word 6.0/95 or older format',
    );
    await expect(extractDoc({ bytes: patchFib(order, 0x00, [0, 0]), path: 'x.doc' })).rejects.toThrow('corrupt doc: bad Word file signature');
    // A piece table pointer out of the table stream: word-extractor fails; the message is ours.
    await expect(extractDoc({ bytes: patchFib(order, 0x1a2, [0, 0, 1, 0]), path: 'x.doc' })).rejects.toThrow(
      'corrupt doc: the Word 97-2003 text structures cannot be read',
    );
    await expect(extractDoc({ bytes: strToU8('СНИЛС 112-233-445 95'), path: 'x.doc' })).rejects.toThrow('corrupt doc: not a Word 97-2003 compound file');
    const truncated = order.slice(0, 1024);
    await expect(extractDoc({ bytes: truncated, path: 'x.doc' })).rejects.toThrow(/^corrupt doc: /);
  });

  it('skips RTF saved as .doc and reads a DOCX saved as .doc', async () => {
    await expect(extractDoc({ bytes: strToU8('{\\rtf1\\ansi СНИЛС}'), path: 'r.doc' })).rejects.toBeInstanceOf(UnsupportedFormatError);
    const docx = zipSync({
      'word/document.xml': strToU8(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>из docx</w:t></w:r></w:p></w:body></w:document>',
      ),
    });
    const doc = await extractDoc({ bytes: docx, path: 'x.doc' });
    expect(doc.meta.format).toBe('docx');
    expect(doc.text).toBe('из docx');
  });
});

describe('CfbReader', () => {
  it('lists the directory and reads regular and mini streams', () => {
    const bytes = fixture('docx/encrypted.docx');
    expect(isEncryptedOoxml(bytes)).toBe(true);
    const cfb = new CfbReader(bytes);
    expect(cfb.entries.map((e) => e.name).sort()).toEqual(['EncryptedPackage', 'EncryptionInfo', 'Root Entry']);
    const info = cfb.stream('EncryptionInfo')!; // < 4096 bytes: in the mini stream
    expect([...info.subarray(0, 4)]).toEqual([4, 0, 4, 0]);
    expect(Buffer.from(info.subarray(8)).toString('utf8')).toMatch(/^<\?xml[\s\S]*<\/encryption>$/);
    const pkg = cfb.stream('EncryptedPackage')!;
    expect(pkg.length).toBe(8 + 6144 + 16);
    expect(new DataView(pkg.buffer, pkg.byteOffset).getUint32(0, true)).toBe(6144);
    expect(isEncryptedOoxml(fixture('doc/hiring-order.doc'))).toBe(false);
  });

  it('fails cleanly on broken chains', () => {
    const bytes = new Uint8Array(fixture('docx/encrypted.docx'));
    // Directory start sector pointing past the end of the file.
    new DataView(bytes.buffer).setUint32(0x30, 0x00ffffff, true);
    expect(() => new CfbReader(bytes)).toThrow(/sector out of the file|broken/);
  });
});
