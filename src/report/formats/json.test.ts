import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../engine/scanner.js';
import type { FileReport, ScanReport } from '../types.js';
import { jsonChunks, renderJson } from './json.js';

describe('json report in pieces', () => {
  it('is byte for byte JSON.stringify(report, null, 2) on a real scan', async () => {
    const report = await scanPaths(['fixtures/corpus'], { reveal: false, jobs: 1 });
    expect(report.files.length).toBeGreaterThan(20);
    expect(renderJson(report)).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('streams a file with many findings one finding at a time, still as JSON.stringify lays it out', async () => {
    const report = await scanPaths(['fixtures/corpus/staff'], { reveal: false, jobs: 1 });
    const big: FileReport = { ...report.files[0]!, findings: Array.from({ length: 500 }, (_, i) => ({ ...report.files[0]!.findings[i % report.files[0]!.findings.length]!, start: i })) };
    const many: ScanReport = { ...report, files: [big] };
    const pieces = [...jsonChunks(many)];
    expect(pieces.join('')).toBe(JSON.stringify(many, null, 2) + '\n');
    // No piece holds the whole file: its findings came one by one.
    expect(pieces.length).toBeGreaterThan(500);
    expect(pieces.every((p) => p.length < JSON.stringify(big, null, 2).length / 50)).toBe(true);
  });

  it('lays out an empty report like JSON.stringify', () => {
    const empty: ScanReport = { tool: { name: 'pdnscan', version: '0' }, startedAt: 'a', finishedAt: 'b', roots: [], summary: { files: 0, filesWithPersonalData: 0, errors: 0, skipped: 0, byType: {}, byRisk: { none: 0, low: 0, medium: 0, high: 0, special: 0 }, byCategory: {} }, files: [] };
    expect(renderJson(empty)).toBe(JSON.stringify(empty, null, 2) + '\n');
  });
});
