import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import { isValidInn12 } from './checksum.js';

export default defineDetector({
  id: 'ru-inn-person',
  entity: 'RU_INN_PERSON',
  label: { ru: 'ИНН физического лица', en: 'Taxpayer number of a natural person (INN)' },
  category: 'inn',
  personalData: true,
  example: '770123456703',
  patterns: [
    // Twelve digits with two check digits: about 1 % of random runs pass (§1.3).
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{12}${NUM_END}`, 'g'), score: 0.3 },
    // "7701 2345 6703": spaces inside an ИНН are rare, accepted only with context.
    { name: 'grouped', regex: new RegExp(`${NUM_START}\\d{4} \\d{4} \\d{4}${NUM_END}`, 'g'), score: 0.3, requiresContext: true },
  ],
  context: {
    words: [
      'ИНН',
      'идентификационный номер налогоплательщика',
      'налогоплательщика',
      'свидетельство о постановке на учет',
      'в налоговом органе',
    ],
  },
  validate: (m) => isValidInn12(m.compact),
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'ИНН 770123456703', values: ['770123456703'] },
      { text: 'ИНН: 123456789047', values: ['123456789047'] },
    ],
    negative: ['ИНН 123456789037', 'ИНН 770123456730', 'ИНН ____________'],
  },
});
