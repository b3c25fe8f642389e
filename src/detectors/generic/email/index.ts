import { defineDetector } from '../../define-detector.js';
import { isEmailAddress } from './checksum.js';
import { findEmails } from './find-emails.js';

export default defineDetector({
  id: 'generic-email',
  entity: 'EMAIL_ADDRESS',
  label: { ru: 'Адрес электронной почты', en: 'E-mail address' },
  category: 'email',
  personalData: true,
  example: 'ivan.petrov@example.com',
  requires: ['@'],
  find: findEmails,
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
