/**
 * Category rules: one JSON file a compliance officer can read and adjust (default-rules.json next
 * to this module; `--categories FILE` replaces it). This module checks a rules file, naming the bad
 * key, and compiles it for `apply.ts`.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, type CategoryClass, type CategoryId } from '../detectors/categories.js';
import { ALL_DETECTORS } from '../detectors/registry.js';
import { packRegex } from '../detectors/special/compile.js';
import { isEntityType, type EntityType } from '../detectors/types.js';
import defaults from './default-rules.json' with { type: 'json' };

/** The category a finding of an entity or detector goes to; 'per-finding' keeps the finding's own. */
export type CategoryTarget = CategoryId | 'per-finding';

export interface CategoryRulesFile {
  categories?: Partial<Record<CategoryId, { class: CategoryClass; ru?: string; en?: string }>>;
  entities?: Partial<Record<EntityType, CategoryTarget>>;
  detectors?: Record<string, CategoryTarget>;
  keywords?: Array<{ category: CategoryId; patterns: string[]; flags?: string; why?: string }>;
}

export interface CategoryRules {
  /** Where the rules came from: 'default' or the file's path. */
  source: string;
  classOf(category: CategoryId): CategoryClass;
  labelOf(category: CategoryId): { ru: string; en: string };
  entities: ReadonlyMap<EntityType, CategoryTarget>;
  detectors: ReadonlyMap<string, CategoryTarget>;
  keywords: ReadonlyArray<{ category: CategoryId; patterns: readonly RegExp[] }>;
}

export class CategoryRulesError extends Error {
  override name = 'CategoryRulesError';
}

const TOP_KEYS = new Set(['categories', 'entities', 'detectors', 'keywords']);
const CLASSES = new Set<string>(['G', 'S', 'B']);
const isComment = (key: string): boolean => key === 'about' || key === 'rules' || key.startsWith('_');
const isCategory = (v: unknown): v is CategoryId => typeof v === 'string' && Object.hasOwn(CATEGORIES, v);

/** Checks and compiles rules; every problem names its key (`entities.RU_SNILS: unknown category "x"`). */
export function compileCategoryRules(raw: unknown, source: string): CategoryRules {
  const problems: string[] = [];
  const bad = (key: string, msg: string) => problems.push(`${key}: ${msg}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CategoryRulesError(`${source}: the rules must be a JSON object`);
  }
  const file = raw as Record<string, unknown>;
  for (const key of Object.keys(file)) {
    if (!TOP_KEYS.has(key) && !isComment(key)) bad(key, `unknown key (expected ${[...TOP_KEYS].join(', ')})`);
  }

  const classes = new Map<CategoryId, CategoryClass>();
  const labels = new Map<CategoryId, { ru: string; en: string }>();
  const categories = objectAt(file, 'categories', bad);
  for (const [key, value] of Object.entries(categories)) {
    if (isComment(key)) continue;
    if (!isCategory(key)) {
      bad(`categories.${key}`, `unknown category (known: ${Object.keys(CATEGORIES).join(', ')})`);
      continue;
    }
    const v = value as Record<string, unknown> | null;
    if (typeof v !== 'object' || v === null || !CLASSES.has(String(v['class']))) {
      bad(`categories.${key}`, 'needs "class": "G" (general), "S" (special) or "B" (biometric)');
      continue;
    }
    for (const k of Object.keys(v)) if (!['class', 'ru', 'en'].includes(k) && !isComment(k)) bad(`categories.${key}.${k}`, 'unknown key (expected class, ru, en)');
    for (const k of ['ru', 'en'] as const) if (v[k] !== undefined && typeof v[k] !== 'string') bad(`categories.${key}.${k}`, 'must be a string');
    classes.set(key, v['class'] as CategoryClass);
    labels.set(key, { ru: String(v['ru'] ?? CATEGORIES[key].ru), en: String(v['en'] ?? CATEGORIES[key].en) });
  }

  const target = (key: string, v: unknown): CategoryTarget | undefined => {
    if (v === 'per-finding' || isCategory(v)) return v;
    bad(key, `unknown category ${JSON.stringify(v)} (a category id or "per-finding")`);
    return undefined;
  };
  const entities = new Map<EntityType, CategoryTarget>();
  for (const [key, value] of Object.entries(objectAt(file, 'entities', bad))) {
    if (isComment(key)) continue;
    if (!isEntityType(key)) {
      bad(`entities.${key}`, 'unknown entity type');
      continue;
    }
    const t = target(`entities.${key}`, value);
    if (t) entities.set(key, t);
  }
  const detectorIds = new Set(ALL_DETECTORS.map((d) => d.id));
  const detectors = new Map<string, CategoryTarget>();
  for (const [key, value] of Object.entries(objectAt(file, 'detectors', bad))) {
    if (isComment(key)) continue;
    if (!detectorIds.has(key)) {
      bad(`detectors.${key}`, `unknown detector id (known: ${[...detectorIds].join(', ')})`);
      continue;
    }
    const t = target(`detectors.${key}`, value);
    if (t) detectors.set(key, t);
  }

  const keywords: Array<{ category: CategoryId; patterns: RegExp[] }> = [];
  const list = file['keywords'] ?? [];
  if (!Array.isArray(list)) bad('keywords', 'must be a list');
  else {
    list.forEach((entry: unknown, i) => {
      const key = `keywords[${i}]`;
      const e = entry as Record<string, unknown> | null;
      if (typeof e !== 'object' || e === null) return void bad(key, 'must be an object');
      for (const k of Object.keys(e)) if (!['category', 'patterns', 'flags', 'why'].includes(k) && !isComment(k)) bad(`${key}.${k}`, 'unknown key (expected category, patterns, flags, why)');
      if (!isCategory(e['category'])) return void bad(`${key}.category`, `unknown category ${JSON.stringify(e['category'])}`);
      const flags = e['flags'] === undefined ? 'iu' : e['flags'];
      if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags)) return void bad(`${key}.flags`, 'only the regex flags i, m, s, u');
      const patterns = e['patterns'];
      if (!Array.isArray(patterns) || patterns.length === 0) return void bad(`${key}.patterns`, 'must be a non-empty list of regexes');
      const compiled: RegExp[] = [];
      patterns.forEach((p: unknown, j) => {
        if (typeof p !== 'string') return void bad(`${key}.patterns[${j}]`, 'must be a string');
        try {
          compiled.push(packRegex(p, `g${flags.includes('u') ? flags : flags + 'u'}`, `${key}.patterns[${j}]`));
        } catch (error) {
          bad(`${key}.patterns[${j}]`, (error as Error).message.replace(/^special-category packs: /, ''));
        }
      });
      keywords.push({ category: e['category'], patterns: compiled });
    });
  }

  if (problems.length) throw new CategoryRulesError(`${source}: ${problems.join('; ')}`);
  return {
    source,
    classOf: (c) => classes.get(c) ?? CATEGORIES[c].class,
    labelOf: (c) => labels.get(c) ?? { ru: CATEGORIES[c].ru, en: CATEGORIES[c].en },
    entities,
    detectors,
    keywords,
  };
}

function objectAt(file: Record<string, unknown>, key: string, bad: (key: string, msg: string) => void): Record<string, unknown> {
  const v = file[key];
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    bad(key, 'must be an object');
    return {};
  }
  return v as Record<string, unknown>;
}

let defaultRules: CategoryRules | undefined;
const fileRules = new Map<string, CategoryRules>();

/** The built-in rules (src/categories/default-rules.json). */
export function defaultCategoryRules(): CategoryRules {
  return (defaultRules ??= compileCategoryRules(defaults, 'default'));
}

/** Rules from a file (cached per path and thread); the defaults when no path is given. */
export function loadCategoryRules(path?: string): CategoryRules {
  if (path === undefined) return defaultCategoryRules();
  let rules = fileRules.get(path);
  if (!rules) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CategoryRulesError(`${path}: cannot read the categories file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new CategoryRulesError(`${path}: not valid JSON (${(error as Error).message})`);
    }
    rules = compileCategoryRules(raw, path);
    fileRules.set(path, rules);
  }
  return rules;
}
