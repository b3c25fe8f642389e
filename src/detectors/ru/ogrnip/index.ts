import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import { isValidOgrnip } from './checksum.js';

export default defineDetector({
  id: 'ru-ogrnip',
  entity: 'RU_OGRNIP',
  label: { ru: 'ОГРНИП', en: 'Registration number of an individual entrepreneur (OGRNIP)' },
  category: 'entrepreneur_id',
  // It identifies a natural person, the entrepreneur (ru-pd-reference §3.3).
  personalData: true,
  example: '304770000000008',
  patterns: [
    // About 10 % of random bodies pass mod 13 (§1.3): weak without context.
    { name: 'contiguous', regex: new RegExp(`${NUM_START}[34]\\d{14}${NUM_END}`, 'g'), score: 0.3, validScore: 0.6 },
  ],
  context: {
    words: [
      'ОГРНИП',
      'ОГРН ИП',
      'ОГРН',
      'ГРНИП',
      'ЕГРИП',
      'ИП',
      'индивидуального предпринимателя',
      'основной государственный регистрационный номер',
      'свидетельство о государственной регистрации',
    ],
  },
  validate: (m) => isValidOgrnip(m.compact),
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'ОГРНИП 304770000000008', values: ['304770000000008'] },
      { text: 'ИП Иванов И.И., ОГРНИП: 385768585948949', values: ['385768585948949'] },
    ],
    negative: ['ОГРНИП 304500116000158', 'ОГРНИП 504500116000157', 'ОГРНИП _______________'],
  },
});
