import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { otherWordCloser } from '../../shared/nearby.js';
import { checkCard } from './checksum.js';

/** Policy words move a 16-digit Luhn-valid number to the ОМС policy (§1.2, §3.4). */
const POLICY_WORDS = /полис|(?<![\p{L}])(?:ОМС|ЕНП)(?![\p{L}])/giu;
const CARD_WORDS = /карт[аыеуо]|(?<![\p{L}])(?:visa|mastercard|мир|cvv|cvc)(?![\p{L}])/giu;
/** Another identifier's label right before the number: a Luhn pass is then a coincidence (§1.3). */
const OTHER_ID_WORDS = /(?<![\p{L}])(?:ОГРН|ОГРНИП|ИНН|КПП|БИК|СНИЛС|ОКПО|ОКТМО|ОКВЭД|р\/с|к\/с|сч[её]т)(?![\p{L}])/giu;

function validateCard(m: MatchInfo): Verdict {
  const check = checkCard(m.compact);
  if (!check) return false;
  if (otherWordCloser(m.view, m.start, CARD_WORDS, POLICY_WORDS)) return false;
  if (otherWordCloser(m.view, m.start, CARD_WORDS, OTHER_ID_WORDS, 30)) return false;
  return check === 'mir' ? { valid: true, note: 'issuer: Мир' } : true;
}

export default defineDetector({
  id: 'generic-credit-card',
  entity: 'CREDIT_CARD',
  label: { ru: 'Номер банковской карты', en: 'Bank card number' },
  category: 'bank_details',
  personalData: true,
  example: '2200 0000 0000 0004',
  patterns: [
    // "2204 1234 5678 9015", "2204-1234-5678-9015", 19-digit "… 123"; the printed grouping is telling.
    {
      name: 'grouped',
      regex: new RegExp(`${NUM_START}\\d{4}([ \\-])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?${NUM_END}`, 'g'),
      score: 0.5,
      validScore: 0.85,
    },
    // The same, wrapped over two lines in a form or a narrow column: "2203 2967\n4451 0525".
    {
      name: 'grouped-wrapped',
      regex: new RegExp(`${NUM_START}\\d{4}(?:[ \\-]|[ ]*\\r?\\n[ ]*)\\d{4}(?:[ \\-]|[ ]*\\r?\\n[ ]*)\\d{4}(?:[ \\-]|[ ]*\\r?\\n[ ]*)\\d{4}${NUM_END}`, 'g'),
      score: 0.5,
      validScore: 0.85,
    },
    // American Express style 4-6-5.
    { name: 'grouped-4-6-5', regex: new RegExp(`${NUM_START}\\d{4}([ \\-])\\d{6}\\1\\d{5}${NUM_END}`, 'g'), score: 0.5, validScore: 0.85 },
    // Ten per cent of random runs pass Luhn (§1.3): contiguous digits are weaker.
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{13,19}${NUM_END}`, 'g'), score: 0.3, validScore: 0.6 },
  ],
  context: {
    words: [
      'карта',
      'номер карты',
      'банковская карта',
      'по карте',
      'Мир',
      'Visa',
      'Mastercard',
      'Maestro',
      'UnionPay',
      'CVV',
      'CVC',
      'срок действия',
      'держатель карты',
      'card',
    ],
  },
  validate: validateCard,
  mask: { kind: 'tail', keep: 4 },
  examples: {
    positive: [
      { text: 'карта Мир 2200 0000 0000 0004', values: ['2200 0000 0000 0004'] },
      { text: '4111 1111 1111 1111', values: ['4111 1111 1111 1111'] },
    ],
    negative: ['2200 0000 0000 0005', '2204 1234 5678 9016', 'номер карты: ____ ____ ____ ____'],
  },
});
