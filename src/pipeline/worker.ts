/**
 * Piscina worker module. Each pool thread imports it once, so detectors compile once per thread;
 * named exports are the tasks (`pool.run(task, { name: 'scanFile' })`).
 */
import { scanFile as scan } from './scan-file.js';
import type { FileTask } from './task.js';
import type { FileReport } from '../report/types.js';
import { redactFile as redact, type RedactTask } from '../redact/redact-file.js';
import type { FileRedaction } from '../redact/result.js';

export function scanFile(task: FileTask): Promise<FileReport> {
  return scan(task);
}

export function redactFile(task: RedactTask): Promise<FileRedaction> {
  return redact(task);
}

export default scanFile;
