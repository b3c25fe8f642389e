import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { monthIndex, validYmd } from '../../shared/dates.js';
import { parseBirthDate } from './checksum.js';
import dateOfBirth from './index.js';

const NOW = new Date(Date.UTC(2025, 5, 1));

// Every example of ru-pd-reference §7.
describe('parseBirthDate (reference §7)', () => {
  it.each([
    ['дата рождения: 12.03.1985', { y: 1985, m: 3, d: 12 }],
    ['«12» марта 1985 г.', { y: 1985, m: 3, d: 12 }],
    ['1985 г.р.', { y: 1985 }],
    ['12.03.85', { y: 1985, m: 3, d: 12 }],
    ['12/03/1985', { y: 1985, m: 3, d: 12 }],
    ['12-03-1985', { y: 1985, m: 3, d: 12 }],
    ['1985-03-12', { y: 1985, m: 3, d: 12 }],
    ['12 марта 1985 года', { y: 1985, m: 3, d: 12 }],
    ['12 мар. 1985', { y: 1985, m: 3, d: 12 }],
    ['1985 года рождения', { y: 1985 }],
    ['д.р. 12.03.1985', { y: 1985, m: 3, d: 12 }],
    ['29.02.2000', { y: 2000, m: 2, d: 29 }],
  ])('%s → parsed', (raw, parts) => expect(parseBirthDate(raw, NOW)).toEqual(parts));

  it.each([
    '31.02.1985', // no such date
    '12.13.1985', // no such month
    '29.02.1985', // not a leap year
    '12.03.1899', // before 1900
    '12.03.2030', // in the future
    '12 мартобря 1985',
  ])('%s → rejected', (raw) => expect(parseBirthDate(raw, NOW)).toBeUndefined());
});

describe('month names', () => {
  it.each([
    ['января', 1], ['февр.', 2], ['марта', 3], ['мар.', 3], ['апреля', 4], ['мая', 5], ['май', 5],
    ['июня', 6], ['июл.', 7], ['августа', 8], ['сент.', 9], ['октября', 10], ['нояб.', 11], ['дек', 12], ['мартобря', 0],
  ])('%s → %i', (word, i) => expect(monthIndex(word)).toBe(i));

  it('validates the calendar', () => {
    expect(validYmd(2024, 2, 29, NOW)).toBe(true);
    expect(validYmd(2023, 2, 29, NOW)).toBe(false);
  });
});

testDetector(dateOfBirth, {
  valid: [
    { text: 'Дата рождения: «12» марта 1985 г.', values: ['«12» марта 1985'] },
    { text: 'д.р. 12.03.1985', values: ['12.03.1985'] },
    { text: 'родилась 12/03/1985 в г. Тамбове', values: ['12/03/1985'] },
    { text: 'дата рождения 12-03-1985', values: ['12-03-1985'] },
    { text: 'Дата рождения: 1985-03-12', values: ['1985-03-12'] },
    { text: 'дата рождения: 12.03.85', values: ['12.03.85'] },
    { text: 'дата и место рождения: 12 мар. 1985, г. Москва', values: ['12 мар. 1985'] },
    { text: 'Иванов Иван Иванович, 1985 года рождения', values: ['1985'] },
    { text: 'Сидорова, 12 марта 1985 года рождения', values: ['12 марта 1985'] },
    { text: 'г.р. 1985', values: ['1985'] },
    { text: 'родился в 1985 году', values: ['1985'] },
    { text: '12.03.1985', values: ['12.03.1985'], label: 'Дата рождения' }, // column header
    { text: 'дата рождения: 12.03.1985, паспорт выдан 15.04.2003', values: ['12.03.1985'] },
  ],
  invalid: [
    'Москва, 12.03.1985', // no context: any date
    'договор от 12.03.1985',
    'ознакомлен 12.03.2020',
    'дата рождения: 29.02.1985',
    'дата рождения: __.__.____',
    'Дата рождения ________________',
    'приказ от 27.07.2006 № 152, дата рождения не указана',
    'свидетельство о рождении выдано 15.04.2010',
    'в 2003 г. окончил школу',
  ],
  together: [
    { text: 'дата рождения: 12.03.1985', expect: [{ type: 'DATE_OF_BIRTH', value: '12.03.1985' }] },
    { text: 'Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»', expect: [] },
  ],
});
