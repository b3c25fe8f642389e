#!/usr/bin/env node
// bench/scale.mjs — bounded memory and incremental rescans
// =========================================================
//
// Run:    npm run bench:scale            (builds dist/ first)
//         node bench/scale.mjs [--log-mb 2048] [--files 20000] [--only log|tree]
//
// What it measures (each figure next to its reference, measured in the same run):
//   1. A big log (default 2 GB of Russian log lines with sparse personal data, seeded): pdnscan
//      reads it in chunks; time, MB/s and peak RSS of the whole process (VmHWM from /proc, polled),
//      against `wc -l` over the same file as the "just read the bytes" reference.
//   2. A tree of small files (default 20,000 files, ~2 KB each): the first scan with --db, then a
//      rescan of the unchanged tree with the same --db; the ratio first/rescan (target ≥ 20×) and
//      the peak RSS of both (target < 500 MB).
// Inputs are generated once into bench/.work (git-ignored) and reused while their parameters match.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, fmtPhone, fmtSnils, genEmail, genInnPerson, genPhone, genSnilsDigits, PHONE_STYLES } from '../scripts/lib/identifiers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'bench/.work');
const BIN = path.join(ROOT, 'bin/pdnscan.js');

function parseArgs(argv) {
  const o = { logMb: 2048, files: 20000, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--log-mb') o.logMb = Number(argv[++i]);
    else if (a === '--files') o.files = Number(argv[++i]);
    else if (a === '--only') o.only = argv[++i];
    else throw new Error(`unknown argument: ${a}`);
  }
  return o;
}

const PEOPLE = [
  { last: 'Иванов', first: 'Сергей', middle: 'Петрович' }, { last: 'Смирнова', first: 'Анна', middle: 'Игоревна' },
  { last: 'Кузнецов', first: 'Олег', middle: 'Викторович' }, { last: 'Попова', first: 'Мария', middle: 'Андреевна' },
];

function logLine(rng, i) {
  const ts = `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`;
  const r = rng.next();
  if (r < 0.002) return `${ts} INFO запрос ${i}: клиент СНИЛС ${fmtSnils(genSnilsDigits(rng), 'dash')}, тел. ${fmtPhone(genPhone(rng, 'mobile'), rng.pick(PHONE_STYLES))}`;
  if (r < 0.004) return `${ts} INFO запрос ${i}: e-mail ${genEmail(rng, rng.pick(PEOPLE))}, ИНН ${genInnPerson(rng)}`;
  return `${ts} ${rng.pick(['INFO', 'INFO', 'DEBUG', 'WARN'])} запрос ${i} обработан за ${rng.int(1, 900)} мс, статус ${rng.pick([200, 200, 204, 304, 404, 500])}, узел app-${rng.int(1, 9)}`;
}

async function ensureLog(mb) {
  const file = path.join(WORK, `big-${mb}mb.log`);
  if (existsSync(file) && statSync(file).size >= mb * 1024 * 1024) return file;
  mkdirSync(WORK, { recursive: true });
  console.log(`log: generating ${mb} MB into ${path.relative(ROOT, file)} …`);
  const rng = new Rng(20261129);
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; ) {
    const lines = [];
    for (let k = 0; k < 2000; k++, i++) lines.push(logLine(rng, i));
    const chunk = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return file;
}

function ensureTree(files) {
  const dir = path.join(WORK, `tree-${files}`);
  const stamp = path.join(dir, '.complete');
  if (existsSync(stamp)) return dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`tree: generating ${files} files into ${path.relative(ROOT, dir)} …`);
  const rng = new Rng(20261130);
  for (let n = 0; n < files; n++) {
    const sub = path.join(dir, `d${String(n % 100).padStart(2, '0')}`);
    if (n < 100) mkdirSync(sub, { recursive: true });
    const lines = Array.from({ length: 20 }, (_, k) => logLine(rng, n * 20 + k));
    writeFileSync(path.join(sub, `note-${String(n).padStart(5, '0')}.txt`), lines.join('\n') + '\n');
  }
  writeFileSync(stamp, '');
  return dir;
}

/** Runs a command; returns seconds and the peak RSS (MB) of the process, polled from /proc. */
function measure(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        /* the process has ended */
      }
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} exited ${code}: ${stderr}`));
      else resolve({ seconds: (performance.now() - t0) / 1000, peakMb: peakKb / 1024 });
    });
  });
}

function table(rows) {
  const header = ['run', 'seconds', 'MB/s', 'peak RSS MB', 'reference'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 || i === 4 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  console.log(`machine: ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
  const rows = [];
  if (o.only !== 'tree') {
    const log = await ensureLog(o.logMb);
    const mb = statSync(log).size / 1048576;
    const wc = await measure('wc', ['-l', log]);
    const scan = await measure(process.execPath, [BIN, 'scan', log, '--format', 'json', '--out', path.join(WORK, 'report-log.json'), '--quiet']);
    rows.push([`pdnscan scan ${mb.toFixed(0)} MB log`, scan.seconds.toFixed(1), (mb / scan.seconds).toFixed(1), scan.peakMb.toFixed(0), `wc -l: ${wc.seconds.toFixed(1)} s (${(mb / wc.seconds).toFixed(0)} MB/s)`]);
    const report = JSON.parse(readFileSync(path.join(WORK, 'report-log.json'), 'utf8'));
    console.log(`log: ${report.files[0].findings.length} findings; ${report.files[0].warnings?.join('; ') ?? ''}`);
  }
  if (o.only !== 'log') {
    const tree = ensureTree(o.files);
    const db = path.join(WORK, `tree-${o.files}.sqlite`);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const treeMb = (o.files * 2000) / 1048576;
    const first = await measure(process.execPath, [BIN, 'scan', tree, '--db', db, '--format', 'json', '--out', path.join(WORK, 'report-tree-1.json'), '--quiet']);
    const again = await measure(process.execPath, [BIN, 'scan', tree, '--db', db, '--format', 'json', '--out', path.join(WORK, 'report-tree-2.json'), '--quiet']);
    rows.push([`first scan, ${o.files} files, --db`, first.seconds.toFixed(1), (treeMb / first.seconds).toFixed(1), first.peakMb.toFixed(0), '']);
    rows.push([`rescan, unchanged, --db`, again.seconds.toFixed(1), '', again.peakMb.toFixed(0), `${(first.seconds / again.seconds).toFixed(1)}× faster than the first scan`]);
  }
  console.log('');
  table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
