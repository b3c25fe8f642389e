import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import { isValidSnils } from './checksum.js';

const D3 = '\\d{3}';
/**
 * Before the control number: dash, space, a cell boundary (tab) or a line break (with
 * indentation) — tables and forms put the two digits in a box of their own.
 */
const S = '(?:[ \\-]?(?:\\r?\\n[ ]*)?|\\t)';

export default defineDetector({
  id: 'ru-snils',
  entity: 'RU_SNILS',
  label: { ru: 'СНИЛС', en: 'SNILS (individual insurance account number)' },
  category: 'snils',
  personalData: true,
  example: '112-233-445 95',
  patterns: [
    // "112-233-445 95", "112 233 445 95", "112-233-445-95": the printed shape is distinctive.
    { name: 'grouped', regex: new RegExp(`${NUM_START}${D3}[ \\-]${D3}[ \\-]${D3}${S}[ \\-]?\\d{2}${NUM_END}`, 'g'), score: 0.5 },
    // Eleven bare digits are also phone numbers (8916…): certain only with context.
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{11}${NUM_END}`, 'g'), score: 0.3, validScore: 0.6 },
  ],
  context: {
    words: [
      'СНИЛС',
      'страховой номер индивидуального лицевого счета',
      'страховое свидетельство',
      'страхового свидетельства',
      'пенсионного страхования',
      'ПФР',
      'СФР',
      'ИЛС',
    ],
  },
  validate: (m) => isValidSnils(m.compact),
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'СНИЛС 112-233-445 95', values: ['112-233-445 95'] },
      { text: 'страховое свидетельство № 001-437-544 00', values: ['001-437-544 00'] },
      { text: 'СНИЛС: 11223344595', values: ['11223344595'] },
      { text: 'снилс 112-233-445-95; 006-996-682 00', values: ['112-233-445-95', '006-996-682 00'] },
    ],
    negative: [
      'СНИЛС 112-233-445 96',
      'СНИЛС: ___-___-___ __',
      'счёт 40817810700000000001',
      'СНИЛС 010-242-368 00',
    ],
  },
});
