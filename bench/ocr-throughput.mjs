#!/usr/bin/env node
// ocr-throughput.mjs — OCR pages per minute on 2 cores: pdnscan (the CLI, --jobs 2) against the
// `tesseract` command-line program (Debian tesseract-ocr + tesseract-ocr-rus, two processes at a
// time, one thread each), on the same pages, run one after the other; and the character error
// rate (CER) of both against the text the fixture generator rendered.
//
// The pages: every page of fixtures/documents/ocr (images, TIFF pages, PDF pages rendered at
// 300 dpi as pdnscan renders them), written as PNG files to a temporary directory, repeated
// --repeat times (default 3) under other names so that start-up costs are amortised.
// CER = Levenshtein distance / truth length, whitespace runs collapsed, per page, summed.
//
// A second part (skip with --no-ablation) measures pdnscan's preprocessing choices on the same
// pages, natively and shrunk to 60 % (small text): CER with and without contrast stretching,
// upscaling and binarisation.
//
// The tesseract program is installed with apt-get when missing and running as root; otherwise the
// bench says how to install it and measures pdnscan alone.
//
// Usage: npm run bench:ocr [-- --repeat N] [-- --rounds N] [-- --no-ablation] [-- --no-throughput]   (builds first)

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'fixtures/documents/ocr');
const TRUTH = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/documents/ocr.truth.json'), 'utf8'));
const args = process.argv.slice(2);
const REPEAT = args.includes('--repeat') ? Math.max(1, Number(args[args.indexOf('--repeat') + 1]) || 1) : 3;
const JOBS = 2;
const ROUNDS = args.includes('--rounds') ? Math.max(1, Number(args[args.indexOf('--rounds') + 1]) || 1) : 3;

const { decodeImagePage, sniffImage } = await import(path.join(ROOT, 'dist/extractors/image/decode.js'));
const { openPdfRenderer } = await import(path.join(ROOT, 'dist/ocr/pdf-render.js'));
const { preprocess } = await import(path.join(ROOT, 'dist/ocr/preprocess.js'));
const { recognize, shutdownOcr } = await import(path.join(ROOT, 'dist/ocr/recognizer.js'));

// ───────────────────────────── pages ─────────────────────────────

/** Every OCR page of the fixtures: grey pixels and the rendered truth text. */
async function fixturePages() {
  const pages = [];
  for (const [name, t] of Object.entries(TRUTH.files)) {
    const bytes = readFileSync(path.join(DIR, name));
    if (name.endsWith('.pdf')) {
      const r = await openPdfRenderer(bytes);
      for (let p = 1; p <= t.pages; p++) {
        if (t.text[p - 1] === null) continue; // a text-layer page
        pages.push({ id: `${name}#${p}`, image: await r.render(p, 300), text: t.text[p - 1], blank: !!t.blank, values: valuesOf(t, p) });
      }
      await r.close();
    } else {
      const format = sniffImage(bytes);
      for (let p = 1; p <= t.pages; p++) {
        pages.push({ id: `${name}#${p}`, image: await decodeImagePage(bytes, format, p), text: t.text[p - 1], blank: !!t.blank, values: valuesOf(t, p) });
      }
    }
  }
  return pages;
}

/** The planted identifiers of a page, as the strings to look for in OCR text. */
const ID_TYPES = new Set(['RU_PASSPORT', 'RU_SNILS', 'RU_INN_PERSON', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'DATE_OF_BIRTH']);
const valuesOf = (t, page) => t.values.filter((v) => v.page === page && v.source === 'ocr' && ID_TYPES.has(v.type)).map((v) => (v.type === 'EMAIL_ADDRESS' ? v.value : v.value.replace(/\D/g, '')));
/** Identifiers whose characters appear in the OCR text (digits only for numbers): an upper bound of detector recall. */
function readable(results) {
  let found = 0;
  let planted = 0;
  for (const { page, text } of results) {
    const digits = text.replace(/\D/g, '');
    for (const v of page.values) {
      planted++;
      if (v.includes('@') ? text.includes(v) : digits.includes(v)) found++;
    }
  }
  return `${found}/${planted}`;
}

const png = (img) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();

// ───────────────────────────── CER ─────────────────────────────

const squash = (s) => s.replace(/\s+/g, ' ').trim();
function levenshtein(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
/** { errors, chars } of OCR texts against truth, filled forms and blank forms apart. */
function cer(results) {
  const acc = { filled: { errors: 0, chars: 0 }, blank: { errors: 0, chars: 0 } };
  for (const { page, text } of results) {
    const truth = squash(page.text);
    const bucket = page.blank ? acc.blank : acc.filled;
    bucket.errors += levenshtein(squash(text), truth);
    bucket.chars += truth.length;
  }
  return acc;
}
const pct = (x) => `${((100 * x.errors) / Math.max(1, x.chars)).toFixed(2)}%`;

// ───────────────────────────── runners ─────────────────────────────

/** `taskset -c 0,1` where the machine has more than 2 cores, so both sides get 2 cores. */
function pinned(cmd, argv) {
  if (availableParallelism() > JOBS && spawnSync('taskset', ['-c', '0', 'true']).status === 0) return ['taskset', ['-c', '0,1', cmd, ...argv]];
  return [cmd, argv];
}

function run(cmd, argv, env = {}) {
  const [c, a] = pinned(cmd, argv);
  return new Promise((resolve, reject) => {
    const child = spawn(c, a, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function runPdnscan(dir) {
  const started = performance.now();
  const r = await run(process.execPath, [path.join(ROOT, 'bin/pdnscan.js'), 'scan', dir, '--format', 'natasha', '--reveal', '--quiet', '--jobs', String(JOBS)]);
  const seconds = (performance.now() - started) / 1000;
  if (r.code !== 0 && r.code !== 1) throw new Error(`pdnscan failed (${r.code}): ${r.stderr}`);
  const texts = new Map();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line);
    texts.set(path.basename(doc.path), doc.text ?? '');
  }
  return { seconds, texts };
}

async function runTesseract(files) {
  const started = performance.now();
  const texts = new Map();
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++];
      const r = await run('tesseract', [file, 'stdout', '-l', 'rus+eng', '--psm', '3'], { OMP_THREAD_LIMIT: '1' });
      if (r.code !== 0) throw new Error(`tesseract failed on ${file}: ${r.stderr}`);
      texts.set(path.basename(file), r.stdout);
    }
  };
  await Promise.all(Array.from({ length: JOBS }, lane));
  return { seconds: (performance.now() - started) / 1000, texts };
}

function tesseractVersion() {
  const r = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '';
  if (!/^rus$/m.test(langs)) return { missingRus: true, version: (r.stdout || r.stderr).split('\n')[0] };
  return { version: (r.stdout || r.stderr).split('\n')[0] };
}

// ───────────────────────────── main ─────────────────────────────

const pages = await fixturePages();
const work = mkdtempSync(path.join(tmpdir(), 'pdnscan-ocr-bench-'));
try {
  const files = [];
  const pageOf = new Map();
  for (let k = 0; k < REPEAT; k++) {
    for (const [i, page] of pages.entries()) {
      const name = `r${k}-p${String(i).padStart(2, '0')}.png`;
      const file = path.join(work, name);
      writeFileSync(file, await png(page.image));
      files.push(file);
      pageOf.set(name, page);
    }
  }
  const total = files.length;
  const mp = pages.reduce((s, p) => s + p.image.width * p.image.height, 0) / pages.length / 1e6;
  console.log(`OCR bench: ${pages.length} distinct pages (${mp.toFixed(1)} Mpx on average) × ${REPEAT} = ${total} pages, ${JOBS} workers, ${availableParallelism()} cores seen`);

  if (args.includes('--no-throughput')) files.length = 0;
  let t = files.length ? tesseractVersion() : undefined;
  if (files.length && (!t || t.missingRus) && process.getuid?.() === 0) {
    console.log('  tesseract (with rus) missing: apt-get install -y tesseract-ocr tesseract-ocr-rus …');
    spawnSync('apt-get', ['install', '-y', 'tesseract-ocr', 'tesseract-ocr-rus'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    t = tesseractVersion();
  }
  const theirsAvailable = t !== undefined && !t.missingRus;
  if (files.length && !theirsAvailable) {
    console.log(
      t
        ? `  ${t.version}: no rus model — measuring pdnscan alone. Install it with: apt-get install -y tesseract-ocr-rus`
        : '  tesseract: not installed — measuring pdnscan alone. Install it with: apt-get install -y tesseract-ocr tesseract-ocr-rus',
    );
  }
  // Rounds alternate the two programs; the best round of each is reported (the least disturbed by
  // anything else running on the machine), with the median.
  const ours = [];
  const theirs = [];
  for (let round = 0; files.length && round < ROUNDS; round++) {
    ours.push(await runPdnscan(work));
    if (theirsAvailable) theirs.push(await runTesseract(files));
  }
  const line = (who, runs) => {
    const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
    const best = sorted[0];
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const results = [...best.texts].map(([name, text]) => ({ page: pageOf.get(name), text }));
    const c = cer(results);
    const ppm = (r) => String(Math.round((total / r.seconds) * 60)).padStart(4);
    return (
      `  ${who.padEnd(34)} ${ppm(best)} pages/min best, ${ppm(median)} median of ${runs.length} (best ${best.seconds.toFixed(1)} s)` +
      `   CER ${pct(c.filled)} on filled forms, ${pct(c.blank)} on the blank form; identifiers readable ${readable(results)}`
    );
  };
  if (ours.length) console.log(line('pdnscan scan --jobs 2', ours));
  if (theirs.length) {
    console.log(line(`${t.version} ×2, 1 thread each`, theirs));
    const best = (runs) => Math.min(...runs.map((r) => r.seconds));
    console.log(`  pdnscan/tesseract speed ratio (best rounds): ${(best(theirs) / best(ours)).toFixed(2)}`);
  }

  if (!args.includes('--no-ablation')) {
    console.log('\nPreprocessing (pdnscan recogniser, one thread; CER on filled forms, blank form apart; identifiers whose digits appear in the text):');
    await recognize((await preprocess(pages[0].image)).image, 1); // worker start-up outside the timings
    const variants = [
      ['none', { normalise: false, upscale: false }],
      ['upscale small text (default)', {}],
      ['normalise contrast', { normalise: true, upscale: false }],
      ['normalise + upscale', { normalise: true }],
      ['upscale + threshold 128', { threshold: 128 }],
    ];
    const conditions = [
      ['native', 1, false],
      ['shrunk to 60 %', 0.6, false],
      ['faded (grey paper, grey ink)', 1, true],
    ];
    for (const [condition, shrink, faded] of conditions) {
      const scaled = [];
      for (const page of pages) {
        const w = Math.round(page.image.width * shrink);
        const h = Math.round(page.image.height * shrink);
        let data = page.image.data;
        if (shrink !== 1) {
          data = await sharp(Buffer.from(page.image.data), { raw: { width: page.image.width, height: page.image.height, channels: 1 } })
            .resize(w, h)
            .toColourspace('b-w')
            .raw()
            .toBuffer();
        }
        if (faded) data = Uint8Array.from(data, (g) => 120 + Math.round(g * 0.3));
        scaled.push({ ...page, image: { data, width: w, height: h } });
      }
      for (const [label, options] of variants) {
        const started = performance.now();
        const results = [];
        for (const page of scaled) {
          const prepared = await preprocess(page.image, options);
          const lines = await recognize(prepared.image, 1);
          results.push({ page, text: lines.map((l) => l.map((w) => w.text).join(' ')).join('\n') });
        }
        const c = cer(results);
        const s = (performance.now() - started) / 1000;
        console.log(
          `  ${condition.padEnd(30)} ${label.padEnd(36)} CER ${pct(c.filled).padStart(7)}  blank ${pct(c.blank).padStart(7)}` +
            `  identifiers readable ${readable(results)}  ${s.toFixed(1)} s`,
        );
      }
    }
    await shutdownOcr();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
