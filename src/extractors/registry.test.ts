import { describe, expect, it } from 'vitest';
import { EXTRACTORS, extractorFor } from './registry.js';

const text = new TextEncoder().encode('ФИО: Иванов Иван\n');
const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
const idOf = (r: ReturnType<typeof extractorFor>) => ('skip' in r ? r : r.id);

describe('extractorFor', () => {
  it.each([
    ['a.txt', 'txt'],
    ['notes.MD', 'txt'],
    ['app.log', 'txt'],
    ['config.yaml', 'txt'],
    ['data.json', 'txt'],
    ['people.csv', 'csv'],
    ['people.tsv', 'csv'],
    ['page.html', 'html'],
    ['page.HTM', 'html'],
    ['page.xhtml', 'html'],
    ['Makefile', 'txt'],
    ['data.unknownext', 'txt'],
  ])('%s → %s', (path, id) => expect(idOf(extractorFor(path, text))).toBe(id));

  it('skips known binary formats by extension', () => {
    expect(extractorFor('a.7z', zip)).toEqual({ skip: 'unsupported format: .7z' });
    expect(extractorFor('slides.pptx', zip)).toEqual({ skip: 'unsupported format: .pptx' });
  });

  it('reads binary office formats and archives by extension', () => {
    for (const [path, id] of [['report.docx', 'docx'], ['Form.DOTX', 'docx'], ['a.odt', 'odt'], ['old.doc', 'doc'], ['a.zip', 'zip'], ['Scan.PDF', 'pdf']]) {
      expect(idOf(extractorFor(path!, zip)), path).toBe(id);
    }
  });

  it('reads by content when a text or unknown extension hides a format it reads', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\n1 0 obj');
    expect(idOf(extractorFor('fake.txt', zip))).toBe('zip');
    expect(idOf(extractorFor('scan.csv', pdf))).toBe('pdf');
    expect(idOf(extractorFor('blob', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).toBe('image');
  });

  it('skips binary content whatever the extension, naming it when known', () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(extractorFor('report.txt', elf)).toEqual({ skip: 'binary file (ELF executable)' });
    expect(extractorFor('dump', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]))).toEqual({ skip: 'binary file (gzip archive)' });
    expect(extractorFor('blob', new Uint8Array([1, 2, 0, 4, 5, 6, 7, 8]))).toEqual({ skip: 'binary file' });
    // "MZ" at the start of a text is not an executable.
    expect(idOf(extractorFor('notes.txt', new TextEncoder().encode('MZ-2024: отчёт о поставке, без персональных данных')))).toBe('txt');
  });

  it('every extension belongs to one extractor', () => {
    const all = EXTRACTORS.flatMap((e) => e.extensions);
    expect(new Set(all).size).toBe(all.length);
    const ids = EXTRACTORS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The text extractor is the fallback for unknown extensions: it must come last.
    expect(ids.at(-1)).toBe('txt');
  });
});
