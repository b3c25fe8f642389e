/**
 * `generalize`: a coarser value that keeps what statistics need and drops what identifies — the
 * year of a date of birth, the region and city of an address, the country and area code of a
 * phone, the domain of an e-mail address. Names and document numbers have no coarser form.
 */
import type { Facts, Finding } from '../../detectors/types.js';
import { generalizeEmail, generalizePhone } from './fake-contacts.js';
import { birthYear } from './fake-dates.js';

export { ageBand } from './fake-dates.js';

/** A coarser form of `finding`'s value, or undefined when the type has none (caller: `replace`). */
export function generalizeValue(finding: Finding): string | undefined {
  switch (finding.type) {
    case 'DATE_OF_BIRTH':
      return birthYear(finding.value);
    case 'ADDRESS':
    case 'ORG_ADDRESS':
      return regionAndCity(finding.facts);
    case 'PHONE_NUMBER':
      return generalizePhone(finding.value);
    case 'EMAIL_ADDRESS':
      return generalizeEmail(finding.value);
    default:
      return undefined;
  }
}

/** "Тамбовская обл., г. Рассказово"; the settlement when there is no city ("с. Высокая Гора"). */
function regionAndCity(facts: Facts | undefined): string | undefined {
  if (!facts) return undefined;
  const parts: string[] = [];
  if (facts['region']) parts.push(facts['region']);
  const city = facts['city'];
  // A federal city is its own region ("г. Москва"): once is enough.
  if (city && !parts.some((p) => p.toLowerCase().includes(city.toLowerCase()))) parts.push(`г. ${city}`);
  else if (!city && facts['settlement']) parts.push(facts['settlement']);
  return parts.length ? parts.join(', ') : undefined;
}
