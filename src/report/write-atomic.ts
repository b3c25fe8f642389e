import { randomBytes } from 'node:crypto';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
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
