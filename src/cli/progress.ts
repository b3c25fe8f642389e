import type { Progress } from '../engine/scanner.js';

/**
 * A one-line progress display for a terminal: redrawn at most 5 times a second, erased at the
 * end. It shows counts and throughput only, never a file's content.
 */
export function terminalProgress(stream: NodeJS.WriteStream): { update: (p: Progress) => void; done: () => void } {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200 && p.done < p.total) return;
      last = now;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const mbps = p.bytes / 1024 / 1024 / seconds;
      stream.write(`\r\x1b[2KScanning: ${p.done}/${p.total} files, ${mbps.toFixed(1)} MB/s, ${p.errors} errors`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
