import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionForContentType, mirrorPathOf } from './url-to-path.js';

const at = (href: string, contentType?: string) => mirrorPathOf(new URL(href), contentType);

/** Resolving the mirror path under a folder must stay inside it. */
function staysInside(relative: string): boolean {
  const root = path.resolve('/tmp/mirror');
  const target = path.resolve(root, ...relative.split('/'));
  return target.startsWith(root + path.sep);
}

describe('mirrorPathOf', () => {
  it('mirrors the URL path', () => {
    expect(at('https://s.example/docs/letter.pdf', 'application/pdf')).toBe('docs/letter.pdf');
    expect(at('https://s.example/about.html', 'text/html; charset=utf-8')).toBe('about.html');
  });

  it('a URL ending in / is its folder\'s index, with the content type\'s extension', () => {
    expect(at('https://s.example/', 'text/html')).toBe('index.html');
    expect(at('https://s.example/staff/', 'text/html; charset=windows-1251')).toBe('staff/index.html');
  });

  it('adds the content type\'s extension when the name has none the scanner knows', () => {
    expect(at('https://s.example/download', 'application/pdf')).toBe('download.pdf');
    expect(at('https://s.example/file.php', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('file.php.xlsx');
    expect(at('https://s.example/data.csv', 'text/plain')).toBe('data.csv');
    expect(at('https://s.example/photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(at('https://s.example/blob', 'application/octet-stream')).toBe('blob');
    expect(at('https://s.example/blob')).toBe('blob');
  });

  it('hashes the query string into the name, so two queries are two files', () => {
    const one = at('https://s.example/list.php?page=1', 'text/html');
    const two = at('https://s.example/list.php?page=2', 'text/html');
    expect(one).toMatch(/^list\.php~q[0-9a-f]{12}\.html$/);
    expect(two).not.toBe(one);
    expect(one).not.toContain('?');
  });

  it('decodes Cyrillic names', () => {
    expect(at('https://s.example/%D0%B4%D0%BE%D0%BA%D1%83%D0%BC%D0%B5%D0%BD%D1%82%D1%8B/%D0%BF%D1%80%D0%B8%D0%BA%D0%B0%D0%B7.pdf')).toBe('документы/приказ.pdf');
  });

  it.each([
    'https://s.example/../../etc/passwd',
    'https://s.example/%2e%2e/%2e%2e/etc/passwd',
    'https://s.example/a/..%2f..%2f..%2fetc%2fpasswd',
    'https://s.example/a/..%5c..%5cwindows%5cwin.ini',
    'https://s.example/%2E%2E',
    'https://s.example/.%2e/x',
    'https://s.example/a/%2F%2Fetc/passwd',
    'https://s.example/%00/..%00/x',
    'https://s.example/C:%5CWindows/system.ini',
  ])('%s stays inside the folder', (href) => {
    const relative = at(href, 'text/plain');
    expect(staysInside(relative)).toBe(true);
    for (const segment of relative.split('/')) {
      expect(segment).not.toMatch(/^\.+$/);
      expect(segment).not.toMatch(/[\\:\x00]/);
      expect(segment).not.toBe('');
    }
  });

  it('an encoded separator does not make a folder', () => {
    expect(at('https://s.example/a%2Fb.txt')).toBe('a_b.txt');
    expect(at('https://s.example/..%2f..%2fsecret.txt')).toBe('.._.._secret.txt');
    expect(at('https://s.example/%2e%2e')).toBe('index'); // the URL parser already resolved it to "/"
  });

  it('shortens a very long name and keeps its extension', () => {
    const name = 'ф'.repeat(200) + '.pdf';
    const relative = at(`https://s.example/${encodeURIComponent(name)}`);
    expect(Buffer.byteLength(relative)).toBeLessThan(200);
    expect(relative.endsWith('.pdf')).toBe(true);
  });
});

describe('extensionForContentType', () => {
  it('reads the essence of the header, whatever its parameters and case', () => {
    expect(extensionForContentType('Text/HTML; charset=UTF-8')).toBe('.html');
    expect(extensionForContentType('application/vnd.oasis.opendocument.text')).toBe('.odt');
    expect(extensionForContentType('application/x-unknown')).toBeUndefined();
    expect(extensionForContentType(undefined)).toBeUndefined();
  });
});
