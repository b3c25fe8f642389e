import { defineDetector } from '../../define-detector.js';
import { findOrgs } from './find-orgs.js';

/**
 * Organisation names (ORG, Natasha's ORG span): legal form + quoted name, banks, government
 * bodies that issue documents ("кем выдан"). Not personal data; it tells organisation data apart
 * from a person's. "ИП Иванов И.И." is a person, not an organisation.
 */
export default defineDetector({
  id: 'ru-org',
  entity: 'ORG',
  label: { ru: 'Организация', en: 'Organisation' },
  category: 'organisation_identifier',
  personalData: false,
  example: 'ООО «Ромашка»',
  find: (view) =>
    findOrgs(view).map((o) => ({ start: o.start, end: o.end, score: o.score, pattern: o.pattern, facts: { form: o.form, name: o.name } })),
  examples: {
    positive: [
      { text: 'даю согласие ТОГБПОУ «Индустриально-промышленный техникум»', values: ['ТОГБПОУ «Индустриально-промышленный техникум»'] },
      { text: 'Получатель: ПАО Сбербанк', values: ['ПАО Сбербанк'] },
      { text: 'выдан ОВД района Хамовники г. Москвы 12.03.2005', values: ['ОВД района Хамовники г. Москвы'] },
    ],
    negative: ['ИП Иванов И.И.', 'Федеральный закон «О персональных данных»'],
  },
});
