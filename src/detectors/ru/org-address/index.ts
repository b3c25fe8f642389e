import { defineDetector } from '../../define-detector.js';
import { findAddressesCached } from '../address/find-addresses.js';
import { toCandidate } from '../address/index.js';

/**
 * An organisation's address (ORG_ADDRESS): an address after "юридический адрес", "место
 * нахождения", "адрес организации", right after an organisation's name, or with an office in it.
 * Reported, but not personal data. A person's context ("проживающий по адресу", "адрес
 * регистрации") keeps an address personal (ru-address) even next to an organisation's name.
 */
export default defineDetector({
  id: 'ru-org-address',
  entity: 'ORG_ADDRESS',
  label: { ru: 'Адрес организации', en: 'Organisation address' },
  category: 'organisation_identifier',
  personalData: false,
  example: '393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а',
  find: (view) => findAddressesCached(view).filter((a) => a.org).map(toCandidate),
  examples: {
    positive: [
      {
        text: 'ТОГБПОУ «Индустриально-промышленный техникум» (юридический адрес: 393251 Тамбовская область, г. Рассказово, ул. Пролетарская, д. 23а)',
        values: ['393251 Тамбовская область, г. Рассказово, ул. Пролетарская, д. 23а'],
      },
      { text: 'Место нахождения: 101000, г. Москва, ул. Мясницкая, д. 7, стр. 1', values: ['101000, г. Москва, ул. Мясницкая, д. 7, стр. 1'] },
      { text: 'г. Москва, ул. Тверская, д. 5, оф. 12', values: ['г. Москва, ул. Тверская, д. 5, оф. 12'] },
    ],
    negative: ['зарегистрирован по адресу: г. Москва, ул. Тверская, д. 5, кв. 7', 'д. 23а'],
  },
});
