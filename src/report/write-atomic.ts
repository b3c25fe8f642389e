import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never half of it: write a
 * temporary file in the same directory (same filesystem), then rename it over the target.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  // A device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is written to, never replaced:
  // renaming over it would swap the device for a regular file.
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
    await writeFile(target, data);
    return;
  }
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Pieces are joined into writes of about this many characters. */
const BATCH_CHARS = 1 << 20;

/**
 * `writeFileAtomic` for content made in pieces (a large report): the pieces go to the temporary
 * file as they come, so the whole content is never one string in memory.
 */
export async function writeChunksAtomic(target: string, chunks: Iterable<string>): Promise<void> {
  const existing = await lstat(target).catch(() => undefined);
  const direct = existing !== undefined && !existing.isFile() && !existing.isSymbolicLink();
  const dir = path.dirname(target);
  const temp = direct ? target : path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, direct ? 'w' : 'wx');
  try {
    let batch = '';
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= BATCH_CHARS) {
        await handle.write(batch);
        batch = '';
      }
    }
    if (batch) await handle.write(batch);
    await handle.close();
    if (!direct) await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (!direct) await rm(temp, { force: true });
    throw error;
  }
}

/** Writes pieces to a stream (stdout), waiting when it is full. */
export async function writeChunksToStream(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let batch = '';
  const flush = (text: string) =>
    new Promise<void>((resolve, reject) => {
      stream.write(text, (e) => (e ? reject(e) : resolve()));
    });
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH_CHARS) {
      await flush(batch);
      batch = '';
    }
  }
  if (batch) await flush(batch);
}
