import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { isValidOgrnip, isValidOgrnipStrict } from './checksum.js';
import ogrnip from './index.js';

// The 15-digit examples of ru-pd-reference §3.3 and §12.
describe('isValidOgrnip (reference §3.3)', () => {
  it.each([
    ['304770000000008', true],
    ['385768585948949', true], // python-stdnum doctest
    ['304500116000050', true], // remainder 10 → 0
    ['304770100000061', true], // remainder 11 → 1
    ['304500116000158', false], // control
    ['504500116000157', false], // 15 digits must start with 3/4
    ['1027700132195', false], // 13 digits: an ОГРН
  ])('%s → %s', (digits, ok) => expect(isValidOgrnip(digits)).toBe(ok));

  it('the strict variant rejects the remainder-10 case (§12)', () => {
    expect(isValidOgrnipStrict('304500116000050')).toBe(false);
    expect(isValidOgrnipStrict('304770000000008')).toBe(true);
  });
});

testDetector(ogrnip, {
  valid: [
    { text: 'ОГРНИП 304500116000050', values: ['304500116000050'] },
    { text: 'ГРНИП 304770100000061', values: ['304770100000061'] },
    { text: '304770000000008', values: ['304770000000008'] }, // weak (0.6) but reported
  ],
  invalid: ['304770000000009', 'ОГРН 1027700132195', '3047700000000080'],
  together: [
    { text: 'ОГРНИП 304770000000008', expect: [{ type: 'RU_OGRNIP', value: '304770000000008' }] },
    { text: 'ОГРН ИП 385768585948949', expect: [{ type: 'RU_OGRNIP', value: '385768585948949' }] },
  ],
});
