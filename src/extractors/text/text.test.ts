import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { locateOffset } from '../../document/locate.js';
import { extractText } from './index.js';

const TEXT = 'Сотрудник: Иванов Иван Иванович\r\nСНИЛС 112-233-445 95\nПаспорт 4510 123456\n';

describe('text extractor', () => {
  it.each([
    ['utf-8', new TextEncoder().encode(TEXT)],
    ['utf-8', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)])],
    ['utf-16le', new Uint8Array([0xff, 0xfe, ...iconv.encode(TEXT, 'utf-16le')])],
    ['utf-16be', new Uint8Array([0xfe, 0xff, ...iconv.encode(TEXT, 'utf-16be')])],
    ['windows-1251', new Uint8Array(iconv.encode(TEXT, 'windows-1251'))],
    ['koi8-r', new Uint8Array(iconv.encode(TEXT, 'koi8-r'))],
  ])('%s: one segment covering the decoded text', (encoding, bytes) => {
    const doc = extractText({ bytes, path: 'people.txt' });
    assertDocument(doc);
    expect(doc.text).toBe(TEXT);
    expect(doc.meta).toEqual({ format: 'txt', encoding });
    expect(doc.segments).toEqual([{ start: 0, end: TEXT.length, source: { kind: 'text', line: 1, column: 0 } }]);
    expect(locateOffset(doc, TEXT.indexOf('112-233'))).toEqual({ line: 2, column: 6 });
    expect(locateOffset(doc, TEXT.indexOf('4510'))).toEqual({ line: 3, column: 8 });
  });

  it('empty file: no segments', () => {
    const doc = extractText({ bytes: new Uint8Array(), path: 'empty.txt' });
    assertDocument(doc);
    expect(doc).toEqual({ text: '', segments: [], meta: { format: 'txt', encoding: 'utf-8' } });
  });
});
