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

  it('skips binary content whatever the extension', () => {
    expect(extractorFor('fake.txt', zip)).toEqual({ skip: 'binary file' });
    expect(extractorFor('blob', zip)).toEqual({ skip: 'binary file' });
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
