import { defineDetector } from '../../define-detector.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { isRomanNumeral } from './checksum.js';

function validateCertificate(m: MatchInfo): Verdict {
  const numeral = m.groups['numeral'] ?? '';
  if (!isRomanNumeral(numeral)) return false;
  // A numeral typed or read with Cyrillic look-alikes is a little less certain.
  return /^[IVXLC]+$/.test(numeral) ? true : { valid: true, score: 0.55, note: 'numeral in Cyrillic look-alikes' };
}

export default defineDetector({
  id: 'ru-birth-certificate',
  entity: 'RU_BIRTH_CERTIFICATE',
  label: { ru: 'Свидетельство о рождении (ЗАГС)', en: 'Birth certificate (civil registry)' },
  category: 'identity_document',
  personalData: true,
  example: 'II-ЖО 123456',
  patterns: [
    // "II-ЖО 123456", "серии IV-МЮ № 654321", "I-КВ №123456", "Х-МЮ № 654321" (Cyrillic Х).
    {
      name: 'series-number',
      regex: /(?<numeral>[IVXLCІӀХСЛПШ](?<![\p{L}\d].)[IVXLCІӀХСЛПШ]{0,5}) ?- ?[А-ЯЁ]{2} *(?:№ ?)?\d{6}(?!\d)/gu,
      score: 0.5,
      validScore: 0.7,
    },
  ],
  context: {
    words: [
      'свидетельство о рождении',
      'св-во о рожд.',
      'свидетельство о браке',
      'о расторжении брака',
      'о перемене имени',
      'о смерти',
      'об установлении отцовства',
      'об усыновлении',
      'запись акта',
      'актовая запись',
      'ЗАГС',
      'выдано',
      'серии',
    ],
  },
  validate: validateCertificate,
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'свидетельство о рождении II-ЖО 123456', values: ['II-ЖО 123456'] },
      { text: 'серии IV-МЮ № 654321', values: ['IV-МЮ № 654321'] },
    ],
    negative: ['IIII-ЖО 123456', 'II-ЖО 12345', 'свидетельство о рождении серия ____ № ______'],
  },
});
