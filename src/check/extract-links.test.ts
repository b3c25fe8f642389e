import { describe, expect, it } from 'vitest';
import { extractLinks, firstSrcsetCandidate } from './extract-links.js';

const PAGE = new URL('https://s.example/staff/index.html');
const hrefs = (html: string, page = PAGE) => extractLinks(html, page).map((u) => u.href);

describe('extractLinks', () => {
  it('collects links, frames, embedded documents and images, resolved against the page', () => {
    const html = `
      <a href="../about.html">about</a><AREA HREF="/map.html">
      <iframe src="frame.html"></iframe><embed src="/docs/a.pdf"><object data="/docs/b.pdf"></object>
      <img src="/img/logo.png"><img srcset="/img/small.png 1x, /img/big.png 2x">`;
    expect(hrefs(html)).toEqual([
      'https://s.example/about.html',
      'https://s.example/map.html',
      'https://s.example/staff/frame.html',
      'https://s.example/docs/a.pdf',
      'https://s.example/docs/b.pdf',
      'https://s.example/img/logo.png',
      'https://s.example/img/small.png',
    ]);
  });

  it('drops fragments, duplicates and non-http schemes', () => {
    const html = `<a href="#top">top</a><a href="list.html#a">a</a><a href="list.html#b">b</a>
      <a href="mailto:info@s.example">mail</a><a href="tel:+74951234567">call</a><a href="javascript:void(0)">x</a>
      <img src="data:image/png;base64,AAAA"><a href="">empty</a>`;
    expect(hrefs(html)).toEqual(['https://s.example/staff/index.html', 'https://s.example/staff/list.html']);
  });

  it('honours the first <base href> and decodes entities', () => {
    const html = `<base href="https://s.example/docs/"><base href="/ignored/"><a href="x.pdf?a=1&amp;b=2">x</a>`;
    expect(hrefs(html)).toEqual(['https://s.example/docs/x.pdf?a=1&b=2']);
  });

  it('keeps links to other origins for the crawler to count', () => {
    expect(hrefs('<a href="https://other.example/p">p</a>')).toEqual(['https://other.example/p']);
  });
});

describe('firstSrcsetCandidate', () => {
  it.each([
    ['a.png 1x, b.png 2x', 'a.png'],
    ['  a.png', 'a.png'],
    ['a.png, b.png 2x', 'a.png'],
    ['/img/a,b.png 480w', '/img/a,b.png'],
    ['   ', undefined],
  ])('%j → %j', (srcset, expected) => expect(firstSrcsetCandidate(srcset)).toBe(expected));
});
