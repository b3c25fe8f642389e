import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { mrzLineValid } from './checksum.js';

function validateForeignPassport(m: MatchInfo): Verdict {
  if (m.pattern !== 'mrz') return undefined; // the printed number has no checksum
  // The document number is the reported value; the check digits cover the rest of the line.
  return mrzLineValid(m.view.slice(m.start, m.start + 28)) ? { valid: true, note: 'MRZ check digits' } : false;
}

export default defineDetector({
  id: 'ru-foreign-passport',
  entity: 'RU_FOREIGN_PASSPORT',
  label: { ru: 'Заграничный паспорт', en: 'Russian passport for travel abroad' },
  category: 'identity_document',
  personalData: true,
  example: '75 1234567',
  // Cheap gate: the number patterns need a foreign-passport word nearby; MRZ lines carry "<" fillers.
  requires: ['загран', 'зп', 'пределами', 'passport', '<'],
  patterns: [
    // "75 1234567", "751234567", "75 № 1234567": any 9 digits, so only with context.
    {
      name: 'printed',
      regex: new RegExp(`${NUM_START}\\d{2}[ ]?(?:(?:№|N|#)[ ]*)?\\d{7}${NUM_END}`, 'g'),
      score: 0.5,
      requiresContext: true,
    },
    // "серия 75 № 1234567".
    {
      name: 'labelled',
      regex: new RegExp(`сер(?<![\\p{L}\\d]...)(?:и[яию]|\\.)[ ]*:?[ ]*(?<value>\\d{2}[ ]*,?[ ]*(?:(?:№|N|#|номер)[ ]*:?[ ]*)?\\d{7})(?!\\d)`, 'giud'),
      score: 0.5,
      requiresContext: true,
    },
    // Second line of the machine-readable zone: the document number and three check digits.
    {
      name: 'mrz',
      regex: /(?<![A-Z0-9<])(?<value>[A-Z0-9<]{9})\d[A-Z0-9<]{3}\d{6}\d[MF<]\d{6}\d/dg,
      score: 0.5,
      validScore: 0.9,
    },
  ],
  context: {
    words: [
      'заграничный паспорт',
      'загранпаспорт',
      'загран.',
      'заграничного паспорта',
      'за пределами',
      'ЗП',
      'passport No',
      'passport',
    ],
  },
  validate: validateForeignPassport,
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'заграничный паспорт 75 1234567', values: ['75 1234567'] },
      { text: 'загранпаспорт № 71 № 7654321', values: ['71 № 7654321'] },
      { text: 'L898902C36UTO7408122F1204159ZE184226B<<<<<10', values: ['L898902C3'] },
    ],
    negative: ['75 1234567', 'загранпаспорт № _________', 'загранпаспорт 75 123456', 'загранпаспорт 75 12345678'],
  },
});
