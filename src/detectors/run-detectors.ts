/**
 * Runs detectors over a document: gate → patterns → validate → context → score → map back to the
 * original text → resolve overlaps. Pure and synchronous.
 */
import { segmentAt } from '../document/locate.js';
import type { ScanDocument } from '../document/types.js';
import { buildMatchView, hasGuess, toOriginalRange, type MatchView } from '../text/match-view.js';
import { compileContext, type ContextMatcher } from './context.js';
import type { DetectorSpec, Finding, FoundCandidate, MatchInfo, ValidationVerdict } from './types.js';

export interface CompiledDetector {
  spec: DetectorSpec;
  order: number;
  context?: ContextMatcher;
  requires?: string[];
}

export interface RunOptions {
  /** Findings scoring below this are dropped (default 0.5). */
  minScore?: number;
}

export const DEFAULT_MIN_SCORE = 0.5;
const DEFAULT_CONTEXT_BEFORE = 60;
const DEFAULT_BOOST = 0.35;
const DEFAULT_FLOOR = 0.4;
/** A value read through OCR look-alike folding is a little less certain. */
const GUESS_PENALTY = 0.1;

export function compileDetectors(specs: readonly DetectorSpec[]): CompiledDetector[] {
  return specs.map((spec, order) => ({
    spec,
    order,
    ...(spec.context ? { context: compileContext(spec.context.words) } : {}),
    ...(spec.requires ? { requires: spec.requires.map((w) => w.toLowerCase()) } : {}),
  }));
}

export function runDetectors(doc: ScanDocument, detectors: readonly CompiledDetector[], options: RunOptions = {}): Finding[] {
  if (doc.text.length === 0) return [];
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const view = buildMatchView(doc.text);
  let gateWords: Set<string> | undefined;
  const findings: Finding[] = [];
  for (const detector of detectors) {
    if (detector.requires) {
      // Column headers count as context, so they can open a gate too.
      gateWords ??= wordsPresent(gateRegex(detectors), view.text, doc);
      if (!detector.requires.some((w) => gateWords!.has(w))) continue;
    }
    for (const candidate of candidates(detector.spec, view.text)) {
      const finding = evaluate(doc, view, detector, candidate);
      if (finding && finding.score >= minScore) findings.push(finding);
    }
  }
  return resolveOverlaps(findings, detectors);
}

interface Candidate extends FoundCandidate {
  groups: Record<string, string | undefined>;
  validScore?: number;
}

function* candidates(spec: DetectorSpec, text: string): Generator<Candidate> {
  for (const pattern of spec.patterns ?? []) {
    pattern.regex.lastIndex = 0;
    for (const m of text.matchAll(pattern.regex)) {
      const range = m.indices?.groups?.['value'] ?? [m.index, m.index + m[0].length];
      if (range[1] <= range[0]) continue;
      yield {
        start: range[0],
        end: range[1],
        score: pattern.score,
        pattern: pattern.name,
        requiresContext: pattern.requiresContext ?? false,
        groups: m.groups ?? {},
        ...(pattern.validScore !== undefined ? { validScore: pattern.validScore } : {}),
      };
    }
  }
  // A custom finder computes its own score: a candidate it marks validated keeps that score
  // (without this, `validated: true` would always raise it to 1).
  if (spec.find) for (const c of spec.find(text)) yield { ...c, groups: {}, validScore: c.score };
}

function evaluate(
  doc: ScanDocument,
  view: MatchView,
  detector: CompiledDetector,
  candidate: Candidate,
): Finding | undefined {
  const { spec } = detector;
  const value = view.text.slice(candidate.start, candidate.end);
  const guessed = hasGuess(view, candidate.start, candidate.end);
  const info: MatchInfo = {
    value,
    compact: value.replace(/[^\p{L}\d]/gu, ''),
    view: view.text,
    start: candidate.start,
    end: candidate.end,
    groups: candidate.groups,
    pattern: candidate.pattern,
  };
  const [start, end] = toOriginalRange(view, candidate.start, candidate.end);
  // Context is the costly step: look it up once, and first when a missing one ends the candidate.
  let contextWord: string | undefined;
  let contextLooked = false;
  const context = (): string | undefined => {
    if (!contextLooked) {
      contextWord = detector.context ? findContext(doc, view, detector, candidate, start) : undefined;
      contextLooked = true;
    }
    return contextWord;
  };
  if (candidate.requiresContext && context() === undefined) return undefined;

  const verdict = normaliseVerdict(spec.validate ? spec.validate(info) : candidate.validated);
  if (verdict.valid === false) return undefined;
  // A value that exists only thanks to OCR guesses must prove itself with a validator.
  if (guessed && verdict.valid !== true) return undefined;

  let score = verdict.score ?? (verdict.valid ? (candidate.validScore ?? 1) : candidate.score);
  if (context() !== undefined) {
    const boost = spec.context?.boost ?? DEFAULT_BOOST;
    score = Math.max(spec.context?.floor ?? DEFAULT_FLOOR, Math.min(1, score + boost));
  }
  if (guessed) score -= GUESS_PENALTY;
  score = Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;

  return {
    type: spec.entity,
    detector: spec.id,
    start,
    end,
    value: doc.text.slice(start, end),
    score,
    validated: verdict.valid === true,
    personalData: verdict.personalData ?? candidate.personalData ?? spec.personalData,
    category: verdict.category ?? candidate.category ?? spec.category,
    ...(verdict.facts ?? candidate.facts ? { facts: (verdict.facts ?? candidate.facts)! } : {}),
    ...(guessed ? { ocrFolded: true } : {}),
    explanation: {
      pattern: candidate.pattern,
      baseScore: candidate.score,
      validation: verdict.valid === true ? 'passed' : 'none',
      ...(contextWord !== undefined ? { context: contextWord } : {}),
      ...(verdict.note !== undefined || candidate.note !== undefined ? { note: verdict.note ?? candidate.note } : {}),
    },
  };
}

function normaliseVerdict(v: boolean | undefined | ValidationVerdict): ValidationVerdict {
  if (v === undefined || typeof v === 'boolean') return { valid: v };
  return v;
}

/** Context is looked for in the text around the value and in the label (column header) of its segment. */
function findContext(
  doc: ScanDocument,
  view: MatchView,
  detector: CompiledDetector,
  candidate: Candidate,
  originalStart: number,
): string | undefined {
  const before = detector.spec.context?.before ?? DEFAULT_CONTEXT_BEFORE;
  const after = detector.spec.context?.after ?? 0;
  const segment = segmentAt(doc.segments, originalStart);
  let from = Math.max(0, candidate.start - before);
  let to = Math.min(view.text.length, candidate.end + after);
  if (segment && TABULAR.has(segment.source.kind)) {
    // In a table the row is the record: words from the row above belong to another person.
    from = Math.max(from, view.text.lastIndexOf('\n', candidate.start - 1) + 1);
    const rowEnd = view.text.indexOf('\n', candidate.end);
    if (rowEnd >= 0) to = Math.min(to, rowEnd);
  }
  const around = view.text.slice(from, candidate.start) + ' \u2063 ' + view.text.slice(candidate.end, Math.max(candidate.end, to));
  const found = detector.context!.find(around);
  if (found !== undefined) return found;
  const label = segment?.label;
  return label !== undefined ? detector.context!.find(label) : undefined;
}

/** Source kinds whose text rows are table rows (cells joined by tabs, rows by line breaks). */
const TABULAR = new Set<string>(['csv', 'cell']);

const gates = new WeakMap<readonly CompiledDetector[], RegExp>();

/**
 * One case-insensitive alternation of every detector's gate words (gitleaks' keyword pass): a
 * single scan of the text tells which gates are open, instead of one scan per word.
 */
function gateRegex(detectors: readonly CompiledDetector[]): RegExp {
  let regex = gates.get(detectors);
  if (!regex) {
    const words = [...new Set(detectors.flatMap((d) => d.requires ?? []))].sort((a, b) => b.length - a.length);
    regex = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'gi');
    gates.set(detectors, regex);
  }
  return regex;
}

function wordsPresent(regex: RegExp, text: string, doc: ScanDocument): Set<string> {
  const found = new Set<string>();
  for (const source of [text, ...labelsOf(doc)]) {
    for (const m of source.matchAll(regex)) found.add(m[0].toLowerCase());
  }
  return found;
}

function labelsOf(doc: ScanDocument): string[] {
  const labels = new Set<string>();
  for (const s of doc.segments) if (s.label !== undefined) labels.add(s.label);
  return [...labels];
}


/**
 * One value, one finding: where findings overlap, the higher score wins, then the longer span,
 * then the detector listed first. Redaction relies on findings never overlapping.
 */
function resolveOverlaps(findings: Finding[], detectors: readonly CompiledDetector[]): Finding[] {
  const order = new Map(detectors.map((d) => [d.spec.id, d.order]));
  const ranked = [...findings].sort(
    (a, b) =>
      b.score - a.score ||
      b.end - b.start - (a.end - a.start) ||
      (order.get(a.detector) ?? 0) - (order.get(b.detector) ?? 0) ||
      a.start - b.start,
  );
  // `kept` stays sorted by start and free of overlaps, so only the neighbours of the insertion
  // point can collide with a new finding.
  const kept: Finding[] = [];
  for (const f of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < f.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > f.start) || (after && after.start < f.end)) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}
