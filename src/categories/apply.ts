/**
 * Puts a file into categories of personal data (ru-pd-reference §11) from its findings and text,
 * by the rules of `rules.ts` (default-rules.json or `--categories FILE`):
 * - a finding that is personal data: its category (by detector id, else entity type, else its own;
 *   SPECIAL_CATEGORY findings keep their own: health, criminal_record…);
 * - a finding that is not personal data: organisation_identifier, except a special-category
 *   mention, which goes to `mentions`;
 * - keyword categories (education, income, employment_records…): a category when the file holds
 *   personal data, a mention otherwise.
 * Mentions never include a category the file holds.
 */
import type { CategoryId } from '../detectors/categories.js';
import { matchesOf } from '../detectors/special/compile.js';
import type { Finding } from '../detectors/types.js';
import { defaultCategoryRules, type CategoryRules } from './rules.js';

export interface CategorisedFile {
  /**
   * The findings to report, with the category the rules give them. Special-category mentions are
   * left out: they are summed up in `mentions` (a policy naming "судимость" twenty times is a
   * file that mentions criminal records, not twenty findings to act on).
   */
  findings: Finding[];
  /** Categories of personal data the file holds, sorted. */
  categories: CategoryId[];
  /** Categories the file only names (a policy, a blank form), sorted. */
  mentions: CategoryId[];
}

export function categoryOf(f: Finding, rules: CategoryRules): CategoryId {
  const target = rules.detectors.get(f.detector) ?? rules.entities.get(f.type);
  return target === undefined || target === 'per-finding' ? f.category : target;
}

export function applyCategoryRules(findings: readonly Finding[], text: string, rules: CategoryRules = defaultCategoryRules()): CategorisedFile {
  const held = new Set<CategoryId>();
  const named = new Set<CategoryId>();
  const out: Finding[] = [];
  for (const f of findings) {
    const category = categoryOf(f, rules);
    if (!f.personalData && f.type === 'SPECIAL_CATEGORY') {
      named.add(category);
      continue;
    }
    held.add(f.personalData ? category : 'organisation_identifier');
    out.push(category === f.category ? f : { ...f, category });
  }
  const personal = findings.some((f) => f.personalData);
  for (const k of rules.keywords) {
    if (held.has(k.category) || named.has(k.category)) continue;
    if (k.patterns.some((p) => !matchesOf(p, text).next().done)) (personal ? held : named).add(k.category);
  }
  for (const c of held) named.delete(c);
  return { findings: out, categories: [...held].sort(), mentions: [...named].sort() };
}
