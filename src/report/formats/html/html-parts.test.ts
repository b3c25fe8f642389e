import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from './escape.js';
import { buildFolderTree } from './folder-tree.js';

describe('jsonForScript', () => {
  it('leaves no character that could end the script block, and reads back the same', () => {
    const value = { p: 'a/</script><script>alert(1)</script><!--&\u2028\u2029.txt' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('escapeHtml', () => {
  it('escapes markup and both quotes', () => {
    expect(escapeHtml(`<b title="x" data-y='z'>&</b>`)).toBe('&lt;b title=&quot;x&quot; data-y=&#39;z&#39;&gt;&amp;&lt;/b&gt;');
  });
});

describe('buildFolderTree', () => {
  const files = [
    { path: 'share/hr/a.txt', personal: 2 },
    { path: 'share/hr/b.txt', personal: 0 },
    { path: 'share/finance/2024/c.csv', personal: 30 },
    { path: 'share/readme.txt', personal: 0 },
  ];

  it('sums personal data per folder and puts the folder with most on top', () => {
    const root = buildFolderTree(files);
    expect(root).toMatchObject({ n: 'share', p: 'share/', pd: 32, k: 2, t: 4 });
    expect(root.d.map((d) => [d.n, d.pd, d.k, d.t])).toEqual([
      ['finance/2024', 30, 1, 1],
      ['hr', 2, 1, 2],
    ]);
    expect(root.f).toEqual([3]);
    expect(root.d[1]!.f).toEqual([0, 1]);
  });

  it('keeps Windows separators in folder paths, so they match the file paths', () => {
    const root = buildFolderTree([{ path: 'C:\\share\\hr\\a.txt', personal: 1 }, { path: 'C:\\share\\b.txt', personal: 0 }]);
    expect(root.n).toBe('C:/share');
    expect(root.p).toBe('C:\\share\\');
    expect(root.d[0]!.p).toBe('C:\\share\\hr\\');
  });

  it('keeps several roots apart under an unnamed root', () => {
    const root = buildFolderTree([
      { path: '/data/x.txt', personal: 1 },
      { path: 'share/y.txt', personal: 3 },
    ]);
    expect(root.n).toBe('');
    expect(root.d.map((d) => [d.n, d.p])).toEqual([
      ['share', 'share/'],
      ['data', '/data/'],
    ]);
  });
});
