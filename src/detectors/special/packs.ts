/**
 * The keyword packs of the special categories (152-FZ art. 10 and 11) are data, not code:
 * `packs/<category>.json` per category and `packs/common.json` for what they share (template
 * markers, subject evidence, scores). They are imported as JSON modules, so `tsc` copies them to
 * dist/ next to this file. This module only types and checks them; `compile.ts` turns them into
 * matchers.
 */
import { CATEGORIES, type CategoryId } from '../categories.js';
import biometric from './packs/biometric.json' with { type: 'json' };
import common from './packs/common.json' with { type: 'json' };
import criminalRecord from './packs/criminal_record.json' with { type: 'json' };
import health from './packs/health.json' with { type: 'json' };
import intimateLife from './packs/intimate_life.json' with { type: 'json' };
import philosophicalBeliefs from './packs/philosophical_beliefs.json' with { type: 'json' };
import politicalViews from './packs/political_views.json' with { type: 'json' };
import raceNationality from './packs/race_nationality.json' with { type: 'json' };
import religiousBeliefs from './packs/religious_beliefs.json' with { type: 'json' };

export interface RegexEntry {
  name: string;
  regex: string;
}

export interface ValueEntry extends RegexEntry {
  /** `field`: a filled value, personal data by itself; `statement`: unless it reads as a rule about people in general. */
  kind: 'field' | 'statement';
}

export interface Pack {
  category: CategoryId;
  title: string;
  source?: string;
  strong: string[];
  strongRegex?: RegexEntry[];
  weak: string[];
  mentionOnly?: Array<{ cue: string; category?: CategoryId }>;
  fuzzy?: string[];
  fields?: string[];
  weakFields?: string[];
  values: ValueEntry[];
  weakValues?: RegexEntry[];
  icd10?: { cues: string; code: string };
}

export interface SubjectEntry extends RegexEntry {
  flags: string;
}

export interface CommonRules {
  placeholders: Record<string, string>;
  templateMarkers: string[];
  recordTemplateMarkers: string[];
  namingPrefixes: string;
  genericSubject: string;
  subjects: SubjectEntry[];
  record: { maxLines: number; maxChars: number };
  clause: { maxBefore: number; maxAfter: number };
  scores: { value: number; strongWithSubject: number; weakWithSubject: number; mention: number };
  maxMentionsPerCategory: number;
}

/** Checks a pack's shape once at load time, naming the pack and the bad key. */
export function checkPack(raw: unknown, name: string): Pack {
  const fail = (msg: string): never => {
    throw new Error(`special-category pack ${name}: ${msg}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('not an object');
  const p = raw as Record<string, unknown>;
  const strings = (key: string, optional = false): void => {
    const v = p[key];
    if (v === undefined && optional) return;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.trim() !== '')) fail(`"${key}" must be a list of non-empty strings`);
  };
  const regexes = (key: string, optional = true): void => {
    const v = p[key];
    if (v === undefined && optional) return;
    if (!Array.isArray(v)) fail(`"${key}" must be a list`);
    for (const e of v as unknown[]) {
      const r = e as Record<string, unknown>;
      if (typeof r?.['name'] !== 'string' || typeof r['regex'] !== 'string') fail(`"${key}" entries need "name" and "regex"`);
    }
  };
  if (typeof p['category'] !== 'string' || !(p['category'] in CATEGORIES)) fail(`unknown "category": ${String(p['category'])}`);
  if (typeof p['title'] !== 'string') fail('"title" must be a string');
  strings('strong');
  strings('weak');
  strings('fuzzy', true);
  strings('fields', true);
  strings('weakFields', true);
  regexes('values', false);
  regexes('strongRegex');
  regexes('weakValues');
  for (const v of p['values'] as Array<Record<string, unknown>>) {
    if (v['kind'] !== 'field' && v['kind'] !== 'statement') fail(`value "${String(v['name'])}": "kind" must be "field" or "statement"`);
  }
  for (const m of (p['mentionOnly'] as Array<Record<string, unknown>> | undefined) ?? []) {
    if (typeof m['cue'] !== 'string') fail('"mentionOnly" entries need "cue"');
    if (m['category'] !== undefined && !(String(m['category']) in CATEGORIES)) fail(`unknown mentionOnly category ${String(m['category'])}`);
  }
  return p as unknown as Pack;
}

export const PACKS: readonly Pack[] = [
  checkPack(health, 'health.json'),
  checkPack(criminalRecord, 'criminal_record.json'),
  checkPack(raceNationality, 'race_nationality.json'),
  checkPack(politicalViews, 'political_views.json'),
  checkPack(religiousBeliefs, 'religious_beliefs.json'),
  checkPack(philosophicalBeliefs, 'philosophical_beliefs.json'),
  checkPack(intimateLife, 'intimate_life.json'),
  checkPack(biometric, 'biometric.json'),
];

export const COMMON: CommonRules = common as unknown as CommonRules;
