/**
 * End to end over the address fixtures: the real CLI (bin/pdnscan.js → dist/, so `npm run build`
 * first) scans fixtures/documents/addresses and its findings are compared with the generator's
 * ground truth (fixtures/documents/addresses.truth.json, written by scripts/fixtures/addresses.mjs).
 *
 * Overlap match: a planted address counts as found when a finding of the right type covers at
 * least half of its characters; a finding counts as correct when it covers at least half of a
 * planted address of its type. Precision, recall and F1 of ADDRESS (target F1 ≥ 0.85) are printed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = 'fixtures/documents/addresses';

interface TruthAddress {
  type: 'ADDRESS' | 'ORG_ADDRESS';
  value: string;
  start: number;
  end: number;
}
interface Finding {
  type: string;
  start: number;
  end: number;
  value?: string;
  personalData?: boolean;
  facts?: Record<string, string>;
}
interface FileReport {
  path: string;
  status: string;
  findings: Finding[];
}

const TRUTH = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/addresses.truth.json'), 'utf8')) as {
  files: Record<string, { addresses: TruthAddress[] }>;
};

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const covers = (f: Finding, t: TruthAddress) => overlap(f, t) >= 0.5 * (t.end - t.start);

interface Score {
  truth: number;
  found: number;
  findings: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  misses: string[];
  falsePositives: string[];
}

function score(type: TruthAddress['type'], files: Map<string, FileReport>): Score {
  let truth = 0;
  let found = 0;
  let findings = 0;
  let correct = 0;
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const [name, t] of Object.entries(TRUTH.files)) {
    const planted = t.addresses.filter((a) => a.type === type);
    const reported = (files.get(name)?.findings ?? []).filter((f) => f.type === type);
    truth += planted.length;
    for (const a of planted) {
      if (reported.some((f) => covers(f, a))) found++;
      else misses.push(`${name}: ${JSON.stringify(a.value)}`);
    }
    findings += reported.length;
    for (const f of reported) {
      if (planted.some((a) => covers(f, a))) correct++;
      else falsePositives.push(`${name}: ${JSON.stringify(f.value)}`);
    }
  }
  const precision = findings ? correct / findings : 1;
  const recall = truth ? found / truth : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truth, found, findings, correct, precision, recall, f1, misses, falsePositives };
}

const pct = (x: number) => x.toFixed(3);

let byName: Map<string, FileReport>;

beforeAll(() => {
  const r = spawnSync(process.execPath, ['bin/pdnscan.js', 'scan', DIR, '--format', 'json', '--reveal'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  expect(r.status, r.stderr).toBe(1); // personal data found
  const report = JSON.parse(r.stdout) as { files: FileReport[] };
  byName = new Map(report.files.map((f) => [path.basename(f.path), f]));
});

describe('addresses fixtures (CLI end to end)', () => {
  it('scans every fixture file', () => {
    for (const name of Object.keys(TRUTH.files)) expect(byName.get(name)?.status, name).toBe('ok');
  });

  it('ADDRESS: precision, recall and F1 ≥ 0.85 (overlap ≥ 50%)', () => {
    const s = score('ADDRESS', byName);
    console.log(
      `ADDRESS on ${DIR}: P=${pct(s.precision)} R=${pct(s.recall)} F1=${pct(s.f1)} ` +
        `(${s.found}/${s.truth} planted found, ${s.correct}/${s.findings} findings correct)` +
        (s.misses.length ? `\n  missed: ${s.misses.join('\n          ')}` : '') +
        (s.falsePositives.length ? `\n  false positives: ${s.falsePositives.join('\n                   ')}` : ''),
    );
    expect(s.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('ORG_ADDRESS: organisations’ addresses are reported as such, not as personal data', () => {
    const s = score('ORG_ADDRESS', byName);
    console.log(
      `ORG_ADDRESS on ${DIR}: P=${pct(s.precision)} R=${pct(s.recall)} F1=${pct(s.f1)} (${s.found}/${s.truth} found, ${s.correct}/${s.findings} correct)` +
        (s.misses.length ? `\n  missed: ${s.misses.join('\n          ')}` : '') +
        (s.falsePositives.length ? `\n  false positives: ${s.falsePositives.join('\n                   ')}` : ''),
    );
    expect(s.f1).toBeGreaterThanOrEqual(0.85);
    for (const f of [...byName.values()].flatMap((r) => r.findings).filter((x) => x.type === 'ORG_ADDRESS')) {
      expect(f.personalData).toBe(false);
    }
  });

  it('finds no address in the blank form and the legal prose', () => {
    for (const name of ['blank_form.txt', 'legal_prose.txt']) {
      const found = byName.get(name)!.findings.filter((f) => f.type === 'ADDRESS' || f.type === 'ORG_ADDRESS');
      expect(found.map((f) => f.value), name).toEqual([]);
    }
  });

  it('address findings carry their parts with --reveal', () => {
    const f = byName.get('hr_card_01.txt')!.findings.find((x) => x.type === 'ADDRESS');
    expect(f?.facts).toMatchObject({ street: expect.any(String), house: expect.any(String) });
  });
});
