/**
 * The identity of a value: two findings with the same identity are the same value and get the
 * same pseudonym or fake. Separators, case and OCR look-alikes do not change an identity
 * ("112-233-445 95" = "11223344595", "+7 916 123-45-67" = "8 (916) 1234567"), and a person is
 * the same person in any grammatical case and with initials ("Иванову С.П." = "Иванов Сергей
 * Петрович") when the file does not make that ambiguous.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Finding } from '../../detectors/types.js';
import { firstNameLemma } from './fake-person.js';

/** Identity of a non-person value (persons: see `personIdentities`). */
export function valueIdentity(f: Finding): string {
  switch (f.type) {
    case 'EMAIL_ADDRESS':
      return f.value.trim().toLowerCase();
    case 'PHONE_NUMBER': {
      const parsed = parsePhoneNumberFromString(f.value.replace(/^8(?=[\s(-]*\d{3})/, '+7'), 'RU');
      return parsed?.number ?? digits(f.value);
    }
    case 'ADDRESS':
    case 'ORG_ADDRESS':
    case 'ORG':
    case 'SPECIAL_CATEGORY':
      return f.value.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\d]+/gu, ' ').trim();
    default:
      return digits(f.value) || f.value.toLowerCase().replace(/\s+/g, ' ').trim();
  }
}

function digits(s: string): string {
  return s.replace(/[^\p{L}\d]/gu, '').toUpperCase();
}

interface NameParts {
  last?: string;
  first?: string;
  middle?: string;
}

const norm = (s: string | undefined) => (s ? s.toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '') : undefined);

/**
 * One identity per PERSON finding of a file. A mention with initials or without a first name
 * is joined to the one full name of the file it agrees with; when two full names agree with it
 * ("Иванов С." with both "Иванов Сергей" and "Иванов Степан"), it stays on its own.
 */
export function personIdentities(findings: readonly Finding[]): Map<Finding, string> {
  const persons = findings.filter((f) => f.type === 'PERSON');
  const parts = new Map<Finding, NameParts>();
  for (const f of persons) {
    const facts = f.facts ?? {};
    const first = norm(facts['first']);
    // "Ивановой Анне": the detector may read the dative as a rare indeclinable name; the person is Анна.
    parts.set(f, { last: norm(facts['last']), first: first && first.length > 1 ? firstNameLemma(first) : first, middle: norm(facts['middle']) });
  }
  const full = persons.filter((f) => {
    const p = parts.get(f)!;
    return p.last && p.first && p.first.length > 1;
  });
  const keyOf = (p: NameParts) => [p.last ?? '', p.first ?? '', p.middle ?? ''].join('|');
  const out = new Map<Finding, string>();
  for (const f of persons) {
    const p = parts.get(f)!;
    if (full.includes(f) || (!p.last && !p.first)) {
      out.set(f, p.last || p.first ? keyOf(p) : valueIdentity(f));
      continue;
    }
    const candidates = new Set(
      full
        .map((g) => parts.get(g)!)
        .filter((q) => agrees(p, q))
        .map(keyOf),
    );
    out.set(f, candidates.size === 1 ? [...candidates][0]! : keyOf(p));
  }
  return out;
}

/** Does a partial mention `p` fit the full name `q`? Initials match first letters. */
function agrees(p: NameParts, q: NameParts): boolean {
  const fits = (a: string | undefined, b: string | undefined) =>
    a === undefined || b === undefined || a === b || (a.length === 1 && b.startsWith(a));
  if (p.last !== undefined && p.last !== q.last) return false;
  if (p.last === undefined && p.first === undefined) return false;
  return fits(p.first, q.first) && fits(p.middle, q.middle);
}
