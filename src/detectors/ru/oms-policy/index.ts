import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { otherWordCloser } from '../../shared/nearby.js';
import { omsControlPasses } from './checksum.js';

const POLICY_WORDS = /полис|(?<![\p{L}])(?:ОМС|ЕНП|СМО)(?![\p{L}])/giu;
/** Card words closer to the number than any policy word make it a card (§1.2: decide by context). */
const CARD_WORDS = /карт[аыеуо]|(?<![\p{L}])(?:visa|mastercard|мир|cvv|cvc)(?![\p{L}])/giu;

/** The control digit is a booster only: a context-confirmed policy that fails it stays (§3.4). */
function validateOms(m: MatchInfo): Verdict {
  if (otherWordCloser(m.view, m.start, POLICY_WORDS, CARD_WORDS)) return false;
  return omsControlPasses(m.compact) ? { valid: true } : { valid: undefined, note: 'control digit not confirmed' };
}

export default defineDetector({
  id: 'ru-oms-policy',
  entity: 'RU_OMS_POLICY',
  label: { ru: 'Полис ОМС', en: 'Compulsory medical insurance policy (OMS)' },
  category: 'oms_policy',
  personalData: true,
  example: '7700 0000 0000 0016',
  // Cheap gate: every pattern needs a policy word nearby.
  requires: ['полис', 'омс', 'енп', 'страхов', 'смо', 'временное свидетельство'],
  patterns: [
    // "7700 0000 0000 0016" (4×4) or "7700-0000-0000-0016".
    {
      name: 'grouped',
      regex: new RegExp(`${NUM_START}\\d{4}([ \\-])\\d{4}\\1\\d{4}\\1\\d{4}${NUM_END}`, 'g'),
      score: 0.5,
      validScore: 0.7,
      requiresContext: true,
    },
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{16}${NUM_END}`, 'g'), score: 0.5, validScore: 0.7, requiresContext: true },
  ],
  context: {
    words: [
      'полис',
      'ОМС',
      'ЕНП',
      'единый номер полиса',
      'номер полиса',
      'страховой медицинский полис',
      'обязательного медицинского страхования',
      'медицинского страхования',
      'СМО',
      'временное свидетельство',
    ],
  },
  validate: validateOms,
  mask: { kind: 'tail', keep: 4 },
  examples: {
    positive: [
      { text: 'полис ОМС 7700 0000 0000 0016', values: ['7700 0000 0000 0016'] },
      { text: 'ЕНП: 6800000000000025', values: ['6800000000000025'] },
    ],
    negative: ['7700 0000 0000 0016', 'полис ОМС № ________________', 'полис ОМС 680000000000002'],
  },
});
