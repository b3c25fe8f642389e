import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { isValidSnils } from './checksum.js';
import snils from './index.js';

// Every example of ru-pd-reference §3.1.
describe('isValidSnils (reference §3.1)', () => {
  it.each([
    ['11223344595', true], // the Pension Fund's own example, sum 95
    ['00143754400', true], // sum 101 → 00
    ['00699668200', true], // sum 201 → 100 → 00
    ['00131875901', true], // sum 102 → 01
    ['00100199800', true], // ≤ 001-001-998: not checked
    ['11223344596', false],
    ['00100199900', false], // first checked number, sum 65
    ['01024236800', false], // control should be 77
  ])('%s → %s', (digits, ok) => expect(isValidSnils(digits)).toBe(ok));
});

testDetector(snils, {
  valid: [
    { text: 'СНИЛС 112-2ЗЗ-445 95', values: ['112-2ЗЗ-445 95'] }, // OCR: Cyrillic З for 3
    { text: 'СНИЛС\n112-233-445\n95', values: ['112-233-445\n95'] },
    { text: '001-001-998 00', values: ['001-001-998 00'] },
    { text: 'страхового свидетельства 001 318 759 01', values: ['001 318 759 01'] },
    { text: '11223344595', values: ['11223344595'], label: 'СНИЛС' },
    // Table rows: cells are joined by tabs; a neighbouring cell's number must not glue on.
    { text: 'Иванов\t112-233-445 95\t4503 123456\t12.03.1985', values: ['112-233-445 95'] },
    { text: 'СНИЛС\t112-233-445\t95', values: ['112-233-445\t95'] }, // control number in its own cell
  ],
  invalid: ['СНИЛС 112-2ЗЗ-445 96', '40817 810 7 0000 11223344595', 'тел. 11223344595 0'],
  together: [
    { text: 'СНИЛС 112-233-445 95', expect: [{ type: 'RU_SNILS', value: '112-233-445 95' }] },
  ],
});
