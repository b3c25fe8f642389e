/**
 * Shapes of a detector: a small declarative unit (pattern + context words + validator + score),
 * in the spirit of presidio's PatternRecognizer and gitleaks' rules. Detectors are pure and
 * synchronous: no I/O, no console, no state between calls.
 */
import type { CategoryId } from './categories.js';

/** Entity ids are fixed: reports, configs and other tools rely on them. */
export const ENTITY_TYPES = [
  'RU_PASSPORT',
  'RU_FOREIGN_PASSPORT',
  'RU_SNILS',
  'RU_INN_PERSON',
  'RU_INN_ORG',
  'RU_OGRNIP',
  'RU_OGRN',
  'RU_OMS_POLICY',
  'RU_MILITARY_ID',
  'RU_DRIVER_LICENSE',
  'RU_BIRTH_CERTIFICATE',
  'CREDIT_CARD',
  'RU_BANK_ACCOUNT',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'DATE_OF_BIRTH',
  // Names, addresses, organisations (Natasha span types PER, LOC, ORG) and special categories.
  'PERSON',
  'ADDRESS',
  'ORG_ADDRESS',
  'ORG',
  'SPECIAL_CATEGORY',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(s: string): s is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(s);
}

/** A shape to look for. The regex runs on the detector's match view (see `text/match-view.ts`). */
export interface PatternSpec {
  name: string;
  /**
   * Must carry the `g` flag; add `d` and a named group `value` when the reported range is a part
   * of the match (e.g. the number after "серия").
   */
  regex: RegExp;
  /** Score of a shape match before validation and context (0..1). */
  score: number;
  /** Score when the validator returns true. Defaults to 1: a passing checksum makes it certain. */
  validScore?: number;
  /** Drop matches of this pattern that have no context word nearby. */
  requiresContext?: boolean;
}

/** What a validator sees of one candidate. */
export interface MatchInfo {
  /** The candidate as it stands in the match view (separators included). */
  readonly value: string;
  /** `value` with every non-alphanumeric character removed ("112-233-445 95" → "11223344595"). */
  readonly compact: string;
  /** The whole match view, for validators that need a neighbour (a BIK near an account). */
  readonly view: string;
  /** Range of `value` in the match view. */
  readonly start: number;
  readonly end: number;
  /** Named groups of the pattern's match. */
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** Name of the pattern that produced the candidate. */
  readonly pattern: string;
}

/**
 * A validator's answer: `true` (structure/checksum holds: score becomes validScore), `false`
 * (drop it), `undefined` (no opinion: keep the pattern score), or a verdict object that can also
 * adjust the finding.
 */
export type Verdict = boolean | undefined | ValidationVerdict;

/** Structured parts of a value: name facts `{first, middle, last}`, address parts `{city, street…}`. */
export type Facts = Readonly<Record<string, string>>;

export interface ValidationVerdict {
  valid: boolean | undefined;
  /** Overrides the detector's category for this finding (a special-category pack: health, criminal_record…). */
  category?: CategoryId;
  facts?: Facts;
  /** Overrides the score the validator would otherwise give. */
  score?: number;
  /** False when this particular value is not personal data (an organisation's bank account). */
  personalData?: boolean;
  /** A short, value-free note for the explanation (`"issuer: Мир"`). */
  note?: string;
}

export interface ContextSpec {
  /**
   * Words and phrases that make a candidate more likely. Matched by stem on the folded,
   * lower-cased text: "паспорт" also matches "паспорта", "паспортные". Abbreviations ending in a
   * dot ("сер.", "д.р.") and ALL-CAPS acronyms ("ИНН") are matched whole.
   */
  words: readonly string[];
  /** Characters before the candidate to look in (default 60). */
  before?: number;
  /** Characters after the candidate to look in (default 0). */
  after?: number;
  /** Score added when a context word is found (default 0.35). */
  boost?: number;
  /** Score a candidate is raised to at least when context is found (default 0.4). */
  floor?: number;
}

/** A candidate produced by a custom finder instead of patterns (phones use libphonenumber-js). */
export interface FoundCandidate {
  start: number;
  end: number;
  score: number;
  pattern: string;
  requiresContext?: boolean;
  validated?: boolean;
  note?: string;
  /** See ValidationVerdict. */
  category?: CategoryId;
  personalData?: boolean;
  facts?: Facts;
}

export interface DetectorExamples {
  /** Each text holds exactly the listed values (in order) as findings of this detector. */
  positive: ReadonlyArray<{ text: string; values: readonly string[] }>;
  /** Texts in which this detector must find nothing. */
  negative: readonly string[];
}

export interface DetectorSpec {
  /** kebab-case, country-prefixed: `ru-snils`. */
  id: string;
  entity: EntityType;
  /** Human names of the entity, used in reports. */
  label: { ru: string; en: string };
  /** Category (ru-pd-reference §11) a finding of this detector puts its file in. */
  category: CategoryId;
  /** Organisation identifiers are reported but do not make a file hold personal data. */
  personalData: boolean;
  /** One short example value for the README and help texts (fictitious, checksum-valid). */
  example: string;
  patterns?: readonly PatternSpec[];
  /** Custom finder for shapes a regex cannot express; runs on the match view. */
  find?: (view: string) => FoundCandidate[];
  /**
   * Cheap gate (gitleaks "keywords"): the detector runs only when the lower-cased view contains
   * one of these strings. Omit for detectors that must always run.
   */
  requires?: readonly string[];
  context?: ContextSpec;
  validate?: (m: MatchInfo) => Verdict;
  /**
   * Asynchronous set-up done once per thread before the first scan (loading a morphological
   * dictionary). Detection itself stays synchronous.
   */
  prepare?: () => Promise<void>;
  /** Masking style for reports (see report/mask.ts). */
  mask?: MaskStyle;
  examples: DetectorExamples;
}

export type MaskStyle =
  /** Hide every letter and digit but the last `keep` alphanumerics; separators stay. */
  | { kind: 'tail'; keep: number }
  | { kind: 'phone' }
  | { kind: 'email' };

/** One detected value, with offsets into `ScanDocument.text`. */
export interface Finding {
  type: EntityType;
  detector: string;
  start: number;
  end: number;
  /** The original characters (`text.slice(start, end)`). Never printed unless revealed. */
  value: string;
  score: number;
  /** True when a checksum or structural validator accepted the value. */
  validated: boolean;
  personalData: boolean;
  /** The category this finding puts its file in (the detector's, unless the finding says otherwise). */
  category: CategoryId;
  facts?: Facts;
  /** True when OCR look-alike folding was needed to read the value. */
  ocrFolded?: boolean;
  explanation: Explanation;
}

export interface Explanation {
  pattern: string;
  baseScore: number;
  validation: 'passed' | 'none';
  /** The context word that raised the score, if any ("снилс", or a column header). */
  context?: string;
  note?: string;
}
