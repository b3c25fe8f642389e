/**
 * The folder downloaded resources are kept in while they are scanned, and the way back from a
 * kept file to the URL it came from. Two URLs that would share a path (names that differ only in
 * characters replaced by `mirrorPathOf`, or a file where another URL needs a folder) do not
 * overwrite each other: the later one is kept under `_other/` with a name hashed from its URL.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extensionForContentType, mirrorPathOf, shortHash } from './url-to-path.js';

const COLLISION_CODES = new Set(['EEXIST', 'ENOTDIR', 'EISDIR']);

export class Mirror {
  private readonly urlOfPath = new Map<string, string>();

  constructor(readonly root: string) {}

  /** Writes the body and returns its path relative to the root ('/'-separated). */
  async save(url: URL, contentType: string | undefined, body: Uint8Array): Promise<string> {
    const preferred = mirrorPathOf(url, contentType);
    const fallback = `_other/${shortHash(url.href)}${extensionForContentType(contentType) ?? path.extname(preferred)}`;
    for (const relative of [preferred, fallback]) {
      if (this.urlOfPath.has(relative)) continue;
      try {
        await this.write(relative, body);
      } catch (error) {
        if (COLLISION_CODES.has((error as NodeJS.ErrnoException).code ?? '')) continue;
        throw error;
      }
      this.urlOfPath.set(relative, url.href);
      return relative;
    }
    throw new Error(`cannot keep ${url.href}: its place in the temporary folder is taken`);
  }

  /** The URL a file under the root was downloaded from (`file` as the scanner reports it). */
  urlOf(file: string): string | undefined {
    return this.urlOfPath.get(path.relative(this.root, file).split(path.sep).join('/'));
  }

  private async write(relative: string, body: Uint8Array): Promise<void> {
    const target = path.join(this.root, ...relative.split('/'));
    // mirrorPathOf never yields ".." segments; this guards the folder against a future change.
    if (!target.startsWith(this.root + path.sep)) throw new Error(`refusing to write outside the temporary folder: ${relative}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, body, { flag: 'wx' });
  }
}
