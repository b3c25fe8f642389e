import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import { isDriverLicenceShape, PLATE_LETTERS } from './checksum.js';

export default defineDetector({
  id: 'ru-driver-license',
  entity: 'RU_DRIVER_LICENSE',
  label: { ru: 'Водительское удостоверение', en: 'Driving licence' },
  category: 'driver_licence',
  personalData: true,
  example: '77 АВ 123456',
  patterns: [
    // "99 12 345678": exactly the passport's shape, so a licence only with context (§2.5); without
    // it the passport detector reports the value, never both.
    {
      name: 'digits',
      regex: new RegExp(`${NUM_START}\\d{2} ?\\d{2} ?(?:№ ?)?\\d{6}${NUM_END}`, 'g'),
      score: 0.5,
      validScore: 0.5,
      requiresContext: true,
    },
    // "77 АВ 123456", "77 ТК № 123456": letters make the shape distinctive.
    {
      name: 'letters',
      regex: new RegExp(`${NUM_START}\\d{2} ?[${PLATE_LETTERS}]{2} ?(?:№ ?)?\\d{6}${NUM_END}`, 'g'),
      score: 0.5,
      validScore: 0.5,
    },
  ],
  context: {
    words: [
      'водительское удостоверение',
      'водительского удостоверения',
      'вод. удост.',
      'вод. уд.',
      'ВУ',
      'в/у',
      'права',
      'водительские права',
      'удостоверение на право управления',
    ],
  },
  validate: (m) => isDriverLicenceShape(m.value),
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'водительское удостоверение 77 АВ 123456', values: ['77 АВ 123456'] },
      { text: 'в/у 99 12 345678', values: ['99 12 345678'] },
    ],
    negative: ['99 12 345678', 'водительское удостоверение 77 АВ 12345', 'водительское удостоверение 7 АВ 123456', 'ВУ № __________'],
  },
});
