/**
 * DOCX extractor on the generated fixtures (scripts/fixtures/office-docs.mjs) and on hand-written
 * WordprocessingML. Every segment is checked against an independent re-read of the part (a regex
 * tokenizer, not saxes): the text of a segment is the `w:t` text of its part/paragraph/run at its
 * offset, and every `w:t` of the package is covered. mammoth's raw text of the body is a second,
 * independent cross-check of the body paragraphs.
 */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import type { DocxSourceRef, ScanDocument } from '../../document/types.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import { extractDocx, walkWordPart } from './index.js';
import { TextBuilder } from './text-builder.js';

const FIXTURES = new URL('../../../fixtures/documents/docx/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const OK_FIXTURES = ['employee-card.docx', 'letter-parts.docx', 'blank-form.docx'];

// ───────────── an independent reader: regex tokens, paragraph/run counters ─────────────

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITY[e] ?? m),
  );

/** `${paragraph}:${run}` → the run's w:t texts, in order (w:p and w:r counted as in the extractor's contract). */
function referenceRuns(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const paragraphs: { p: number; r: number }[] = [];
  const runs: string[] = [];
  let pCount = 0;
  let inT: string | undefined;
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w.-]+:)?([\w.-]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    const [, close, prefix, local, selfClose, text] = m;
    if (text !== undefined) {
      if (inT !== undefined) inT += unescapeXml(text);
      continue;
    }
    if (prefix !== 'w:') continue;
    if (close) {
      if (local === 'p') paragraphs.pop();
      else if (local === 'r') runs.pop();
      else if (local === 't' && inT !== undefined) {
        const key = runs.at(-1)!;
        out.set(key, [...(out.get(key) ?? []), inT]);
        inT = undefined;
      }
      continue;
    }
    if (local === 'p') {
      pCount++;
      if (!selfClose) paragraphs.push({ p: pCount, r: 0 });
    } else if (local === 'r') {
      const p = paragraphs.at(-1)!;
      p.r++;
      if (!selfClose) runs.push(`${p.p}:${p.r}`);
    } else if (local === 't' && !selfClose) inT = '';
  }
  return out;
}

/** The n-th child element's text of the root of a properties part. */
function propertyText(xml: string, n: number): string {
  const body = /<[\w:]+Properties\b[^>]*>([\s\S]*)<\/[\w:]+Properties>/.exec(xml)![1]!;
  const children = [...body.matchAll(/<([\w:]+)(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/\1>)/g)];
  return unescapeXml(children[n - 1]?.[2] ?? '').trim();
}

function checkAgainstPackage(doc: ScanDocument, bytes: Uint8Array): void {
  const files = unzipSync(bytes);
  const refs = new Map<string, Map<string, string[]>>();
  const runsOf = (part: string) => {
    let r = refs.get(part);
    if (!r) {
      r = referenceRuns(strFromU8(files[part]!));
      refs.set(part, r);
    }
    return r;
  };
  const covered = new Map<string, number>();
  for (const seg of doc.segments) {
    const actual = doc.text.slice(seg.start, seg.end);
    const src = seg.source;
    if (src.kind === 'docx') {
      const texts = runsOf(src.part).get(`${src.paragraph}:${src.run}`);
      expect(texts, `${src.part} p${src.paragraph} r${src.run}`).toBeDefined();
      const runText = texts!.join('');
      expect(runText.slice(src.offset, src.offset + actual.length)).toBe(actual);
      const key = `${src.part}|${src.paragraph}:${src.run}`;
      covered.set(key, (covered.get(key) ?? 0) + actual.length);
    } else {
      expect(src.kind).toBe('paragraph');
      if (src.kind !== 'paragraph') continue;
      expect(propertyText(strFromU8(files[src.part]!), src.paragraph)).toBe(actual);
    }
  }
  // Completeness: every w:t character of every part read is in a segment.
  for (const [part, runs] of refs) {
    for (const [key, texts] of runs) {
      expect(covered.get(`${part}|${key}`) ?? 0, `${part} ${key}`).toBe(texts.join('').length);
    }
  }
}

/** The body's paragraphs as the extractor wrote them (first to last segment of each paragraph). */
function bodyParagraphs(doc: ScanDocument): string[] {
  const ranges = new Map<number, [number, number]>();
  for (const s of doc.segments) {
    if (s.source.kind !== 'docx' || s.source.part !== 'word/document.xml') continue;
    const r = ranges.get(s.source.paragraph);
    ranges.set(s.source.paragraph, r ? [r[0], s.end] : [s.start, s.end]);
  }
  return [...ranges.entries()].sort((a, b) => a[0] - b[0]).map(([, [a, b]]) => doc.text.slice(a, b));
}

describe('docx extractor on the fixtures', () => {
  it.each(OK_FIXTURES)('%s: compliant, every segment is its run text, nothing missed', async (name) => {
    const bytes = fixture(name);
    const ex = extractorFor(name, bytes);
    expect('skip' in ex ? ex : ex.id).toBe('docx');
    const doc = await extractDocx({ bytes, path: name });
    assertDocument(doc);
    expect(doc.meta.format).toBe('docx');
    checkAgainstPackage(doc, bytes);
  });

  it.each(OK_FIXTURES)('%s: body paragraphs agree with mammoth', async (name) => {
    const bytes = fixture(name);
    const doc = await extractDocx({ bytes, path: name });
    const raw = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const expected = raw.value.split('\n\n').map((p) => p.trim()).filter(Boolean);
    expect(bodyParagraphs(doc).map((p) => p.trim())).toEqual(expected);
  });

  it('keeps a value typed in two runs contiguous, tables as tab-separated rows', async () => {
    const doc = await extractDocx({ bytes: fixture('employee-card.docx'), path: 'x.docx' });
    expect(doc.text).toContain('СНИЛС: 112-233-445 95\n');
    expect(doc.text).toMatch(/\nФИО\tСНИЛС\tПаспорт\tТелефон\nПетров Пётр Петрович\t\d{3}-\d{3}-\d{3} \d{2}\t/);
    const at = doc.text.indexOf('112-233');
    const seg = doc.segments.find((s) => s.start === at)!;
    expect(seg.source).toEqual({ kind: 'docx', part: 'word/document.xml', paragraph: 3, run: 2, offset: 0 });
    // Deleted revision text is gone, inserted text is there.
    expect(doc.text).toContain('Исправлено: почта ivanov.ii@mail.ru');
    expect(doc.text).not.toMatch(/Исправлено: СНИЛС/);
  });

  it('reads headers, footers, notes, comments, text boxes and properties, each part once', async () => {
    const doc = await extractDocx({ bytes: fixture('letter-parts.docx'), path: 'x.docx' });
    const parts = new Set(doc.segments.map((s) => s.source.kind === 'docx' || s.source.kind === 'paragraph' ? s.source.part : ''));
    expect([...parts]).toEqual([
      'word/document.xml',
      'word/header1.xml',
      'word/footer1.xml',
      'word/footnotes.xml',
      'word/endnotes.xml',
      'word/comments.xml',
      'docProps/core.xml',
    ]);
    expect(doc.text.match(/Паспорт: \d\d \d\d \d{6}/g)).toHaveLength(1);
    expect(doc.text).toMatch(/\n\nСмирнова Ольга Викторовна\no\.smirnova@rambler\.ru$/);
  });

  it('reports a password-protected DOCX as encrypted', async () => {
    const bytes = fixture('encrypted.docx');
    const ex = extractorFor('encrypted.docx', bytes);
    expect('skip' in ex).toBe(false);
    await expect(extractDocx({ bytes, path: 'encrypted.docx' })).rejects.toThrow(new ExtractionError('encrypted'));
  });
});

// ───────────── hand-written WordprocessingML ─────────────

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function walk(body: string, ns = `xmlns:w="${W_NS}"`, prefix = 'w'): ScanDocument {
  const builder = new TextBuilder();
  walkWordPart(
    `<?xml version="1.0"?><${prefix}:document ${ns} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
      `<${prefix}:body>${body}</${prefix}:body></${prefix}:document>`,
    'word/document.xml',
    builder,
  );
  return { ...builder.build(), meta: { format: 'docx' } };
}

const refs = (doc: ScanDocument) =>
  doc.segments.map((s) => {
    const r = s.source as DocxSourceRef;
    return [doc.text.slice(s.start, s.end), r.paragraph, r.run, r.offset];
  });

describe('walkWordPart', () => {
  it('maps tabs and breaks, skips deleted text, field instructions and fallback copies', () => {
    const doc = walk(
      '<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>' +
        '<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins>' +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>link</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
        '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>' +
        '<w:r><w:t>after</w:t></w:r></w:p>',
    );
    assertDocument(doc);
    expect(doc.text).toBe('a\tb\ncnewlink\nbox\nafter');
    expect(refs(doc)).toEqual([
      ['a', 1, 1, 0],
      ['b', 1, 1, 1],
      ['c', 1, 1, 2],
      ['new', 1, 3, 0],
      ['link', 1, 7, 0],
      ['box', 3, 1, 0],
      ['after', 2, 2, 0],
    ]);
  });

  it('counts runs inside hyperlinks, simple fields, smart tags and content controls', () => {
    const doc = walk(
      '<w:p><w:r><w:t>1</w:t></w:r><w:hyperlink><w:r><w:t>2</w:t></w:r></w:hyperlink><w:fldSimple w:instr="AUTHOR"><w:r><w:t>3</w:t></w:r></w:fldSimple>' +
        '<w:smartTag><w:r><w:t>4</w:t></w:r></w:smartTag><w:sdt><w:sdtContent><w:r><w:t>5</w:t></w:r></w:sdtContent></w:sdt></w:p>',
    );
    expect(doc.text).toBe('12345');
    expect(refs(doc).map((r) => r[2])).toEqual([1, 2, 3, 4, 5]);
  });

  it('separates cells by tabs (empty cells keep their place) and rows by line breaks', () => {
    const cell = (s: string) => `<w:tc><w:p>${s ? `<w:r><w:t>${s}</w:t></w:r>` : ''}</w:p></w:tc>`;
    const doc = walk(
      `<w:p><w:r><w:t>before</w:t></w:r></w:p><w:tbl><w:tr>${cell('ФИО')}${cell('')}${cell('СНИЛС')}</w:tr><w:tr>${cell('x')}${cell('y')}${cell('')}</w:tr></w:tbl>` +
        '<w:p><w:r><w:t>after</w:t></w:r></w:p>',
    );
    expect(doc.text).toBe('before\nФИО\t\tСНИЛС\nx\ty\nafter');
  });

  it('does not depend on the namespace prefix, reads Strict OOXML, and ignores tab stops', () => {
    const doc = walk(
      '<x:p><x:pPr><x:tabs><x:tab x:val="left" x:pos="100"/></x:tabs></x:pPr><x:r><x:t xml:space="preserve"> a &amp; b </x:t></x:r></x:p>',
      `xmlns:x="${W_NS}"`,
      'x',
    );
    expect(doc.text).toBe(' a & b ');
    const strict = walk('<w:p><w:r><w:t>s</w:t></w:r></w:p>', 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"');
    expect(strict.text).toBe('s');
  });
});

// ───────────── broken and hostile packages ─────────────

function pkg(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe('docx errors', () => {
  it('refuses what is not a package, with messages free of content', async () => {
    await expect(extractDocx({ bytes: strToU8('СНИЛС 112-233-445 95'), path: 'a.docx' })).rejects.toThrow('corrupt docx: not a zip package');
    await expect(extractDocx({ bytes: pkg({ 'a.txt': 'x' }), path: 'a.docx' })).rejects.toThrow('corrupt docx: no main document part');
    const broken = pkg({ 'word/document.xml': `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>СНИЛС 112-233-445 95</w:t></w:body>` });
    const error = await extractDocx({ bytes: broken, path: 'a.docx' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as Error).message).toBe('corrupt docx: word/document.xml is not well-formed XML');
  });

  it('finds parts without relationships by their usual names', async () => {
    const p = (s: string) => `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>${s}</w:t></w:r></w:p></w:body></w:document>`;
    const doc = await extractDocx({ bytes: pkg({ 'word/document.xml': p('body'), 'word/footer2.xml': p('f2'), 'word/header1.xml': p('h1') }), path: 'a.docx' });
    expect(doc.text).toBe('body\n\nh1\n\nf2');
  });

  it('refuses a part that inflates past the limits', async () => {
    const big = `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>${'0'.repeat(200_000)}</w:t></w:r></w:p></w:body></w:document>`;
    const limits = { maxEntries: 100, maxEntryBytes: 100_000, maxTotalBytes: 1_000_000 };
    await expect(extractDocx({ bytes: pkg({ 'word/document.xml': big }), path: 'a.docx' }, limits)).rejects.toThrow(/^zip bomb refused/);
  });

  it('reads a Word 97-2003 file that was given a .docx name', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../doc/hiring-order.doc', FIXTURES)));
    const doc = await extractDocx({ bytes, path: 'renamed.docx' });
    expect(doc.meta.format).toBe('doc');
    expect(doc.text).toContain('ПРИКАЗ');
  });
});
