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

  it('text moved by the parser (foster parenting) stays scannable', () => {
    const doc = extract('<table>Иванов<tr><td>x</td></tr>112-233-445 95</table>');
    expect(doc.text).toContain('Иванов112-233-445 95');
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
