#!/usr/bin/env node
// bench/pdf-throughput.mjs — PDF text extraction throughput of pdnscan against pdftotext
// =======================================================================================
//
// Run:    npm run bench:pdf                (builds dist/ first, then runs this script)
//         node bench/pdf-throughput.mjs [--files 40] [--runs 3] [--regenerate]
//
// What it does
//   1. Generates (once; cached, seeded, deterministic) ~40 multi-page text PDFs, ~400 pages in all,
//      into bench/.work/pdf (git-ignored) with pdfkit and DejaVu Sans: Russian office prose set line
//      by line at 10 pt, every fourth page in two columns, with a personal-data value (СНИЛС, ИНН,
//      телефон, e-mail) every few lines. bench/.work/pdf.json records the parameters; the set is
//      reused when they match.
//   2. Times, on the same files:
//        - pdftotext (poppler-utils), one process per file, one at a time and N at a time;
//        - pdnscan's PDF extractor in-process (dist/extractors/pdf/index.js, one thread): text,
//          word boxes, reading order — what the scanner needs before detection;
//        - the full CLI scan (extraction + detection + report), with --jobs 1 and --jobs N.
//      N is the CLI's default worker count (available cores, capped as the CLI caps it).
//      Each time is the best of --runs runs; the runs are interleaved (every tool once per run).
//   3. Prints pages/s for each and the ratio to pdftotext at the same parallelism, plus the
//      characters each extractor produced (a sanity check that both read the same text).
//
// If pdftotext is missing it tries `apt-get install -y poppler-utils` when running as root,
// otherwise prints how to install it and skips the pdftotext rows.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'bench/.work');
const DIR = path.join(WORK, 'pdf');
const STAMP = path.join(WORK, 'pdf.json');
const FONT = path.join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const GENERATOR_VERSION = 1;

function parseArgs(argv) {
  const o = { files: 40, runs: 3, regenerate: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--files') o.files = Number(argv[++i]);
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--regenerate') o.regenerate = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/pdf-throughput.mjs [--files 40] [--runs 3] [--regenerate]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!(o.files > 0) || !(o.runs > 0)) throw new Error('--files and --runs must be positive');
  return o;
}

// ───────────────────────────── corpus ─────────────────────────────

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Настоящее положение определяет порядок обработки персональных данных работников организации.',
  'Обработка персональных данных осуществляется с согласия субъекта персональных данных.',
  'Оператор принимает необходимые правовые, организационные и технические меры защиты.',
  'Доступ к персональным данным имеют только работники, допущенные приказом руководителя.',
  'Сведения хранятся в форме, позволяющей определить субъекта, не дольше, чем этого требуют цели обработки.',
  'По истечении срока хранения документы подлежат уничтожению в установленном порядке.',
  'Работник обязан своевременно сообщать об изменении своих персональных данных.',
  'Отдел кадров ведёт учёт личных карточек и трудовых книжек сотрудников.',
  'Копии документов заверяются подписью ответственного лица и печатью организации.',
  'Передача сведений третьим лицам допускается только в случаях, предусмотренных законом.',
  'Контроль за соблюдением настоящего положения возлагается на заместителя директора.',
  'Нарушение порядка обработки персональных данных влечёт ответственность в соответствии с законодательством.',
  'Приложения к настоящему положению являются его неотъемлемой частью.',
  'Изменения в положение вносятся приказом руководителя организации по представлению отдела кадров.',
  'Электронные носители информации учитываются в журнале и хранятся в сейфе.',
  'Ежегодно проводится внутренняя проверка условий обработки персональных данных.',
];
const NAMES = ['Иванов Иван Иванович', 'Петрова Анна Сергеевна', 'Сидоров Пётр Алексеевич', 'Кузнецова Мария Олеговна', 'Смирнов Андрей Викторович'];
const MAILS = ['ivanov.ii', 'petrova.as', 'sidorov.pa', 'kuznetsova.mo', 'smirnov.av'];

function snils(r) {
  let body;
  do body = Array.from({ length: 9 }, () => Math.floor(r() * 10)).join('');
  while (Number(body) <= 1001998);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  return `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6)} ${String((sum % 101) % 100).padStart(2, '0')}`;
}
function inn(r) {
  const body = `77${Array.from({ length: 8 }, () => Math.floor(r() * 10)).join('')}`;
  const check = (s, w) => String((w.reduce((a, wi, i) => a + wi * Number(s[i]), 0) % 11) % 10);
  const d11 = body + check(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return d11 + check(d11, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
}
function valueSentence(r) {
  const k = Math.floor(r() * NAMES.length);
  switch (Math.floor(r() * 4)) {
    case 0:
      return `Работник ${NAMES[k]}, СНИЛС ${snils(r)}, принят на должность инженера.`;
    case 1:
      return `ИНН работника ${NAMES[k]}: ${inn(r)}.`;
    case 2:
      return `Контактный телефон ${NAMES[k]}: +7 (9${10 + Math.floor(r() * 89)}) ${100 + Math.floor(r() * 899)}-${10 + Math.floor(r() * 89)}-${10 + Math.floor(r() * 89)}.`;
    default:
      return `Электронная почта для связи: ${MAILS[k]}@mail.ru.`;
  }
}

/** Words of prose, a value sentence every few lines. */
function* words(r) {
  for (;;) {
    const s = r() < 0.12 ? valueSentence(r) : SENTENCES[Math.floor(r() * SENTENCES.length)];
    yield* s.split(' ');
  }
}

async function makePdf(file, pages, seed) {
  const r = rng(seed);
  const stream = words(r);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: path.basename(file), CreationDate: new Date(Date.UTC(2024, 0, 1)), ModDate: new Date(Date.UTC(2024, 0, 1)) },
  });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.registerFont('DejaVu', FONT);
  doc.font('DejaVu').fontSize(10);
  const space = doc.widthOfString(' ');
  let pending = stream.next().value;
  const fill = (x, width, y0, y1) => {
    for (let y = y0; y <= y1; y += 14) {
      const line = [];
      let w = 0;
      for (;;) {
        const ww = doc.widthOfString(pending);
        if (line.length > 0 && w + space + ww > width) break;
        line.push(pending);
        w += (line.length > 1 ? space : 0) + ww;
        pending = stream.next().value;
      }
      doc.text(line.join(' '), x, y, { lineBreak: false });
    }
  };
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.fontSize(12).text(`Положение об обработке персональных данных — страница ${p + 1}`, 50, 40, { lineBreak: false });
    doc.fontSize(10);
    if (p % 4 === 3) {
      fill(50, 235, 70, 780);
      fill(310, 235, 70, 780);
    } else {
      fill(50, 495, 70, 780);
    }
  }
  doc.end();
  await done;
  writeFileSync(file, Buffer.concat(chunks));
}

async function ensureCorpus(opts) {
  const params = { version: GENERATOR_VERSION, files: opts.files };
  const fresh = !opts.regenerate && existsSync(STAMP) && JSON.stringify(JSON.parse(readFileSync(STAMP, 'utf8')).params) === JSON.stringify(params);
  if (fresh) return JSON.parse(readFileSync(STAMP, 'utf8')).files;
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const files = [];
  const t0 = performance.now();
  for (let i = 0; i < opts.files; i++) {
    const pages = 5 + ((i * 7) % 11); // 5..15 pages, ~10 on average
    const name = `doc-${String(i + 1).padStart(3, '0')}.pdf`;
    await makePdf(path.join(DIR, name), pages, 1000 + i);
    files.push({ name, pages });
  }
  writeFileSync(STAMP, `${JSON.stringify({ params, files }, null, 2)}\n`);
  console.log(`generated ${files.length} PDFs, ${files.reduce((a, f) => a + f.pages, 0)} pages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return files;
}

// ───────────────────────────── tools ─────────────────────────────

function havePdftotext() {
  const probe = () => spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  let r = probe();
  if (!r.error) return true;
  if (process.getuid?.() === 0) {
    console.log('pdftotext not found; installing poppler-utils (apt-get install -y poppler-utils)…');
    spawnSync('apt-get', ['install', '-y', 'poppler-utils'], { stdio: 'ignore' });
    r = probe();
    if (r.error) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore' });
      spawnSync('apt-get', ['install', '-y', 'poppler-utils'], { stdio: 'ignore' });
      r = probe();
    }
    if (!r.error) return true;
  }
  console.log('pdftotext not found: install poppler-utils (Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler). Skipping the pdftotext rows.');
  return false;
}

function pdftotextVersion() {
  const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  return (r.stderr || r.stdout).split('\n')[0]?.trim() ?? 'pdftotext';
}

/** pdftotext over every file, `parallel` processes at a time; returns characters of text produced. */
function runPdftotext(paths, parallel) {
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let chars = 0;
    const startOne = () => {
      if (next >= paths.length) {
        if (running === 0) resolve(chars);
        return;
      }
      const file = paths[next++];
      running++;
      const child = spawn('pdftotext', ['-enc', 'UTF-8', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
      const parts = [];
      child.stdout.on('data', (d) => parts.push(d));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`pdftotext failed on ${file} (${code})`));
        chars += Buffer.concat(parts).toString('utf8').replace(/\s/g, '').length;
        running--;
        startOne();
      });
    };
    for (let i = 0; i < parallel; i++) startOne();
  });
}

async function runExtractor(extractPdf, paths) {
  let chars = 0;
  let words = 0;
  for (const file of paths) {
    const doc = await extractPdf({ bytes: new Uint8Array(readFileSync(file)), path: file });
    chars += doc.text.replace(/\s/g, '').length;
    words += doc.segments.length;
  }
  return { chars, words };
}

function runCli(jobs) {
  const out = path.join(WORK, `pdf-report-j${jobs}.json`);
  const r = spawnSync(process.execPath, ['bin/pdnscan.js', 'scan', DIR, '--format', 'json', '--out', out, '--quiet', '--jobs', String(jobs)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`pdnscan failed (${r.status}): ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const findings = report.files.reduce((a, f) => a + f.findings.length, 0);
  const errors = report.files.filter((f) => f.status !== 'ok').length;
  return { findings, errors };
}

/** The CLI's default --jobs: src/cli reads it from the built code when it exports it, else the cores. */
function defaultJobs() {
  const help = spawnSync(process.execPath, ['bin/pdnscan.js', 'scan', '--help'], { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';
  const m = /--jobs <n>\s+worker threads \(default: (\d+)/.exec(help);
  return m ? Number(m[1]) : Math.max(1, os.availableParallelism());
}

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dist = path.join(ROOT, 'dist/extractors/pdf/index.js');
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` (or `npm run bench:pdf`)');
  mkdirSync(WORK, { recursive: true });
  const files = await ensureCorpus(opts);
  const paths = files.map((f) => path.join(DIR, f.name));
  const pages = files.reduce((a, f) => a + f.pages, 0);
  const onDisk = readdirSync(DIR).filter((n) => n.endsWith('.pdf')).length;
  if (onDisk !== files.length) throw new Error(`bench/.work/pdf holds ${onDisk} PDFs, expected ${files.length}: run with --regenerate`);
  const jobs = defaultJobs();
  console.log(`${files.length} PDFs, ${pages} pages; ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'cpu'}); node ${process.version}; best of ${opts.runs}`);

  const rows = [];
  const row = (tool, parallel, ms, extra, baseline) =>
    rows.push({ tool, parallel, s: ms / 1000, pps: pages / (ms / 1000), extra, baseline });

  const { extractPdf } = await import(pathToFileURL(dist).href);
  await runExtractor(extractPdf, paths.slice(0, 1)); // warm-up: module load, JIT
  const pdftotext = havePdftotext();
  if (pdftotext) console.log(pdftotextVersion());

  // The measurements are interleaved, run by run, so that a busy machine slows them all alike;
  // each keeps its best time.
  const m = {};
  const measure = async (key, fn) => {
    const t0 = performance.now();
    const result = await fn();
    const ms = performance.now() - t0;
    if (!m[key] || ms < m[key].ms) m[key] = { ms, result };
  };
  for (let run = 0; run < opts.runs; run++) {
    if (pdftotext) {
      await measure('pt1', () => runPdftotext(paths, 1));
      if (jobs > 1) await measure('ptN', () => runPdftotext(paths, jobs));
    }
    await measure('ex', () => runExtractor(extractPdf, paths));
    await measure('cli1', async () => runCli(1));
    if (jobs > 1) await measure('cliN', async () => runCli(jobs));
  }
  const { pt1, ex, cli1 } = m;
  const ptN = jobs > 1 ? m.ptN : pt1;
  if (pt1) {
    row('pdftotext (poppler)', 1, pt1.ms, `${pt1.result} chars`);
    if (jobs > 1) row('pdftotext (poppler)', jobs, ptN.ms, `${ptN.result} chars`);
  }
  row('pdnscan PDF extractor, in-process', 1, ex.ms, `${ex.result.chars} chars, ${ex.result.words} words`, pt1);
  row('pdnscan scan (CLI, extract + detect)', 1, cli1.ms, `${cli1.result.findings} findings, ${cli1.result.errors} errors`, pt1);
  if (jobs > 1) row('pdnscan scan (CLI, extract + detect)', jobs, m.cliN.ms, `${m.cliN.result.findings} findings, ${m.cliN.result.errors} errors`, ptN);

  const header = ['tool', 'procs', 'seconds', 'pages/s', 'vs pdftotext', 'output'];
  const table = rows.map((r) => [
    r.tool,
    String(r.parallel),
    r.s.toFixed(2),
    r.pps.toFixed(0),
    r.baseline ? `${(r.pps / (pages / (r.baseline.ms / 1000))).toFixed(2)}×` : r.tool.startsWith('pdftotext') ? '1.00×' : '—',
    r.extra,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(fmt(t));
  console.log();
  console.log('"vs pdftotext": pages/s divided by pdftotext\'s pages/s with the same number of processes.');
  console.log('pdftotext only writes text; the extractor also records a box per word and the reading order.');
}

await main();
