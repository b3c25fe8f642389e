/**
 * The DOCX writer on the committed fixtures: copies are unzipped with fflate and searched as raw
 * XML, read with mammoth and with the extractor, and scanned again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeXML } from 'entities';
import { strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../extractors/docx/index.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import type { ScanOptions } from '../../pipeline/task.js';
import { holdsValue } from '../../testing/independent-readers.js';
import { planEdits } from '../operators/index.js';
import { writeDocx } from './docx.js';
import { NEUTRAL_AUTHOR } from './docx-revisions.js';

const DOCS = path.join(import.meta.dirname, '../../../fixtures/documents');
const KEY = Buffer.alloc(32, 7);
const NO_OCR: ScanOptions = { reveal: false, ocr: 'never' };

interface TruthFile {
  path: string;
  findings: { type: string; value: string }[];
  mustNotFind: { value: string }[];
}
const OCR_TRUTH = JSON.parse(readFileSync(path.join(DOCS, 'ocr.truth.json'), 'utf8')) as {
  files: Record<string, { values: { type: string; value: string; bbox?: [number, number, number, number]; entry?: string }[] }>;
};
const OFFICE = JSON.parse(readFileSync(path.join(DOCS, 'office.truth.json'), 'utf8')) as { files: TruthFile[] };
const truth = (name: string) => OFFICE.files.find((f) => f.path === name)!;

async function redact(bytes: Uint8Array, name: string, options: ScanOptions = NO_OCR) {
  const { doc, all } = await analyzeBytes(bytes, name, options);
  const { edits } = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY });
  const out = await writeDocx({ bytes, path: name, doc, edits });
  return { ...out, doc, edits };
}

/** Every XML part of a package (relationships included), as text. */
function xmlParts(bytes: Uint8Array): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (/\.(xml|rels)$/.test(name)) parts.set(name, new TextDecoder().decode(data));
  }
  return parts;
}

/** Parts (with the offending way: text or markup) where `value` is still found. */
function partsHolding(bytes: Uint8Array, value: string): string[] {
  const found: string[] = [];
  for (const [name, xml] of xmlParts(bytes)) {
    const text = decodeXML(xml.replace(/<[^>]*>/g, ''));
    if (holdsValue(text, value)) found.push(`${name} (text)`);
    if (decodeXML(xml).includes(value)) found.push(`${name} (markup)`);
  }
  return found;
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(DOCS, name)));
}

describe('DOCX writer', () => {
  it('employee card: every value gone from every part, structure and labels kept', async () => {
    const bytes = fixture('docx/employee-card.docx');
    const before = Buffer.from(bytes);
    const { bytes: copy, notes } = await redact(bytes, 'employee-card.docx');
    expect(Buffer.from(bytes).equals(before)).toBe(true);

    const t = truth('docx/employee-card.docx');
    for (const { value } of [...t.findings, ...t.mustNotFind]) expect(partsHolding(copy, value), value.replace(/\d/g, '#')).toEqual([]);

    // Read by a third-party reader and by the extractor; a rescan finds none of the planted types.
    const { value: raw } = await mammoth.extractRawText({ buffer: Buffer.from(copy) });
    for (const label of ['Личная карточка работника', 'СНИЛС: [СНИЛС]', 'Паспорт гражданина РФ: серия', 'Телефон: [ТЕЛЕФОН]', 'Исправлено: почта [EMAIL]']) {
      expect(raw).toContain(label);
    }
    const again = await extractDocx({ bytes: copy, path: 'copy.docx' });
    expect(again.text).toContain('Связь с отделом кадров: [EMAIL]');
    const { all } = await analyzeBytes(copy, 'copy.docx', NO_OCR);
    const planted = new Set(t.findings.map((f) => f.type));
    expect(all.filter((f) => f.personalData && planted.has(f.type)).map((f) => f.type)).toEqual([]);

    const parts = xmlParts(copy);
    const document = parts.get('word/document.xml')!;
    // The SNILS typed in a bold and an italic run: the substitute takes the bold run, the italic run empties, both keep their properties.
    expect(document).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">[СНИЛС]</w:t></w:r><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve"></w:t></w:r>');
    // Tracked changes accepted: the deletion and its author gone, the insertion's run kept.
    expect(document).not.toMatch(/<w:(del|ins|delText)\b/);
    expect(document).not.toContain('Отдел кадров');
    // The mailto link of the e-mail points nowhere.
    expect(parts.get('word/_rels/document.xml.rels')).toContain('Target="about:blank"');

    const original = unzipSync(bytes);
    const unzipped = unzipSync(copy);
    expect(Object.keys(unzipped)).toEqual(Object.keys(original));
    for (const name of ['word/styles.xml', 'word/numbering.xml', 'word/theme/theme1.xml', '[Content_Types].xml']) {
      expect(Buffer.from(unzipped[name]!).equals(Buffer.from(original[name]!)), name).toBe(true);
    }
    const core = parts.get('docProps/core.xml')!;
    expect(core).toMatch(/<dc:creator><\/dc:creator>/);
    expect(core).toMatch(/<cp:lastModifiedBy><\/cp:lastModifiedBy>/);
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^author properties cleared/), expect.stringMatching(/^tracked changes accepted/)]));
  });

  it('letter: header, footer, notes, comment and text box edited; comment author neutral', async () => {
    const bytes = fixture('docx/letter-parts.docx');
    const { bytes: copy } = await redact(bytes, 'letter-parts.docx');
    const t = truth('docx/letter-parts.docx');
    for (const { value } of t.findings) expect(partsHolding(copy, value), value.replace(/\d/g, '#')).toEqual([]);
    const parts = xmlParts(copy);
    expect(parts.get('word/header1.xml')).toContain('ООО «Север», отдел кадров, тел. </w:t></w:r><w:r><w:t xml:space="preserve">[ТЕЛЕФОН]</w:t>');
    expect(parts.get('word/footnotes.xml')).toContain('[ИНН]');
    expect(parts.get('word/endnotes.xml')).toContain('[СНИЛС]');
    expect(parts.get('word/comments.xml')).toContain(`w:author="${NEUTRAL_AUTHOR}"`);
    expect(parts.get('word/comments.xml')).not.toContain('Смирнова');
    expect(parts.get('word/document.xml')).toContain('<w:txbxContent><w:p><w:r><w:t xml:space="preserve">Паспорт: </w:t></w:r><w:r><w:t xml:space="preserve">[ПАСПОРТ]</w:t>');
    const { value: raw } = await mammoth.extractRawText({ buffer: Buffer.from(copy) });
    expect(raw).toContain('Уважаемая Ольга Викторовна!'.slice(0, 9));
    expect(raw).toContain('С уважением, отдел кадров');
    const { all } = await analyzeBytes(copy, 'copy.docx', NO_OCR);
    const planted = new Set(t.findings.map((f) => f.type));
    expect(all.filter((f) => f.personalData && planted.has(f.type)).map((f) => f.type)).toEqual([]);
  });
  it('a scan pasted as a picture gets black boxes over its values, in the same format and size', async () => {
    const bytes = fixture('ocr/letter-with-scan.docx');
    const { bytes: copy, notes } = await redact(bytes, 'letter-with-scan.docx', { reveal: false });
    const values = OCR_TRUTH.files['letter-with-scan.docx']!.values;
    for (const { value } of values) expect(partsHolding(copy, value), value.replace(/\d/g, '#')).toEqual([]);
    const entry = 'word/media/image1.jpeg';
    const [before, after] = [unzipSync(bytes)[entry]!, unzipSync(copy)[entry]!];
    const [m0, m1] = await Promise.all([sharp(before).metadata(), sharp(after).metadata()]);
    expect([m1.format, m1.width, m1.height]).toEqual([m0.format, m0.width, m0.height]);
    // Every planted value's box is solid black in the copy (sharp decodes it; mean grey of the box's core).
    for (const v of values.filter((x) => x.entry === entry)) {
      const [x0, y0, x1, y1] = v.bbox!;
      const [left, top] = [Math.round(x0 + 4), Math.round(y0 + 4)];
      const core = { left, top, width: Math.round(Math.min(x1 - 4, m1.width!)) - left, height: Math.round(y1 - 4) - top };
      expect(Math.max(...(await greyPixels(after, core))), v.type).toBeLessThan(40);
    }
    // The heading above the values is left as it was: dark ink on white, not a box.
    const heading = await greyPixels(after, { left: 60, top: 65, width: 450, height: 35 });
    expect(Math.min(...heading)).toBeLessThan(100);
    expect(heading.filter((g) => g > 200).length).toBeGreaterThan(heading.length / 2);
    expect(notes).toContain('1 embedded picture(s): black boxes burnt over the edited values; picture metadata removed');
    // OCR on the copy finds none of the planted values.
    const { doc: reread, all } = await analyzeBytes(copy, 'copy.docx', { reveal: false });
    expect(reread.text).toMatch(/ЗАЯВЛЕНИЕ О ВЫДАЧЕ СПРАВКИ[\s\S]*выдан 21\.05\.2018, код подразделения 320-004/);
    const planted = new Set(values.map((v) => v.type));
    expect(all.filter((f) => f.personalData && planted.has(f.type)).map((f) => f.type)).toEqual([]);
  }, 120_000);

  it('a text box with a compatibility copy, a HYPERLINK field, a screen tip and people.xml: the hidden copies are cleaned too', async () => {
    const bytes = withBody(
      fixture('docx/letter-parts.docx'),
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>' +
        '<w:p><w:r><w:t xml:space="preserve">СНИЛС: </w:t></w:r><w:r><w:t>112-233-445 95</w:t></w:r></w:p>' +
        '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>' +
        '<w:p><w:r><w:t xml:space="preserve">СНИЛС: </w:t></w:r><w:r><w:t>112-233-445 95</w:t></w:r></w:p>' +
        '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>' +
        '<w:p><w:r><w:t xml:space="preserve">Почта: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:petrov.pp@mail.ru" </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>petrov.pp@mail.ru</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
        '<w:p><w:r><w:t xml:space="preserve">Телефон: </w:t></w:r><w:hyperlink r:id="rIdTel" w:tooltip="Звонить +7 (916) 555-12-34"><w:r><w:t>+7 (916) 555-12-34</w:t></w:r></w:hyperlink></w:p>',
    );
    const { bytes: copy } = await redact(bytes, 'variant.docx');
    for (const value of ['112-233-445 95', 'petrov.pp@mail.ru', '+7 (916) 555-12-34', 'Смирнова', 'o.smirnova@']) expect(partsHolding(copy, value), value).toEqual([]);
    expect(xmlParts(copy).get('word/people.xml')).toContain(`<w15:person w15:author="${NEUTRAL_AUTHOR}"></w15:person>`);
    const document = xmlParts(copy).get('word/document.xml')!;
    // The fallback copy got the same substitute as the text box the scan read.
    expect(document.match(/\[СНИЛС\]/g)).toHaveLength(2);
    expect(document).toContain('HYPERLINK "about:blank"');
    expect(document).not.toContain('w:tooltip');
    const rels = xmlParts(copy).get('word/_rels/document.xml.rels')!;
    expect(rels).toContain('<Relationship Id="rIdTel" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="about:blank"');
    expect(rels).not.toContain('79165551234');
    expect(rels).toContain('Target="header1.xml"');
    const { value: raw } = await mammoth.extractRawText({ buffer: Buffer.from(copy) });
    expect(raw).toContain('Почта: [EMAIL]');
  });

  it('adds xml:space="preserve" where the new text of a run starts or ends with a space', async () => {
    const bytes = withBody(fixture('docx/letter-parts.docx'), '<w:p><w:r><w:t>СНИЛС</w:t></w:r><w:r><w:t>112-233-445 95</w:t></w:r></w:p>');
    const { doc, all } = await analyzeBytes(bytes, 'space.docx', NO_OCR);
    const { edits } = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY });
    const spaced = edits.map((e) => ({ ...e, text: ` ${e.text}` }));
    const { bytes: copy } = await writeDocx({ bytes, path: 'space.docx', doc, edits: spaced });
    expect(xmlParts(copy).get('word/document.xml')).toContain('<w:r><w:t xml:space="preserve"> [СНИЛС]</w:t></w:r>');
    const again = await extractDocx({ bytes: copy, path: 'copy.docx' });
    expect(again.text).toContain('СНИЛС [СНИЛС]');
  });

  it('refuses, without quoting a value, to write a copy from a scan of another file', async () => {
    const letter = fixture('docx/letter-parts.docx');
    const card = fixture('docx/employee-card.docx');
    const { doc, all } = await analyzeBytes(card, 'employee-card.docx', NO_OCR);
    const { edits } = planEdits(doc, all.filter((f) => f.personalData), { default: 'replace', byType: {} }, { key: KEY });
    const error: unknown = await writeDocx({ bytes: letter, path: 'letter-parts.docx', doc, edits }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^docx writer: word\/document\.xml: a run does not hold the scanned text$/);
  });
});

/** 8-bit grey pixels of a region of a picture, decoded by sharp. */
async function greyPixels(image: Uint8Array, region: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  return [...(await sharp(image).extract(region).greyscale().raw().toBuffer())];
}

/** A fixture with its body's paragraphs replaced by `paragraphs`, a `tel:` link relationship `rIdTel` and a people.xml. */
function withBody(bytes: Uint8Array, paragraphs: string): Uint8Array {
  const files = unzipSync(bytes);
  const rels = new TextDecoder().decode(files['word/_rels/document.xml.rels']);
  files['word/_rels/document.xml.rels'] = strToU8(
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdTel" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="tel:+79165551234" TargetMode="External"/></Relationships>',
    ),
  );
  files['word/people.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">' +
      '<w15:person w15:author="Смирнова О. В."><w15:presenceInfo w15:providerId="AD" w15:userId="S::o.smirnova@rambler.ru::1"/></w15:person></w15:people>',
  );
  const xml = new TextDecoder().decode(files['word/document.xml']);
  const sect = xml.indexOf('<w:sectPr');
  files['word/document.xml'] = strToU8(xml.slice(0, xml.indexOf('<w:body>') + 8) + paragraphs + xml.slice(sect));
  return zipSync(files);
}
