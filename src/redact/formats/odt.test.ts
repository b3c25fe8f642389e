/**
 * The ODT writer on the committed fixture: the copy is unzipped with fflate and searched as raw
 * XML, every part parsed by a strict XML parser (saxes), read with the extractor, scanned again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeXML } from 'entities';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractOdt } from '../../extractors/odt/index.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import type { ScanOptions } from '../../pipeline/task.js';
import { holdsValue } from '../../testing/independent-readers.js';
import { planEdits } from '../operators/index.js';
import { NEUTRAL_AUTHOR } from './docx-revisions.js';
import { writeOdt } from './odt.js';

const DOCS = path.join(import.meta.dirname, '../../../fixtures/documents');
const KEY = Buffer.alloc(32, 7);
const NO_OCR: ScanOptions = { reveal: false, ocr: 'never' };
const TEXT_NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

interface TruthFile {
  path: string;
  findings: { type: string; value: string }[];
  mustNotFind: { value: string }[];
}
const OFFICE = JSON.parse(readFileSync(path.join(DOCS, 'office.truth.json'), 'utf8')) as { files: TruthFile[] };
const RESUME = OFFICE.files.find((f) => f.path === 'odt/resume.odt')!;

async function redact(bytes: Uint8Array, name: string) {
  const { doc, all } = await analyzeBytes(bytes, name, NO_OCR);
  const { edits } = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY });
  return writeOdt({ bytes, path: name, doc, edits });
}

function xmlParts(bytes: Uint8Array): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (name.endsWith('.xml')) parts.set(name, new TextDecoder().decode(data));
  return parts;
}

/** Throws on XML that is not well-formed (saxes, namespace-aware). */
function parseStrict(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
}

function partsHolding(bytes: Uint8Array, value: string): string[] {
  const found: string[] = [];
  for (const [name, xml] of xmlParts(bytes)) {
    if (holdsValue(decodeXML(xml.replace(/<[^>]*>/g, '')), value)) found.push(`${name} (text)`);
    if (decodeXML(xml).includes(value)) found.push(`${name} (markup)`);
  }
  return found;
}

/** The content.xml body between `<office:text>` and `</office:text>`. */
const body = (content: string) => content.slice(content.indexOf('<office:text>'), content.indexOf('</office:text>'));

describe('ODT writer', () => {
  it('resume: every value gone from every part, structure, spans and labels kept', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(DOCS, 'odt/resume.odt')));
    const before = Buffer.from(bytes);
    const { bytes: copy, notes } = await redact(bytes, 'resume.odt');
    expect(Buffer.from(bytes).equals(before)).toBe(true);

    for (const { value } of [...RESUME.findings, ...RESUME.mustNotFind]) expect(partsHolding(copy, value), value.replace(/\d/g, '#')).toEqual([]);

    // mimetype first and stored, the rest in the original order.
    expect(Buffer.from(copy.subarray(30, 38)).toString('latin1')).toBe('mimetype');
    expect(copy[8]! | (copy[9]! << 8)).toBe(0);
    const [original, unzipped] = [unzipSync(bytes), unzipSync(copy)];
    expect(Object.keys(unzipped)).toEqual(Object.keys(original));
    expect(Buffer.from(unzipped['META-INF/manifest.xml']!).equals(Buffer.from(original['META-INF/manifest.xml']!))).toBe(true);

    const parts = xmlParts(copy);
    for (const xml of parts.values()) parseStrict(xml);
    const content = parts.get('content.xml')!;
    // Spans keep their style; the text:s / tab / line-break structure around the values stays.
    expect(body(content)).toContain('<text:p>Кандидат: <text:span text:style-name="T1">[ФИО]</text:span></text:p>');
    expect(body(content)).toContain('<text:p>СНИЛС: <text:span text:style-name="T1">[СНИЛС]</text:span></text:p>');
    expect(body(content)).toContain('<text:p>Паспорт:<text:s/>серия<text:s text:c="2"/>[ПАСПОРТ]</text:p>');
    expect(body(content)).toContain('<text:p>Телефон:<text:tab/>[ТЕЛЕФОН]<text:line-break/>E-mail: [EMAIL]</text:p>');
    // Tracked changes accepted: the deletion (and its author) gone; comment author neutral.
    expect(content).not.toMatch(/text:tracked-changes|text:change\b|Кадры/);
    expect(content).toContain(`<office:annotation><dc:creator>${NEUTRAL_AUTHOR}</dc:creator>`);
    expect(content).not.toContain('Иванов И. И.');
    // Automatic styles of both parts untouched.
    const styles = parts.get('styles.xml')!;
    const originalStyles = new TextDecoder().decode(original['styles.xml']);
    expect(styles.slice(0, styles.indexOf('<office:master-styles'))).toBe(originalStyles.slice(0, originalStyles.indexOf('<office:master-styles')));
    const meta = parts.get('meta.xml')!;
    expect(meta).toContain('<meta:initial-creator></meta:initial-creator><dc:creator></dc:creator><dc:title>Резюме</dc:title>');

    const again = await extractOdt({ bytes: copy, path: 'copy.odt' });
    for (const label of ['Резюме', 'Кандидат: [ФИО]', 'ИНН [ИНН]', 'указан по данным ФНС.', 'Кадровое агентство «Норд», тел. [ТЕЛЕФОН]', 'Опыт работы: 5 лет']) {
      expect(again.text).toContain(label);
    }
    const { all } = await analyzeBytes(copy, 'copy.odt', NO_OCR);
    const planted = new Set(RESUME.findings.map((f) => f.type));
    expect(all.filter((f) => f.personalData && planted.has(f.type)).map((f) => f.type)).toEqual([]);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^author properties cleared/), expect.stringMatching(/^tracked changes accepted/)]));
  });

  it('spells spaces that collapsing would lose, a value spread over spans; neutralises a mailto link and blanks the thumbnail', async () => {
    const bytes = await withBody(
      new Uint8Array(readFileSync(path.join(DOCS, 'odt/resume.odt'))),
      '<text:p>СНИЛС <text:span text:style-name="T1">112-233</text:span>-445 95 и  телефон</text:p>' +
        '<text:p>Почта: <text:a xlink:type="simple" xlink:href="mailto:petrov.pp@mail.ru" office:title="petrov.pp@mail.ru">petrov.pp@mail.ru</text:a></text:p>',
    );
    const { doc, all } = await analyzeBytes(bytes, 'spaces.odt', NO_OCR);
    const { edits } = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY });
    const spaced = edits.map((e) => ({ ...e, text: `  ${e.text}  ` }));
    const { bytes: copy } = await writeOdt({ bytes, path: 'spaces.odt', doc, edits: spaced });
    const content = xmlParts(copy).get('content.xml')!;
    expect(body(content)).toContain('<text:p>СНИЛС <text:span text:style-name="T1"><text:s text:c="2"/>[СНИЛС] <text:s/></text:span><text:s/>и телефон</text:p>');
    expect(body(content)).toContain('<text:p>Почта: <text:a xlink:type="simple" xlink:href="about:blank"><text:s text:c="2"/>[EMAIL] <text:s/></text:a></text:p>');
    expect(partsHolding(copy, 'petrov.pp@mail.ru')).toEqual([]);
    const again = await extractOdt({ bytes: copy, path: 'copy.odt' });
    expect(again.text).toContain('СНИЛС   [СНИЛС]   и телефон');
    // The thumbnail (a render of the first page) is white, its size and format kept.
    const thumbnail = unzipSync(copy)['Thumbnails/thumbnail.png']!;
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'png', width: 64, height: 90 });
    expect(Math.min(...(await sharp(thumbnail).greyscale().raw().toBuffer()))).toBe(255);
  });
});

/** The fixture with its body's text replaced by `paragraphs` (xlink declared), and a black thumbnail. */
async function withBody(bytes: Uint8Array, paragraphs: string): Promise<Uint8Array> {
  const files = unzipSync(bytes);
  const xml = new TextDecoder().decode(files['content.xml']);
  expect(xml).toContain(TEXT_NS);
  const head = xml.slice(0, xml.indexOf('<office:text>') + 13).replace('<office:document-content ', '<office:document-content xmlns:xlink="http://www.w3.org/1999/xlink" ');
  files['content.xml'] = strToU8(head + paragraphs + xml.slice(xml.indexOf('</office:text>')));
  const black = { create: { width: 64, height: 90, channels: 3 as const, background: '#000' } };
  files['Thumbnails/thumbnail.png'] = new Uint8Array(await sharp(black).png().toBuffer());
  return zipSync(files);
}
