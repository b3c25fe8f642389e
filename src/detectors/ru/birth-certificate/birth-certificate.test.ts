import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { foldRomanNumeral, isBirthCertificate, isRomanNumeral } from './checksum.js';
import birthCertificate from './index.js';

// Every example of ru-pd-reference §2.4.
describe('isBirthCertificate (reference §2.4)', () => {
  it.each([
    ['II-ЖО 123456', true],
    ['Х-МЮ № 654321', true], // Cyrillic Х read as Roman X
    ['I-КВ №123456', true],
    ['IIII-ЖО 123456', false], // not a numeral
    ['II-ЖО 12345', false],
  ])('%s → %s', (value, ok) => expect(isBirthCertificate(value)).toBe(ok));

  it.each([
    ['XIV', true],
    ['ХІV', true], // Cyrillic Х and І
    ['П', true], // OCR: II
    ['Ш', true], // OCR: III
    ['VV', false],
    ['IC', false],
    ['', false],
  ])('numeral %s → %s', (numeral, ok) => expect(isRomanNumeral(numeral)).toBe(ok));

  it('folds look-alikes', () => expect(foldRomanNumeral('ХШ')).toBe('XIII'));
});

testDetector(birthCertificate, {
  valid: [
    { text: 'II-ЖО 123456', values: ['II-ЖО 123456'] }, // distinctive without context
    { text: 'Х-МЮ № 654321', values: ['Х-МЮ № 654321'] }, // Cyrillic numeral: lower score, still reported
    { text: 'свидетельство о рождении I-КВ №123456', values: ['I-КВ №123456'] },
    { text: 'свидетельство о браке XII - АБ 000123', values: ['XII - АБ 000123'] },
    { text: 'IV-MЮ 123456', values: ['IV-MЮ 123456'] }, // Latin M inside the Cyrillic series
  ],
  invalid: ['свидетельство о рождении IIII-ЖО 123456', 'VV-ЖО 123456', 'ДII-ЖО 123456'],
  together: [
    { text: 'свидетельство о рождении II-ЖО 123456', expect: [{ type: 'RU_BIRTH_CERTIFICATE', value: 'II-ЖО 123456' }] },
  ],
});
