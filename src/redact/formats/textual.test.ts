/** The writers of textual formats on small real inputs, read back with the real extractors. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractCsv } from '../../extractors/csv/index.js';
import { parseCsv } from '../../extractors/csv/parse.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import { planEdits } from '../operators/index.js';
import type { OperatorPolicy } from '../types.js';
import { writeCsv } from './csv.js';
import { writeHtml } from './html.js';
import { writeText } from './text.js';

const KEY = Buffer.alloc(32, 1);
const SNILS = '112-233-445 95';

async function redact(bytes: Uint8Array, name: string, policy: OperatorPolicy = { default: 'replace', byType: {} }) {
  const { doc, all } = await analyzeBytes(bytes, name, { reveal: false });
  const { edits } = planEdits(doc, all.filter((f) => f.personalData), policy, { key: KEY });
  const write = name.endsWith('.csv') ? writeCsv : name.endsWith('.html') ? writeHtml : writeText;
  return { ...(await write({ bytes, path: name, doc, edits })), edits };
}

describe('text writer', () => {
  it('keeps CP1251 and CRLF, replaces only the values', async () => {
    const text = `Анкета\r\nСНИЛС: ${SNILS}\r\nE-mail: ivan.petrov@mail.ru\r\nКонец\r\n`;
    const { bytes } = await redact(iconv.encode(text, 'win1251'), 'a.txt');
    expect(iconv.decode(Buffer.from(bytes), 'win1251')).toBe('Анкета\r\nСНИЛС: [СНИЛС]\r\nE-mail: [EMAIL]\r\nКонец\r\n');
  });

  it('keeps a UTF-8 byte-order mark', async () => {
    const { bytes } = await redact(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`СНИЛС ${SNILS}`)]), 'b.txt');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes.subarray(3)).toString('utf8')).toBe('СНИЛС [СНИЛС]');
  });

  it('says when a substitute does not fit the code page', async () => {
    const { bytes, notes } = await redact(iconv.encode(`Паспорт 45 03 123456, СНИЛС ${SNILS}`, 'koi8-r'), 'c.txt', { default: 'pseudonym', byType: {} });
    expect(iconv.decode(Buffer.from(bytes), 'koi8-r')).toMatch(/^Паспорт ПАСПОРТ-[0-9a-f]{6}, СНИЛС СНИЛС-[0-9a-f]{6}$/);
    expect(notes).toEqual([]);
  });
});

describe('CSV writer', () => {
  it('rewrites edited cells whole, in their quoting, and keeps every other byte', async () => {
    const csv = `"ФИО";"СНИЛС";"Комментарий"\r\n"Иванов Иван Иванович";"${SNILS}";"звонить ""после 18"""\r\nПетров Пётр Петрович;${SNILS};нет\r\n`;
    const { bytes } = await redact(Buffer.from(csv), 'staff.csv');
    const out = Buffer.from(bytes).toString('utf8');
    expect(out).toBe(`"ФИО";"СНИЛС";"Комментарий"\r\n"[ФИО]";"[СНИЛС]";"звонить ""после 18"""\r\n[ФИО];[СНИЛС];нет\r\n`);
    const records = parseCsv(out, ';');
    expect(records.map((r) => r.length)).toEqual([3, 3, 3]);
  });

  it('quotes a cell whose substitute holds the delimiter', async () => {
    const csv = `ФИО,Дата рождения\nИванов Иван Иванович,12.03.1985\n`;
    const { doc, all } = await analyzeBytes(Buffer.from(csv), 's.csv', { reveal: false });
    const edits = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY }).edits.map((e) =>
      e.type === 'PERSON' ? { ...e, text: 'Котов, А.' } : e,
    );
    const { bytes } = await writeCsv({ bytes: Buffer.from(csv), path: 's.csv', doc, edits });
    const out = Buffer.from(bytes).toString('utf8');
    expect(out).toBe(`ФИО,Дата рождения\n"Котов, А.",[ДАТА РОЖДЕНИЯ]\n`);
    const reread = extractCsv({ bytes: Buffer.from(out), path: 's.csv' });
    expect(reread.text.split('\n')[1]).toBe('Котов, А.\t[ДАТА РОЖДЕНИЯ]');
  });
});

describe('HTML writer', () => {
  it('replaces values written with character references, in text and attributes, escaping substitutes', async () => {
    const html = `<html><head><meta charset="windows-1251"></head><body><p>СНИЛС&nbsp;&#49;12-233-445&#32;95</p><img alt="Паспорт 45 03 123456"><a href="mailto:ivan@mail.ru">почта</a></body></html>`;
    const { bytes } = await redact(iconv.encode(html, 'win1251'), 'p.html', { default: 'replace', byType: { EMAIL_ADDRESS: 'mask' } });
    const out = iconv.decode(Buffer.from(bytes), 'win1251');
    expect(out).toBe(`<html><head><meta charset="windows-1251"></head><body><p>СНИЛС&nbsp;[СНИЛС]</p><img alt="Паспорт [ПАСПОРТ]"><a href="mailto:i***@m***.ru">почта</a></body></html>`);
  });

  it('escapes markup characters of a substitute', async () => {
    const html = `<p>СНИЛС ${SNILS}</p>`;
    const { doc, all } = await analyzeBytes(Buffer.from(html), 'q.html', { reveal: false });
    const edits = planEdits(doc, all, { default: 'replace', byType: {} }, { key: KEY }).edits.map((e) => ({ ...e, text: '<b>&</b>' }));
    const { bytes } = await writeHtml({ bytes: Buffer.from(html), path: 'q.html', doc, edits });
    expect(Buffer.from(bytes).toString('utf8')).toBe('<p>СНИЛС &lt;b&gt;&amp;&lt;/b&gt;</p>');
  });
});
