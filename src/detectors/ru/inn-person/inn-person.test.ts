import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { isValidInn12 } from './checksum.js';
import innPerson from './index.js';

// The 12-digit examples of ru-pd-reference §3.2.
describe('isValidInn12 (reference §3.2)', () => {
  it.each([
    ['770123456703', true], // individual (PD)
    ['123456789047', true], // individual, python-stdnum doctest
    ['500100732259', true],
    ['123456789037', false], // 11th digit wrong
    ['770123456730', false], // check digits swapped
    ['007012345678', false], // tax office code never starts with 00
    ['7707083893', false], // 10 digits: an organisation, not this validator
  ])('%s → %s', (digits, ok) => expect(isValidInn12(digits)).toBe(ok));
});

testDetector(innPerson, {
  valid: [
    { text: '770123456703', values: ['770123456703'] }, // a valid 12-digit ИНН is certain without context
    { text: 'ИНН 77О1234567О3', values: ['77О1234567О3'] }, // §10: Cyrillic О folds to a valid ИНН
    { text: 'ИНН физического лица 7701 2345 6703', values: ['7701 2345 6703'] },
    { text: '500100732259', values: ['500100732259'], label: 'ИНН' },
  ],
  invalid: [
    '7701 2345 6703', // grouped only with context
    'ИНН 7707083893', // 10 digits: organisation
    'ИНН 0012345678901',
    '40817810700000000001',
  ],
  together: [
    { text: 'ИНН 500100732259', expect: [{ type: 'RU_INN_PERSON', value: '500100732259' }] },
    { text: 'ИНН 500100732259; 8-800-555-35-35', expect: [{ type: 'RU_INN_PERSON', value: '500100732259' }, { type: 'PHONE_NUMBER', value: '8-800-555-35-35' }] },
  ],
});
