import { defineDetector } from '../../define-detector.js';
import { findPhones } from './find-phones.js';

export default defineDetector({
  id: 'generic-phone',
  entity: 'PHONE_NUMBER',
  label: { ru: 'Номер телефона', en: 'Phone number' },
  category: 'phone',
  personalData: true,
  example: '+7 (916) 123-45-67',
  find: findPhones,
  context: {
    words: [
      'тел.',
      'тел',
      'т.',
      'телефон',
      'моб.',
      'сот.',
      'сотовый',
      'мобильный',
      'домашний телефон',
      'контактный телефон',
      'номер телефона',
      'факс',
      'phone',
      'tel.',
    ],
  },
  mask: { kind: 'phone' },
  examples: {
    positive: [
      { text: 'тел. +7 (916) 123-45-67', values: ['+7 (916) 123-45-67'] },
      { text: '8 (4752) 12-34-56', values: ['8 (4752) 12-34-56'] },
    ],
    negative: ['+7 (012) 345-67-89', '8 916 123 45 6', '+7 123 456 78 90', 'тел. ______________'],
  },
});
