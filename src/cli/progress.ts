import type { Progress } from '../engine/scanner.js';

/**
 * A one-line progress display for a terminal: redrawn at most 5 times a second, erased at the
 * end. It shows counts, throughput and an estimate only, never a file's content or name.
 */
export function terminalProgress(stream: NodeJS.WriteStream): { update: (p: Progress) => void; done: () => void } {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200 && !(p.walked && p.done === p.total)) return;
      last = now;
      stream.write(`\r\x1b[2K${progressLine(p, (now - started) / 1000)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

/** "Scanning: 120/400 files, 12.3 MB/s, ETA 1m20s, 2 errors" (ETA once the walk is over). */
export function progressLine(p: Progress, seconds: number): string {
  const elapsed = Math.max(0.001, seconds);
  const mbps = p.bytes / 1024 / 1024 / elapsed;
  const parts = [`Scanning: ${p.done}/${p.total}${p.walked ? '' : '+'} files`, `${mbps.toFixed(1)} MB/s`];
  if (p.walked && p.bytes > 0 && p.done < p.total) parts.push(`ETA ${formatDuration(((p.totalBytes - p.bytes) / p.bytes) * elapsed)}`);
  if (p.reused) parts.push(`${p.reused} unchanged`);
  parts.push(`${p.errors} error${p.errors === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
