import { defineDetector } from '../../define-detector.js';
import { MONTH_WORD } from '../../shared/dates.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { isValidBirthDate, partsFromGroups } from './checksum.js';

/** A date not glued to other digits or date separators. */
const START = '(?<![\\d.\\/\\-])';
const END = '(?!\\d)(?![.\\/\\-]\\d)';
/** Words that make a date an issue, document or law date: "выдан 15.04.2003", "от 27.07.2006". */
const OTHER_DATE_BEFORE = /(?<![\p{L}])(?:выдан[аоы]?|выдачи|от|по|до|с|действителен|действует)[ ]*:?[ ]*[«"]?$/iu;
const NUMBER_AFTER = /^[ ]*(?:г\.|года?)?[ ]*(?:№|N(?![\p{L}]))/u;

function validateBirthDate(m: MatchInfo): Verdict {
  const parts = partsFromGroups(m.groups);
  if (!parts || !isValidBirthDate(parts)) return false;
  if (OTHER_DATE_BEFORE.test(m.view.slice(Math.max(0, m.start - 20), m.start))) return false;
  if (NUMBER_AFTER.test(m.view.slice(m.end, m.end + 12))) return false;
  return true;
}

export default defineDetector({
  id: 'ru-date-of-birth',
  entity: 'DATE_OF_BIRTH',
  label: { ru: 'Дата рождения', en: 'Date of birth' },
  category: 'birth_data',
  personalData: true,
  example: '12.03.1985',
  // Every pattern needs a birth context word: any other date (law, contract, issue) is not PD.
  // Cheap gate: every pattern needs a birth word, so a document without one is skipped.
  requires: ['рожд', 'родил', 'г.р', 'г. р', 'д.р', 'д. р', 'birth'],
  patterns: [
    // 12.03.1985, 12/03/1985, 12-03-1985
    {
      name: 'numeric',
      regex: new RegExp(`${START}(?<d>\\d{1,2})(?<sep>[./\\-])(?<m>\\d{1,2})\\k<sep>(?<y>\\d{4})${END}`, 'g'),
      score: 0.5,
      validScore: 0.5,
      requiresContext: true,
    },
    // 12.03.85: the century is a guess, a lower score.
    {
      name: 'numeric-short-year',
      regex: new RegExp(`${START}(?<d>\\d{1,2})(?<sep>[./\\-])(?<m>\\d{1,2})\\k<sep>(?<y>\\d{2})${END}`, 'g'),
      score: 0.4,
      validScore: 0.4,
      requiresContext: true,
    },
    // ISO 1985-03-12
    {
      name: 'iso',
      regex: new RegExp(`${START}(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})${END}`, 'g'),
      score: 0.5,
      validScore: 0.5,
      requiresContext: true,
    },
    // 12 марта 1985 г., «12» марта 1985 года, 12 мар. 1985
    {
      name: 'month-name',
      regex: new RegExp(
        `(?<![\\p{L}\\d])(?<value>[«"„]?(?<d>\\d{1,2})[»"“]?[ ]+(?<mon>${MONTH_WORD})(?![\\p{L}])[ ]*(?<y>\\d{4}))(?!\\d)`,
        'giud',
      ),
      score: 0.5,
      validScore: 0.5,
      requiresContext: true,
    },
    // 1985 г.р., 1985 года рождения, 1985 г. рожд.
    {
      name: 'year-of-birth',
      regex: /(?<y>(?:19|20)(?<![\p{L}\d.\/\-]..)\d{2})(?=[ ]*(?:г\.?[ ]?р(?![\p{L}])|года?[ ]+рожд|г\.[ ]*рожд))/giu,
      score: 0.4,
      validScore: 0.4,
      requiresContext: true,
    },
    // г.р. 1985, год рождения: 1985, родился в 1985 году
    {
      name: 'labelled-year',
      regex: /(?<![\p{L}])(?:г\.[ ]?р\.?|год[а]?[ ]+рождения|родил(?:ся|ась)[ ]+в)[ ]*:?[ ]*(?<value>(?<y>(?:19|20)\d{2}))(?![\d.\/\-])/giud,
      score: 0.4,
      validScore: 0.4,
      requiresContext: true,
    },
  ],
  context: {
    words: [
      'дата рождения',
      'д.р.',
      'г.р.',
      'г.р',
      'года рождения',
      'год рождения',
      'родился',
      'родилась',
      'рожд.',
      'дата и место рождения',
      'рождения',
      'date of birth',
    ],
    after: 25,
  },
  validate: validateBirthDate,
  mask: { kind: 'tail', keep: 0 },
  examples: {
    positive: [
      { text: 'дата рождения: 12.03.1985', values: ['12.03.1985'] },
      { text: 'Иванов Иван, «12» марта 1985 г. рождения', values: ['«12» марта 1985'] },
      { text: 'Петров П.П., 1985 г.р.', values: ['1985'] },
    ],
    negative: [
      'Федеральный закон от 27.07.2006 № 152-ФЗ',
      '_____года рождения',
      'дата рождения: 31.02.1985',
      'дата рождения: 12.13.1985',
    ],
  },
});
