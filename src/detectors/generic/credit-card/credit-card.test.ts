import { describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { checkCard } from './checksum.js';
import creditCard from './index.js';

// Every example of ru-pd-reference §4.1.
describe('checkCard (reference §4.1)', () => {
  it.each([
    ['2200000000000004', 'mir'], // valid, Мир
    ['2204123456789015', 'mir'], // 2204-1234-5678-9015
    ['4111111111111111', 'card'], // valid, other scheme
    ['2200000000000005', false], // Luhn
    ['2204123456789016', false], // Luhn
    ['0000000000000000', false], // placeholder
    ['2221000000000009', 'card'], // Mastercard 2-series starts at 2221, not Мир
  ])('%s → %s', (digits, expected) => expect(checkCard(digits)).toBe(expected));
});

describe('generic-credit-card scoring', () => {
  it('notes the Мир issuer and ranks grouped above contiguous numbers', () => {
    const [mir] = findValues(creditCard, '2204-1234-5678-9015');
    expect(mir?.explanation.note).toBe('issuer: Мир');
    expect(mir?.score).toBe(0.85);
    expect(findValues(creditCard, '4111111111111111')[0]?.score).toBe(0.6);
    expect(findValues(creditCard, 'карта 4111111111111111')[0]?.score).toBe(0.95);
  });
});

testDetector(creditCard, {
  valid: [
    { text: 'карта 2203 2967\n4451 0525', values: ['2203 2967\n4451 0525'] }, // wrapped in a narrow column
    { text: '2204-1234-5678-9015', values: ['2204-1234-5678-9015'] },
    { text: '4111111111111111', values: ['4111111111111111'] },
    { text: 'Visa 4111 1111 1111 1111, срок действия 12/27', values: ['4111 1111 1111 1111'] },
    { text: 'Amex 3782 822463 10005', values: ['3782 822463 10005'] },
  ],
  invalid: [
    'ОГРН с ошибкой: 5213603310594', // Luhn-valid by chance, labelled as another identifier,
    '2200 0000 0000 0004 0', // one group of a longer run
    'полис ОМС 7700 0000 0000 0016', // policy words move it to the ОМС detector
    '0000 0000 0000 0000',
    '40817810700000000001',
  ],
  together: [
    { text: 'номер карты 2200 0000 0000 0004', expect: [{ type: 'CREDIT_CARD', value: '2200 0000 0000 0004' }] },
    { text: '4111 1111 1111 1111', expect: [{ type: 'CREDIT_CARD', value: '4111 1111 1111 1111' }] },
    { text: 'полис ОМС 2200 0000 0000 0004', expect: [{ type: 'RU_OMS_POLICY', value: '2200 0000 0000 0004' }] },
  ],
});
