import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../detectors/categories.js';
import type { EntityType } from '../detectors/types.js';
import type { FileReport, FindingReport, Risk, ScanReport } from '../report/types.js';
import { fingerprintOf } from './baseline.js';
import { applyGate, failsAt } from './gate.js';

function finding(type: EntityType, value: string, masked: string, category: CategoryId): FindingReport {
  return {
    type, start: 0, end: value.length, page: null, location: { line: 1, column: 0 }, score: 1, validated: true,
    personalData: true, masked, value, category, detector: type, explanation: { pattern: 'test', validation: 'passed' },
  };
}

function file(path: string, risk: Risk, categories: CategoryId[], findings: FindingReport[]): FileReport {
  return { path, size: 1, mtime: '', sha256: null, format: 'html', encoding: 'utf-8', status: 'ok', categories, risk, findings };
}

function report(files: FileReport[]): ScanReport {
  return {
    tool: { name: 'pdnscan', version: '0' }, startedAt: '', finishedAt: '', roots: ['https://s.example/'], files,
    summary: { files: 0, filesWithPersonalData: 0, errors: 0, skipped: 0, byType: {}, byRisk: { none: 0, low: 0, medium: 0, high: 0, special: 0 }, byCategory: {} },
  };
}

const CONTACTS = 'https://s.example/contacts.html';
const STAFF = 'https://s.example/staff/';
const directorPhone = finding('PHONE_NUMBER', '+7 (495) 123-45-67', '+7 (4**) ***-**-67', 'phone');
const snils = finding('RU_SNILS', '112-233-445 95', '***-***-*** 95', 'snils');
const site = () =>
  report([
    file(CONTACTS, 'low', ['phone'], [directorPhone]),
    file(STAFF, 'medium', ['phone', 'snils'], [{ ...directorPhone }, snils]),
  ]);
const byPath = (f: FileReport) => f.path;

describe('failsAt', () => {
  it('ranks special above high', () => {
    expect(failsAt('special', 'high')).toBe(true);
    expect(failsAt('high', 'high')).toBe(true);
    expect(failsAt('medium', 'high')).toBe(false);
    expect(failsAt('none', 'low')).toBe(false);
    expect(failsAt('low', 'low')).toBe(true);
  });
});

describe('applyGate', () => {
  it('fails every file at or above the level, and masks values', () => {
    const gate = applyGate(site(), { failOn: 'low', reveal: false, locationOf: byPath });
    expect(gate.failing.map((f) => f.path)).toEqual([CONTACTS, STAFF]);
    expect(JSON.stringify(gate.report)).not.toContain('123-45-67');
    expect(JSON.stringify(gate.report)).not.toContain('"value"');
    expect(gate.report.summary.filesWithPersonalData).toBe(2);
    expect(applyGate(site(), { failOn: 'medium', reveal: false, locationOf: byPath }).failing.map((f) => f.path)).toEqual([STAFF]);
  });

  it('keeps values when revealing', () => {
    const gate = applyGate(site(), { failOn: 'low', reveal: true, locationOf: byPath });
    expect(gate.report.files[1]!.findings[1]!.value).toBe('112-233-445 95');
  });

  it('an accepted finding is taken out, and its file judged again without it', () => {
    const accepted = new Set([fingerprintOf(CONTACTS, 'PHONE_NUMBER', '+7 (495) 123-45-67')]);
    const gate = applyGate(site(), { failOn: 'low', reveal: false, accepted, locationOf: byPath });
    expect(gate.accepted).toBe(1);
    const [contacts, staff] = gate.report.files;
    expect(contacts).toMatchObject({ risk: 'none', categories: [], findings: [] });
    // The same phone on the staff page was not accepted: that page still fails as before.
    expect(staff).toMatchObject({ risk: 'medium', categories: ['phone', 'snils'] });
    expect(gate.failing.map((f) => f.path)).toEqual([STAFF]);
    expect(gate.report.summary.filesWithPersonalData).toBe(1);
  });

  it('a file with some findings accepted drops to the risk of the rest, keeping keyword categories', () => {
    const accepted = new Set([fingerprintOf(STAFF, 'PHONE_NUMBER', '+7 (495) 123-45-67')]);
    const withKeyword = report([file(STAFF, 'high', ['employment_records', 'phone', 'snils'], [directorPhone, snils])]);
    const gate = applyGate(withKeyword, { failOn: 'low', reveal: false, accepted, locationOf: byPath });
    expect(gate.report.files[0]).toMatchObject({ risk: 'medium', categories: ['employment_records', 'snils'] });
  });

  it('lists every finding for a new baseline, with masked values only', () => {
    const gate = applyGate(site(), { failOn: 'low', reveal: false, locationOf: byPath });
    expect(gate.entries.map((e) => [e.location, e.type, e.masked])).toEqual([
      [CONTACTS, 'PHONE_NUMBER', '+7 (4**) ***-**-67'],
      [STAFF, 'PHONE_NUMBER', '+7 (4**) ***-**-67'],
      [STAFF, 'RU_SNILS', '***-***-*** 95'],
    ]);
    expect(JSON.stringify(gate.entries)).not.toContain('445');
  });
});
