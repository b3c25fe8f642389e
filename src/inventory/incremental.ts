/**
 * The reuse decision: may a walked file's report come from the inventory instead of a scan?
 * Only when the inventory's record of it is current (not gone), was made with the same
 * result-changing options, did not end in an error (errors are often passing: a locked file, a
 * timeout), and the file's size and modification time are exactly those recorded. With
 * --verify-hash the content is also hashed and compared, which catches a file rewritten with its
 * old mtime restored (cp -p, rsync, archive extraction) at the cost of reading every file — still
 * far cheaper than extracting and scanning it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { StoredFile } from './store.js';

export type ScanReason = 'new' | 'returned' | 'options' | 'error' | 'changed' | 'content';

export type ReuseDecision = { reuse: true; verify: boolean } | { reuse: false; reason: ScanReason };

export interface Seen {
  size?: number;
  mtimeMs?: number;
}

export function reuseDecision(stored: StoredFile | undefined, seen: Seen, fingerprint: string, verifyHash: boolean): ReuseDecision {
  if (!stored) return { reuse: false, reason: 'new' };
  if (stored.goneRun !== null) return { reuse: false, reason: 'returned' };
  if (stored.fingerprint !== fingerprint) return { reuse: false, reason: 'options' };
  if (stored.status === 'error') return { reuse: false, reason: 'error' };
  if (seen.size === undefined || seen.mtimeMs === undefined || stored.size !== seen.size || stored.mtimeMs !== seen.mtimeMs) {
    return { reuse: false, reason: 'changed' };
  }
  // A file skipped for its size was never read, so there is no hash to compare with.
  return { reuse: true, verify: verifyHash && stored.sha256 !== null };
}

/** SHA-256 of a file, streamed; undefined when it cannot be read (the scan will report why). */
export async function fileSha256(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}
