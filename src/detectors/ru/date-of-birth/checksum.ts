import { expandYear, monthIndex, validYmd } from '../../shared/dates.js';

/**
 * Dates of birth (ru-pd-reference §7): a real calendar date with a year from 1900 to the current
 * year. Whether a date is a birth date is decided by context, not here.
 */
export interface DateParts {
  y: number;
  m?: number;
  d?: number;
}

/** Parts of a candidate from its pattern's groups (d, m or mon, y with 2 or 4 digits). */
export function partsFromGroups(groups: Readonly<Record<string, string | undefined>>, now: Date = new Date()): DateParts | undefined {
  const y = groups['y'];
  if (y === undefined) return undefined;
  const year = y.length === 2 ? expandYear(y, now) : Number(y);
  const m = groups['mon'] !== undefined ? monthIndex(groups['mon']) : groups['m'] !== undefined ? Number(groups['m']) : undefined;
  const d = groups['d'] !== undefined ? Number(groups['d']) : undefined;
  return { y: year, ...(m !== undefined ? { m } : {}), ...(d !== undefined ? { d } : {}) };
}

export function isValidBirthDate(p: DateParts, now: Date = new Date()): boolean {
  if (p.m === undefined || p.d === undefined) return p.y >= 1900 && p.y <= now.getFullYear();
  return validYmd(p.y, p.m, p.d, now);
}

/**
 * Parses the written forms of §7 ("12.03.1985", "1985-03-12", "«12» марта 1985 г.", "1985 г.р."),
 * with an optional "дата рождения:" label. Used by the tests of the reference examples.
 */
export function parseBirthDate(raw: string, now: Date = new Date()): DateParts | undefined {
  const s = raw.trim().replace(/^(?:дата рождения|д\.\s?р\.|родил(?:ся|ась))\s*:?\s*/i, '');
  const forms: RegExp[] = [
    /^(?<d>\d{1,2})(?<sep>[./-])(?<m>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?:\s*г(?:\.|ода)?)?$/u,
    /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/u,
    /^[«"]?(?<d>\d{1,2})[»"]?\s+(?<mon>[а-яё]+\.?)\s+(?<y>\d{4})(?:\s*(?:г\.|года|г(?![а-яё])))?$/iu,
    /^(?<y>\d{4})\s*(?:г\.\s?р\.?|года рождения)$/iu,
  ];
  for (const re of forms) {
    const m = re.exec(s);
    if (!m?.groups) continue;
    if (m.groups['mon'] !== undefined && monthIndex(m.groups['mon']) === 0) return undefined;
    const parts = partsFromGroups(m.groups, now);
    return parts && isValidBirthDate(parts, now) ? parts : undefined;
  }
  return undefined;
}
