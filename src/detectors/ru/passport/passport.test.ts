import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { checkPassportSeries, isValidDivisionCode, isValidPassport, passportIssueConsistent } from './checksum.js';
import passport from './index.js';

const NOW = new Date(Date.UTC(2025, 5, 1));

// Every example of ru-pd-reference §2.1.
describe('isValidPassport (reference §2.1)', () => {
  it.each([
    ['4503123456', true], // 45 03 123456
    ['4608654321', true], // серия 4608 № 654321
    ['450312345', false], // 45 03 12345: 5-digit number
    ['0003123456', false], // 00 is no region
    ['4545123456', false], // blank year 2045
  ])('%s → %s', (digits, ok) => expect(isValidPassport(digits, NOW)).toBe(ok));

  it('keeps the region check soft and the blank year hard (§12)', () => {
    expect(checkPassportSeries('0203', NOW)).toBe('unknown-region');
    expect(checkPassportSeries('4597', NOW)).toBe('ok');
    expect(checkPassportSeries('4526', NOW)).toBe('ok'); // current year + 1
    expect(checkPassportSeries('4527', NOW)).toBe('invalid');
  });

  it.each([
    ['4503', 2004, true], // series 45 03, issued 15.04.2004: consistent
    ['4505', 2004, false], // series 45 05, issued 15.04.2004: inconsistent
  ])('series %s issued in %i → %s', (series, y, ok) => expect(passportIssueConsistent(series, { y })).toBe(ok));

  it.each([
    ['772-001', true],
    ['680-002', true],
    ['772001', true], // seen without the dash
    ['7720-01', false],
    ['000-123', false],
  ])('код подразделения %s → %s', (code, ok) => expect(isValidDivisionCode(code)).toBe(ok));
});

testDetector(passport, {
  valid: [
    // Series and number in two columns of a table row (cells are joined by a tab).
    { text: 'Паспорт\t4503\t123456\t15.04.2003', values: ['4503\t123456'] },
    { text: 'Иванов\t112-233-445 95\t4503 123456\t12.03.1985', values: ['4503 123456'] },
    // §2.1 worked examples and the forms seen in documents
    { text: '45 03 123456', values: ['45 03 123456'] }, // no context: spaced shape, score 0.5
    { text: 'серия 4608 № 654321', values: ['4608 № 654321'] },
    { text: 'Паспорт 45 02 573482', values: ['45 02 573482'] }, // the government description's example
    { text: '45 03 № 123456', values: ['45 03 № 123456'] },
    { text: 'паспорт гражданина РФ серии 45 03 номер 123456', values: ['45 03 номер 123456'] },
    { text: 'паспорт: 4503 123456, выдан ОВД района 15.04.2003, код подразделения 772-001', values: ['4503 123456'] },
    { text: 'серия 45 03 ЛЪ 123456', values: ['45 03 ЛЪ 123456'] }, // OCR "ЛЪ" for "№" (§10)
    { text: 'Серия: 45 03,\nномер: 123456', values: ['45 03,\nномер: 123456'] },
    { text: 'Паспорт\n45 03\n123456', values: ['45 03\n123456'] }, // line break between series and number
    { text: '4503123456', values: ['4503123456'], label: 'Паспорт' }, // column header as context
    { text: 'Иванов;4503 123456 15.04.2003;Москва', values: ['4503 123456'] },
    { text: 'серия 0203 № 123456', values: ['0203 № 123456'] }, // region not in the list: soft, context keeps it
    { text: 'паспорт 4505 123456, выдан 15.04.2004', values: ['4505 123456'] }, // inconsistent date: soft
  ],
  invalid: [
    '45 03 12345', // §2.1: 5-digit number
    'паспорт 45 03 12345',
    '00 03 123456', // §2.1: 00 is no region
    '45 45 123456', // §2.1: blank year 2045
    'заказ 4503123456', // bare ten digits need context
    '02 03 123456', // unknown region without context
    'паспорт серия ____ № ______',
    'Паспорт: серия ______ номер ____________, выдан ________________',
    '40817 810 7 0000 0000001',
    '1234 4503 123456',
    'водительское удостоверение 99 12 345678',
    'водительское удостоверение серия 99 12 № 345678',
  ],
  together: [
    { text: 'паспорт 45 03 123456', expect: [{ type: 'RU_PASSPORT', value: '45 03 123456' }] },
    { text: 'серия 4503 номер 123456', expect: [{ type: 'RU_PASSPORT', value: '4503 номер 123456' }] },
    { text: 'паспорт 4503123456', expect: [{ type: 'RU_PASSPORT', value: '4503123456' }] },
  ],
});
