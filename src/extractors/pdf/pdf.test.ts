/**
 * The PDF extractor on the generated fixtures (scripts/fixtures/pdf.mjs → fixtures/documents/pdf,
 * truth in fixtures/documents/pdf.truth.json) and the layout rules on hand-made fragments.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { locateRange } from '../../document/locate.js';
import type { ScanDocument } from '../../document/types.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import { charWeight, extractPdf } from './index.js';
import { findColumns, groupLines, layoutPage, wordsOf, type Fragment, type PageFragment } from './layout.js';
import { IMAGE_OPS } from './pdfjs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = path.join(ROOT, 'fixtures/documents/pdf');

interface TruthValue {
  type: string;
  value: string;
  page: number;
  bbox: [number, number, number, number];
}
interface TruthFile {
  status: 'ok' | 'error';
  error?: string;
  pages?: number;
  pagesNeedingOcr?: number[];
  values: TruthValue[];
  blank?: boolean;
  readingOrder?: string[];
}
const TRUTH = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/pdf.truth.json'), 'utf8')) as {
  files: Record<string, TruthFile>;
};
const OK_FILES = Object.entries(TRUTH.files).filter(([, t]) => t.status === 'ok');

const docs = new Map<string, Promise<ScanDocument>>();
function load(name: string): Promise<ScanDocument> {
  let doc = docs.get(name);
  if (!doc) {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, name)));
    doc = extractPdf({ bytes, path: name });
    docs.set(name, doc);
  }
  return doc;
}

/** Where `value` sits in the text, allowing any run of whitespace (or none) between its characters. */
function findValue(text: string, value: string): [number, number] | undefined {
  const chars = [...value.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(chars.join('\\s*')).exec(text);
  return m ? [m.index, m.index + m[0].length] : undefined;
}

describe('PDF extractor on the fixtures', () => {
  it('is registered for .pdf (binary content included)', () => {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, 'letter.pdf')));
    const ex = extractorFor('Letter.PDF', bytes);
    expect('skip' in ex ? ex.skip : ex.id).toBe('pdf');
  });

  it.each(OK_FILES)('%s passes assertDocument, with the page count and pages needing OCR', async (name, truth) => {
    const doc = await load(name);
    assertDocument(doc);
    expect(doc.meta.format).toBe('pdf');
    expect(doc.meta.pages).toBe(truth.pages);
    expect(doc.meta.pagesNeedingOcr).toEqual(truth.pagesNeedingOcr ?? []);
    // word-level segments: every non-separator character is inside one, separators are not
    let covered = 0;
    for (const seg of doc.segments) covered += seg.end - seg.start;
    expect(covered).toBe(doc.text.replace(/\s/g, '').length);
  });

  it.each(OK_FILES.filter(([, t]) => t.values.length > 0))('%s: every planted value reads as one value, on its page, in its box', async (name, truth) => {
    const doc = await load(name);
    for (const v of truth.values) {
      const range = findValue(doc.text, v.value);
      expect(range, `${v.value} in ${JSON.stringify(doc.text)}`).toBeDefined();
      const text = doc.text.slice(...range!);
      // pieces joined: the value reads exactly as drawn, or with a line break where it wraps
      expect(text.replace(/\n/g, ' ').replace(/ (?=№)/, ' ')).toBe(v.value);
      const loc = locateRange(doc, ...range!);
      expect(loc && 'bbox' in loc ? loc.page : undefined).toBe(v.page);
      if (!loc || !('bbox' in loc)) continue;
      // Boxes are word boxes: a value's box may take in punctuation glued to its first or last
      // word ("123456," → a few points wider); otherwise it is where pdfkit drew the value.
      const [x0, y0, x1, y1] = loc.bbox;
      const [tx0, ty0, tx1, ty1] = v.bbox;
      const why = `${v.value}: ${loc.bbox} vs ${v.bbox}`;
      expect(Math.abs(y0 - ty0), why).toBeLessThan(1);
      expect(Math.abs(y1 - ty1), why).toBeLessThan(1);
      expect(x0 - tx0, why).toBeLessThan(1);
      expect(x0 - tx0, why).toBeGreaterThan(-6);
      expect(x1 - tx1, why).toBeGreaterThan(-1);
      expect(x1 - tx1, why).toBeLessThan(6);
    }
  });

  it('a word at the start of a line has the box pdfkit drew it in (within half a point)', async () => {
    const doc = await load('letter.pdf');
    const at = doc.text.indexOf('ЗАЯВЛЕНИЕ');
    const seg = doc.segments.find((s) => s.start === at)!;
    expect(doc.text.slice(seg.start, seg.end)).toBe('ЗАЯВЛЕНИЕ');
    // drawn with text('ЗАЯВЛЕНИЕ', 250, 158) at 14 pt: top = y, bottom = y + 1.164 · 14
    const [x0, y0, , y1] = seg.source.kind === 'pdf' ? seg.source.bbox : [0, 0, 0, 0];
    expect(x0).toBeCloseTo(250, 0);
    expect(y0).toBeCloseTo(158, 0);
    expect(y1).toBeCloseTo(158 + 1.164 * 14, 0);
  });

  it('gives every word of a line the box pdfkit drew it in (within half a point)', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const kit = new PDFDocument();
    kit.registerFont('DejaVu', path.join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    kit.font('DejaVu').fontSize(11);
    const doc = await load('letter.pdf');
    const snils = TRUTH.files['letter.pdf']!.values.find((v) => v.type === 'RU_SNILS')!;
    const drawn = `СНИЛС ${snils.value}, ИНН 770123456703,`; // text(drawn, 50, y) in the generator
    const y = snils.bbox[1];
    const start = doc.text.indexOf(drawn);
    expect(start).toBeGreaterThanOrEqual(0);
    const words = doc.segments.filter((sg) => sg.start >= start && sg.end <= start + drawn.length);
    expect(words.map((w) => doc.text.slice(w.start, w.end))).toEqual(drawn.split(' '));
    for (const w of words) {
      const from = w.start - start;
      const expected = [50 + kit.widthOfString(drawn.slice(0, from)), y, 50 + kit.widthOfString(drawn.slice(0, from + w.end - w.start)), y + 1.164 * 11];
      const bbox = w.source.kind === 'pdf' ? w.source.bbox : [];
      bbox.forEach((c, i) => expect(Math.abs(c - expected[i]!), `${doc.text.slice(w.start, w.end)}: ${bbox} vs ${expected}`).toBeLessThan(0.5));
    }
  });

  it('reads words in reading order: lines top to bottom, words left to right, pages apart', async () => {
    const doc = await load('letter.pdf');
    const lines = doc.text.split('\n');
    expect(lines[0]).toBe('Генеральному директору ООО «Ромашка»');
    expect(lines).toContain('Я, Иванов Иван Иванович, паспорт серия 45 03 № 123456, выдан');
    // same baseline, far apart: one line, left part first
    expect(lines.at(-1)).toBe('«10» июня 2024 г. Подпись ____________ / И. И. Иванов');
    const three = await load('three-pages.pdf');
    expect(three.text.split('\n\f\n')).toHaveLength(3);
    expect(three.text.split('\n\f\n')[1]!.startsWith('Приложение 1.')).toBe(true);
  });

  it('reads a two-column page column by column', async () => {
    const doc = await load('two-columns.pdf');
    const order = TRUTH.files['two-columns.pdf']!.readingOrder!;
    const positions = order.map((s) => doc.text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // the passport wraps inside the right column and is not interleaved with the left one
    expect(doc.text).toContain('паспорт серия 46 12\n№ 654321');
    expect(doc.text.startsWith('Информационный бюллетень')).toBe(true);
    expect(doc.text.endsWith('всем подразделениям.')).toBe(true);
  });

  it('joins a number drawn in pieces', async () => {
    const doc = await load('pieces.pdf');
    const lines = doc.text.split('\n');
    expect(lines).toContain('ИНН: 770123456703'); // three touching pieces: one word
    expect(lines).toContain('Телефон: +7 (916) 765-12-34'); // pieces a space apart: spaces
    expect(lines).toContain('Паспорт: серия 45 11 № 246802'); // form cells far apart: one space each
    const snils = TRUTH.files['pieces.pdf']!.values.filter((v) => v.type === 'RU_SNILS');
    expect(lines).toContain(`СНИЛС: ${snils[0]!.value}`); // one glyph per text object
    // broken at its hyphen by wrapping: the lines are glued, the words stay two segments
    expect(doc.text).toContain(`работника: ${snils[1]!.value}, дата`);
    const at = doc.text.indexOf(snils[1]!.value);
    const segs = doc.segments.filter((s) => s.end > at && s.start < at + snils[1]!.value.length);
    expect(segs.map((s) => doc.text.slice(s.start, s.end))).toEqual([snils[1]!.value.slice(0, 8), ...snils[1]!.value.slice(8).split(' ').map((w, i, a) => (i === a.length - 1 ? `${w},` : w))]);
    expect(new Set(segs.map((s) => (s.source.kind === 'pdf' ? s.source.bbox[1] : 0))).size).toBe(2);
  });

  it('lists pages without a text layer for OCR', async () => {
    const scan = await load('scan-only.pdf');
    expect(scan.text).toBe('');
    expect(scan.segments).toEqual([]);
    expect(scan.meta).toMatchObject({ pages: 1, pagesNeedingOcr: [1] });
    const mixed = await load('mixed.pdf');
    // page 2: an image only; page 3: an image and a stamped page number (too little text)
    expect(mixed.meta).toMatchObject({ pages: 3, pagesNeedingOcr: [2, 3] });
    expect(mixed.segments.filter((s) => s.source.kind === 'pdf' && s.source.page !== 1).map((s) => mixed.text.slice(s.start, s.end))).toEqual(['3']);
  });

  it('refuses an encrypted PDF with the error "encrypted"', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, 'encrypted.pdf')));
    const error = await extractPdf({ bytes, path: 'encrypted.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as Error).message).toBe('encrypted');
  });

  it.each([
    ['truncated file', () => new Uint8Array(readFileSync(path.join(DIR, 'corrupt.pdf')))],
    ['empty file', () => new Uint8Array()],
    ['not a PDF', () => new TextEncoder().encode('СНИЛС 112-233-445 95 — this is not a PDF at all')],
    ['a header and junk', () => new TextEncoder().encode(`%PDF-1.7\n${'ИНН 770123456703 '.repeat(50)}\n%%EOF\n`)],
  ])('reports a corrupt PDF (%s) with a content-free message', async (_, bytes) => {
    const error = await extractPdf({ bytes: bytes(), path: 'x.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as Error).message).toMatch(/^corrupt pdf: [a-zA-Z ]+$/);
  });

  it('leaves the caller\'s bytes intact', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(DIR, 'letter.pdf')));
    const copy = bytes.slice();
    await extractPdf({ bytes, path: 'letter.pdf' });
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });

  it('has a width for every character of its width table', () => {
    expect(charWeight('Ж')).toBeGreaterThan(charWeight('г'));
    expect(charWeight('1')).toBe(charWeight('8'));
    expect(charWeight(' ')).toBeLessThan(charWeight('а'));
    for (const ch of '!~АЯая№₽') expect(charWeight(ch)).toBeGreaterThan(0);
  });

  it('knows pdf.js image operators by their ids', async () => {
    const { OPS } = (await import('pdfjs-dist/legacy/build/pdf.mjs' as string)) as { OPS: Record<string, number> };
    const names = Object.entries(OPS).filter(([name]) => /^paint.*(Image|ImageMask)/.test(name)).map(([, id]) => id);
    expect(new Set(names)).toEqual(IMAGE_OPS);
  });
});

// ---------------------------------------------------------------------------------------------
// Layout on hand-made fragments (12 pt text, baseline `base`, one item per fragment unless given)

let itemCounter = 0;
function frag(str: string, x: number, base: number, opts: { size?: number; item?: number; width?: number; angle?: number } = {}): PageFragment {
  const size = opts.size ?? 12;
  const len = opts.width ?? [...str].reduce((w, c) => w + charWeight(c), 0) * (size / 1000);
  const angle = opts.angle ?? 0;
  const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
  const xs = [x, x + ux * len, x + uy * 0.9 * size, x + ux * len + uy * 0.9 * size];
  const ys = [base, base + uy * len, base - ux * 0.9 * size, base + uy * len - ux * 0.9 * size];
  return {
    str,
    box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys) + (angle === 0 ? 0.2 * size : 0)],
    ox: x,
    oy: base,
    len,
    angle,
    size,
    ascent: 0.9 * size,
    descent: 0.2 * size,
    item: opts.item ?? itemCounter++,
  };
}
/** A horizontal page fragment in its layout frame (page coordinates). */
const framed = (f: PageFragment): Fragment => ({
  str: f.str,
  x0: f.ox,
  x1: f.ox + f.len,
  y0: f.oy - f.ascent,
  y1: f.oy + f.descent,
  base: f.oy,
  size: f.size,
  item: f.item,
  box: f.box,
});
/** A line of words starting at (x, base) along `angle`, one space (0.28 em) apart. */
function line(text: string, x: number, base: number, size = 12, angle = 0): PageFragment[] {
  const out: PageFragment[] = [];
  const item = itemCounter++;
  let along = 0;
  for (const w of text.split(' ')) {
    const f = frag(w, x + Math.cos(angle) * along, base + Math.sin(angle) * along, { size, item, angle });
    out.push(f);
    along += f.len + 0.28 * size;
  }
  return out;
}
const read = (frags: PageFragment[]) => layoutPage(frags).map((block) => block.map((l) => l.map((w) => w.text).join(' ')).join('\n')).join('\n');

describe('PDF layout', () => {
  it('groups fragments into lines by baseline and orders words by x', () => {
    const frags = [...line('второе слово', 200, 100.5), ...line('первое', 50, 100), ...line('ниже', 50, 120)];
    expect(read(frags)).toBe('первое второе слово\nниже');
    expect(groupLines(frags.map(framed))).toHaveLength(2);
  });

  it('joins pieces that touch, spaces pieces a space apart', () => {
    const a = framed(frag('112-233-', 50, 100));
    const b = framed(frag('445', a.x1 + 0.1 * 12, 100)); // 0.1 em: same word
    const c = framed(frag('95', b.x1 + 0.2 * 12, 100)); // 0.2 em: a space
    expect(wordsOf([a, b, c]).map((w) => w.text)).toEqual(['112-233-445', '95']);
    expect(wordsOf([a, b, c])[0]!.bbox).toEqual([a.box[0], a.box[1], b.box[2], b.box[3]]);
  });

  it('keeps fragments of one item apart (the item had whitespace between them)', () => {
    const a = framed(frag('45', 50, 100, { item: 7 }));
    const b = framed(frag('03', a.x1 + 0.05, 100, { item: 7 }));
    expect(wordsOf([a, b]).map((w) => w.text)).toEqual(['45', '03']);
  });

  it('drops text drawn twice at the same place (fake bold)', () => {
    expect(read([frag('СНИЛС', 50, 100), frag('СНИЛС', 50.3, 100.2)])).toBe('СНИЛС');
  });

  it('reads two columns one after the other, with full-width lines above and below', () => {
    const left = ['один два три четыре', 'пять шесть семь восемь', 'девять десять одиннадцать'];
    const right = ['alpha beta gamma delta', 'epsilon zeta eta theta', 'iota kappa lambda mu'];
    const frags = [...line('Заголовок на всю ширину страницы поверх колонок текста', 50, 60)];
    left.forEach((s, i) => frags.push(...line(s, 50, 100 + 14 * i)));
    right.forEach((s, i) => frags.push(...line(s, 320, 100 + 14 * i)));
    frags.push(...line('Подвал тоже на всю ширину страницы под колонками', 50, 200));
    expect(read(frags).split('\n')).toEqual([
      'Заголовок на всю ширину страницы поверх колонок текста',
      ...left,
      ...right,
      'Подвал тоже на всю ширину страницы под колонками',
    ]);
  });

  it('reads columns whose baselines do not line up', () => {
    const frags: PageFragment[] = [];
    ['один два три четыре', 'пять шесть семь восемь', 'девять десять одиннадцать', 'двенадцать тринадцать четырнадцать'].forEach((s, i) =>
      frags.push(...line(s, 50, 100 + 14 * i)),
    );
    ['alpha beta gamma', 'delta epsilon zeta', 'eta theta iota'].forEach((s, i) => frags.push(...line(s, 320, 105 + 17 * i, 10)));
    const lines = read(frags).split('\n');
    expect(lines.slice(0, 4).every((l) => /[а-я]/.test(l))).toBe(true);
    expect(lines.slice(4).every((l) => /^[a-z ]+$/.test(l))).toBe(true);
  });

  it('does not split a label/value form into columns', () => {
    const frags: PageFragment[] = [];
    [
      ['Фамилия:', 'Иванов'],
      ['СНИЛС:', '112-233-445 95'],
      ['Паспорт:', '45 03 123456'],
      ['Телефон:', '+7 916 123-45-67'],
    ].forEach(([label, value], i) => {
      frags.push(...line(label!, 50, 100 + 16 * i), ...line(value!, 200, 100 + 16 * i));
    });
    expect(read(frags).split('\n')).toEqual(['Фамилия: Иванов', 'СНИЛС: 112-233-445 95', 'Паспорт: 45 03 123456', 'Телефон: +7 916 123-45-67']);
    expect(findColumns(groupLines(frags.map(framed)))).toBeUndefined();
  });

  it('does not take a wide gap on one or two lines for a gutter', () => {
    const frags = [
      ...line('Справка выдана для представления по месту требования', 50, 100),
      ...line('Дата', 50, 120),
      ...line('Подпись ответственного лица', 350, 120),
      ...line('Приложение к справке на двух листах без нумерации', 50, 140),
    ];
    expect(read(frags).split('\n')).toHaveLength(3);
  });

  it('reads text turned 90° as lines, after the horizontal text', () => {
    const up = -Math.PI / 2; // bottom to top, as in a table turned on a portrait page
    const frags = [
      ...line('Горизонтальный заголовок страницы', 50, 40),
      ...line('Повёрнутая строка ИНН 770123456703', 100, 500, 12, up),
      ...line('вторая повёрнутая строка', 116, 500, 12, up),
    ];
    expect(read(frags).split('\n')).toEqual(['Горизонтальный заголовок страницы', 'Повёрнутая строка ИНН 770123456703', 'вторая повёрнутая строка']);
    // the boxes stay page boxes: a turned word is tall and narrow
    const inn = layoutPage(frags).flat(2).find((w) => w.text === '770123456703')!;
    expect(inn.bbox[3] - inn.bbox[1]).toBeGreaterThan(inn.bbox[2] - inn.bbox[0]);
  });

  it('reads slightly skewed lines (the text layer of a scan) as lines', () => {
    const skew = (1.5 * Math.PI) / 180;
    const frags = [...line('первая строка текста на странице', 50, 100, 12, skew), ...line('вторая строка текста на странице', 50, 116, 12, skew)];
    expect(read(frags).split('\n')).toEqual(['первая строка текста на странице', 'вторая строка текста на странице']);
  });
});
