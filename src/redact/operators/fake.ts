/**
 * `fake`: a realistic substitute of the same kind that keeps the text readable — a name of the
 * same gender declined into the same case, a checksum-valid SNILS in the same layout, a phone with
 * the same operator code, a date of birth within two years, an address in the same city. The same
 * value gets the same fake with the same key (the keyed stream is labelled with the type and the
 * value's identity), and a fake is never the original.
 */
import type { Finding } from '../../detectors/types.js';
import { fakeAddress } from './fake-address.js';
import { fakeEmail, fakePhone } from './fake-contacts.js';
import { dateKey, fakeDate } from './fake-dates.js';
import { fakeIdentifier } from './fake-identifiers.js';
import { fakePerson } from './fake-person.js';
import type { RandomFor } from './keyed.js';

/**
 * A substitute for `finding`'s value. `identity` is the value's identity (see identity.ts), so
 * the same value always gets the same substitute with the same key; `random(label)` gives keyed
 * randomness for any label. Returns undefined when the type has no fake (organisations, their
 * addresses, special categories) or none could be made: the caller falls back to `replace`.
 *
 * Names are declined with the morphological dictionary the person detector loads (`initMorph`);
 * a thread that has not loaded it gets rule-based declension, which covers the lists' names but
 * reads the original's case from its ending only.
 */
export function fakeValue(finding: Finding, identity: string, random: RandomFor): string | undefined {
  const label = `fake:${finding.type}:${identity}`;
  switch (finding.type) {
    case 'PERSON':
      return fakePerson(finding, identity, random);
    case 'PHONE_NUMBER':
      return fakePhone(finding.value, random(label));
    case 'EMAIL_ADDRESS':
      return fakeEmail(finding.value, random(label));
    case 'DATE_OF_BIRTH':
      return fakeDate(finding.value, random(`fake:DATE_OF_BIRTH:${dateKey(finding.value) ?? identity}`));
    case 'ADDRESS':
      return fakeAddress(finding.value, finding.facts, random(label));
    case 'ORG':
    case 'ORG_ADDRESS':
    case 'SPECIAL_CATEGORY':
      return undefined;
    default:
      return fakeIdentifier(finding.type, finding.value, random(label));
  }
}
