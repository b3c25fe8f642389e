import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { analyse, initMorph } from './morph.js';
import { patronymicNominative, surnameNominative } from './normal-form.js';
import person from './index.js';

/** The seed regulation lives beside the repository (../shared/seed), as in the project's docs. */
const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/seed/000_badc05f903490595.txt');

beforeAll(() => initMorph());

// Every form of ru-pd-reference §8.1, and its §8.2 examples.
testDetector(person, {
  valid: [
    // Document order, speech order, capitals, lower case.
    { text: 'Иванов Иван Иванович, 1985 г.р.', values: ['Иванов Иван Иванович'] },
    { text: 'Работник Иван Иванович Иванов принят на должность', values: ['Иван Иванович Иванов'] },
    { text: 'ФИО: ИВАНОВ ИВАН ИВАНОВИЧ', values: ['ИВАНОВ ИВАН ИВАНОВИЧ'] },
    { text: 'фио: иванова мария петровна, дата рождения', values: ['иванова мария петровна'] },
    { text: 'в группе: Ким Виктория', values: ['Ким Виктория'] },
    // Initials in every arrangement.
    { text: 'Иванов И.И.', values: ['Иванов И.И.'] },
    { text: 'Исполнитель: Иванов И. И.', values: ['Иванов И. И.'] },
    { text: 'согласовано с Иванов И.И', values: ['Иванов И.И'] },
    { text: 'И.И. Иванов', values: ['И.И. Иванов'] },
    { text: 'И. И. Иванов', values: ['И. И. Иванов'] },
    { text: 'подпись И.Иванов', values: ['И.Иванов'] },
    { text: 'Ответственный: Петрова А.', values: ['Петрова А.'] },
    { text: 'ИП Иванов И.И. (ОГРНИП в приложении)', values: ['Иванов И.И.'] },
    // All six cases, surname first in the genitive.
    { text: 'Сидоровой Марии Ильиничны', values: ['Сидоровой Марии Ильиничны'] },
    { text: 'заявление Абдурахмановой Натальи Петровны о приёме', values: ['Абдурахмановой Натальи Петровны'] },
    { text: 'выдать Иванову Ивану Ивановичу', values: ['Иванову Ивану Ивановичу'] },
    { text: 'выдать Ивановой Анне справку', values: ['Ивановой Анне'] },
    { text: 'подписано Ивановым Иваном Ивановичем', values: ['Ивановым Иваном Ивановичем'] },
    { text: 'сведения о Петровой Ольге Сергеевне', values: ['Петровой Ольге Сергеевне'] },
    // Hyphenated surnames, ё/е, Turkic patronymics.
    { text: 'картина Кузьмы Петрова-Водкина', values: ['Кузьмы Петрова-Водкина'] },
    { text: 'Семёнов Пётр Алексеевич', values: ['Семёнов Пётр Алексеевич'] },
    { text: 'Семенов Петр Алексеевич', values: ['Семенов Петр Алексеевич'] },
    { text: 'Королёв Сергей Павлович', values: ['Королёв Сергей Павлович'] },
    { text: 'студент Мамедов Али Гусейн оглы', values: ['Мамедов Али Гусейн оглы'] },
    { text: 'студентка Алиева Лейла Рашид кызы', values: ['Алиева Лейла Рашид кызы'] },
    // Columns of a table (cells joined by tabs).
    { text: 'Петров\tСергей\tНиколаевич\t+7 916 123-45-67', values: ['Петров\tСергей\tНиколаевич'] },
    // Lone words: a clear surname, a name given in full earlier, a possible name with a role word.
    { text: 'Путин подписал указ', values: ['Путин'] },
    { text: 'Приказ о приёме Сидорова Андрея Викторовича. Сидорову выдать пропуск.', values: ['Сидорова Андрея Викторовича', 'Сидорову'] },
    { text: 'гр. Роза', values: ['Роза'] },
    { text: 'Я, Орлова, обязуюсь', values: ['Орлова'] },
    { text: 'Директор Лев Борисович Орёл', values: ['Лев Борисович Орёл'] },
    // A capitalised verb that is also a first name does not take the surname from a full name.
    { text: 'Дана Фёдорова Нинель Владимировна, дата рождения 15.10.1985', values: ['Фёдорова Нинель Владимировна'] },
    // Labelled fields of a form.
    { text: 'ФАМИЛИЯ: ИВАНОВ', values: ['ИВАНОВ'] },
    { text: 'Фамилия Петров Имя Сергей', values: ['Петров', 'Сергей'] },
    // OCR read the space as a dot.
    { text: 'ФИО: Фёдоров.Артём Михайлович\nДата рождения', values: ['Фёдоров.Артём Михайлович'] },
    // Foreign names (news, passports of foreign students).
    { text: 'посол Италии Виторио Сандали встретился с заместителем министра Александром Налбандовым', values: ['Виторио Сандали', 'Александром Налбандовым'] },
    { text: 'заявил Марин Ле Пен', values: ['Марин Ле Пен'] },
    { text: 'ветеран Виктор Понедельник выразил мнение', values: ['Виктор Понедельник'] },
    // A surname the dictionary knows only as an ordinary word, next to a first name and patronymic.
    { text: 'СЫН ЛАПИН ВАСИЛИЙ ВЛАДИСЛАВОВИЧ 2008', values: ['ЛАПИН ВАСИЛИЙ ВЛАДИСЛАВОВИЧ'] },
    { text: 'заявление Герасимова Мира Иосифовича', values: ['Герасимова Мира Иосифовича'] },
    // A Latin spelling of the same name.
    { text: 'Иванов Иван (Ivanov Ivan) прибыл', values: ['Иванов Иван', 'Ivanov Ivan'] },
    // OCR: Latin look-alikes inside the words are folded by the match view.
    { text: 'Иванoв Ивaн Ивaнoвич', values: ['Иванoв Ивaн Ивaнoвич'] },
  ],
  invalid: [
    // Labels and blanks.
    'Ф.И.О.',
    '(Ф.И.О.)',
    'Я, ________________________________',
    'Фамилия, инициалы заявителя',
    'Фамилия Имя Отчество',
    '____________________ (подпись) ____________ (расшифровка подписи)',
    // A lone common word that is also a surname or a name.
    'Роза',
    'Орёл',
    'Лев',
    'Роза Ветров',
    // Places and organisations.
    'Тамбовская область, Рассказовский район',
    'проживает по адресу: г. Королёв, ул. Гагарина',
    'ООО «Иванов Иван»',
    'ТОГБПОУ «Петров Сергей»',
    'г. Владимир',
    // Headings and capitals that are not names.
    'ПОЛОЖЕНИЕ О ПОРЯДКЕ ОБРАБОТКИ ПЕРСОНАЛЬНЫХ ДАННЫХ',
    'Настоящее Положение разработано в соответствии с Трудовым кодексом Российской Федерации',
    'Приложение А. Согласие на обработку',
    'ИВАНОВ',
    'Фамилия Имя Отчество Подпись',
    'Слава Богу, всё обошлось',
    '8 Марта поздравили коллег',
    'глава Свердловской области заявил',
  ],
  together: [
    {
      text: 'Иванова Мария Петровна, тел. +7 916 123-45-67',
      expect: [
        { type: 'PERSON', value: 'Иванова Мария Петровна' },
        { type: 'PHONE_NUMBER', value: '+7 916 123-45-67' },
      ],
    },
  ],
});

describe('ru-person facts (normal form, Natasha NamesExtractor style)', () => {
  const facts = (text: string) => findValues(person, text).map((f) => f.facts);
  it.each([
    ['Ивановой Марии Петровны', { last: 'Иванова', first: 'Мария', middle: 'Петровна' }],
    ['Иванову Ивану Ивановичу', { last: 'Иванов', first: 'Иван', middle: 'Иванович' }],
    ['ИВАНОВ ИВАН ИВАНОВИЧ', { last: 'Иванов', first: 'Иван', middle: 'Иванович' }],
    ['Сергеем Ильичом Фоминым', { last: 'Фомин', first: 'Сергей', middle: 'Ильич' }],
    ['Сидоровой Марии Ильиничны', { last: 'Сидорова', first: 'Мария', middle: 'Ильинична' }],
    ['Мамедов Али Гусейн оглы', { last: 'Мамедов', first: 'Али', middle: 'Гусейн оглы' }],
    ['Иванов И.П.', { last: 'Иванов', first: 'И', middle: 'П' }],
    ['Семёнова Иванна Алексеевна', { last: 'Семёнова', first: 'Иванна', middle: 'Алексеевна' }],
    ['Аксенова Алёна Петровна', { last: 'Аксенова', first: 'Алёна', middle: 'Петровна' }],
    ['Тимофеев Артем Андреевич', { last: 'Тимофеев', first: 'Артем', middle: 'Андреевич' }],
    ['А. Петровой', { last: 'Петрова', first: 'А' }],
    ['Ольгой Сергеевной', { first: 'Ольга', middle: 'Сергеевна' }],
  ])('%s → %o', (text, expected) => {
    expect(facts(text)).toEqual([expected]);
  });

  it('derives patronymic and feminine surname nominatives by rule', () => {
    expect(patronymicNominative('Сергеевной')).toBe('Сергеевна');
    expect(patronymicNominative('ИВАНОВИЧА')).toBe('Иванович');
    expect(patronymicNominative('Ильича')).toBe('Ильич');
    expect(patronymicNominative('Кузьминичне')).toBe('Кузьминична');
    expect(surnameNominative('иванов', true)).toBe('Иванова');
    expect(surnameNominative('достоевский', true)).toBe('Достоевская');
    expect(surnameNominative('ким', true)).toBe('Ким');
  });
});

describe('ru-person dictionary lookups (az)', () => {
  it('title-cases before lookup and merges ё/е spellings', () => {
    expect(analyse('ИВАНОВ').surn.length).toBeGreaterThan(0);
    expect(analyse('Семёнов').surn.length).toBeGreaterThan(0);
    expect(analyse('Роза').name.length).toBeGreaterThan(0);
    expect(analyse('Роза').nameShare).toBeLessThan(0.5);
  });
});

describe('ru-person on the seed regulation (a blank-form policy)', () => {
  it.skipIf(!existsSync(SEED))('finds no name: its forms are blank ("Я, ____ (Ф.И.О.)") and it names no one', () => {
    expect(findValues(person, readFileSync(SEED, 'utf8')).map((f) => f.value)).toEqual([]);
  });
});

describe('ru-person speed', () => {
  it('scans a 2 MB text in well under a second (linear, cached lookups)', () => {
    const block =
      'Приказ № 15-к от 12.03.2024. Принять Иванову Марию Петровну на должность бухгалтера. ' +
      'Основание: заявление Ивановой М.П., согласовано с директором Петровым С.Н. ' +
      'Настоящее Положение разработано в соответствии с Трудовым кодексом Российской Федерации.\n';
    const text = block.repeat(Math.ceil(2e6 / block.length));
    findValues(person, block);
    const t0 = performance.now();
    const n = findValues(person, text).length;
    const ms = performance.now() - t0;
    expect(n).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(3000);
  });
});
