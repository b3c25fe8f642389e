/**
 * Special categories of personal data (152-FZ art. 10: health, criminal record, race and
 * nationality, political, religious and philosophical views, intimate life) and biometrics
 * (art. 11). Keyword and phrase packs are data (`packs/*.json`); a cue is personal data only as a
 * value or a statement about an identifiable subject, otherwise a mention (ru-pd-reference §9.4).
 */
import { defineDetector } from '../define-detector.js';
import { findSpecial } from './find.js';

export default defineDetector({
  id: 'special-categories',
  entity: 'SPECIAL_CATEGORY',
  label: { ru: 'Специальные категории ПДн', en: 'Special category of personal data' },
  // Every finding carries its own category (health, criminal_record…); this is the default.
  category: 'health',
  personalData: true,
  example: 'Диагноз: J45.0',
  find: findSpecial,
  // A special-category value is never shown, not even its last characters.
  mask: { kind: 'tail', keep: 0 },
  examples: {
    positive: [
      { text: 'Диагноз: J45.0', values: ['Диагноз: J45.0'] },
      { text: 'Установлена инвалидность II группы', values: ['инвалидность II группы'] },
      { text: 'осуждён по ч. 1 ст. 158 УК РФ', values: ['осуждён по ч. 1 ст. 158 УК РФ'] },
    ],
    negative: [
      'товары II группы',
      'несут дисциплинарную, административную или уголовную ответственность в соответствии с федеральными законами',
      'витамин B12, ячейка C15, консервант E211',
    ],
  },
});
