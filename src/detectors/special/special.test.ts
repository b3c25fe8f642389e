import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyCategoryRules } from '../../categories/apply.js';
import { plainDocument, testDetector } from '../../testing/detector-tester.js';
import { CATEGORIES, type CategoryId } from '../categories.js';
import { ALL_DETECTORS } from '../registry.js';
import { compileDetectors, runDetectors } from '../run-detectors.js';
import { COMMON, PACKS, checkPack } from './packs.js';
import special from './index.js';

const only = compileDetectors([special]);

/** Findings of the detector alone: value, category, and whether it is personal data or a mention. */
function found(text: string): Array<{ value: string; category: CategoryId; data: boolean }> {
  return runDetectors(plainDocument(text), only).map((f) => {
    expect(text.slice(f.start, f.end)).toBe(f.value);
    expect(f.type).toBe('SPECIAL_CATEGORY');
    return { value: f.value, category: f.category, data: f.personalData };
  });
}
const data = (value: string, category: CategoryId) => ({ value, category, data: true });
const mention = (value: string, category: CategoryId) => ({ value, category, data: false });

testDetector(special, {
  valid: [
    // ru-pd-reference §9.3 verified examples (categories checked below).
    { text: 'инвалидность II группы', values: ['инвалидность II группы'] },
    // ICD-10 with a Cyrillic look-alike first letter (§9.2).
    { text: 'Диагноз: Е11.9', values: ['Диагноз: Е11.9'] },
    { text: 'Код по МКБ-10: E11.9', values: ['МКБ-10: E11.9'] },
    { text: 'беременность 12 недель', values: ['беременность 12 недель'] },
    { text: 'судимость: не судим', values: ['судимость: не судим'] },
    { text: 'Национальность: русский', values: ['Национальность: русский'] },
    { text: 'Вероисповедание: православное', values: ['Вероисповедание: православное'] },
    { text: 'группа здоровья: II', values: ['группа здоровья: II'] },
  ],
  invalid: [
    // §9.2 false positives: vitamins, spreadsheet cells, food additives, seats; malformed codes.
    'витамин B12',
    'см. ячейку C15 на листе 2',
    'консервант E211',
    'место A12, ряд 3',
    'сопутствующий J4.5, 1234',
    // Weak cues without a subject say nothing.
    'Медицинский осмотр проводится за счёт работодателя; лечение не оплачивается.',
    'Рост: 180 см, вес: 75 кг',
    'проживает: г. Тамбов, ул. Церковная, д. 5, Иванов И.И.',
  ],
  together: [
    { text: 'Диагноз: J45.0', expect: [{ type: 'SPECIAL_CATEGORY', value: 'Диагноз: J45.0' }] },
    { text: 'товары II группы', expect: [] },
  ],
});

describe('special-categories: ru-pd-reference §9.3 verified examples', () => {
  it.each([
    ['инвалидность II группы', [data('инвалидность II группы', 'health')]],
    ['Диагноз: J45.0', [data('Диагноз: J45.0', 'health')]],
    ['осуждён по ч. 1 ст. 158 УК РФ', [data('осуждён по ч. 1 ст. 158 УК РФ', 'criminal_record')]],
    ['товары II группы', []],
    ['несут дисциплинарную, административную или уголовную ответственность в соответствии с федеральными законами', []],
  ] as const)('%s', (text, expected) => expect(found(text)).toEqual(expected));
});

describe('special-categories: filled values are personal data', () => {
  it.each([
    ['Установлена инвалидность второй группы', [data('инвалидность второй группы', 'health')]],
    ['3-й группы инвалидности', [data('3-й группы инвалидности', 'health')]],
    ['ИНВАЛИДНОСТЬ II ГРУППЫ', [data('ИНВАЛИДНОСТЬ II ГРУППЫ', 'health')]],
    ['ДИАГНОЗ: J45.0 БРОНХИАЛЬНАЯ АСТМА', [data('ДИАГНОЗ: J45.0 БРОНХИАЛЬНАЯ АСТМА', 'health')]],
    ['Диагноз: бронхиальная астма. Назначено лечение', [data('Диагноз: бронхиальная астма', 'health')]],
    ['Группа здоровья: II', [data('Группа здоровья: II', 'health')]],
    ['Категория годности к военной службе: А', [data('Категория годности к военной службе: А', 'health')]],
    ['беременность 12 недель', [data('беременность 12 недель', 'health')]],
    ['Сведения о судимости: не судим', [data('Сведения о судимости: не судим', 'criminal_record')]],
    ['не судима', [data('не судима', 'criminal_record')]],
    ['судимости не имеет', [data('судимости не имеет', 'criminal_record')]],
    ['Национальность: татарин', [data('Национальность: татарин', 'race_nationality')]],
    ['по национальности чуваш', [data('по национальности чуваш', 'race_nationality')]],
    ['Вероисповедание: православное', [data('Вероисповедание: православное', 'religious_beliefs')]],
    ['Партийность: беспартийный', [data('Партийность: беспартийный', 'political_views')]],
    ['Является членом партии «Зелёные»', [data('Является членом партии «Зелёные»', 'political_views')]],
    ['Сексуальная ориентация: гетеросексуальная', [data('Сексуальная ориентация: гетеросексуальная', 'intimate_life')]],
  ] as const)('%s', (text, expected) => expect(found(text)).toEqual(expected));

  it('ICD-10 codes on a line with a health cue, also when OCR folding turned I10 and O80 into digits', () => {
    expect(found('Ds: I10')).toEqual([data('Ds: I10', 'health')]);
    expect(found('сопутствующий: I10, O80')).toEqual([data('сопутствующий: I10', 'health'), data('O80', 'health')]);
    // A diagnosis field takes its whole value.
    expect(found('Диагноз основной: K29.5, сопутствующий: I10')).toEqual([data('Диагноз основной: K29.5, сопутствующий: I10', 'health')]);
    // A number on such a line is not a code unless it follows the cue or another code.
    expect(found('Основной оклад 110 тыс.')).toEqual([]);
  });

  it('a table whose header names a field: the filled cells below are values, the header a mention', () => {
    const text = 'ФИО\tДиагноз\tНациональность\nИванов И.И.\tJ45.0\tрусский\nПетров П.П.\t\tтатарин';
    expect(found(text)).toEqual([
      mention('Диагноз', 'health'),
      mention('Национальность', 'race_nationality'),
      data('J45.0', 'health'),
      data('русский', 'race_nationality'),
      data('татарин', 'race_nationality'),
    ]);
    // A blank table (a form) holds only the headers.
    expect(found('ФИО\tДиагноз\tНациональность\n\t\t\n').every((f) => !f.data)).toBe(true);
  });

  it('a label/value form in two cells', () => {
    expect(found('Национальность\tрусский\nВероисповедание\tправославное')).toEqual([
      data('Национальность\tрусский', 'race_nationality'),
      data('Вероисповедание\tправославное', 'religious_beliefs'),
    ]);
  });
});

describe('special-categories: mentions versus data (§9.4)', () => {
  it('blank fields and form instructions are not values', () => {
    for (const text of ['Национальность: ____________', 'Вероисповедание: (указывается по желанию)', 'Инвалидность: да/нет', 'Группа здоровья: ______']) {
      const f = found(text);
      expect(f.length, text).toBe(1);
      expect(f[0]!.data, text).toBe(false);
    }
  });

  it('template and policy wording names a category without holding it', () => {
    expect(found('сведения о наличии или отсутствии судимости;')).toEqual([mention('судимости', 'criminal_record')]);
    expect(found('документы о состоянии здоровья (сведения об инвалидности, о беременности и т.п.);').map((f) => f.data)).toEqual([false, false, false]);
    expect(found('данные документов об инвалидности (при наличии);')).toEqual([mention('инвалидности', 'health')]);
    expect(
      found(
        'Обработка специальных категорий персональных данных, касающихся расовой, национальной принадлежности, ' +
          'политических взглядов, религиозных или философских убеждений, состояния здоровья, интимной жизни, не допускается.',
      ),
    ).toEqual([
      mention('национальной принадлежности', 'race_nationality'),
      mention('политических взглядов', 'political_views'),
      // "религиозных или философских убеждений": the noun is shared (152-FZ art. 10 wording).
      mention('религиозных или', 'religious_beliefs'),
      mention('философских убеждений', 'philosophical_beliefs'),
      mention('состояния здоровья', 'health'),
      mention('интимной жизни', 'intimate_life'),
    ]);
  });

  it('statements in general wording are mentions; the same statements about a person are data', () => {
    expect(found('Работникам, имеющим инвалидность II группы, предоставляется отпуск 30 дней.')).toEqual([mention('инвалидность II группы', 'health')]);
    expect(found('Лица, осуждённые по ст. 158 УК РФ, не допускаются к работе с детьми.')).toEqual([mention('осуждённые по ст. 158 УК РФ', 'criminal_record')]);
    expect(found('Иванов Иван Иванович, имеющий инвалидность II группы')).toEqual([data('инвалидность II группы', 'health')]);
  });

  it('a strong cue is data when its record names a subject: name, initials, birth date, identifier', () => {
    expect(found('Иванов Иван Иванович, 12.03.1985 г.р., состоит на диспансерном учёте у эндокринолога')).toEqual([data('диспансерном учёте', 'health')]);
    expect(found('Направление на МСЭ: Иванов И.И.')).toEqual([data('МСЭ', 'health')]);
    expect(found('Иванов И.И. — ВИЧ-инфицирован')).toEqual([data('ВИЧ', 'health')]);
    expect(found('СНИЛС 112-233-445 95: туберкулёз лёгких')).toEqual([data('туберкулёз', 'health')]);
    expect(found('Форма 086/у выдана Петрову П.П.')).toEqual([data('Форма 086/у', 'health')]);
    // Without a subject: a mention.
    expect(found('состоит на диспансерном учёте у эндокринолога')).toEqual([mention('диспансерном учёте', 'health')]);
    expect(found('Обучающиеся специальной медицинской группы занимаются отдельно.')).toEqual([mention('специальной медицинской группы', 'health')]);
  });

  it('only the record counts: a subject in another paragraph does not make a cue data (§9.4)', () => {
    const text = 'Ф.И.О.: Иванов Иван Иванович\nДата рождения: 01.01.1990\n\nРаботник обязан представить медицинское заключение.';
    expect(found(text)).toEqual([mention('медицинское заключение', 'health')]);
    expect(found('Ф.И.О.: Иванов Иван Иванович\nНуждается в наблюдении психиатра.')).toEqual([data('психиатра', 'health')]);
  });

  it('a cue inside quotes is part of a name (an organisation, a title)', () => {
    expect(found('Директор АНО «Православная гимназия» Иванов И.И.')).toEqual([mention('Православная', 'religious_beliefs')]);
    expect(found('Иванов И.И., прихожанин храма "Святой Троицы"')).toEqual([data('прихожанин', 'religious_beliefs'), data('храма', 'religious_beliefs')]);
  });

  it('a record naming a document of a person ("копия справки об инвалидности") is data', () => {
    expect(found('Личное дело Иванова И.И.: копия справки об инвалидности')).toEqual([data('инвалидности', 'health')]);
    expect(found('копия справки об инвалидности')).toEqual([mention('инвалидности', 'health')]);
  });

  it('a filled consent lists categories: mentions, even next to the signer\'s name', () => {
    const text = [
      'Я, Иванов Иван Иванович, даю согласие на обработку моих персональных данных, к которым относятся:',
      '- сведения о наличии или отсутствии судимости;',
      '- данные медицинского заключения;',
      '- вероисповедание;',
      '- фотография.',
    ].join('\n');
    expect(found(text)).toEqual([
      mention('судимости', 'criminal_record'),
      mention('медицинского заключения', 'health'),
      mention('вероисповедание', 'religious_beliefs'),
      mention('фотография', 'photo'),
    ]);
  });

  it('negation: "не судим" is a statement about the subject; the certificate title is not', () => {
    const text =
      'СПРАВКА о наличии (отсутствии) судимости и (или) факта уголовного преследования\n' +
      'Кузнецова Елена Викторовна, 14.02.1988 г.р., судимости не имеет, к уголовной ответственности не привлекалась.';
    expect(found(text)).toEqual([
      mention('судимости', 'criminal_record'),
      data('судимости не имеет', 'criminal_record'),
      data('к уголовной ответственности не привлекалась', 'criminal_record'),
    ]);
  });

  it('weak cues count only next to a subject', () => {
    expect(found('Иванов И.И. находился на лечении в стационаре')).toEqual([data('лечении', 'health'), data('стационаре', 'health')]);
    expect(found('Иванов Иван Иванович. Рост 180 см, вес 75 кг.')).toEqual([data('Рост 180 см', 'health'), data('вес 75 кг', 'health')]);
    expect(found('Иванов Иван Иванович — прихожанин храма')).toEqual([data('прихожанин', 'religious_beliefs'), data('храма', 'religious_beliefs')]);
    expect(found('находился на лечении в стационаре')).toEqual([]);
  });

  it('a photo cannot be seen in text: always a mention of the photo category', () => {
    expect(found('Фото 3х4, Иванов Иван Иванович')).toEqual([mention('Фото', 'photo')]);
  });
});

describe('special-categories: OCR noise', () => {
  it('Latin look-alikes inside Cyrillic words are folded before matching', () => {
    expect(found('Диагнoз: J45.0')).toEqual([data('Диагнoз: J45.0', 'health')]); // Latin o
    expect(found('CУДИМOСТЬ: не судим')).toEqual([data('CУДИМOСТЬ: не судим', 'criminal_record')]); // Latin C, O
  });

  it('digits and stray symbols inside a cue word: matched with edit-distance tolerance', () => {
    expect(found('Пациентка Сидорова М.И. диагн0з подтверждён')).toEqual([data('диагн0з', 'health')]);
    expect(found('Петров П.П., инвалидн0сть установлена')).toEqual([data('инвалидн0сть', 'health')]);
    expect(found('сведения о суди}мости')).toEqual([mention('суди}мости', 'criminal_record')]);
    // Noise in other words is left alone.
    expect(found('Обrцие поло}Itения, данlIь]х')).toEqual([]);
  });
});

describe('special-categories: packs are data', () => {
  it('every special category (art. 10) and biometrics (art. 11) has a pack', () => {
    const covered = new Set(PACKS.map((p) => p.category));
    for (const [id, info] of Object.entries(CATEGORIES)) if (info.class === 'S' || id === 'biometric') expect(covered.has(id as CategoryId), id).toBe(true);
  });

  it('a malformed pack is rejected with its name and key', () => {
    expect(() => checkPack({ category: 'health', title: 't', strong: 'диагноз', weak: [], values: [] }, 'x.json')).toThrow(/x\.json: "strong"/);
    expect(() => checkPack({ category: 'nope', title: 't', strong: [], weak: [], values: [] }, 'y.json')).toThrow(/y\.json: unknown "category"/);
  });

  it('mentions and data scores stay above and at the default minimum score', () => {
    expect(COMMON.scores.mention).toBeGreaterThanOrEqual(0.5);
    expect(COMMON.scores.value).toBeGreaterThan(COMMON.scores.mention);
  });
});

describe('the seed regulation (a policy and a blank consent naming every category) through all detectors', () => {
  const seed = readFileSync(new URL('../../../fixtures/corpus/seed-regulation.txt', import.meta.url), 'utf8');
  beforeAll(async () => {
    await Promise.all(ALL_DETECTORS.map((d) => d.prepare?.()));
  });

  it('holds no special-category personal data, only mentions', () => {
    const findings = runDetectors(plainDocument(seed), compileDetectors(ALL_DETECTORS));
    const special = findings.filter((f) => f.type === 'SPECIAL_CATEGORY');
    expect(special.length).toBeGreaterThan(10);
    expect(special.filter((f) => f.personalData).map((f) => `${f.category} ${JSON.stringify(f.value)}`)).toEqual([]);
    const file = applyCategoryRules(findings, seed);
    expect(file.categories.filter((c) => CATEGORIES[c].class !== 'G')).toEqual([]);
    expect(file.mentions).toEqual(expect.arrayContaining(['health', 'criminal_record']));
  });

  it('is the same text as the shared seed', () => {
    const shared = new URL('file:///work/shared/seed/000_badc05f903490595.txt');
    let original: string | undefined;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      return; // not in every checkout
    }
    const a = runDetectors(plainDocument(original), only).filter((f) => f.personalData);
    expect(a).toEqual([]);
  });
});
