/**
 * Every extractor, over a shared set of inputs and over seeded random inputs, must produce a
 * document that passes assertDocument, and every segment's characters must be located where the
 * source file holds them.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../document/assert-document.js';
import { lineStarts, locateOffset, offsetOfLineColumn } from '../document/locate.js';
import type { ScanDocument } from '../document/types.js';
import { extractorFor } from './registry.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const enc = (s: string, e: string) => new Uint8Array(iconv.encode(s, e));
const bom = (b: number[], body: Uint8Array) => new Uint8Array([...b, ...body]);

const RU = 'Иванов Иван Иванович, СНИЛС 112-233-445 95, паспорт 4510 123456, тел. +7 (999) 123-45-67';
const CSV = 'ФИО;СНИЛС;Адрес\r\n"Иванов, Иван";112-233-445 95;"ул. ""Ленина"", д. 5\r\nкв. 12"\r\n;;\r\nПетров;;x\r\n';
const HTML =
  '<!doctype html><html><head><title>Анкета &amp; данные</title><script>x()</script></head>\r\n' +
  '<body><h1>Сотрудник</h1><p>СНИЛС <b>112-233</b>-445&nbsp;95 &#1057;&#x41d;</p>' +
  '<a href="mailto:ivan&#64;mail.ru" title=\'Иван&nbsp;Иванов\'>почта</a><a href=tel:+79991234567>тел</a>' +
  '<img alt="Фото"><input value="4510 123456" placeholder=Паспорт><table><tr><td>a</td></tr></table></body></html>';

const INPUTS: [string, Uint8Array][] = [
  ['utf8.txt', utf8(RU)],
  ['utf8-bom.txt', bom([0xef, 0xbb, 0xbf], utf8(`${RU}\r\n${RU}\n`))],
  ['utf16le.log', bom([0xff, 0xfe], enc(`${RU}\n`, 'utf-16le'))],
  ['utf16be.md', bom([0xfe, 0xff], enc(`${RU}\n`, 'utf-16be'))],
  ['cp1251.txt', enc(`${RU}\n${RU}`, 'windows-1251')],
  ['koi8.conf', enc(RU, 'koi8-r')],
  ['short.txt', enc('СНИЛС 112-233-445 95', 'windows-1251')],
  ['empty.txt', new Uint8Array()],
  ['noext', utf8('ФИО: Иванов\n')],
  ['semicolon.csv', utf8(CSV)],
  ['cp1251.csv', enc(CSV, 'windows-1251')],
  ['utf16.tsv', bom([0xff, 0xfe], enc(CSV.replaceAll(';', '\t'), 'utf-16le'))],
  ['unterminated.csv', utf8('a,"b\nc')],
  ['empty.csv', new Uint8Array()],
  ['page.html', utf8(HTML)],
  ['page-bom.htm', bom([0xef, 0xbb, 0xbf], utf8(HTML))],
  ['page-1251.html', enc(HTML.replace('<head>', '<head><meta charset="windows-1251">'), 'windows-1251')],
  ['page-16.xhtml', bom([0xff, 0xfe], enc(HTML, 'utf-16le'))],
  ['empty.html', new Uint8Array()],
  ['broken.html', utf8('<p>Иванов<b>Иван</p></i>&amp<td>x<table>y<tr>z</table>&#xZZ; &#0; <!-- c')],
];

/** assertDocument plus: each segment character is located where the source holds it. */
function check(doc: ScanDocument): void {
  assertDocument(doc);
  const source = doc.meta.sourceText ?? doc.text;
  const starts = lineStarts(source);
  for (const seg of doc.segments) {
    for (const offset of [seg.start, seg.end - 1]) {
      const loc = locateOffset(doc, offset);
      expect(loc && 'line' in loc, `offset ${offset} has a line`).toBe(true);
      if (!loc || !('line' in loc)) continue;
      const at = offsetOfLineColumn(starts, loc.line, loc.column)!;
      const src = seg.source;
      if (src.kind === 'html' && src.decoded) {
        expect(source[at]).toBe('&');
      } else if (src.kind === 'csv') {
        // the character itself, or the first quote of a `""` pair standing for it
        const ch = doc.text[offset]!;
        expect([ch, ch === '"' ? '"' : ch]).toContain(source[at]);
      } else {
        expect(source[at], `offset ${offset}`).toBe(doc.text[offset]);
      }
    }
  }
}

describe('extractor compliance', () => {
  it.each(INPUTS)('%s', async (path, bytes) => {
    const extractor = extractorFor(path, bytes);
    if ('skip' in extractor) throw new Error(extractor.skip);
    const doc = await extractor.extract({ bytes, path });
    check(doc);
    if (bytes.length > 0) expect(doc.segments.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Seeded random inputs

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['Иванов', 'Ёж', 'СНИЛС', ' ', '  ', '112-233-445 95', '\n', '\r\n', '\r', '\t', 'a', '"', '""', ',', ';', '😀', '№', '&', '<', '>', "'", '='];
const ENTITIES = ['&amp;', '&nbsp;', '&#1057;', '&#x41D;', '&lt;', '&copy', '&notit;', '&bogus;', '&#0;', '&#xD800;', '&'];
const TAGS = ['p', 'div', 'span', 'b', 'a', 'td', 'tr', 'table', 'li', 'ul', 'pre', 'textarea', 'title', 'script', 'style', 'noscript', 'br', 'img', 'input', 'xmp', 'svg', 'select', 'option', 'h1'];

describe('extractor compliance on random inputs', () => {
  it('random text and CSV', () => {
    const rand = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let n = 0; n < 300; n++) {
      let s = '';
      const len = Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) s += pick(PIECES);
      for (const path of ['r.txt', 'r.csv', 'r.tsv']) {
        const ex = extractorFor(path, utf8(s));
        if ('skip' in ex) continue;
        check(ex.extract({ bytes: utf8(s), path }) as ScanDocument);
      }
    }
  });

  it('random HTML', () => {
    const rand = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const text = () => {
      let s = '';
      const len = Math.floor(rand() * 6);
      for (let i = 0; i < len; i++) s += rand() < 0.3 ? pick(ENTITIES) : pick(PIECES.filter((p) => p !== '<'));
      return s;
    };
    const attr = () => {
      const name = pick(['alt', 'title', 'value', 'placeholder', 'href', 'class', 'ALT']);
      const value = name === 'href' ? pick(['mailto:', 'tel:', 'http://x/', ' MAILTO:']) + text() : text();
      const q = pick(['"', "'", '']);
      return q === '' ? ` ${name}=${value.replace(/[\s"'=<>`]/g, '') || 'v'}` : ` ${name}=${q}${value.replaceAll(q, '')}${q}`;
    };
    const node = (depth: number): string => {
      if (depth > 4 || rand() < 0.35) return text();
      const tag = pick(TAGS);
      let attrs = '';
      while (rand() < 0.4) attrs += attr();
      let inner = '';
      const kids = Math.floor(rand() * 4);
      for (let i = 0; i < kids; i++) inner += node(depth + 1);
      return rand() < 0.1 ? `<${tag}${attrs}>${inner}` : `<${tag}${attrs}>${inner}</${tag}>`;
    };
    const seen = new Map<string, number>();
    for (let n = 0; n < 300; n++) {
      let html = '';
      const kids = 1 + Math.floor(rand() * 5);
      for (let i = 0; i < kids; i++) html += node(0);
      if (rand() < 0.2) html = `<!doctype html><html><head><title>${text()}</title></head><body>${html}</body></html>`;
      const bytes = utf8(html);
      const ex = extractorFor('r.html', bytes);
      if ('skip' in ex) continue;
      try {
        const doc = ex.extract({ bytes, path: 'r.html' }) as ScanDocument;
        check(doc);
        for (const seg of doc.segments) {
          if (seg.source.kind !== 'html') continue;
          const key = seg.source.from + (seg.source.decoded ? '+decoded' : '');
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
      } catch (e) {
        throw new Error(`${(e as Error).message}\nHTML: ${JSON.stringify(html)}`);
      }
    }
    // the generator exercises every kind of run
    for (const key of ['text', 'text+decoded', 'alt', 'title+decoded', 'value', 'placeholder', 'mailto', 'tel']) {
      expect(seen.get(key) ?? 0, key).toBeGreaterThan(5);
    }
  });
});
