import { defineDetector } from '../../define-detector.js';
import { isMilitaryIdShape } from './checksum.js';

export default defineDetector({
  id: 'ru-military-id',
  entity: 'RU_MILITARY_ID',
  label: { ru: 'Военный билет', en: 'Military ID (военный билет)' },
  category: 'military_record',
  personalData: true,
  example: 'АК 1234567',
  // Cheap gate: the pattern needs a military-registration word nearby.
  requires: ['воен', 'воинск', 'в/б', 'вб', 'призыв', 'вус', 'запас'],
  patterns: [
    // "АК 1234567", "серия АК № 1234567", "ВБ АК-1234567"; letter+digit codes are common, so only with context.
    {
      name: 'series-number',
      regex: /[А-ЯЁABCEHKMOPTXY](?<![\p{L}\d].)[А-ЯЁABCEHKMOPTXY](?:[ -]|[ ]*\r?\n[ ]*)?(?:№ ?)?\d{7}(?!\d)/gu,
      score: 0.5,
      validScore: 0.5,
      requiresContext: true,
    },
  ],
  context: {
    words: [
      'военный билет',
      'в/б',
      'ВБ',
      'приписное свидетельство',
      'удостоверение гражданина, подлежащего призыву',
      'подлежащего призыву',
      'воинский учет',
      'воинского учета',
      'военно-учетная специальность',
      'ВУС',
      'военкомат',
      'военный комиссариат',
      'категория запаса',
      'воинское звание',
    ],
  },
  // Shape only: a structural check never makes the number certain.
  validate: (m) => isMilitaryIdShape(m.value),
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'военный билет АК 1234567', values: ['АК 1234567'] },
      { text: 'Военный билет серия БВ № 7654321', values: ['БВ № 7654321'] },
    ],
    negative: ['АК 1234567', 'военный билет А 1234567', 'военный билет АК 123456', 'военный билет № _________'],
  },
});
