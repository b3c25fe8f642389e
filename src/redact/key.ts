/**
 * The run's secret key for pseudonyms, fakes and shuffles. Read from a file (`--key-file`), made
 * on first use with permissions 0600 (32 random bytes, hex), so later runs with the same file give
 * the same pseudonyms. Without a file, a random key lives for this run only: consistent across its
 * files, unlinkable to any other run. The key is never written into a copy, report or log.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';

export const KEY_BYTES = 32;

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

export interface LoadedKey {
  key: Buffer;
  source: 'file' | 'ephemeral';
  /** True when the key file was created by this call. */
  created: boolean;
  /** A warning about the file's permissions, when others can read it. */
  warning?: string;
}

export async function loadOrCreateKey(file: string | undefined): Promise<LoadedKey> {
  if (file === undefined) return { key: randomBytes(KEY_BYTES), source: 'ephemeral', created: false };
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new KeyFileError(`cannot read the key file ${file} (${error.code ?? error.message})`);
  });
  if (existing === undefined) {
    const key = randomBytes(KEY_BYTES);
    try {
      // `wx`: never overwrite a key another run created meanwhile.
      await writeFile(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(file);
      throw new KeyFileError(`cannot create the key file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return { key, source: 'file', created: true };
  }
  const hex = existing.trim();
  if (!/^[0-9a-fA-F]{32,}$/.test(hex) || hex.length % 2 !== 0) {
    throw new KeyFileError(`the key file ${file} does not hold a hex key (at least 16 bytes); delete it to make a new one`);
  }
  const info = await stat(file);
  const warning = (info.mode & 0o077) !== 0 ? `the key file ${file} can be read by other users (chmod 600 it)` : undefined;
  return { key: Buffer.from(hex, 'hex'), source: 'file', created: false, ...(warning ? { warning } : {}) };
}
