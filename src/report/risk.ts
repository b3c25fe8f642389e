/**
 * File risk from the categories of personal data it holds. The ladder, from the reader's side:
 * - none: no personal data (organisation identifiers alone do not count);
 * - low: contact data or a birth date only (phone, e-mail, birth_data);
 * - medium: a government identifier of a person (СНИЛС, ИНН, паспорт, полис…) or two categories;
 * - high: a person's bank details, three or more categories, or identifiers in bulk (≥ 20);
 * - special: a special category (152-FZ art. 10) or biometrics (art. 11).
 */
import { CATEGORIES, type CategoryClass, type CategoryId } from '../detectors/categories.js';
import type { Risk } from './types.js';

const CONTACT_ONLY = new Set<CategoryId>(['phone', 'email', 'birth_data']);
const BULK_FINDINGS = 20;

/** `classOf`: the class of a category under the category rules in use (default: categories.ts). */
export function riskOf(
  categories: readonly CategoryId[],
  personalFindings: number,
  classOf: (c: CategoryId) => CategoryClass = (c) => CATEGORIES[c].class,
): Risk {
  const personal = categories.filter((c) => c !== 'organisation_identifier');
  if (personal.length === 0) return 'none';
  if (personal.some((c) => classOf(c) !== 'G')) return 'special';
  if (personal.includes('bank_details') || personal.length >= 3 || personalFindings >= BULK_FINDINGS) return 'high';
  if (personal.length >= 2 || personal.some((c) => !CONTACT_ONLY.has(c))) return 'medium';
  return 'low';
}
