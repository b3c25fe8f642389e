import { describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { luhnValid } from '../../shared/numbers.js';
import { omsControlLiteral, omsControlPasses } from './checksum.js';
import oms from './index.js';

// Every example of ru-pd-reference §3.4.
describe('omsControlPasses (reference §3.4)', () => {
  it.each([
    ['7700000000000016', true], // 7700 0000 0000 0016
    ['6800000000000025', true],
    ['7700000000000017', false], // control
    ['680000000000002', false], // 15 digits
  ])('%s → %s', (digits, ok) => expect(omsControlPasses(digits)).toBe(ok));

  it('the literal FFOMS description equals Luhn', () => {
    let seed = 12345;
    const digit = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) % 10;
    for (let n = 0; n < 2000; n++) {
      const body = Array.from({ length: 15 }, digit).join('');
      expect(luhnValid(body + omsControlLiteral(body))).toBe(true);
    }
  });
});

describe('ru-oms-policy scoring', () => {
  it('keeps a context-confirmed policy that fails the control digit, at a lower score', () => {
    const [passing] = findValues(oms, 'полис ОМС 7700 0000 0000 0016');
    const [failing] = findValues(oms, 'полис ОМС 7700 0000 0000 0017');
    expect(passing?.validated).toBe(true);
    expect(failing?.validated).toBe(false);
    expect(failing!.score).toBeLessThan(passing!.score);
    expect(failing!.score).toBeGreaterThanOrEqual(0.5);
  });
});

testDetector(oms, {
  valid: [
    { text: 'Полис ОМС: 7700000000000017', values: ['7700000000000017'] }, // fails the soft check: kept
    { text: 'номер полиса 7700-0000-0000-0016', values: ['7700-0000-0000-0016'] },
    { text: '7700000000000016', values: ['7700000000000016'], label: 'Полис ОМС' },
  ],
  invalid: ['6800000000000025', 'полис ОМС 2200 0000 0000 0004 1234', 'карта 4111 1111 1111 1111'],
  together: [
    { text: 'полис ОМС 7700 0000 0000 0016', expect: [{ type: 'RU_OMS_POLICY', value: '7700 0000 0000 0016' }] },
    { text: 'ЕНП 2200000000000004', expect: [{ type: 'RU_OMS_POLICY', value: '2200000000000004' }] },
    {
      text: 'Полис ОМС 7700 0000 0000 0016. Карта 2200 0000 0000 0004.',
      expect: [
        { type: 'RU_OMS_POLICY', value: '7700 0000 0000 0016' },
        { type: 'CREDIT_CARD', value: '2200 0000 0000 0004' },
      ],
    },
  ],
});
