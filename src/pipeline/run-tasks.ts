/**
 * Runs one task per file: in this thread for small runs (a pool costs more than it saves), else
 * on a piscina pool over worker.ts. Results come back by index whatever the scheduling; a worker
 * that dies fails its task, never the run.
 */
import { Piscina } from 'piscina';
import { setOcrWorkers, shutdownOcr } from '../ocr/recognizer.js';

/** Below this many tasks a pool costs more (thread start, module load) than it saves. */
export const MIN_TASKS_FOR_POOL = 4;

export interface RunTasksOptions<T, R> {
  /** Named export of worker.ts that runs one task. */
  name: string;
  /** The same function, for running in this thread. */
  local: (task: T) => Promise<R>;
  jobs: number;
  /** The result for a task whose worker died. */
  onWorkerFailure: (task: T, reason: string) => R;
  onResult?: (index: number, result: R) => void;
}

export async function runTasks<T, R>(tasks: readonly T[], options: RunTasksOptions<T, R>): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  const record = (index: number, result: R) => {
    results[index] = result;
    options.onResult?.(index, result);
  };
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  if (jobs <= 1 || tasks.length < MIN_TASKS_FOR_POOL) {
    try {
      setOcrWorkers(options.jobs);
      for (let i = 0; i < tasks.length; i++) record(i, await options.local(tasks[i]!));
    } finally {
      await shutdownOcr();
    }
    return results;
  }
  const pool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    maxQueue: 'auto',
  });
  try {
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (next < tasks.length) {
        const index = next++;
        const task = tasks[index]!;
        let result: R;
        try {
          result = (await pool.run(task, { name: options.name })) as R;
        } catch (error) {
          result = options.onWorkerFailure(task, workerFailure(error));
        }
        record(index, result);
      }
    };
    await Promise.all(Array.from({ length: jobs * 2 }, runOne));
  } finally {
    await pool.destroy();
  }
  return results;
}

/** A worker that died (out of memory, crash) fails its file, never the run. */
export function workerFailure(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'worker ran out of memory on this file';
  return `worker failed on this file (${code ?? (error instanceof Error ? error.name : 'unknown error')})`;
}
