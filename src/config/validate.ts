/**
 * Checks a configuration and resolves it (types normalised, sizes in bytes, paths made absolute
 * against the config file's folder). Every problem names its key — `types[2]: unknown type
 * "RU_SNILZ"; did you mean "RU_SNILS"?` — and all of them are reported at once.
 */
import path from 'node:path';
import { CategoryRulesError, loadCategoryRules } from '../categories/rules.js';
import { ENTITY_TYPES, isEntityType, type EntityType } from '../detectors/types.js';
import { normaliseOcrLanguages, UnknownOcrLanguageError } from '../ocr/languages.js';
import { OCR_MODES, type OcrMode } from '../ocr/ocr-pages.js';
import type { AllowRule } from '../pipeline/allowlist.js';
import { isOperatorName, OPERATORS, type OperatorName } from '../redact/types.js';
import { didYouMean } from './suggest.js';
import type { LoadedConfig } from './types.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    // One problem on the line; several one per line, so each key stands out.
    super(problems.length === 1 ? `${source}: ${problems[0]}` : `${source}: ${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

const TOP_KEYS = ['types', 'excludeTypes', 'minScore', 'scoreThresholds', 'exclude', 'maxFileSize', 'allowlist', 'categories', 'redact', 'ocr', 'jobs'];
const ALLOW_KEYS = ['value', 'pattern', 'flags', 'types', 'paths', 'note'];
const REDACT_KEYS = ['operators', 'keyFile', 'mappingOut'];
const OCR_KEYS = ['mode', 'lang', 'dpi', 'embeddedImages'];
/** Keys a writer may use for notes: "$schema" at the top, "_anything" in any object. */
const isNote = (key: string): boolean => key.startsWith('_') || key === '$schema';

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

type Bad = (key: string, message: string) => void;
type Json = Record<string, unknown>;

export interface ValidateContext {
  /** Named in messages: the file's path, or "config object". */
  source: string;
  /** Relative paths in the config resolve against this folder. */
  dir: string;
}

/** Checks `raw` (parsed JSON or an object) and returns it resolved; throws ConfigError listing every problem. */
export function validateConfig(raw: unknown, context: ValidateContext): LoadedConfig {
  const problems: string[] = [];
  const bad: Bad = (key, message) => problems.push(`${key}: ${message}`);
  if (!isObject(raw)) throw new ConfigError(context.source, ['the configuration must be a JSON object ({ … })']);
  unknownKeys(raw, '', TOP_KEYS, bad);

  const config: LoadedConfig = { source: context.source, dir: context.dir };
  const types = typeList(raw, 'types', bad);
  if (Array.isArray(raw['types']) && raw['types'].length === 0) bad('types', 'must not be empty (leave the key out to report every type)');
  else if (types?.length) config.types = types;
  const excludeTypes = typeList(raw, 'excludeTypes', bad);
  if (excludeTypes) config.excludeTypes = excludeTypes;
  if (raw['minScore'] !== undefined) {
    const score = scoreAt(raw['minScore'], 'minScore', bad);
    if (score !== undefined) config.minScore = score;
  }
  const thresholds = scoreThresholds(raw, bad);
  if (thresholds) config.scoreThresholds = thresholds;
  const exclude = stringList(raw['exclude'], 'exclude', 'a glob', bad);
  if (exclude) config.exclude = exclude;
  if (raw['maxFileSize'] !== undefined) {
    const size = sizeAt(raw['maxFileSize'], 'maxFileSize', bad);
    if (size !== undefined) config.maxFileSize = size;
  }
  const allowlist = allowRules(raw['allowlist'], context.dir, bad);
  if (allowlist) config.allowlist = allowlist;
  if (raw['categories'] !== undefined) {
    const file = pathAt(raw['categories'], 'categories', context.dir, bad);
    if (file !== undefined) {
      try {
        loadCategoryRules(file);
        config.categoriesFile = file;
      } catch (error) {
        if (!(error instanceof CategoryRulesError)) throw error;
        bad('categories', error.message);
      }
    }
  }
  const redact = redactSection(raw['redact'], context.dir, bad);
  if (redact) config.redact = redact;
  const ocr = ocrSection(raw['ocr'], bad);
  if (ocr) config.ocr = ocr;
  if (raw['jobs'] !== undefined) {
    const jobs = raw['jobs'];
    if (typeof jobs !== 'number' || !Number.isInteger(jobs) || jobs < 1) bad('jobs', 'must be a whole number of at least 1');
    else config.jobs = jobs;
  }

  if (problems.length) throw new ConfigError(context.source, problems);
  return config;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Joins a parent key and a child: "redact" + "operators" → "redact.operators". */
const keyOf = (parent: string, child: string): string => (parent ? `${parent}.${child}` : child);

function unknownKeys(object: Json, parent: string, known: readonly string[], bad: Bad): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key) || isNote(key)) continue;
    const hint = didYouMean(key, known);
    bad(keyOf(parent, key), hint ? `unknown key${hint}` : `unknown key (known: ${known.join(', ')})`);
  }
}

function sectionAt(value: unknown, key: string, bad: Bad): Json | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    bad(key, 'must be an object ({ … })');
    return undefined;
  }
  return value;
}

/** An entity type written in any case; undefined (and a problem) when unknown. */
function entityType(value: unknown, key: string, bad: Bad): EntityType | undefined {
  if (typeof value !== 'string') {
    bad(key, `must be an entity type name (${ENTITY_TYPES.slice(0, 3).join(', ')}, …)`);
    return undefined;
  }
  const type = value.trim().toUpperCase();
  if (isEntityType(type)) return type;
  const hint = didYouMean(type, ENTITY_TYPES);
  bad(key, `unknown type ${JSON.stringify(value)}${hint || `; known: ${ENTITY_TYPES.join(', ')}`}`);
  return undefined;
}

function typeList(object: Json, key: string, bad: Bad): EntityType[] | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    bad(key, 'must be a list of entity types, e.g. ["RU_SNILS", "PERSON"]');
    return undefined;
  }
  const types = value.map((v, i) => entityType(v, `${key}[${i}]`, bad)).filter((t): t is EntityType => t !== undefined);
  return [...new Set(types)];
}

function scoreAt(value: unknown, key: string, bad: Bad): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    bad(key, 'must be a number from 0 to 1');
    return undefined;
  }
  return value;
}

function scoreThresholds(object: Json, bad: Bad): Partial<Record<EntityType, number>> | undefined {
  const section = sectionAt(object['scoreThresholds'], 'scoreThresholds', bad);
  if (!section) return undefined;
  const thresholds: Partial<Record<EntityType, number>> = {};
  for (const [name, value] of Object.entries(section)) {
    if (isNote(name)) continue;
    const key = `scoreThresholds.${name}`;
    const type = entityType(name, key, bad);
    const score = scoreAt(value, key, bad);
    if (type && score !== undefined) thresholds[type] = score;
  }
  return thresholds;
}

function stringList(value: unknown, key: string, what: string, bad: Bad): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    bad(key, `must be a list of strings, each ${what}`);
    return undefined;
  }
  const items: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || item.trim() === '') bad(`${key}[${i}]`, `must be ${what} (a non-empty string)`);
    else items.push(item);
  });
  return items;
}

/** Bytes as a whole number, or a size string: "500000", "512k", "10MB", "1.5G". */
function sizeAt(value: unknown, key: string, bad: Bad): number | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1) return value;
    bad(key, 'must be a whole number of bytes of at least 1, or a size such as "10MB"');
    return undefined;
  }
  const m = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null;
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : 0;
  if (bytes < 1) {
    bad(key, `${JSON.stringify(value)} is not a size (examples: 500000, "512k", "10MB", "1G")`);
    return undefined;
  }
  return bytes;
}

/** A file path, resolved against the config's folder. */
function pathAt(value: unknown, key: string, dir: string, bad: Bad): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    bad(key, 'must be a file path (a non-empty string)');
    return undefined;
  }
  return path.resolve(dir, value);
}

/**
 * An allowlist `paths` glob, in the form the allowlist matches: one holding "/" made absolute
 * against the config's folder (with "/" separators), one without "/" kept to match file names.
 */
function resolveGlob(glob: string, dir: string): string {
  if (!glob.includes('/')) return glob;
  if (path.posix.isAbsolute(glob) || path.win32.isAbsolute(glob)) return glob.split(path.sep).join('/');
  const base = path.resolve(dir).split(path.sep).join('/').replace(/\/$/, '');
  return `${base}/${glob.replace(/^(\.\/)+/, '')}`;
}

function allowRules(value: unknown, dir: string, bad: Bad): AllowRule[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    bad('allowlist', 'must be a list of entries such as { "value": "…" } or { "pattern": "…" }');
    return undefined;
  }
  const rules: AllowRule[] = [];
  value.forEach((entry: unknown, i) => {
    const key = `allowlist[${i}]`;
    if (!isObject(entry)) return void bad(key, 'must be an object such as { "value": "…" } or { "pattern": "…" }');
    const rule = allowRule(entry, key, dir, bad);
    if (rule) rules.push(rule);
  });
  return rules;
}

function allowRule(entry: Json, key: string, dir: string, bad: Bad): AllowRule | undefined {
  let ok = true;
  const fail: Bad = (k, m) => {
    ok = false;
    bad(k, m);
  };
  unknownKeys(entry, key, ALLOW_KEYS, fail);
  const hasValue = entry['value'] !== undefined;
  const hasPattern = entry['pattern'] !== undefined;
  if (hasValue === hasPattern) {
    fail(key, hasValue ? 'has both "value" and "pattern"; give one' : 'needs "value" (compared by identity) or "pattern" (a regex)');
    return undefined;
  }
  const rule: AllowRule = {};
  if (hasValue) {
    const v = entry['value'];
    // A JSON number loses digits past 2^53 (a 20-digit account): only strings are exact.
    if (typeof v === 'number') fail(`${key}.value`, 'must be a string: put the number in quotes, as a JSON number can lose digits');
    else if (typeof v !== 'string' || v.trim() === '') fail(`${key}.value`, 'must be a non-empty string');
    else rule.value = v;
  } else {
    const p = entry['pattern'];
    const flags = entry['flags'] ?? '';
    const flagsOk = typeof flags === 'string' && /^[imsu]*$/.test(flags);
    if (!flagsOk) fail(`${key}.flags`, 'only the regex flags i, m, s, u');
    if (typeof p !== 'string' || p === '') fail(`${key}.pattern`, 'must be a non-empty regular expression string');
    else {
      try {
        new RegExp(p, flagsOk ? flags : '');
        rule.pattern = p;
        if (flagsOk && flags) rule.flags = flags;
      } catch (error) {
        fail(`${key}.pattern`, `not a valid regular expression (${(error as Error).message})`);
      }
    }
  }
  if (!hasPattern && entry['flags'] !== undefined) fail(`${key}.flags`, 'only goes with "pattern"');
  const types = typeList(entry, 'types', (k, m) => fail(`${key}.${k}`, m));
  if (types) {
    if (types.length === 0 && Array.isArray(entry['types']) && entry['types'].length === 0) fail(`${key}.types`, 'must not be empty (leave the key out for every type)');
    else rule.types = types;
  }
  const paths = stringList(entry['paths'], `${key}.paths`, 'a glob', fail);
  if (paths) {
    if (paths.length === 0) fail(`${key}.paths`, 'must not be empty (leave the key out for every file)');
    else rule.paths = paths.map((g) => resolveGlob(g, dir));
  }
  if (entry['note'] !== undefined && typeof entry['note'] !== 'string') fail(`${key}.note`, 'must be a string');
  return ok ? rule : undefined;
}

function redactSection(value: unknown, dir: string, bad: Bad): LoadedConfig['redact'] {
  const section = sectionAt(value, 'redact', bad);
  if (!section) return undefined;
  unknownKeys(section, 'redact', REDACT_KEYS, bad);
  const redact: NonNullable<LoadedConfig['redact']> = {};
  const operators = sectionAt(section['operators'], 'redact.operators', bad);
  if (operators) {
    const policy: NonNullable<NonNullable<LoadedConfig['redact']>['operators']> = { byType: {} };
    for (const [name, op] of Object.entries(operators)) {
      if (isNote(name)) continue;
      const key = `redact.operators.${name}`;
      const operator = operatorAt(op, key, bad);
      if (name.toLowerCase() === 'default') {
        if (operator) policy.default = operator;
        continue;
      }
      const type = isEntityType(name.toUpperCase()) ? (name.toUpperCase() as EntityType) : undefined;
      if (!type) {
        const hint = didYouMean(name.toUpperCase(), ['default', ...ENTITY_TYPES]);
        bad(key, `not an entity type or "default"${hint || `; known types: ${ENTITY_TYPES.join(', ')}`}`);
      } else if (operator) policy.byType[type] = operator;
    }
    redact.operators = policy;
  }
  for (const k of ['keyFile', 'mappingOut'] as const) {
    if (section[k] === undefined) continue;
    const file = pathAt(section[k], `redact.${k}`, dir, bad);
    if (file !== undefined) redact[k] = file;
  }
  return redact;
}

function operatorAt(value: unknown, key: string, bad: Bad): OperatorName | undefined {
  const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (isOperatorName(name)) return name;
  const hint = typeof value === 'string' ? didYouMean(name, OPERATORS) : '';
  bad(key, `unknown operator ${JSON.stringify(value)}${hint}; known: ${OPERATORS.join(', ')}`);
  return undefined;
}

function ocrSection(value: unknown, bad: Bad): LoadedConfig['ocr'] {
  const section = sectionAt(value, 'ocr', bad);
  if (!section) return undefined;
  unknownKeys(section, 'ocr', OCR_KEYS, bad);
  const ocr: NonNullable<LoadedConfig['ocr']> = {};
  const mode = section['mode'];
  if (mode !== undefined) {
    if (typeof mode === 'string' && (OCR_MODES as readonly string[]).includes(mode)) ocr.mode = mode as OcrMode;
    else bad('ocr.mode', `must be one of ${OCR_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  const lang = section['lang'];
  if (lang !== undefined) {
    if (typeof lang !== 'string') bad('ocr.lang', 'must be languages joined with "+", e.g. "rus+eng"');
    else {
      try {
        ocr.lang = normaliseOcrLanguages(lang);
      } catch (error) {
        if (!(error instanceof UnknownOcrLanguageError)) throw error;
        bad('ocr.lang', error.message);
      }
    }
  }
  const dpi = section['dpi'];
  if (dpi !== undefined) {
    if (typeof dpi !== 'number' || !Number.isInteger(dpi) || dpi < 50 || dpi > 1200) bad('ocr.dpi', 'must be a whole number from 50 to 1200');
    else ocr.dpi = dpi;
  }
  const embedded = section['embeddedImages'];
  if (embedded !== undefined) {
    if (typeof embedded !== 'boolean') bad('ocr.embeddedImages', 'must be true or false');
    else ocr.embeddedImages = embedded;
  }
  return ocr;
}
