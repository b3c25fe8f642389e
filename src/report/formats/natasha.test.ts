import { describe, expect, it } from 'vitest';
import { renderReport } from '../index.js';
import type { FileReport, FindingReport, ScanReport } from '../types.js';
import { maskSpans, natashaLine } from './natasha.js';

function finding(type: FindingReport['type'], start: number, end: number): FindingReport {
  return {
    type,
    start,
    end,
    page: null,
    location: { line: 1, column: start },
    score: 0.9,
    validated: true,
    personalData: type !== 'ORG',
    masked: '***',
    category: 'full_name',
    detector: 'test',
    explanation: { pattern: 'test', validation: 'passed' },
  };
}

const TEXT = 'Иванова Мария Петровна, тел. +7 916 123-45-67, ООО «Ромашка», г. Тамбов, ул. Советская, д. 5';
function at(type: FindingReport['type'], value: string): FindingReport {
  const start = TEXT.indexOf(value);
  return finding(type, start, start + value.length);
}
const file: FileReport = {
  path: 'a.txt',
  size: 0,
  mtime: '',
  sha256: null,
  format: 'txt',
  encoding: 'utf-8',
  status: 'ok',
  categories: [],
  risk: 'high',
  findings: [
    at('PERSON', 'Иванова Мария Петровна'),
    at('PHONE_NUMBER', '+7 916 123-45-67'),
    at('ORG', 'ООО «Ромашка»'),
    at('ADDRESS', 'г. Тамбов, ул. Советская, д. 5'),
  ],
  text: TEXT,
};
const report: ScanReport = {
  tool: { name: 'pdnscan', version: '0.0.0' },
  startedAt: '',
  finishedAt: '',
  roots: ['.'],
  // Only the files matter to this format.
  summary: { files: 1, filesWithPersonalData: 1, errors: 0, skipped: 0, byType: {} } as unknown as ScanReport['summary'],
  files: [file],
};

describe('natasha format', () => {
  it('maps PERSON → PER, ADDRESS/ORG_ADDRESS → LOC, ORG → ORG and leaves other types out of the spans', () => {
    const line = natashaLine(file, true);
    expect(line.spans.map((s) => s.type)).toEqual(['PER', 'ORG', 'LOC']);
    expect(line.spans.map((s) => line.text.slice(s.start, s.stop))).toEqual(['Иванова Мария Петровна', 'ООО «Ромашка»', 'г. Тамбов, ул. Советская, д. 5']);
  });

  it('masks every finding (phones too) with "*" unless revealed, keeping offsets', () => {
    const line = natashaLine(file, false);
    expect(line.text).toHaveLength(TEXT.length);
    expect(line.text).not.toContain('Иванова');
    expect(line.text).not.toContain('916');
    expect(line.text.slice(0, 22)).toBe('*'.repeat(22));
    expect(line.text.slice(22, 29)).toBe(', тел. ');
    expect(line.text).toContain('*'.repeat('+7 916 123-45-67'.length));
  });

  it('renders one JSON line per file, with an empty text for a file that was not read', () => {
    const failed: FileReport = { ...file, path: 'b.pdf', status: 'error', error: 'encrypted', findings: [] };
    delete failed.text;
    const out = renderReport({ ...report, files: [file, failed] }, 'natasha', false).trim().split('\n');
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[1]!)).toEqual({ path: 'b.pdf', text: '', spans: [] });
  });

  it('counts offsets in code points, as Python does, when the text has characters outside the BMP', () => {
    const text = '😀 Иванов Иван';
    const line = natashaLine({ ...file, text, findings: [finding('PERSON', 3, 14)] }, true);
    expect(line.spans).toEqual([{ start: 2, stop: 13, type: 'PER' }]);
    expect([...line.text].slice(2, 13).join('')).toBe('Иванов Иван');
  });

  it('never lets another format print the document text', () => {
    for (const format of ['json', 'ndjson', 'csv', 'table'] as const) {
      expect(renderReport(report, format, true), format).not.toContain('Иванова Мария Петровна, тел.');
    }
  });

  it('maskSpans merges overlapping ranges and ignores empty ones', () => {
    expect(maskSpans('abcdef', [{ start: 1, end: 3 }, { start: 2, end: 4 }, { start: 5, end: 5 }])).toBe('a***ef');
  });
});
