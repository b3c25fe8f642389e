#!/usr/bin/env node
// bench/text-throughput.mjs — text throughput of pdnscan compared with ripgrep
// ==============================================================================
//
// Run:    npm run bench                 (builds dist/ first, then runs this script)
//         node bench/text-throughput.mjs [--mb 100] [--runs 1] [--regenerate]
//         env: PDNSCAN_BENCH_MB, PDNSCAN_BENCH_RUNS
//
// What it does
//   1. Generates (once; cached) a corpus of ~100 MB of mixed .txt / .csv / .html files of 100 KB–1 MB
//      each into bench/.work/corpus (git-ignored): realistic Russian filler text (sentences of the
//      seed regulation, fixtures/corpus/seed-regulation.txt, plus HR/office phrases with faker ru
//      names) with sparse personal data (about one value per 6 KB: СНИЛС, ИНН, паспорт, телефоны,
//      e-mail, даты рождения, карты, счета, ОГРН…). Values come from scripts/lib/identifiers.mjs,
//      the same generators as the test fixtures, so every checksum is valid. Generation is seeded
//      and deterministic; bench/.work/corpus.json records the parameters, and the corpus is reused
//      when they match (pass --regenerate to force).
//   2. Times pdnscan over the tree, with its default worker pool and with --jobs 1:
//        node bin/pdnscan.js scan bench/.work/corpus --format json --out <file> --quiet
//      The report goes to bench/.work/report-*.json rather than /dev/null: the CLI writes --out
//      atomically (temp file + rename), and renaming over /dev/null would replace the device node
//      when running as root. The report is also where the finding counts come from.
//   3. Times ripgrep (rg) with one invocation and an equivalent identifier regex set (passport,
//      SNILS, INN, OGRN/OGRNIP, cards/ОМС, accounts, phones, e-mails, dates), --count-matches,
//      with -j equal to pdnscan's job count. If rg is missing it tries `apt-get install -y ripgrep`
//      when running as root, otherwise prints how to install it and skips the rg rows.
//   4. Prints a table: tool, jobs, seconds, MB/s, findings, ratio pdnscan/rg (time, same jobs).
//
// rg only matches shapes (no checksums, no context, no decoding, no HTML/CSV parsing), so it is a
// lower bound on the cost of "reading the bytes and running regexes", not an equivalent scanner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakerRU as faker } from '@faker-js/faker';
import {
  BANKS, Rng, fmtAccountGroups, fmtDate, fmtGroups4, fmtPassport, fmtPhone, fmtSnils, genAccount, genCardDigits, genDate,
  genEmail, genInnOrg, genInnPerson, genOgrn, genOgrnip, genOmsDigits, genPassport, genPhone, genSnilsDigits, PHONE_STYLES,
} from '../scripts/lib/identifiers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'bench/.work');
const CORPUS = path.join(WORK, 'corpus');
const STAMP = path.join(WORK, 'corpus.json');
const GENERATOR_VERSION = 2;

// ───────────────────────────── options ─────────────────────────────

function parseArgs(argv) {
  const o = {
    mb: Number(process.env.PDNSCAN_BENCH_MB ?? 100),
    runs: Number(process.env.PDNSCAN_BENCH_RUNS ?? 1),
    regenerate: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mb') o.mb = Number(argv[++i]);
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--regenerate') o.regenerate = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/text-throughput.mjs [--mb N] [--runs N] [--regenerate]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!(o.mb > 0) || !(o.runs >= 1)) throw new Error('--mb and --runs must be positive');
  return o;
}

// ───────────────────────────── corpus generation ─────────────────────────────

function sentencePool() {
  // Clean sentences of the seed regulation (its first page is OCR noise: skip lines with Latin look-alikes).
  const seed = readFileSync(path.join(ROOT, 'fixtures/corpus/seed-regulation.txt'), 'utf8');
  const fromSeed = seed
    .split(/\n\s*\n|(?<=[.;:])\s+/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 40 && s.length <= 400 && !/[A-Za-z\]\[{}|]/.test(s) && !/_{3,}/.test(s));
  return [...new Set(fromSeed)];
}

function makeGenerator(seed) {
  const rng = new Rng(seed);
  faker.seed(seed);
  const people = Array.from({ length: 400 }, () => {
    const sex = faker.person.sex();
    return { last: faker.person.lastName(sex), first: faker.person.firstName(sex), middle: faker.person.middleName(sex) };
  });
  const cities = Array.from({ length: 80 }, () => faker.location.city());
  const streets = Array.from({ length: 80 }, () => faker.location.street());
  const jobs = ['бухгалтер', 'инженер', 'специалист по кадрам', 'менеджер', 'юрисконсульт', 'водитель', 'кладовщик', 'экономист',
    'преподаватель', 'мастер участка', 'секретарь', 'оператор ЭВМ', 'лаборант', 'начальник отдела'];
  const pool = sentencePool();
  const fio = (p) => `${p.last} ${p.first} ${p.middle}`;
  const who = () => rng.pick(people);
  const office = [
    () => `Сотрудник ${fio(who())} ознакомлен с должностной инструкцией ${rng.pick(jobs)}а под подпись.`,
    () => `Совещание состоится в ${rng.int(9, 17)}:00 в кабинете ${rng.int(101, 420)}, ответственный — ${who().last}.`,
    () => `Поставка материалов на склад в г. ${rng.pick(cities)} задерживается на ${rng.int(2, 14)} дней.`,
    () => `Просим согласовать командировку в г. ${rng.pick(cities)} с ${rng.int(1, 28)} по ${rng.int(1, 28)} число текущего месяца.`,
    () => `Акт сверки взаиморасчётов за ${rng.int(1, 4)} квартал подписан обеими сторонами без разногласий.`,
    () => `Офис переезжает по адресу: г. ${rng.pick(cities)}, ${rng.pick(streets)}, д. ${rng.int(1, 99)}.`,
    () => `По итогам инвентаризации расхождений не выявлено, ведомость передана в бухгалтерию.`,
    () => `Сумма по договору составляет ${rng.int(10, 999)} ${String(rng.int(0, 999)).padStart(3, '0')} руб. ${String(rng.int(0, 99)).padStart(2, '0')} коп.`,
  ];
  const sentence = () => (rng.bool(0.6) ? rng.pick(pool) : rng.pick(office)());
  const paragraph = () => Array.from({ length: rng.int(2, 6) }, sentence).join(' ');

  const planted = {};
  const count = (...types) => types.forEach((t) => (planted[t] = (planted[t] ?? 0) + 1));
  const pdRaw = [
    () => `СНИЛС ${fmtSnils(genSnilsDigits(rng), rng.pick(['dash', 'dash', 'space']))}`,
    () => `ИНН ${genInnPerson(rng)}`,
    () => { const y = rng.int(1960, 2004); return `паспорт ${fmtPassport(genPassport(rng, y), rng.pick(['spaced', 'compact4', 'numero4']))}`; },
    () => `тел. ${fmtPhone(genPhone(rng, rng.bool(0.8) ? 'mobile' : 'city'), rng.pick(PHONE_STYLES))}`,
    () => `e-mail: ${genEmail(rng, who())}`,
    () => `дата рождения: ${fmtDate(genDate(rng, 1955, 2006))}`,
    () => `номер карты ${fmtGroups4(genCardDigits(rng, rng.pick(['mir', 'visa', 'mc'])))}`,
    () => { const b = rng.pick(BANKS); return `р/с ${rng.bool() ? genAccount(rng, '40817', b.bik) : fmtAccountGroups(genAccount(rng, '40817', b.bik))} в ${b.name}, БИК ${b.bik}`; },
    () => `полис ОМС ${genOmsDigits(rng)}`,
    () => `ОГРНИП ${genOgrnip(rng)}`,
    () => { const inn = genInnOrg(rng); return `ИНН/КПП ${inn}/${inn.slice(0, 4)}01001, ОГРН ${genOgrn(rng)}`; },
  ];
  const PD_TYPES = [['RU_SNILS'], ['RU_INN_PERSON'], ['RU_PASSPORT'], ['PHONE_NUMBER'], ['EMAIL_ADDRESS'], ['DATE_OF_BIRTH'],
    ['CREDIT_CARD'], ['RU_BANK_ACCOUNT'], ['RU_OMS_POLICY'], ['RU_OGRNIP'], ['RU_INN_ORG', 'RU_OGRN']];
  const pd = pdRaw.map((fn, i) => () => {
    count(...PD_TYPES[i]);
    return fn();
  });
  const pdLine = () => `${fio(who())}, ${rng.pick(pd)()}.`;

  function txt(target) {
    const parts = [];
    let bytes = 0;
    while (bytes < target) {
      let p = paragraph();
      if (rng.bool(0.12)) p += ' ' + pdLine();
      parts.push(p);
      bytes += Buffer.byteLength(p) + 2;
    }
    return parts.join('\n\n') + '\n';
  }
  function csv(target) {
    const rows = ['№;Дата;Тема обращения;Текст обращения;Контакт'];
    let bytes = 0;
    for (let n = 1; bytes < target; n++) {
      const contact = rng.bool(0.1) ? rng.pick(pd)() : rng.bool(0.5) ? who().last : '';
      const text = paragraph().replace(/"/g, '""');
      const row = `${n};${fmtDate(genDate(rng, 2020, 2024))};${rng.pick(['Справка', 'Отпуск', 'Командировка', 'Пропуск', 'Оплата'])};"${text}";${contact}`;
      rows.push(row);
      bytes += Buffer.byteLength(row) + 1;
    }
    return rows.join('\n') + '\n';
  }
  function html(target) {
    const parts = ['<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>Новости организации</title>',
      '<style>body{font-family:sans-serif} td{padding:2px 6px}</style></head><body>'];
    let bytes = 0;
    while (bytes < target) {
      let p;
      const r = rng.next();
      if (r < 0.08) p = `<script>window.analytics&&analytics.track("view",{"id":"${rng.digits(12)}"});</script>`;
      else if (r < 0.2) {
        p = '<table>' + Array.from({ length: rng.int(3, 8) }, () => `<tr><td>${fio(who())}</td><td>${rng.pick(jobs)}</td><td>${rng.bool(0.15) ? rng.pick(pd)() : '&mdash;'}</td></tr>`).join('') + '</table>';
      } else {
        p = `<p>${paragraph().replace(/&/g, '&amp;').replace(/</g, '&lt;')}${rng.bool(0.1) ? ' ' + pdLine() : ''}</p>`;
      }
      parts.push(p);
      bytes += Buffer.byteLength(p) + 1;
    }
    parts.push('</body></html>');
    return parts.join('\n') + '\n';
  }
  return { rng, txt, csv, html, planted };
}

function generateCorpus(params) {
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  const g = makeGenerator(params.seed);
  const target = params.mb * 1024 * 1024;
  let total = 0;
  let n = 0;
  while (total < target) {
    const size = Math.min(g.rng.int(params.minKb, params.maxKb) * 1024, Math.max(params.minKb * 1024, target - total));
    const r = g.rng.next();
    const [ext, content] = r < 0.5 ? ['txt', g.txt(size)] : r < 0.75 ? ['csv', g.csv(size)] : ['html', g.html(size)];
    const dir = path.join(CORPUS, `d${String(n % 8)}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `doc-${String(n).padStart(4, '0')}.${ext}`);
    writeFileSync(file, content);
    total += Buffer.byteLength(content);
    n++;
  }
  return { files: n, bytes: total, planted: Object.fromEntries(Object.entries(g.planted).sort()) };
}

function ensureCorpus(opts) {
  const params = { version: GENERATOR_VERSION, seed: 20261129, mb: opts.mb, minKb: 100, maxKb: 1024 };
  if (!opts.regenerate && existsSync(STAMP) && existsSync(CORPUS)) {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (JSON.stringify(stamp.params) === JSON.stringify(params)) {
      console.log(`corpus: reusing ${path.relative(ROOT, CORPUS)} (${stamp.files} files, ${(stamp.bytes / 1048576).toFixed(1)} MB)`);
      return stamp;
    }
  }
  mkdirSync(WORK, { recursive: true });
  rmSync(STAMP, { force: true });
  const t0 = performance.now();
  console.log(`corpus: generating ~${params.mb} MB into ${path.relative(ROOT, CORPUS)} …`);
  const { files, bytes, planted } = generateCorpus(params);
  const stamp = { params, files, bytes, planted };
  writeFileSync(STAMP, JSON.stringify(stamp, null, 2) + '\n');
  console.log(`corpus: ${files} files, ${(bytes / 1048576).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return stamp;
}

// ───────────────────────────── measuring ─────────────────────────────

function timed(cmd, args, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  return { ...r, seconds };
}

function best(runs, fn) {
  let bestRun;
  for (let i = 0; i < runs; i++) {
    const r = fn();
    if (!bestRun || r.seconds < bestRun.seconds) bestRun = r;
  }
  return bestRun;
}

/** The identifier types: what ripgrep's pattern set stands for (names, addresses and categories have no rg equivalent). */
const IDENTIFIER_TYPES = 'RU_PASSPORT,RU_FOREIGN_PASSPORT,RU_SNILS,RU_INN_PERSON,RU_INN_ORG,RU_OGRNIP,RU_OGRN,RU_OMS_POLICY,' +
  'RU_MILITARY_ID,RU_DRIVER_LICENSE,RU_BIRTH_CERTIFICATE,CREDIT_CARD,RU_BANK_ACCOUNT,PHONE_NUMBER,EMAIL_ADDRESS,DATE_OF_BIRTH';

function runPdnscan(jobs, identifiersOnly = false) {
  const out = path.join(WORK, `report-${jobs ?? 'default'}${identifiersOnly ? '-ids' : ''}.json`);
  const args = [path.join(ROOT, 'bin/pdnscan.js'), 'scan', path.relative(ROOT, CORPUS), '--format', 'json', '--out', out, '--quiet'];
  if (jobs) args.push('--jobs', String(jobs));
  if (identifiersOnly) args.push('--types', IDENTIFIER_TYPES);
  const r = timed(process.execPath, args);
  if (r.status !== 0 && r.status !== 1) throw new Error(`pdnscan exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const findings = Object.values(report.summary.byType).reduce((a, b) => a + b, 0);
  return { seconds: r.seconds, findings, byType: report.summary.byType, files: report.summary.files };
}

/**
 * ripgrep patterns for the same identifier shapes. Rust's regex engine has no look-around, and a
 * Unicode-aware \b over Cyrillic text would push rg off its fast DFA, so the patterns use ASCII
 * word boundaries ((?-u:\b)) and [0-9] — the fastest honest formulation for rg.
 */
const B = '(?-u:\\b)';
const D = '[0-9]';
const RG_PATTERNS = [
  `${B}${D}{2} ?${D}{2} ?(?:№ ?)?${D}{6}${B}`, // паспорт РФ
  `${B}${D}{3}[- ]${D}{3}[- ]${D}{3}[- ]${D}{2}${B}`, // СНИЛС
  `${B}(?:${D}{10}|${D}{12})${B}`, // ИНН
  `${B}(?:${D}{13}|${D}{15})${B}`, // ОГРН / ОГРНИП
  `${B}${D}{4}[- ]?${D}{4}[- ]?${D}{4}[- ]?${D}{4}${B}`, // cards, ОМС
  `${B}${D}{20}${B}|${B}${D}{5} ${D}{3} ${D} ${D}{4} ${D}{7}${B}`, // accounts
  `(?:\\+7|${B}8)[- (]*${D}{3,4}[- )]*${D}{2,3}[- ]?${D}{2}[- ]?${D}{2}${B}`, // phones
  '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', // e-mails
  `${B}${D}{2}\\.${D}{2}\\.${D}{4}${B}`, // dates
];

function findRg() {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return probe.stdout.split('\n')[0];
  if (process.getuid?.() === 0) {
    console.log('rg: not found; trying `apt-get install -y ripgrep` (running as root) …');
    let r = spawnSync('apt-get', ['install', '-y', 'ripgrep'], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { encoding: 'utf8', timeout: 180_000 });
      r = spawnSync('apt-get', ['install', '-y', 'ripgrep'], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
    const again = spawnSync('rg', ['--version'], { encoding: 'utf8' });
    if (!again.error && again.status === 0) return again.stdout.split('\n')[0];
    console.log(`rg: installation failed (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`);
  }
  console.log('rg: ripgrep is not installed; the rg rows are skipped. Install it with:');
  console.log('      apt-get install -y ripgrep      (Debian/Ubuntu, as root)');
  console.log('      brew install ripgrep | cargo install ripgrep | https://github.com/BurntSushi/ripgrep/releases');
  return null;
}

function runRg(jobs) {
  const args = ['--count-matches', '--no-ignore', '--hidden', '--no-messages', '-j', String(jobs)];
  for (const p of RG_PATTERNS) args.push('-e', p);
  args.push(path.relative(ROOT, CORPUS));
  const r = timed('rg', args);
  if (r.status !== 0 && r.status !== 1) throw new Error(`rg exited ${r.status}: ${r.stderr}`);
  const findings = r.stdout.split('\n').filter(Boolean).reduce((n, line) => n + Number(line.slice(line.lastIndexOf(':') + 1)), 0);
  return { seconds: r.seconds, findings };
}

function warmCache() {
  // Read every file once so that the first timed tool does not pay for a cold page cache.
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : readFileSync(path.join(d, e.name))));
  walk(CORPUS);
}

// ───────────────────────────── main ─────────────────────────────

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    console.error('dist/ is missing: run `npm run build` first (npm run bench does).');
    process.exit(2);
  }
  const stamp = ensureCorpus(opts);
  const mb = stamp.bytes / 1048576;
  warmCache();
  const cores = os.availableParallelism();
  console.log(`machine: ${cores} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}; best of ${opts.runs} run(s)\n`);

  const rows = [];
  const pdDefault = best(opts.runs, () => runPdnscan(undefined));
  const pdOne = best(opts.runs, () => runPdnscan(1));
  const idsDefault = best(opts.runs, () => runPdnscan(undefined, true));
  const idsOne = best(opts.runs, () => runPdnscan(1, true));
  const rgVersion = findRg();
  const rgDefault = rgVersion ? best(opts.runs, () => runRg(cores)) : null;
  const rgOne = rgVersion ? best(opts.runs, () => runRg(1)) : null;

  rows.push(['pdnscan identifiers', `default (${cores})`, idsDefault, rgDefault]);
  rows.push(['pdnscan identifiers', '1', idsOne, rgOne]);
  rows.push(['pdnscan all types', `default (${cores})`, pdDefault, rgDefault]);
  rows.push(['pdnscan all types', '1', pdOne, rgOne]);
  if (rgDefault) rows.push([`rg`, String(cores), rgDefault, null]);
  if (rgOne) rows.push(['rg', '1', rgOne, null]);

  const header = ['tool', 'jobs', 'seconds', 'MB/s', 'findings', 'pdnscan/rg'];
  const body = rows.map(([tool, jobs, r, rg]) => [
    tool, jobs, r.seconds.toFixed(2), (mb / r.seconds).toFixed(1), String(r.findings), rg ? `${(r.seconds / rg.seconds).toFixed(1)}×` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`corpus: ${stamp.files} files, ${mb.toFixed(1)} MB (${path.relative(ROOT, CORPUS)})`);
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(fmt(b));
  if (rgVersion) console.log(`\n${rgVersion}; rg counts regex matches (shapes only), pdnscan counts validated findings.`);
  console.log('\ntype                   planted  pdnscan');
  const types = [...new Set([...Object.keys(stamp.planted), ...Object.keys(pdDefault.byType)])].sort();
  for (const t of types) console.log(`${t.padEnd(22)} ${String(stamp.planted[t] ?? 0).padStart(6)}  ${String(pdDefault.byType[t] ?? 0).padStart(7)}`);
}

main();
