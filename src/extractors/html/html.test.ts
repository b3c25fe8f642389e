import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assertDocument } from '../../document/assert-document.js';
import { locateOffset } from '../../document/locate.js';
import type { HtmlSourceRef, ScanDocument } from '../../document/types.js';
import { declaredCharset, extractHtml } from './index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const extract = (html: string) => {
  const doc = extractHtml({ bytes: utf8(html), path: 'page.html' });
  assertDocument(doc);
  return doc;
};
const lines = (doc: ScanDocument) => doc.text.split('\n').filter((l) => l.length > 0);
const froms = (doc: ScanDocument) => doc.segments.map((s) => [doc.text.slice(s.start, s.end), (s.source as HtmlSourceRef).from]);

describe('html extractor', () => {
  it('decodes entities into their own decoded segments', () => {
    const html = '<p>Иванов&nbsp;И.&#1048;. &amp; Ко &#x421;НИЛС</p>';
    const doc = extract(html);
    expect(doc.text).toBe('Иванов\u00A0И.И. & Ко СНИЛС\n');
    const decoded = doc.segments.filter((s) => (s.source as HtmlSourceRef).decoded);
    expect(decoded.map((s) => [doc.text.slice(s.start, s.end), html.slice(...(s.source as HtmlSourceRef).rawRange)])).toEqual([
      ['\u00A0', '&nbsp;'],
      ['И', '&#1048;'],
      ['&', '&amp;'],
      ['С', '&#x421;'],
    ]);
    for (const s of doc.segments.filter((s) => !(s.source as HtmlSourceRef).decoded)) {
      expect(html.slice(...(s.source as HtmlSourceRef).rawRange)).toBe(doc.text.slice(s.start, s.end));
    }
  });

  it('keeps unknown and literal ampersands as plain text', () => {
    const doc = extract('<p>A &unknown; B & C &lt;b&gt;</p>');
    expect(doc.text).toBe('A &unknown; B & C <b>\n');
  });

  it('skips script, style and template; keeps title and noscript', () => {
    const doc = extract(
      '<html><head><title>Анкета</title><style>.snils{}</style><script>var s="112-233-445 95"</script></head>' +
        '<body><template><p>скрыто</p></template><noscript>Включите JavaScript</noscript><p>Видно</p></body></html>',
    );
    expect(lines(doc)).toEqual(['Анкета', 'Включите JavaScript', 'Видно']);
    expect(doc.text).not.toContain('112');
  });

  it('inline tags keep text contiguous; blocks and <br> separate it', () => {
    const doc = extract('<div>СНИЛС <b>112-233</b>-445 <span>95</span></div><p>один<br>два</p><ul><li>a</li><li>b</li></ul>');
    expect(lines(doc)).toEqual(['СНИЛС 112-233-445 95', 'один', 'два', 'a', 'b']);
  });

  it('table cells are separate lines', () => {
    const doc = extract('<table><tr><th>ФИО</th><td>Иванов Иван</td></tr>\n<tr><td>СНИЛС</td><td>112-233-445 95</td></tr></table>');
    expect(lines(doc)).toEqual(['ФИО', 'Иванов Иван', 'СНИЛС', '112-233-445 95']);
  });

  it('collects alt, title, value, placeholder and the mailto/tel part of href', () => {
    const doc = extract(
      '<p>Связь: <a href="mailto:ivan.petrov&#64;mail.ru?subject=Hi" title="Написать Ивану">почта</a>, ' +
        "<a href='tel:+7 (999) 123-45-67'>телефон</a></p>" +
        '<img src="x.png" alt="Фото: Иванов И.И."><input placeholder="Ваш e-mail" value=" ivan@mail.ru ">' +
        '<a href="https://example.com" title="">сайт</a>',
    );
    expect(lines(doc)).toEqual([
      'Связь: почта, телефон',
      'ivan.petrov@mail.ru',
      'Написать Ивану',
      '+7 (999) 123-45-67',
      // img and input are inline: their attributes wait for the next block boundary
      'сайт',
      'Фото: Иванов И.И.',
      'Ваш e-mail',
      'ivan@mail.ru',
    ]);
    expect(froms(doc).filter(([, f]) => f !== 'text')).toEqual([
      ['ivan.petrov', 'mailto'],
      ['@', 'mailto'],
      ['mail.ru', 'mailto'],
      ['Написать Ивану', 'title'],
      ['+7 (999) 123-45-67', 'tel'],
      ['Фото: Иванов И.И.', 'alt'],
      ['Ваш e-mail', 'placeholder'],
      ['ivan@mail.ru', 'value'],
    ]);
  });

  it('attribute values inside inline text do not split it', () => {
    const doc = extract('<p>СНИЛС <abbr title="страховой номер">112-233</abbr>-445 95</p>');
    expect(lines(doc)).toEqual(['СНИЛС 112-233-445 95', 'страховой номер']);
  });

  it('CRLF, astral characters and <pre> keep exact source ranges', () => {
    const html = '<pre>\r\nстрока 1\r\n  строка 2 😀</pre>\r\n<p>конец</p>';
    const doc = extract(html);
    expect(doc.text).toBe('строка 1\r\n  строка 2 😀\nконец\n');
  });

  it('text misplaced in a table stays where the source has it, mapped exactly', () => {
    // A browser moves such text in front of the table (foster parenting); kept in source order,
    // each value still has its own line and its exact source range.
    const html = '<table>Иванов<tr><td>x</td></tr>112-233-445 95</table>';
    const doc = extract(html);
    expect(lines(doc)).toEqual(['Иванов', 'x', '112-233-445 95']);
    for (const value of ['Иванов', '112-233-445 95']) {
      const at = doc.text.indexOf(value);
      const seg = doc.segments.find((s) => s.start === at && s.end === at + value.length);
      expect(seg && html.slice(...(seg.source as HtmlSourceRef).rawRange)).toBe(value);
    }
  });

  it.each([
    // implied end tags: p, li, dd/dt, headings, table cells and rows
    ['<p>один<div>два</div>три</p>', ['один', 'два', 'три']],
    ['<ul><li>a<li>b</ul>', ['a', 'b']],
    ['<dl><dt>ФИО<dd>Иванов<dt>СНИЛС<dd>112</dl>', ['ФИО', 'Иванов', 'СНИЛС', '112']],
    ['<h1>a<h2>b</h1>c', ['a', 'b', 'c']],
    ['<table><tr><td>a<td>b<tr><td>c</table>', ['a', 'b', 'c']],
    // a formatting end tag never closes a block opened inside it; stray end tags change nothing
    ['<b>СНИЛС <div>112-233</b>-445 95</div>', ['СНИЛС', '112-233-445 95']],
    ['<div>СНИЛС</span> 112</div>', ['СНИЛС 112']],
    ['<div>СНИЛС</div>112</div>-233', ['СНИЛС', '112-233']],
    ['a</p>b', ['a', 'b']],
    ['a<br>b</br>c', ['a', 'b', 'c']],
    // table structure outside a table is ignored
    ['<div>Иванов<td>Иван</td></div>', ['ИвановИван']],
    // foreign content: an HTML block tag ends the svg
    ['<svg><text>a</text><p>b</svg>c', ['a', 'bc']],
    ['<math><mi>x</mi><annotation-xml encoding="text/html"><div>y</div></annotation-xml></math>z', ['x', 'y', 'z']],
    // select keeps only options
    ['<select><option>Иванов<b>Иван</b><option>Петров</select>', ['ИвановИван', 'Петров']],
    // raw text
    ['<xmp>a&amp;<b>b</xmp><title>a&amp;b</title>', ['a&amp;<b>b', 'a&b']],
    ['<svg><![CDATA[a&amp;b]]></svg>', ['a&amp;b']],
    ['<template><p>скрыто</p></template>видно<iframe>x</iframe>', ['видно']],
    // an unfinished tag at the end of the input is dropped
    ['текст<b', ['текст']],
    ['текст</b x', ['текст']],
  ])('tree rules: %j', (html, expected) => {
    const doc = extract(html);
    expect(lines(doc)).toEqual(expected);
    expect(doc.segments.length).toBeGreaterThan(0);
  });

  it('maps text around ignored tags and after a <pre> line break exactly', () => {
    const html = '<div>СНИЛС</span> 112-233-445 95</div><pre>\nтел. +7 999 123-45-67\n</pre>';
    const doc = extract(html);
    expect(lines(doc)).toEqual(['СНИЛС 112-233-445 95', 'тел. +7 999 123-45-67']);
    expect(froms(doc).map(([t]) => t)).toEqual(['СНИЛС', ' 112-233-445 95', 'тел. +7 999 123-45-67']);
  });

  it('reads the attributes of an element once, even where the parser would clone it', () => {
    // The adoption agency re-creates <a> inside the div; its title is still one value.
    const doc = extract('<a href="mailto:ivan@mail.ru" title="Иванов"><div>почта</a></div>');
    expect(lines(doc)).toEqual(['ivan@mail.ru', 'Иванов', 'почта']);
  });

  it('drops NUL characters at the edges of text, as the parser does', () => {
    const html = '<p>\0a\0b\0</p>\0';
    const doc = extract(html);
    expect(doc.text).toBe('a\0b\n');
    expect(doc.segments.map((s) => (s.source as HtmlSourceRef).rawRange)).toEqual([[4, 7]]);
  });

  it('locates findings by line and column of the HTML source', () => {
    const html = '<html>\n<body>\n  <p>Тел.: <b>+7 999</b> 123-45-67 &amp; СНИЛС&nbsp;112-233-445 95</p>\n</body></html>';
    const doc = extract(html);
    const line3 = html.split('\n')[2]!;
    expect(locateOffset(doc, doc.text.indexOf('+7'))).toEqual({ line: 3, column: line3.indexOf('+7') });
    expect(locateOffset(doc, doc.text.indexOf('123'))).toEqual({ line: 3, column: line3.indexOf('123') });
    expect(locateOffset(doc, doc.text.indexOf('112'))).toEqual({ line: 3, column: line3.indexOf('112') });
    // a decoded run is located at its reference
    expect(locateOffset(doc, doc.text.indexOf('&'))).toEqual({ line: 3, column: line3.indexOf('&amp;') });
  });

  it('honours <meta charset> for non-UTF-8 bytes', () => {
    const html = '<html><head><meta charset="windows-1251"><title>Анкета</title></head><body><p>Ёжиков Фёдор</p></body></html>';
    const doc = extractHtml({ bytes: new Uint8Array(iconv.encode(html, 'windows-1251')), path: 'a.htm' });
    assertDocument(doc);
    expect(doc.meta.encoding).toBe('windows-1251');
    expect(lines(doc)).toEqual(['Анкета', 'Ёжиков Фёдор']);

    const koi = '<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R"><p>Иванов Иван</p>';
    const doc2 = extractHtml({ bytes: new Uint8Array(iconv.encode(koi, 'koi8-r')), path: 'b.html' });
    assertDocument(doc2);
    expect(doc2.meta.encoding).toBe('koi8-r');
    expect(lines(doc2)).toEqual(['Иванов Иван']);
  });

  it('detects the encoding when no charset is declared', () => {
    const html = '<p>Иванов Иван Иванович, паспорт 4510 123456</p>';
    const doc = extractHtml({ bytes: new Uint8Array(iconv.encode(html, 'koi8-r')), path: 'c.html' });
    assertDocument(doc);
    expect(doc.meta).toMatchObject({ format: 'html', encoding: 'koi8-r', sourceText: html });
  });

  it('declaredCharset normalizes labels', () => {
    expect(declaredCharset(utf8('<meta charset=cp1251>'))).toBe('windows-1251');
    expect(declaredCharset(utf8('<META CHARSET="UTF-8">'))).toBe('utf-8');
    expect(declaredCharset(utf8('<p>no meta</p>'))).toBeUndefined();
  });
});
