import { defineDetector } from '../../define-detector.js';
import { isEmailAddress } from './checksum.js';

/** Local part: letters, digits and _ % + - in dot-separated atoms (no leading, trailing or double dot). */
const LOCAL = '[\\p{L}\\d_%+\\-]+(?:\\.[\\p{L}\\d_%+\\-]+)*';
/** Domain: labels of letters, digits and inner hyphens; a letter TLD (or punycode). No trailing dot. */
const DOMAIN = '(?:[\\p{L}\\d](?:[\\p{L}\\d\\-]{0,61}[\\p{L}\\d])?\\.)+(?:\\p{L}{2,24}|xn--[a-z\\d\\-]{2,59})';

export default defineDetector({
  id: 'generic-email',
  entity: 'EMAIL_ADDRESS',
  label: { ru: 'Адрес электронной почты', en: 'E-mail address' },
  category: 'email',
  personalData: true,
  example: 'ivan.petrov@example.com',
  requires: ['@'],
  patterns: [
    {
      name: 'address',
      regex: new RegExp(`(?<![\\p{L}\\d._%+\\-@])${LOCAL}@${DOMAIN}(?![\\p{L}\\d\\-@])(?!\\.[\\p{L}\\d])`, 'gu'),
      score: 0.9,
      validScore: 0.9,
    },
  ],
  context: { words: ['e-mail', 'email', 'эл. почта', 'электронная почта', 'адрес электронной почты', 'почта', 'mail'] },
  validate: (m) => isEmailAddress(m.value),
  mask: { kind: 'email' },
  examples: {
    positive: [
      { text: 'e-mail: ivanov.ivan@mail.ru', values: ['ivanov.ivan@mail.ru'] },
      { text: 'пишите на иван@почта.рф.', values: ['иван@почта.рф'] },
    ],
    negative: ['e-mail: ____________@______', 'ivan@localhost', 'logo@2x.png'],
  },
});
