/**
 * Each operator named by the anonymisation method it implements (Roskomnadzor order No. 996 of
 * 05.09.2013, "Требования и методы по обезличиванию персональных данных"), for the audit log.
 */
import type { OperatorName } from './types.js';

export const OPERATOR_METHODS: Readonly<Record<OperatorName, { ru: string; en: string }>> = {
  mask: { ru: 'метод изменения состава или семантики (маскирование части символов)', en: 'changing composition or semantics (masking characters)' },
  redact: { ru: 'метод изменения состава или семантики (удаление значения)', en: 'changing composition or semantics (removal)' },
  replace: { ru: 'метод изменения состава или семантики (замена обозначением категории)', en: 'changing composition or semantics (category label)' },
  fake: { ru: 'метод изменения состава или семантики (замена правдоподобным значением)', en: 'changing composition or semantics (realistic substitute)' },
  pseudonym: { ru: 'метод введения идентификаторов (ключевой HMAC-SHA256, таблица соответствия хранится отдельно)', en: 'introducing identifiers (keyed HMAC-SHA256; mapping kept apart)' },
  generalize: { ru: 'метод изменения состава или семантики (обобщение)', en: 'changing composition or semantics (generalisation)' },
  shuffle: { ru: 'метод перемешивания (перестановка значений столбца между записями)', en: 'shuffling (column values permuted across records)' },
  keep: { ru: 'без изменений', en: 'kept unchanged' },
};
