import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine } from './progress.js';

const base = { done: 0, total: 0, walked: false, bytes: 0, totalBytes: 0, errors: 0, reused: 0 };

describe('progressLine', () => {
  it('shows a growing total while walking and no estimate yet', () => {
    expect(progressLine({ ...base, done: 5, total: 40, bytes: 10 * 1024 * 1024, totalBytes: 80 * 1024 * 1024 }, 2)).toBe('Scanning: 5/40+ files, 5.0 MB/s, 0 errors');
  });

  it('estimates the time left from bytes once the walk is over', () => {
    const p = { ...base, done: 10, total: 40, walked: true, bytes: 25 * 1024 * 1024, totalBytes: 100 * 1024 * 1024, errors: 1, reused: 3 };
    expect(progressLine(p, 10)).toBe('Scanning: 10/40 files, 2.5 MB/s, ETA 30s, 3 unchanged, 1 error');
  });

  it('formats durations', () => {
    expect([formatDuration(59.4), formatDuration(61), formatDuration(3725)]).toEqual(['59s', '1m01s', '1h02m']);
  });
});
