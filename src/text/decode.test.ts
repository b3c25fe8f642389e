import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectUtf16WithoutBom, looksBinary } from './decode.js';

const LONG =
  'Иванов Иван Иванович, 12.03.1985 г.р., паспорт 4510 123456 выдан ОВД района Хамовники г. Москвы.\n' +
  'Проживает по адресу: ул. Ленина, д. 5, кв. 12; тел. +7 (999) 123-45-67, СНИЛС 112-233-445 95.';
const SHORT = 'СНИЛС 112-233-445 95';
const RUSSIAN = [
  LONG,
  SHORT,
  'Паспорт',
  'ФИО',
  'ИВАНОВ ИВАН ИВАНОВИЧ',
  'Фамилия: Петрова; Дата рождения: 12.03.1985',
  'Ёжиков Фёдор',
  'ул. Ленина, д. 5, кв. 12',
];

const bytesOf = (s: string, enc: string) => new Uint8Array(iconv.encode(s, enc));
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);

describe('decodeText', () => {
  it('UTF-8 without BOM', () => {
    expect(decodeText(new TextEncoder().encode(LONG))).toEqual({ text: LONG, encoding: 'utf-8' });
  });

  it('UTF-8 with BOM: reported as utf-8, BOM removed', () => {
    const r = decodeText(withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode(SHORT)));
    expect(r).toEqual({ text: SHORT, encoding: 'utf-8' });
  });

  it('pure ASCII is utf-8', () => {
    expect(decodeText(new TextEncoder().encode('hello, world\n'))).toEqual({ text: 'hello, world\n', encoding: 'utf-8' });
  });

  it('empty input', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ])('%s with BOM', (enc, bom) => {
    for (const s of [LONG, SHORT, 'a']) {
      expect(decodeText(withBom(bom, bytesOf(s, enc)))).toEqual({ text: s, encoding: enc });
    }
  });

  it.each(['utf-16le', 'utf-16be'])('%s without BOM (Latin and Cyrillic)', (enc) => {
    for (const s of [LONG, SHORT, 'John Smith, phone 555-0100']) {
      expect(decodeText(bytesOf(s, enc))).toEqual({ text: s, encoding: enc });
    }
  });

  it.each(['windows-1251', 'koi8-r'])('%s: Russian text of every length', (enc) => {
    for (const s of RUSSIAN) expect(decodeText(bytesOf(s, enc)), s).toEqual({ text: s, encoding: enc });
  });

  it('ibm866 (DOS) Russian text', () => {
    expect(decodeText(bytesOf(LONG, 'ibm866'))).toEqual({ text: LONG, encoding: 'ibm866' });
  });

  it('KOI8-R is not mistaken for CP1251 with inverted case', () => {
    const r = decodeText(bytesOf('Иванов Иван Иванович', 'koi8-r'));
    expect(r.encoding).toBe('koi8-r');
    expect(r.text).toBe('Иванов Иван Иванович');
  });

  it('Western European text falls back to chardet', () => {
    const s = 'Grüße aus München, schöne Straße, Größe und Übermaß';
    const r = decodeText(bytesOf(s, 'latin1'));
    expect(r.text).toBe(s);
    expect(['iso-8859-1', 'windows-1252']).toContain(r.encoding);
  });

  it('a UTF-8 file with one stray byte stays UTF-8', () => {
    const good = new TextEncoder().encode(LONG);
    const bytes = new Uint8Array([...good.slice(0, 40), 0xff, ...good.slice(40)]);
    const r = decodeText(bytes);
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toContain('Проживает по адресу');
  });
});

describe('looksBinary', () => {
  it('text in any supported encoding is not binary', () => {
    for (const enc of ['utf-8', 'windows-1251', 'koi8-r', 'utf-16le', 'utf-16be']) {
      expect(looksBinary(bytesOf(LONG, enc)), enc).toBe(false);
    }
    expect(looksBinary(new Uint8Array())).toBe(false);
  });

  it('NUL bytes and control characters are binary', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBe(true); // zip header
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe(true); // png
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(looksBinary(controls)).toBe(true);
  });

  it('16-bit binary data is not taken for UTF-16', () => {
    const ints = new Uint8Array(400).map((_, i) => (i % 2 === 0 ? (i * 7) % 31 : 0));
    expect(detectUtf16WithoutBom(ints)).toBeUndefined();
    expect(looksBinary(ints)).toBe(true);
  });
});
