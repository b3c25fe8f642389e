/**
 * Piscina worker module. Each pool thread imports it once, so detectors compile once per thread;
 * named exports are the tasks (`pool.run(task, { name: 'scanFile' })`).
 */
import type { MessagePort } from 'node:worker_threads';
import { detectorsFor, scanFile as scan } from './scan-file.js';
import type { FileTask } from './task.js';
import type { FileReport } from '../report/types.js';
import { redactFile as redact, type RedactTask } from '../redact/redact-file.js';
import type { FileRedaction } from '../redact/result.js';

/** A task that carries a port is told when its file starts: a per-file time limit counts from then. */
export interface TimedTask {
  started?: MessagePort;
}

export async function scanFile(task: FileTask & TimedTask): Promise<FileReport> {
  if (task.started) {
    // The thread's one-time set-up (dictionaries, detector compile) is not the file's time.
    await detectorsFor(task.options);
    task.started.postMessage('started');
    task.started.close();
  }
  return scan(task);
}

export function redactFile(task: RedactTask): Promise<FileRedaction> {
  return redact(task);
}

export default scanFile;
