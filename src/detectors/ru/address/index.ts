import { defineDetector } from '../../define-detector.js';
import type { FoundCandidate } from '../../types.js';
import { findAddressesCached, type AddressMatch } from './find-addresses.js';

export function toCandidate(a: AddressMatch): FoundCandidate {
  // The structure (≥ 3 parts, a street or house among them) is the validation: an address whose
  // house letter the OCR folding read as a digit ("28б" → "286") is still an address.
  return { start: a.start, end: a.end, score: a.score, pattern: a.pattern, facts: a.facts, validated: true, note: `owner: ${a.owner}` };
}

/**
 * A person's postal address (ru-pd-reference §6): index, region, district, settlement, street,
 * house, building, flat, in natural, reverse or KLADR order. Addresses with an organisation's
 * context are ru-org-address's (ORG_ADDRESS): each address is reported by exactly one of the two.
 */
export default defineDetector({
  id: 'ru-address',
  entity: 'ADDRESS',
  label: { ru: 'Адрес', en: 'Postal address' },
  category: 'address',
  personalData: true,
  example: 'г. Москва, пр-т Мира, д. 5, корп. 2, кв. 17',
  find: (view) => findAddressesCached(view).filter((a) => !a.org).map(toCandidate),
  examples: {
    positive: [
      {
        text: 'проживающий по адресу: 393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а',
        values: ['393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а'],
      },
      { text: 'Республика Татарстан, г. Казань, ул. Баумана, д. 1', values: ['Республика Татарстан, г. Казань, ул. Баумана, д. 1'] },
      { text: 'Рассказово г, Пролетарская ул, д. 23а', values: ['Рассказово г, Пролетарская ул, д. 23а'] },
    ],
    negative: ['д. 23а', 'в соответствии со ст. 86, гл. 14 ТК РФ', 'юридический адрес: 393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а'],
  },
});
