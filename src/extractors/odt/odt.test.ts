/**
 * ODT extractor on the generated fixtures and on hand-written content.xml. Segments are checked
 * against an independent re-read (regex tokens): a segment's text is a piece of the plain text of
 * the paragraph it names (spaces, tabs and breaks expanded, nested paragraphs left out).
 */
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import type { ScanDocument } from '../../document/types.js';
import { extractorFor } from '../registry.js';
import { ExtractionError } from '../types.js';
import { extractOdt } from './index.js';

const FIXTURES = new URL('../../../fixtures/documents/odt/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Paragraph n (1-based, text:p and text:h in document order) → its own text, collapsed as ODF shows it. */
function referenceParagraphs(xml: string): Map<number, string> {
  const out = new Map<number, string>();
  const stack: { n: number; text: string }[] = [];
  let count = 0;
  let skip = 0;
  const SKIP = new Set(['text:note-citation', 'text:tracked-changes', 'svg:title', 'svg:desc', 'dc:creator', 'dc:date']);
  const token = /<\?[\s\S]*?\?>|<(\/?)([\w.-]+:[\w.-]+)((?:\s[^>]*?)?)(\/?)>|([^<]+)/g;
  const add = (s: string) => {
    const top = stack.at(-1);
    if (top && skip === 0) top.text += s;
  };
  for (const m of xml.matchAll(token)) {
    const [, close, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      add(unescapeXml(text).replace(/\s+/g, ' '));
      continue;
    }
    if (!name) continue;
    if (SKIP.has(name)) {
      if (!selfClose) skip += close ? -1 : 1;
      continue;
    }
    if (name === 'text:p' || name === 'text:h') {
      if (close) {
        const p = stack.pop()!;
        out.set(p.n, p.text);
      } else {
        count++;
        if (selfClose) out.set(count, '');
        else stack.push({ n: count, text: '' });
      }
    } else if (name === 'text:s') add(' '.repeat(Number(/text:c="(\d+)"/.exec(attrs ?? '')?.[1] ?? 1)));
    else if (name === 'text:tab') add('\t');
    else if (name === 'text:line-break') add('\n');
  }
  return out;
}

function checkAgainstPackage(doc: ScanDocument, bytes: Uint8Array): void {
  const files = unzipSync(bytes);
  const paragraphs = new Map<string, Map<number, string>>();
  for (const seg of doc.segments) {
    const src = seg.source;
    expect(src.kind).toBe('paragraph');
    if (src.kind !== 'paragraph') continue;
    const actual = doc.text.slice(seg.start, seg.end);
    if (src.part === 'meta.xml') {
      const meta = /<office:meta>([\s\S]*)<\/office:meta>/.exec(strFromU8(files['meta.xml']!))![1]!;
      const children = [...meta.matchAll(/<([\w:-]+)(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/\1>)/g)];
      expect(unescapeXml(children[src.paragraph - 1]?.[2] ?? '').trim()).toBe(actual);
      continue;
    }
    let ref = paragraphs.get(src.part);
    if (!ref) {
      ref = referenceParagraphs(strFromU8(files[src.part]!));
      paragraphs.set(src.part, ref);
    }
    const own = ref.get(src.paragraph);
    expect(own, `${src.part} paragraph ${src.paragraph}`).toBeDefined();
    expect(own!.replace(/^ /, '')).toContain(actual.trim());
  }
}

describe('odt extractor on the fixtures', () => {
  it.each(['resume.odt', 'blank-form.odt'])('%s: compliant, segments are their paragraphs', async (name) => {
    const bytes = fixture(name);
    const ex = extractorFor(name, bytes);
    expect('skip' in ex ? ex : ex.id).toBe('odt');
    const doc = await extractOdt({ bytes, path: name });
    assertDocument(doc);
    expect(doc.meta.format).toBe('odt');
    checkAgainstPackage(doc, bytes);
  });

  it('joins spans, expands text:s/tab/line-break, keeps notes and frames apart, skips deletions', async () => {
    const doc = await extractOdt({ bytes: fixture('resume.odt'), path: 'resume.odt' });
    expect(doc.text).toMatch(/^Резюме\nКандидат: Кузнецов Алексей Петрович\nСНИЛС: \d{3}-\d{3}-\d{3} \d{2}\nПаспорт: серия {2}\d\d \d\d № \d{6}\nТелефон:\t\+7/);
    // The footnote citation "1" does not glue to the ИНН; the note body is its own paragraph.
    expect(doc.text).toMatch(/\nИНН \d{12}\nПрежний СНИЛС [\d -]+\n указан по данным ФНС\.\n/);
    expect(doc.text).toMatch(/\nФИО\tСНИЛС\tПаспорт\tТелефон\nОрлова Мария Ивановна\t/);
    expect(doc.text).toContain('\nСм. рамку \nПаспорт ');
    expect(doc.text).not.toContain('Паспортные данные'); // svg:title of the frame
    expect(doc.text).not.toContain('Иванов И. И.'); // comment author
    expect(doc.text).toContain('Уточнить почту: hr.dept@rambler.ru');
    expect(doc.text).toMatch(/\n\nКадровое агентство «Норд», тел\. 8 \(812\) 300-40-50\nКонтакт: \+7/);
    expect(doc.text).toMatch(/\n\nКузнецов Алексей Петрович\nkuznetsov\.ap@yandex\.ru\nРезюме$/);
    const deleted = /СНИЛС (\d{3}-\d{3}-\d{3} \d{2})<\/text:p><\/text:deletion>/.exec(strFromU8(unzipSync(fixture('resume.odt'))['content.xml']!))![1]!;
    expect(doc.text).not.toContain(deleted);
  });

  it('reports a password-protected ODT as encrypted', async () => {
    await expect(extractOdt({ bytes: fixture('encrypted.odt'), path: 'e.odt' })).rejects.toThrow(new ExtractionError('encrypted'));
  });
});

const TEXT_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const odt = (body: string, extra: Record<string, string> = {}) =>
  zipSync({
    mimetype: strToU8('application/vnd.oasis.opendocument.text'),
    'content.xml': strToU8(`<office:document-content ${TEXT_NS}><office:body><office:text>${body}</office:text></office:body></office:document-content>`),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });

describe('odt text rules', () => {
  it('collapses source white space as ODF does, but keeps text:s', async () => {
    const doc = await extractOdt({ bytes: odt('<text:p>\n   a  \n b<text:s text:c="3"/>c <text:span> d</text:span></text:p><text:p/><text:h>e</text:h>'), path: 'a.odt' });
    assertDocument(doc);
    expect(doc.text).toBe('a b   c d\ne');
    expect(doc.segments.map((s) => (s.source.kind === 'paragraph' ? s.source.paragraph : 0))).toEqual([1, 3]);
  });

  it('fails cleanly on broken packages', async () => {
    await expect(extractOdt({ bytes: strToU8('plain'), path: 'a.odt' })).rejects.toThrow('corrupt odt: not a zip package');
    await expect(extractOdt({ bytes: zipSync({ 'x.xml': strToU8('<a/>') }), path: 'a.odt' })).rejects.toThrow('corrupt odt: no content.xml');
    await expect(extractOdt({ bytes: odt('<text:p>СНИЛС</text:span></text:p>'), path: 'a.odt' })).rejects.toThrow(
      'corrupt odt: content.xml is not well-formed XML',
    );
  });
});
