import { describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { isValidOgrn } from './checksum.js';
import ogrn from './index.js';

// The 13-digit examples of ru-pd-reference §3.3.
describe('isValidOgrn (reference §3.3)', () => {
  it.each([
    ['1027700132195', true],
    ['1022200525819', true], // python-stdnum doctest
    ['1022500001328', false], // control
    ['0022200525819', false], // leading 0
    ['3027700132195', false], // 3… is an entrepreneur's (15 digits)
    ['304770000000008', false], // 15 digits: ОГРНИП
  ])('%s → %s', (digits, ok) => expect(isValidOgrn(digits)).toBe(ok));
});

describe('ru-ogrn scoring', () => {
  it('is weak without context and not personal data', () => {
    const [bare] = findValues(ogrn, '1027700132195');
    expect(bare?.score).toBe(0.6);
    expect(bare?.personalData).toBe(false);
    expect(findValues(ogrn, 'ОГРН 1027700132195')[0]?.score).toBe(0.95);
  });
});

testDetector(ogrn, {
  valid: [{ text: '1027700132195', values: ['1027700132195'] }],
  invalid: ['1027700132196', 'ОГРНИП 304770000000008', '10277001321950'],
  together: [{ text: 'ОГРН 1027700132195', expect: [{ type: 'RU_OGRN', value: '1027700132195' }] }],
});
