/**
 * The allowlist: values that are not to be reported (the organisation's own ИНН, its address, its
 * public phones). Rules travel to worker threads inside ScanOptions, so they are plain data
 * (patterns as strings); each thread compiles a rule list once and keeps it by content.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { EntityType, Finding } from '../detectors/types.js';

/** One allowlist entry, as validated from the config file (src/config/validate.ts). */
export interface AllowRule {
  /** A value compared by identity (see `valueIdentity`). */
  value?: string;
  /** A regular expression tested on the finding's value (a search: anchor it with ^ and $). */
  pattern?: string;
  /** Flags of `pattern` (i, m, s, u). */
  flags?: string;
  /** Only findings of these types are allowed by the rule. */
  types?: EntityType[];
  /**
   * Only files matching one of these globs: a glob holding "/" is matched against the file's
   * absolute path (the config resolves relative ones against its own folder), one without "/"
   * against the file name.
   */
  paths?: string[];
}

/** Findings split into those still reported and those an allowlist rule suppressed. */
export interface AllowSplit {
  kept: Finding[];
  allowed: Finding[];
}

/**
 * A value as it is compared: numbers by their digits (a phone's leading 8 and +7 are the same
 * number), e-mails in lower case, other text in lower case with spaces collapsed and ё read as е.
 */
export function valueIdentity(value: string, type?: EntityType): string {
  const text = value.normalize('NFC').trim();
  if (/\d/.test(text) && /^[\d\s()+\-./№#]+$/u.test(text)) {
    const digits = text.replace(/\D/g, '');
    return type === 'PHONE_NUMBER' ? phoneDigits(digits) : digits;
  }
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

/** A Russian number in one form: 8 495 … and +7 495 … and a bare 495 … all become 7495…. */
function phoneDigits(digits: string): string {
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) return `7${digits.slice(1)}`;
  if (digits.length === 10) return `7${digits}`;
  return digits;
}

interface CompiledRule {
  allows(f: Finding): boolean;
}

const compiledByContent = new Map<string, CompiledRule[]>();

function compileRule(rule: AllowRule): CompiledRule {
  const types = rule.types ? new Set<EntityType>(rule.types) : undefined;
  const typeOk = (f: Finding) => !types || types.has(f.type);
  if (rule.pattern !== undefined) {
    const regex = new RegExp(rule.pattern, (rule.flags ?? '').replace(/[gy]/g, ''));
    return { allows: (f) => typeOk(f) && regex.test(f.value) };
  }
  const value = rule.value ?? '';
  // A phone compares in its own folded form; any other type by the plain identity, so an
  // 11-digit СНИЛС starting with 8 is never taken for one starting with 7.
  const plain = valueIdentity(value);
  const asPhone = valueIdentity(value, 'PHONE_NUMBER');
  return { allows: (f) => typeOk(f) && valueIdentity(f.value, f.type) === (f.type === 'PHONE_NUMBER' ? asPhone : plain) };
}

function compiled(rules: readonly AllowRule[]): CompiledRule[] {
  const key = JSON.stringify(rules);
  let list = compiledByContent.get(key);
  if (!list) {
    list = rules.map(compileRule);
    compiledByContent.set(key, list);
  }
  return list;
}

const matcherByGlobs = new Map<string, (file: string) => boolean>();

function pathMatcher(globs: readonly string[]): (file: string) => boolean {
  const key = globs.join('\u0000');
  let matcher = matcherByGlobs.get(key);
  if (!matcher) {
    const full = globs.filter((g) => g.includes('/')).map((g) => picomatch(g, { dot: true }));
    const name = globs.filter((g) => !g.includes('/')).map((g) => picomatch(g, { dot: true }));
    matcher = (file) => full.some((m) => m(file)) || name.some((m) => m(path.posix.basename(file)));
    matcherByGlobs.set(key, matcher);
  }
  return matcher;
}

/** A file's path as `paths` globs see it: absolute, with "/" separators. */
function globPath(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

/**
 * The rules that apply to one file, with their `paths` settled: rules for other files are
 * dropped, the rest lose `paths`. Done once per file on its real path, because inside the file
 * (an archive entry, a copy being verified) only the file's own path is the right one.
 */
export function allowRulesForFile(rules: readonly AllowRule[] | undefined, file: string): AllowRule[] | undefined {
  if (!rules?.length) return undefined;
  if (!rules.some((r) => r.paths)) return [...rules];
  const where = globPath(file);
  const applicable = rules.filter((r) => !r.paths || pathMatcher(r.paths)(where)).map(({ paths: _paths, ...rest }) => rest);
  return applicable.length ? applicable : undefined;
}

/** Splits findings into the reported and the allowed; rules still holding `paths` are matched against `file`. */
export function splitAllowed(findings: readonly Finding[], rules: readonly AllowRule[] | undefined, file: string): AllowSplit {
  const settled = allowRulesForFile(rules, file);
  if (!settled) return { kept: [...findings], allowed: [] };
  const list = compiled(settled);
  const kept: Finding[] = [];
  const allowed: Finding[] = [];
  for (const f of findings) (list.some((r) => r.allows(f)) ? allowed : kept).push(f);
  return { kept, allowed };
}

/** Options whose allowlist is settled for one file (see `allowRulesForFile`). */
export function withAllowRulesFor<T extends { allow?: AllowRule[] }>(options: T, file: string): T {
  if (!options.allow?.some((r) => r.paths)) return options;
  const { allow, ...rest } = options;
  const settled = allowRulesForFile(allow, file);
  return (settled ? { ...rest, allow: settled } : rest) as T;
}
