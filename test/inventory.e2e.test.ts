/**
 * End to end: the inventory of the real CLI (bin/pdnscan.js → dist/, so `npm run build` first).
 * `scan --db` over a copy of the fixture corpus and over small trees made here, rescans, `report
 * --db`, `diff`, values kept out of the database, and a scan killed with SIGKILL then resumed.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CORPUS_ABS, ROOT, digitsOf, loadTruth, runCli, tempDir, type Report } from './helpers.js';

const SNILS = '112-233-445 95';
const FIXED_TIME = new Date('2024-03-01T10:00:00Z');
const OCR_IMAGE = path.join(ROOT, 'fixtures/documents/ocr/employee-card.jpg');

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run `npm run build` (npm test does)').toBe(true);
  tmp = tempDir('pdnscan-inventory-e2e-');
});
afterAll(() => tmp.cleanup());

/** A fresh folder under the test's temporary one. */
function folder(name: string): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes a file with a fixed whole-second mtime, which can be restored exactly later. */
function put(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, FIXED_TIME, FIXED_TIME);
}

function scanJson(args: string[], timeout = 60_000): Report {
  const r = runCli(['scan', ...args, '--format', 'json', '--quiet'], { timeout });
  expect([0, 1], r.stderr).toContain(r.status);
  return JSON.parse(r.stdout) as Report;
}

/** Reads the database read-only; `query` gets a connection that is closed after. */
function readDb<T>(file: string, query: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

interface RunRow {
  id: number;
  status: string;
  files: number;
  scanned: number;
  reused: number;
  gone: number;
}
const runsOf = (file: string) => readDb(file, (db) => db.prepare('SELECT id, status, files, scanned, reused, gone FROM runs ORDER BY id').all() as RunRow[]);
const withoutTimes = (report: Report) => ({ ...report, startedAt: '', finishedAt: '' });
const findingTypes = (report: Report, name: string) => report.files.find((f) => path.basename(f.path) === name)?.findings.map((x) => x.type) ?? [];

/** Every planted value of the corpus, and its digits when long enough to identify. */
const SECRETS = [...new Set(loadTruth().files.flatMap((t) => t.findings.flatMap((f) => [f.value, ...(digitsOf(f.value).length >= 6 ? [digitsOf(f.value)] : [])])))];
/** The bytes of the database and of its write-ahead log, where recent writes sit until a checkpoint. */
function databaseBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}
/** The planted values found in these bytes (UTF-8, as SQLite stores text) or this text. */
const leaked = (bytes: Buffer | string) => {
  const haystack = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return SECRETS.filter((s) => haystack.includes(Buffer.from(s, 'utf8')));
};

describe('scan --db over the fixture corpus', () => {
  let tree: string;
  let db: string;
  let first: Report;

  beforeAll(() => {
    tree = path.join(folder('corpus'), 'tree');
    cpSync(CORPUS_ABS, tree, { recursive: true });
    db = path.join(tmp.dir, 'corpus', 'inventory.sqlite');
    first = scanJson([tree, '--db', db]);
  });

  it('fills the inventory with one finished run and every file', () => {
    expect(runsOf(db)).toEqual([{ id: 1, status: 'finished', files: first.files.length, scanned: first.files.length, reused: 0, gone: 0 }]);
    const stored = readDb(db, (d) => d.prepare('SELECT count(*) AS n FROM files WHERE gone_run IS NULL').get() as { n: number });
    expect(stored.n).toBe(first.files.length);
  });

  it('report --db writes the scan’s own JSON without scanning, and exits 1 for the personal data in it', () => {
    const r = runCli(['report', '--db', db, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    expect(withoutTimes(JSON.parse(r.stdout) as Report)).toEqual(withoutTimes(first));
    for (const format of ['csv', 'ndjson', 'html', 'sarif', 'table']) {
      const out = path.join(tmp.dir, 'corpus', `report.${format}`);
      const written = runCli(['report', '--db', db, '--format', format, '--out', out, '--quiet']);
      expect(written.status, `${format}: ${written.stderr}`).toBe(1);
      expect(readFileSync(out, 'utf8').length, format).toBeGreaterThan(100);
    }
  });

  it('keeps no planted value in the database without --reveal', () => {
    expect(SECRETS.length).toBeGreaterThan(20);
    expect(leaked(databaseBytes(db))).toEqual([]);
  });

  it('keeps the values with --reveal (which scans again: the options differ), and report shows them only with --reveal', () => {
    const revealedDb = path.join(tmp.dir, 'corpus', 'revealed.sqlite');
    scanJson([tree, '--db', revealedDb, '--reveal']);
    expect(leaked(databaseBytes(revealedDb)).length).toBeGreaterThan(SECRETS.length / 2);
    expect(leaked(runCli(['report', '--db', revealedDb, '--format', 'json']).stdout)).toEqual([]);
    expect(leaked(runCli(['report', '--db', revealedDb, '--format', 'json', '--reveal']).stdout).length).toBeGreaterThan(0);
  });
});

describe('rescans', () => {
  let tree: string;
  let db: string;

  beforeAll(() => {
    const base = folder('rescans');
    tree = path.join(base, 'tree');
    db = path.join(base, 'inventory.sqlite');
    put(path.join(tree, 'hr/snils.txt'), `СНИЛС сотрудника: ${SNILS}\n`);
    put(path.join(tree, 'hr/plain.txt'), 'Совещание перенесено на четверг.\n');
    put(path.join(tree, 'hr/swap.txt'), 'Номер: 123-456-789 00\n');
    put(path.join(tree, 'finance/later.txt'), 'Счёт оплачен.\n');
    put(path.join(tree, 'finance/old.txt'), `Архив. СНИЛС ${SNILS}\n`);
  });

  it('a rescan of an unchanged tree reads no file', () => {
    const first = scanJson([tree, '--db', db]);
    // Rewrite a file with the same size and mtime: a reader would see the SNILS move.
    put(path.join(tree, 'hr/swap.txt'), `Номер: ${SNILS}\n`);
    put(path.join(tree, 'hr/snils.txt'), `СНИЛС сотрудника: 123-456-789 00\n`);
    const second = scanJson([tree, '--db', db]);
    expect(runsOf(db).at(-1)).toMatchObject({ status: 'finished', files: 5, scanned: 0, reused: 5 });
    expect(withoutTimes(second)).toEqual(withoutTimes(first));
    expect(findingTypes(second, 'snils.txt')).toContain('RU_SNILS');
    expect(findingTypes(second, 'swap.txt')).not.toContain('RU_SNILS');
  });

  it('--verify-hash reads the files that look unchanged and rescans those whose content differs', () => {
    const verified = scanJson([tree, '--db', db, '--verify-hash']);
    expect(runsOf(db).at(-1)).toMatchObject({ files: 5, scanned: 2, reused: 3 });
    expect(findingTypes(verified, 'swap.txt')).toContain('RU_SNILS');
    expect(findingTypes(verified, 'snils.txt')).not.toContain('RU_SNILS');
  });

  it('rescans a changed file, marks a deleted one gone, and diff lists both', () => {
    writeFileSync(path.join(tree, 'finance/later.txt'), `Счёт оплачен. СНИЛС получателя ${SNILS}\n`);
    rmSync(path.join(tree, 'finance/old.txt'));
    const report = scanJson([tree, '--db', db]);
    expect(runsOf(db).at(-1)).toMatchObject({ status: 'finished', files: 4, scanned: 1, reused: 3, gone: 1 });
    expect(report.files.map((f) => path.basename(f.path))).not.toContain('old.txt');

    const diff = runCli(['diff', '--db', db, '--format', 'json']);
    expect(diff.status, diff.stderr).toBe(1);
    const changes = (JSON.parse(diff.stdout) as { changes: Array<{ kind: string; path: string; gainedTypes: string[] }> }).changes;
    expect(changes.map((c) => [c.kind, path.basename(c.path)])).toEqual([
      ['gained', 'later.txt'],
      ['gone', 'old.txt'],
    ]);
    expect(changes[0]!.gainedTypes).toEqual(['RU_SNILS']);
    const table = runCli(['diff', '--db', db]);
    expect(table.stdout).toMatch(/gained\s+\S*later\.txt\s+none → \w+\s+\+RU_SNILS/);
    expect(table.stdout).toMatch(/gone\s+\S*old\.txt/);

    // The same tree again: nothing changed between the last two runs.
    scanJson([tree, '--db', db]);
    const quiet = runCli(['diff', '--db', db]);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stdout).toContain('none');
    // --since compares an older run with the last one.
    const since = JSON.parse(runCli(['diff', '--db', db, '--since', '1', '--format', 'json']).stdout) as { summary: Record<string, number> };
    expect(since.summary).toMatchObject({ gained: 2, lost: 1, gone: 1 });
  });

  it('a rescan of one folder marks nothing outside it gone', () => {
    scanJson([path.join(tree, 'hr'), '--db', db]);
    expect(runsOf(db).at(-1)).toMatchObject({ files: 3, scanned: 0, reused: 3, gone: 0 });
    const report = JSON.parse(runCli(['report', '--db', db, '--format', 'json']).stdout) as Report;
    expect(report.files.map((f) => path.basename(f.path)).sort()).toEqual(['later.txt', 'plain.txt', 'snils.txt', 'swap.txt']);
  });

  it('options that change results force a rescan', () => {
    scanJson([tree, '--db', db, '--min-score', '0.9']);
    expect(runsOf(db).at(-1)).toMatchObject({ files: 4, scanned: 4, reused: 0 });
    scanJson([tree, '--db', db, '--min-score', '0.9', '--jobs', '1']);
    expect(runsOf(db).at(-1)).toMatchObject({ files: 4, scanned: 0, reused: 4 });
  });
});

describe('usage errors', () => {
  it('exit 2 with a reason', () => {
    const missing = runCli(['report', '--db', path.join(tmp.dir, 'nothing.sqlite')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no inventory at');
    const noDb = runCli(['scan', path.join(ROOT, 'fixtures/corpus/misc'), '--verify-hash', '--quiet']);
    expect(noDb.status).toBe(2);
    expect(noDb.stderr).toContain('--verify-hash needs --db');
    const notInventory = path.join(folder('usage'), 'notes.txt');
    writeFileSync(notInventory, 'plain text, not a database\n'.repeat(40));
    const bad = runCli(['diff', '--db', notInventory]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/pdnscan: .*not a pdnscan inventory/);
  });
});

describe('a scan killed with SIGKILL', () => {
  it('resumes: the next run completes, reuses what the killed one recorded, and the database is intact', async () => {
    const base = folder('killed');
    const tree = path.join(base, 'tree');
    const db = path.join(base, 'inventory.sqlite');
    const SMALL = 400;
    for (let i = 0; i < SMALL; i++) {
      const text = i % 10 === 0 ? `Сотрудник №${i}. СНИЛС ${SNILS}\n` : `Строка отчёта №${i}.\n`;
      put(path.join(tree, `a/${String(i % 8)}/file-${String(i).padStart(3, '0')}.txt`), text);
    }
    // Walked last and slow on purpose (OCR of a photo takes seconds): the kill lands while they run.
    const SLOW = 4;
    for (let k = 1; k <= SLOW; k++) cpSync(OCR_IMAGE, path.join(tree, `z/slow-${k}.jpg`));
    const total = SMALL + SLOW;
    const args = [BIN, 'scan', tree, '--db', db, '--quiet', '--jobs', '2', '--format', 'json'];

    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let exitedEarly: number | null | undefined;
    void exited.then((code) => (exitedEarly = code));

    // Poll the database read-only until the run has recorded a good part of the small files.
    const recorded = () => {
      if (!existsSync(db)) return 0;
      try {
        return readDb(db, (d) => (d.prepare('SELECT count(*) AS n FROM files WHERE scanned_run = 1').get() as { n: number }).n);
      } catch {
        return 0; // the schema is still being created
      }
    };
    while (recorded() < 100) {
      if (exitedEarly !== undefined) throw new Error(`the scan ended before it could be killed (exit ${exitedEarly}): ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGKILL');
    await exited;

    const finishedBefore = readDb(db, (d) => (d.prepare('SELECT real_path AS p FROM files WHERE scanned_run = 1').all() as Array<{ p: string }>).map((r) => r.p));
    expect(finishedBefore.length).toBeGreaterThanOrEqual(100);
    expect(finishedBefore.length, 'the kill came after the last file').toBeLessThan(total);
    expect(runsOf(db)).toMatchObject([{ id: 1, status: 'running' }]);
    // The log the killed writer left behind holds masks only, like the database.
    expect(existsSync(`${db}-wal`)).toBe(true);
    const bytes = databaseBytes(db);
    expect(bytes.length).toBeGreaterThan(0);
    expect([SNILS, digitsOf(SNILS)].filter((v) => bytes.includes(Buffer.from(v)))).toEqual([]);

    const again = runCli(args.slice(1), { timeout: 80_000 });
    expect(again.status, again.stderr).toBe(1);
    const report = JSON.parse(again.stdout) as Report;
    expect(report.files).toHaveLength(total);
    expect(new Set(report.files.map((f) => f.path)).size).toBe(total);
    expect(report.files.filter((f) => f.status !== 'ok')).toEqual([]);

    const runs = runsOf(db);
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'finished']);
    expect(runs[1]!.reused).toBeGreaterThanOrEqual(finishedBefore.length);
    expect(runs[1]!.scanned + runs[1]!.reused).toBe(total);
    readDb(db, (d) => {
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(d.pragma('foreign_key_check')).toEqual([]);
      const files = d.prepare('SELECT real_path AS p, scanned_run AS scannedRun, gone_run AS goneRun FROM files').all() as Array<{ p: string; scannedRun: number; goneRun: number | null }>;
      expect(files).toHaveLength(total);
      expect(files.filter((f) => f.goneRun !== null)).toEqual([]);
      const byPath = new Map(files.map((f) => [f.p, f]));
      expect(byPath.size).toBe(total);
      expect([...byPath.keys()].every((p) => p.startsWith(realpathSync(tree)))).toBe(true);
      // Not read again: still recorded as scanned by the killed run.
      expect(finishedBefore.filter((p) => byPath.get(p)!.scannedRun !== 1)).toEqual([]);
    });
  }, 90_000);
});
