/**
 * Folders of the scanned files, each with the amount of personal data below it, for the report's
 * drill-down. Children are ranked by that amount so the worst folder is always on top.
 */

export interface FolderNode {
  /** Name shown: one folder, or several joined with "/" where a folder holds only one folder. */
  n: string;
  /** Path of the folder as the report writes paths (a prefix of its files' paths). */
  p: string;
  /** Findings that are personal data, in all files below. */
  pd: number;
  /** Files below holding personal data. */
  k: number;
  /** Files below. */
  t: number;
  /** Subfolders, most personal data first. */
  d: FolderNode[];
  /** Indexes (into the report's file list) of the files directly inside, most personal data first. */
  f: number[];
}

export interface TreeFile {
  path: string;
  /** Findings that are personal data. */
  personal: number;
}

export function buildFolderTree(files: readonly TreeFile[]): FolderNode {
  const root = node('', '');
  files.forEach((file, index) => {
    let at = root;
    // Each folder step with its separator; the prefix keeps the path's own separators ("\\" too),
    // so it matches the file paths when the table is filtered by it.
    for (const step of file.path.matchAll(/([^\\/]*)[\\/]/g)) {
      const part = step[1]!;
      // "./share" and "/abs" give "." or empty parts: they name no folder of their own.
      if (part === '' || part === '.') continue;
      let child = at.children.get(part);
      if (!child) at.children.set(part, (child = node(part, file.path.slice(0, step.index + step[0].length))));
      at = child;
    }
    at.node.f.push(index);
  });
  return finish(root, files);
}

interface Building {
  node: FolderNode;
  children: Map<string, Building>;
}

function node(name: string, path: string): Building {
  return { node: { n: name, p: path, pd: 0, k: 0, t: 0, d: [], f: [] }, children: new Map() };
}

function finish(b: Building, files: readonly TreeFile[]): FolderNode {
  const n = b.node;
  n.d = [...b.children.values()].map((c) => finish(c, files));
  for (const i of n.f) {
    n.pd += files[i]!.personal;
    if (files[i]!.personal > 0) n.k++;
    n.t++;
  }
  for (const c of n.d) {
    n.pd += c.pd;
    n.k += c.k;
    n.t += c.t;
  }
  n.d.sort((a, b) => b.pd - a.pd || b.k - a.k || a.n.localeCompare(b.n));
  n.f.sort((a, b) => files[b]!.personal - files[a]!.personal || files[a]!.path.localeCompare(files[b]!.path));
  // A folder that holds nothing but one folder is shown as one step ("fixtures/corpus").
  while (n.f.length === 0 && n.d.length === 1) {
    const only = n.d[0]!;
    n.n = n.n ? `${n.n}/${only.n}` : only.n;
    n.p = only.p;
    n.d = only.d;
    n.f = only.f;
  }
  return n;
}
