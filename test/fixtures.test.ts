/**
 * The committed corpus is exactly what scripts/generate-fixtures.mjs writes (fixed seeds), and the
 * ground truth is self-consistent. Needs no build.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_ABS, ROOT, decodeCorpusFile, loadTruth, tempDir } from './helpers.js';

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  }).sort();
}

describe('fixture generator', () => {
  let t: ReturnType<typeof tempDir>;
  let out: string;
  beforeAll(() => {
    t = tempDir('pdnscan-fixtures-');
    out = path.join(t.dir, 'corpus');
    const r = spawnSync(process.execPath, ['scripts/generate-fixtures.mjs', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('regenerates the committed corpus byte for byte', () => {
    const committed = listFiles(CORPUS_ABS);
    expect(listFiles(out)).toEqual(committed);
    const differ = committed.filter((p) => !readFileSync(path.join(out, p)).equals(readFileSync(path.join(CORPUS_ABS, p))));
    expect(differ).toEqual([]);
  });

  it('regenerates the committed truth file byte for byte', () => {
    expect(readFileSync(`${out}.truth.json`, 'utf8')).toBe(readFileSync(path.join(ROOT, 'fixtures/corpus.truth.json'), 'utf8'));
  });
});

describe('corpus truth', () => {
  const truth = loadTruth();

  it('describes every corpus file, and only those', () => {
    expect(truth.files.map((f) => f.path).sort()).toEqual(listFiles(CORPUS_ABS));
  });

  it('keeps the corpus small (< 200 KB)', () => {
    const total = listFiles(CORPUS_ABS).reduce((n, p) => n + statSync(path.join(CORPUS_ABS, p)).size, 0);
    expect(total).toBeLessThan(200 * 1024);
  });

  it('has every planted value in the decoded text of its file', () => {
    for (const f of truth.files.filter((x) => x.expectStatus === 'ok' && x.format !== 'html')) {
      const text = decodeCorpusFile(f);
      for (const v of [...f.findings, ...f.optional]) expect(text.includes(v.value), `${f.path}: ${v.value}`).toBe(true);
    }
  });

  it('plants nothing in blank templates and the seed copy', () => {
    for (const f of truth.files.filter((x) => x.path.startsWith('blank-') || x.path === 'seed-regulation.txt')) {
      expect(f.findings, f.path).toEqual([]);
      expect(f.personalData, f.path).toBe(false);
    }
  });

  it('covers every entity type', () => {
    const types = new Set(truth.files.flatMap((f) => f.findings.map((x) => x.type)));
    expect([...types].sort()).toEqual(['CREDIT_CARD', 'DATE_OF_BIRTH', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'RU_BANK_ACCOUNT',
      'RU_BIRTH_CERTIFICATE', 'RU_DRIVER_LICENSE', 'RU_FOREIGN_PASSPORT', 'RU_INN_ORG', 'RU_INN_PERSON', 'RU_MILITARY_ID',
      'RU_OGRN', 'RU_OGRNIP', 'RU_OMS_POLICY', 'RU_PASSPORT', 'RU_SNILS']);
  });
});
