import { defineDetector } from '../../define-detector.js';
import { digitsOf, NUM_END, NUM_START } from '../../shared/numbers.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { otherWordCloser } from '../../shared/nearby.js';
import { checkPassportSeries, passportIssueConsistent } from './checksum.js';

/**
 * Between series and number: spaces, a cell boundary (a tab in the text of a table row: series and
 * number often sit in two columns) or one line break (forms), then an optional "№".
 */
const GAP = '(?:[ ]+|[ ]*\\t[ ]*|[ ]*\\r?\\n[ ]*)(?:(?:№|N|#)[ ]*)?|[ ]*(?:№|N|#)[ ]*';
/** After a "серия" label anything goes: also a comma and "номер". */
const LABELLED_GAP = '[ ]*,?[ ]*(?:\\r?\\n[ ]*)?(?:(?:№|N|#|номер|ном\\.)[ ]*:?[ ]*)?';
/**
 * End of the number: not glued to a digit and not one group of a longer run, but a following date
 * ("4503 123456 15.04.2003" in a table row) is fine.
 */
const END = '(?!\\d)(?![.\\-]\\d)(?! \\d+(?![\\d.]))';

/** Words of a driving licence: the all-digit licence has the passport's shape (§2.5). */
const LICENCE_WORDS = /водительск|вод\.\s*удост|в\/у|(?<![\p{L}])прав[аео]?(?![\p{L}])|(?<![\p{L}])ВУ(?![\p{L}])/giu;
const PASSPORT_WORDS = /паспорт/giu;
const ISSUE_DATE = /^[^\d]{0,80}?(?:выдан[а-яё]*|дата\s+выдачи|выд\.)[^\d]{0,60}?(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/iu;

function validatePassport(m: MatchInfo): Verdict {
  const digits = digitsOf(m.value);
  // Negative context: a licence word closer than any passport word makes it the licence's number.
  if (otherWordCloser(m.view, m.start, PASSPORT_WORDS, LICENCE_WORDS)) return false;
  const series = digits.slice(0, 4);
  const check = checkPassportSeries(series);
  if (check === 'invalid') return false;
  if (check === 'unknown-region') return { valid: undefined, score: 0.3, note: 'series region not in the OKATO list' };
  const issued = ISSUE_DATE.exec(m.view.slice(m.end, m.end + 160));
  // A blank cannot be issued before it was printed; an OCR or typing slip is likelier than no
  // passport, so this lowers nothing but the validation.
  if (issued && !passportIssueConsistent(series, { y: Number(issued[3]) })) {
    return { valid: undefined, note: 'issue date precedes the blank year' };
  }
  return true;
}

export default defineDetector({
  id: 'ru-passport',
  entity: 'RU_PASSPORT',
  label: { ru: 'Паспорт гражданина РФ', en: 'Russian internal passport' },
  category: 'identity_document',
  personalData: true,
  example: '45 03 123456',
  patterns: [
    // "серия 45 03 № 123456", "серии 4503 номер 123456": the label makes the shape likely.
    {
      name: 'labelled',
      regex: new RegExp(`сер(?<![\\p{L}\\d]...)(?:и[яию]|\\.)[ ]*:?[ ]*(?<value>\\d{2} ?\\d{2}${LABELLED_GAP}\\d{6})(?!\\d)`, 'giud'),
      score: 0.6,
      validScore: 0.65,
    },
    // "45 03 123456", "45 03 № 123456", "4503 123456", series and number on two lines.
    { name: 'spaced', regex: new RegExp(`${NUM_START}\\d{2} ?\\d{2}(?:${GAP})\\d{6}${END}`, 'g'), score: 0.5, validScore: 0.5 },
    // Ten bare digits are also phones, organisation ИНН, order numbers: only with context.
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{10}${NUM_END}`, 'g'), score: 0.3, validScore: 0.4, requiresContext: true },
  ],
  context: {
    words: [
      'паспорт',
      'паспортные данные',
      'серия',
      'сер.',
      'номер паспорта',
      'выдан',
      'кем выдан',
      'дата выдачи',
      'код подразделения',
      'документ, удостоверяющий личность',
      'удостоверяющий личность',
      'ДУЛ',
    ],
    after: 40,
  },
  validate: validatePassport,
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'паспорт 45 03 123456', values: ['45 03 123456'] },
      { text: 'серия 45 03 № 123456', values: ['45 03 № 123456'] },
      { text: 'серия 4503 номер 123456', values: ['4503 номер 123456'] },
      { text: 'паспорт: 4503123456', values: ['4503123456'] },
    ],
    negative: ['паспорт №________', 'серия ____ номер ______', 'паспорт 00 03 123456', 'паспорт 45 45 123456'],
  },
});
