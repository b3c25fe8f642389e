import { describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { accountKeyValid, accountOfPerson, accountStructureValid, isBik } from './checksum.js';
import bankAccount from './index.js';

// Every example of ru-pd-reference §4.2 and §4.3.
describe('accountKeyValid (reference §4.2)', () => {
  it.each([
    ['40602810700000000025', '049805746', true], // Bank of Russia's worked example
    ['30101810800000000746', '049805000', true], // its correspondent-account example
    ['40817810700000000001', '044525225', true],
    ['30101810400000000225', '044525225', true],
    ['40102810545370000003', '004525988', true], // treasury single account, БИК ТОФК
    ['40817810800000000001', '044525225', false], // key 8 ≠ 7
    ['40602810700000000025', '049805747', false], // other bank
  ])('%s @ %s → %s', (account, bik, ok) => expect(accountKeyValid(account, bik)).toBe(ok));
});

describe('isBik (reference §4.3)', () => {
  it.each([
    ['044525225', true],
    ['049805746', true],
    ['004525988', true], // treasury (ТОФК)
    ['144525225', false],
    ['04452522', false],
  ])('%s → %s', (bik, ok) => expect(isBik(bik)).toBe(ok));
});

describe('account structure and owner (reference §4.2)', () => {
  it.each([
    ['40817810700000000001', true],
    ['40817840700000000001', true],
    ['03100643000000017300', true],
    ['40817123700000000001', false], // no such currency
  ])('%s structure → %s', (account, ok) => expect(accountStructureValid(account)).toBe(ok));

  it.each([
    ['40817810700000000001', true],
    ['40820810700000000001', true],
    ['42305810700000000001', true],
    ['45507810700000000001', true],
    ['40802810700000000001', true],
    ['40702810700000000001', false],
    ['40602810700000000025', false],
    ['30101810400000000225', false],
    ['03100643000000017300', false],
    ['40102810545370000003', false],
    ['47422810700000000001', undefined],
  ])('%s of a person → %s', (account, whose) => expect(accountOfPerson(account)).toBe(whose));
});

describe('ru-bank-account scoring', () => {
  it('is certain with a matching BIK, structural (0.5) without one', () => {
    expect(findValues(bankAccount, '40817810700000000001 БИК 044525225')[0]?.score).toBe(1);
    expect(findValues(bankAccount, '40817810700000000001')[0]?.score).toBe(0.5);
    expect(findValues(bankAccount, 'р/с 40817810700000000001')[0]?.score).toBe(0.85);
  });

  it('marks organisation accounts as not personal data', () => {
    const [org] = findValues(bankAccount, 'р/с 40702810700000000001');
    expect(org?.personalData).toBe(false);
    const [person] = findValues(bankAccount, 'р/с 40817810700000000001');
    expect(person?.personalData).toBe(true);
  });
});

testDetector(bankAccount, {
  valid: [
    { text: 'р/с 40602810700000000025 в Отделении Иваново, БИК 049805746', values: ['40602810700000000025'] },
    { text: 'БИК 049805000\nк/с 30101810800000000746', values: ['30101810800000000746'] },
    { text: 'БИК: 044525225; корр. счёт 30101810400000000225', values: ['30101810400000000225'] },
    { text: 'Единый казначейский счёт 40102810545370000003, БИК ТОФК 004525988', values: ['40102810545370000003'] },
    { text: 'Расчётный счёт: 4081 7810 7000 0000 0001', values: ['4081 7810 7000 0000 0001'] },
    { text: 'казначейский счёт 03100643000000017300, БИК ТОФК 004525988', values: ['03100643000000017300'] }, // no key
    { text: '40817810700000000001', values: ['40817810700000000001'] }, // structure only: 0.5
  ],
  invalid: [
    'р/с 40602810700000000025, БИК 049805747', // other bank: key fails
    'счёт 40817123700000000001', // no such currency
    '408178107000000000012', // 21 digits
  ],
  together: [
    { text: 'р/с 40817810700000000001 БИК 044525225', expect: [{ type: 'RU_BANK_ACCOUNT', value: '40817810700000000001' }] },
    { text: 'лицевой счёт 40817 810 7 0000 0000001', expect: [{ type: 'RU_BANK_ACCOUNT', value: '40817 810 7 0000 0000001' }] },
  ],
});
