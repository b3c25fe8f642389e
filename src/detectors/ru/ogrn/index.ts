import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import { isValidOgrn } from './checksum.js';

export default defineDetector({
  id: 'ru-ogrn',
  entity: 'RU_OGRN',
  label: { ru: 'ОГРН', en: 'Primary state registration number of an organisation (OGRN)' },
  category: 'organisation_identifier',
  // Organisations only: not personal data (ru-pd-reference §3.3).
  personalData: false,
  example: '1027700132195',
  patterns: [
    // About 10 % of random bodies pass mod 11 (§1.3): weak without context.
    { name: 'contiguous', regex: new RegExp(`${NUM_START}[1256789]\\d{12}${NUM_END}`, 'g'), score: 0.3, validScore: 0.6 },
  ],
  context: {
    words: ['ОГРН', 'ГРН', 'ЕГРЮЛ', 'основной государственный регистрационный номер', 'свидетельство о государственной регистрации'],
  },
  validate: (m) => isValidOgrn(m.compact),
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'ОГРН 1027700132195', values: ['1027700132195'] },
      { text: 'ОГРН: 1022200525819', values: ['1022200525819'] },
    ],
    negative: ['ОГРН 1022500001328', 'ОГРН 0022200525819', 'ОГРН _____________'],
  },
});
