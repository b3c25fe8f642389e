import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { isForeignPassportShape, mrzCheckDigit, mrzFieldValid, mrzLineValid } from './checksum.js';
import foreignPassport from './index.js';

// Every example of ru-pd-reference §2.2.
describe('foreign passport shape (reference §2.2)', () => {
  it.each([
    ['75 1234567', true],
    ['71 № 7654321', true],
    ['751234567', true],
    ['75 123456', false], // length
    ['75 12345678', false], // length
  ])('%s → %s', (value, ok) => expect(isForeignPassportShape(value)).toBe(ok));
});

describe('MRZ check digits (reference §2.2)', () => {
  it.each([
    ['L898902C36', true], // ICAO 9303 specimen document number
    ['5105092', true], // date 51-05-09 → 2 (MVD instruction example)
    ['L898902C37', false],
    ['5105093', false],
  ])('%s → %s', (field, ok) => expect(mrzFieldValid(field)).toBe(ok));

  it('computes the digits themselves', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('510509')).toBe(2);
    expect(mrzCheckDigit('<<<<<<<<<')).toBe(0);
  });

  it('checks a whole second line (ICAO specimen)', () => {
    expect(mrzLineValid('L898902C36UTO7408122F1204159ZE184226B<<<<<10')).toBe(true);
    expect(mrzLineValid('L898902C37UTO7408122F1204159ZE184226B<<<<<10')).toBe(false);
  });
});

testDetector(foreignPassport, {
  valid: [
    { text: 'загранпаспорт 751234567', values: ['751234567'] },
    { text: 'Заграничный паспорт: серия 75 № 1234567', values: ['75 № 1234567'] },
    { text: 'паспорт, удостоверяющий личность гражданина РФ за пределами РФ, 75 1234567', values: ['75 1234567'] },
    { text: 'Passport No 75 1234567', values: ['75 1234567'] },
    { text: '751234567', values: ['751234567'], label: 'Загранпаспорт' },
    { text: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10', values: ['L898902C3'] },
  ],
  invalid: [
    'L898902C37UTO7408122F1204159ZE184226B<<<<<10', // document number check digit wrong
    'L898902C36UTO7408123F1204159ZE184226B<<<<<10', // birth date check digit wrong
    'БИК 044525225',
    'загранпаспорт серия __ № _______',
  ],
});
