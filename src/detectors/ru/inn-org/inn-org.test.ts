import { describe, expect, it } from 'vitest';
import { testDetector, findValues } from '../../../testing/detector-tester.js';
import { isKpp, isValidInn10 } from './checksum.js';
import innOrg from './index.js';

// The 10-digit examples of ru-pd-reference §3.2.
describe('isValidInn10 (reference §3.2)', () => {
  it.each([
    ['7707083893', true], // valid, organisation
    ['1234567894', true], // valid, organisation (python-stdnum doctest)
    ['1234567895', false],
    ['0034567890', false], // never starts with 00
    ['770123456703', false], // 12 digits: a person, not this validator
  ])('%s → %s', (digits, ok) => expect(isValidInn10(digits)).toBe(ok));
});

// КПП examples of ru-pd-reference §4.3.
describe('isKpp (reference §4.3)', () => {
  it.each([
    ['770701001', true],
    ['7707AB001', true], // letters allowed in positions 5–6
    ['77070100', false],
    ['7707010A1', false],
  ])('%s → %s', (kpp, ok) => expect(isKpp(kpp)).toBe(ok));
});

describe('ru-inn-org scoring', () => {
  it('notes a КПП next to the number', () => {
    expect(findValues(innOrg, '7707083893/770701001')[0]?.explanation.note).toBe('КПП next to it');
    expect(findValues(innOrg, 'ИНН 7707083893, КПП 770701001')[0]?.explanation.note).toBe('КПП next to it');
  });

  it('is weak without context and not personal data', () => {
    const [bare] = findValues(innOrg, '7707083893');
    expect(bare?.score).toBe(0.6);
    expect(bare?.personalData).toBe(false);
    const [withInn] = findValues(innOrg, 'ИНН 7707083893');
    expect(withInn?.score).toBe(0.95);
  });
});

testDetector(innOrg, {
  valid: [
    { text: '7707083893', values: ['7707083893'] },
    { text: 'ИНН 9909012345', values: ['9909012345'] }, // §3.2: foreign organisations start with 9909
  ],
  invalid: ['1234567895', '77070838930', '40817810700000000001'],
  together: [
    { text: 'ИНН 7707083893', expect: [{ type: 'RU_INN_ORG', value: '7707083893' }] },
    { text: 'ИНН/КПП 7707083893/770701001', expect: [{ type: 'RU_INN_ORG', value: '7707083893' }] },
  ],
});
