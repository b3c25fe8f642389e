/**
 * Piscina worker module. Each pool thread imports it once, so detectors compile once per thread;
 * named exports are the tasks (`pool.run(task, { name: 'scanFile' })`).
 */
import { scanFile as scan } from './scan-file.js';
import type { FileTask } from './task.js';
import type { FileReport } from '../report/types.js';

export function scanFile(task: FileTask): Promise<FileReport> {
  return scan(task);
}

export default scanFile;
