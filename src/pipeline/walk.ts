/**
 * Walks the paths a user gave, depth first in name order (stable reports), yielding files to scan.
 * Symbolic links are not followed unless asked; when they are, each directory is entered once
 * (by device and inode), so link loops end. Excluded directories are not entered at all.
 */
import { lstat, opendir, stat } from 'node:fs/promises';
import { lstatSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export interface WalkOptions {
  exclude?: readonly string[];
  followSymlinks?: boolean;
}

export interface WalkEntry {
  path: string;
  displayPath: string;
  /** Set when the entry is reported without being scanned. */
  skip?: string;
  /** Size and modification time from the walk's own stat (files only). */
  size?: number;
  mtimeMs?: number;
}

export class PathNotFoundError extends Error {
  constructor(readonly userPath: string) {
    super(`path not found: ${userPath}`);
    this.name = 'PathNotFoundError';
  }
}

type Matcher = (relative: string, base: string) => boolean;

function excludeMatcher(globs: readonly string[]): Matcher {
  if (globs.length === 0) return () => false;
  const full = globs.filter((g) => g.includes('/')).map((g) => picomatch(g, { dot: true }));
  const base = globs.filter((g) => !g.includes('/')).map((g) => picomatch(g, { dot: true }));
  return (relative, name) => full.some((m) => m(relative) || m(relative + '/')) || base.some((m) => m(name));
}

export async function* walk(roots: readonly string[], options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const excluded = excludeMatcher(options.exclude ?? []);
  const seen = new Set<string>();
  for (const root of roots) {
    let info: Stats;
    try {
      info = options.followSymlinks ? await stat(root) : await lstat(root);
    } catch {
      throw new PathNotFoundError(root);
    }
    if (info.isDirectory()) {
      seen.add(identity(info));
      yield* walkDirectory(root, root, '', excluded, options, seen);
    } else if (info.isSymbolicLink()) {
      yield { path: root, displayPath: root, skip: 'symbolic link (use --follow-symlinks)' };
    } else if (!seen.has(identity(info))) {
      seen.add(identity(info));
      yield { path: root, displayPath: root, size: info.size, mtimeMs: info.mtimeMs };
    }
  }
}

async function* walkDirectory(
  dir: string,
  root: string,
  relative: string,
  excluded: Matcher,
  options: WalkOptions,
  seen: Set<string>,
): AsyncGenerator<WalkEntry> {
  let names: string[];
  try {
    const handle = await opendir(dir);
    names = [];
    for await (const entry of handle) names.push(entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    yield { path: dir, displayPath: display(root, relative), skip: `cannot read directory (${code})` };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const kept = names.filter((name) => !excluded(relative ? `${relative}/${name}` : name, name));
  // Stats are read synchronously: an asynchronous lstat costs a thread-pool round trip per
  // entry, and a walk of 20,000 small files then spends most of its time waiting on them.
  for (let from = 0; from < kept.length; from += STAT_BATCH) {
    const batch = kept.slice(from, from + STAT_BATCH);
    const stats = batch.map((name) => statEntry(path.join(dir, name), options.followSymlinks ?? false));
    for (let k = 0; k < batch.length; k++) {
      const name = batch[k]!;
      const rel = relative ? `${relative}/${name}` : name;
      const full = path.join(dir, name);
      const shown = display(root, rel);
      const got = stats[k]!;
      if (got === 'link') {
        yield { path: full, displayPath: shown, skip: 'symbolic link (use --follow-symlinks)' };
        continue;
      }
      if (got === 'broken') {
        yield { path: full, displayPath: shown, skip: 'broken symbolic link' };
        continue;
      }
      const info = got;
      const id = identity(info);
      if (info.isDirectory()) {
        if (seen.has(id)) continue; // a link back into a directory already walked: a loop or a duplicate
        seen.add(id);
        yield* walkDirectory(full, root, rel, excluded, options, seen);
      } else if (info.isFile()) {
        // Only a file with several names (hard links, or links followed) can be met twice: the
        // set of seen files stays small however many files the tree holds.
        if (seen.has(id)) continue;
        if (info.nlink > 1 || options.followSymlinks) seen.add(id);
        yield { path: full, displayPath: shown, size: info.size, mtimeMs: info.mtimeMs };
      }
    }
  }
}

const STAT_BATCH = 64;

/** An entry's stats (its target's when links are followed), or why there are none. */
function statEntry(full: string, followSymlinks: boolean): Stats | 'link' | 'broken' {
  try {
    const info = lstatSync(full);
    if (!info.isSymbolicLink()) return info;
    if (!followSymlinks) return 'link';
    return statSync(full);
  } catch {
    return 'broken';
  }
}

function identity(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

function display(root: string, relative: string): string {
  if (!relative) return root;
  return root.endsWith('/') || root.endsWith(path.sep) ? root + relative : `${root}/${relative}`;
}
