/**
 * Every detector, in priority order: when two detectors claim the same characters with the same
 * score, the one listed first wins.
 */
import type { DetectorSpec } from './types.js';
import passport from './ru/passport/index.js';
import foreignPassport from './ru/foreign-passport/index.js';
import snils from './ru/snils/index.js';
import innPerson from './ru/inn-person/index.js';
import innOrg from './ru/inn-org/index.js';
import ogrnip from './ru/ogrnip/index.js';
import ogrn from './ru/ogrn/index.js';
import omsPolicy from './ru/oms-policy/index.js';
import militaryId from './ru/military-id/index.js';
import driverLicense from './ru/driver-license/index.js';
import birthCertificate from './ru/birth-certificate/index.js';
import creditCard from './generic/credit-card/index.js';
import bankAccount from './ru/bank-account/index.js';
import phone from './generic/phone/index.js';
import email from './generic/email/index.js';
import dateOfBirth from './ru/date-of-birth/index.js';
import address from './ru/address/index.js';
import orgAddress from './ru/org-address/index.js';
import org from './ru/org/index.js';
import person from './ru/person/index.js';
import special from './special/index.js';

export const ALL_DETECTORS: readonly DetectorSpec[] = [
  passport,
  foreignPassport,
  snils,
  innPerson,
  innOrg,
  ogrnip,
  ogrn,
  omsPolicy,
  militaryId,
  driverLicense,
  birthCertificate,
  creditCard,
  bankAccount,
  phone,
  email,
  dateOfBirth,
  person,
  address,
  orgAddress,
  org,
  special,
];

const BY_ID = new Map<string, DetectorSpec>(ALL_DETECTORS.map((d) => [d.id, d]));

/** The detector of a finding (`finding.detector`), for its mask style and labels. */
export function detectorById(id: string): DetectorSpec | undefined {
  return BY_ID.get(id);
}
