#!/usr/bin/env node
// Precision, recall and F1 of the PERSON detector (run against dist/: `npm run build` first).
//
//   node scripts/eval/persons.mjs            factRuEval-2016 devset + fixtures/documents/names
//   node scripts/eval/persons.mjs --errors   also list the misses and false positives
//   node scripts/eval/persons.mjs --bench    also measure the finder's speed on a large text
//   node scripts/eval/persons.mjs --json     one JSON object with the figures (for the smoke test)
//   node scripts/eval/persons.mjs --all      run every detector, as a scan does (PERSON can lose a
//                                            span to ORG or ADDRESS in overlap resolution)
//
// Corpus: ../shared/data/factrueval-2016-devset-persons.json (122 news texts, 736 person mentions,
// MIT licence; a mention runs from the first to the last of its name/surname/patronymic spans).
// Matching rules, both reported:
//   exact   — a finding counts when its [start, end) equals a mention's span;
//   overlap — a finding counts when it shares at least one character with a mention; each mention
//             and each finding is matched at most once.
// Findings are those the scanner would report: the person detector run by the engine (context
// words, score ≥ 0.5), on the document text as the txt extractor gives it.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEVSET = path.resolve(ROOT, '../shared/data/factrueval-2016-devset-persons.json');
const FIXTURE_TRUTH = path.join(ROOT, 'fixtures/documents/names.truth.json');
const args = new Set(process.argv.slice(2));

if (!existsSync(path.join(ROOT, 'dist/detectors/ru/person/index.js'))) {
  console.error('dist/ is missing or stale: run `npm run build` first');
  process.exit(2);
}
const { default: person } = await import(path.join(ROOT, 'dist/detectors/ru/person/index.js'));
const { compileDetectors, runDetectors } = await import(path.join(ROOT, 'dist/detectors/run-detectors.js'));
let detectors = [person];
if (args.has('--all')) ({ ALL_DETECTORS: detectors } = await import(path.join(ROOT, 'dist/detectors/registry.js')));
await Promise.all(detectors.map((d) => d.prepare?.()));
const compiled = compileDetectors(detectors);

function doc(text) {
  return { text, segments: [{ start: 0, end: text.length, source: { kind: 'text', line: 1, column: 0 } }], meta: { format: 'txt' } };
}
function findings(text) {
  return runDetectors(doc(text), compiled).filter((f) => f.type === 'PERSON');
}

/** Scores a list of documents {id, text, gold: [{start, end, surface}]}. */
function evaluate(docs) {
  const exact = { tp: 0, fp: 0, fn: 0 };
  const overlap = { tp: 0, fp: 0, fn: 0 };
  const errors = [];
  for (const d of docs) {
    const found = findings(d.text);
    const key = (x) => `${x.start}:${x.end}`;
    const gold = new Set(d.gold.map(key));
    const hit = found.filter((f) => gold.has(key(f))).length;
    exact.tp += hit;
    exact.fp += found.length - hit;
    exact.fn += d.gold.length - hit;
    const usedGold = new Set();
    const usedFound = new Set();
    for (const [gi, g] of d.gold.entries()) {
      const fi = found.findIndex((f, k) => !usedFound.has(k) && f.start < g.end && g.start < f.end);
      if (fi >= 0) {
        usedGold.add(gi);
        usedFound.add(fi);
      }
    }
    overlap.tp += usedGold.size;
    overlap.fn += d.gold.length - usedGold.size;
    overlap.fp += found.length - usedFound.size;
    for (const [gi, g] of d.gold.entries()) if (!usedGold.has(gi)) errors.push(`FN ${d.id}: ${JSON.stringify(g.surface)} …${context(d.text, g.start, g.end)}…`);
    for (const [fi, f] of found.entries()) if (!usedFound.has(fi)) errors.push(`FP ${d.id}: ${JSON.stringify(f.value)} (${f.explanation.pattern} ${f.score}) …${context(d.text, f.start, f.end)}…`);
    for (const [fi, f] of found.entries()) {
      if (usedFound.has(fi) && !gold.has(key(f))) {
        const g = d.gold.find((x) => f.start < x.end && x.start < f.end);
        errors.push(`SPAN ${d.id}: found ${JSON.stringify(f.value)}, gold ${JSON.stringify(g?.surface)}`);
      }
    }
  }
  return { exact: prf(exact), overlap: prf(overlap), errors };
}

function prf({ tp, fp, fn }) {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return { tp, fp, fn, precision: round(p), recall: round(r), f1: round(f1) };
}
const round = (x) => Math.round(x * 1000) / 1000;
const context = (text, s, e) => text.slice(Math.max(0, s - 30), Math.min(text.length, e + 30)).replace(/\s+/g, ' ');

const result = {};
const devset = JSON.parse(readFileSync(DEVSET, 'utf8'));
const devDocs = devset.books.map((b) => ({ id: `devset/${b.id}`, text: b.text, gold: b.persons }));
result.factRuEval = { documents: devDocs.length, mentions: devDocs.reduce((n, d) => n + d.gold.length, 0), ...evaluate(devDocs) };

if (existsSync(FIXTURE_TRUTH)) {
  const truth = JSON.parse(readFileSync(FIXTURE_TRUTH, 'utf8'));
  const fixDocs = truth.files.map((f) => ({
    id: f.path,
    text: readFileSync(path.join(ROOT, 'fixtures/documents', f.path), 'utf8'),
    gold: f.persons,
  }));
  result.fixtures = { documents: fixDocs.length, mentions: fixDocs.reduce((n, d) => n + d.gold.length, 0), ...evaluate(fixDocs) };
}

if (args.has('--bench')) {
  const parts = [];
  let size = 0;
  while (size < 20e6) {
    for (const d of devDocs) {
      parts.push(d.text);
      size += d.text.length;
    }
  }
  const big = parts.join('\n\n');
  person.find(big.slice(0, 200_000)); // warm the word cache a little, as a scan of many files does
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const n = person.find(big).length;
  const cpu = process.cpuUsage(cpu0);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // CPU time as well as wall time: on a shared machine the wall clock includes other processes.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mb = Buffer.byteLength(big, 'utf8') / 1e6;
  result.bench = {
    characters: big.length,
    utf8MB: round(mb),
    candidates: n,
    ms: Math.round(ms),
    cpuMs: Math.round(cpuMs),
    MBps: round(mb / (ms / 1000)),
    cpuMBps: round(mb / (cpuMs / 1000)),
  };
}

if (args.has('--json')) {
  for (const k of ['factRuEval', 'fixtures']) if (result[k]) delete result[k].errors;
  console.log(JSON.stringify(result, null, 2));
} else {
  const line = (name, r) =>
    `${name.padEnd(34)} P ${r.precision.toFixed(3)}  R ${r.recall.toFixed(3)}  F1 ${r.f1.toFixed(3)}   (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`;
  const out = [];
  out.push(`PERSON on factRuEval-2016 devset (${result.factRuEval.documents} texts, ${result.factRuEval.mentions} mentions; ${args.has('--all') ? 'all detectors' : 'the person detector alone'})`);
  out.push(line('  exact span match', result.factRuEval.exact));
  out.push(line('  overlap match', result.factRuEval.overlap));
  out.push('  published, factRuEval test set (natasha/slovnet README): slovnet PER F1 0.959, Pullenti (rules) 0.905, spaCy ru 0.901');
  if (result.fixtures) {
    out.push(`PERSON on fixtures/documents/names (${result.fixtures.documents} files, ${result.fixtures.mentions} names)`);
    out.push(line('  exact span match', result.fixtures.exact));
    out.push(line('  overlap match', result.fixtures.overlap));
  }
  if (result.bench) {
    const b = result.bench;
    out.push(
      `finder speed (devset texts repeated, name-dense news): ${b.utf8MB} MB (${b.characters} characters) in ${b.ms} ms wall = ${b.MBps} MB/s, ` +
        `${b.cpuMs} ms CPU = ${b.cpuMBps} MB/s, ${b.candidates} candidates`,
    );
  }
  if (args.has('--errors')) {
    out.push('', ...result.factRuEval.errors);
    if (result.fixtures) out.push('', ...result.fixtures.errors);
  }
  console.log(out.join('\n'));
}
