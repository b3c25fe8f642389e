import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { accountKeyValid } from '../../detectors/ru/bank-account/checksum.js';
import { analyse as analyseWord, featsOf, initMorph } from '../../detectors/ru/person/morph.js';
import { patronymicFeats } from '../../detectors/ru/person/normal-form.js';
import type { EntityType, Finding } from '../../detectors/types.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import { applyPieces } from '../segment-edits.js';
import { parseWrittenDate } from './fake-dates.js';
import {
  CASES,
  declineFirstName,
  declinePatronymic,
  declineSurname,
  firstNameByRule,
  surnameByRule,
  type Gender,
  type GramCase,
} from './fake-declension.js';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './fake-names.js';
import { fakeValue } from './fake.js';
import { personIdentities, valueIdentity } from './identity.js';
import { planEdits } from './index.js';
import { randomSource } from './keyed.js';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);

async function scan(text: string) {
  const { doc, all } = await analyzeBytes(Buffer.from(text), 'x.txt', { reveal: false });
  return { doc, all };
}

/** The text with every finding of `types` replaced by its fake (planEdits, the real call path). */
async function faked(text: string, key: Uint8Array = KEY, types?: readonly EntityType[]) {
  const { doc, all } = await scan(text);
  const findings = all.filter((f) => !types || types.includes(f.type));
  const plan = planEdits(doc, findings, { default: 'fake', byType: {} }, { key });
  const out = applyPieces(doc.text, plan.edits.map((e) => ({ from: e.start, to: e.end, text: e.text })));
  return { out, plan, findings };
}

/** Digits → d, letters → L, the rest as is: the layout of a value. */
const shape = (s: string) => s.replace(/\d/g, 'd').replace(/\p{L}/gu, 'L');
const digits = (s: string) => s.replace(/\D/g, '');

beforeAll(async () => {
  await initMorph();
});

describe('fake identifiers', () => {
  const text = [
    'СНИЛС: 112-233-445 95',
    'ИНН: 500100732259',
    'ИНН организации: 7707083893',
    'ОГРН: 1027700132195',
    'ОГРНИП: 304500116000157',
    'Номер карты: 2200 0000 0000 0004',
    'Полис ОМС: 7700 0000 0000 0016',
    'Паспорт: серия 45 03 № 123456',
    'Загранпаспорт: 75 № 1234567',
    'Водительское удостоверение: 77 АВ 123456',
    'Военный билет: АК 1234567',
    'Свидетельство о рождении: II-ЖО 123456',
    'Счет получателя 40817810899910004312 в банке, БИК 044525225',
  ].join('\n');
  const types: EntityType[] = [
    'RU_SNILS', 'RU_INN_PERSON', 'RU_INN_ORG', 'RU_OGRN', 'RU_OGRNIP', 'CREDIT_CARD', 'RU_OMS_POLICY', 'RU_PASSPORT',
    'RU_FOREIGN_PASSPORT', 'RU_DRIVER_LICENSE', 'RU_MILITARY_ID', 'RU_BIRTH_CERTIFICATE', 'RU_BANK_ACCOUNT',
  ];

  it('every kind is found in the original (the test text is right)', async () => {
    const { all } = await scan(text);
    expect(all.map((f) => f.type).sort()).toEqual([...types].sort());
  });

  it('each fake has the layout of the original, other digits, and is found again as the same type, valid', async () => {
    const { out, plan } = await faked(text);
    const again = (await scan(out)).all;
    for (const edit of plan.edits) {
      const original = edit.finding.value;
      expect(edit.operator, edit.type).toBe('fake');
      expect(shape(edit.text), edit.type).toBe(shape(original));
      expect(digits(edit.text), edit.type).not.toBe(digits(original));
      expect(out).not.toContain(original);
      const found = again.find((f) => f.value === edit.text);
      expect(found?.type, edit.type).toBe(edit.type);
      // Checksum kinds pass the detector's own validator again (shape-only kinds were never "validated").
      expect(found?.validated, edit.type).toBe(edit.finding.validated);
    }
  });

  it('labels inside a value stay: "№", the series letters script', async () => {
    const { plan } = await faked(text);
    const byType = new Map(plan.edits.map((e) => [e.type, e.text]));
    expect(byType.get('RU_PASSPORT')).toMatch(/^\d{2} \d{2} № \d{6}$/);
    expect(byType.get('RU_FOREIGN_PASSPORT')).toMatch(/^\d{2} № \d{7}$/);
    expect(byType.get('RU_DRIVER_LICENSE')).toMatch(/^\d{2} [АВЕКМНОРСТУХ]{2} \d{6}$/);
    expect(byType.get('RU_MILITARY_ID')).toMatch(/^[А-ЯЁ]{2} \d{7}$/);
    expect(byType.get('RU_BIRTH_CERTIFICATE')).toMatch(/^[IVX]+-[А-ЯЁ]{2} \d{6}$/);
  });

  it('a card keeps its payment system; an account keeps its balance account, currency and the key for its BIK', async () => {
    const { plan } = await faked(text);
    const card = plan.edits.find((e) => e.type === 'CREDIT_CARD')!.text;
    expect(card.slice(0, 4)).toBe('2200');
    const account = plan.edits.find((e) => e.type === 'RU_BANK_ACCOUNT')!.text;
    expect(account.slice(0, 8)).toBe('40817810');
    expect(accountKeyValid(account, '044525225')).toBe(true);
  });

  it('stable for one key, different with another key', async () => {
    const a = await faked(text);
    const b = await faked(text);
    const c = await faked(text, OTHER_KEY);
    expect(b.out).toBe(a.out);
    for (let i = 0; i < a.plan.edits.length; i++) expect(c.plan.edits[i]!.text, a.plan.edits[i]!.type).not.toBe(a.plan.edits[i]!.text);
  });

  it('the same number in another layout gets the same digits', async () => {
    const a = await faked('СНИЛС 112-233-445 95');
    const b = await faked('СНИЛС: 11223344595');
    expect(digits(b.plan.edits[0]!.text)).toBe(digits(a.plan.edits[0]!.text));
    expect(b.plan.edits[0]!.text).toMatch(/^\d{11}$/);
  });
});

describe('fake phones, e-mail, dates, addresses', () => {
  it('a phone keeps its country code, operator code and writing, and is still a valid number', async () => {
    const { plan } = await faked('Тел.: +7 (916) 123-45-67, домашний 8 (4752) 71-23-45, Минск +375 29 123-45-67.');
    expect(plan.edits).toHaveLength(3);
    const [mobile, home, minsk] = plan.edits.map((e) => e.text);
    expect(mobile).toMatch(/^\+7 \(916\) \d{3}-\d{2}-\d{2}$/);
    expect(home).toMatch(/^8 \(4752\) \d{2}-\d{2}-\d{2}$/);
    expect(minsk).toMatch(/^\+375 29 \d{3}-\d{2}-\d{2}$/);
    for (const e of plan.edits) {
      expect(e.text).not.toBe(e.finding.value);
      expect(parsePhoneNumberFromString(e.text.replace(/^8/, '+7'), 'RU')?.isValid(), e.text).toBe(true);
    }
  });

  it('one phone or one date in two writings gets one fake', async () => {
    const { plan } = await faked('Тел. 8 (916) 123-45-67, он же +7 916 1234567. Дата рождения: 12.03.1985 (1985-03-12).');
    const [p1, p2, d1, d2] = plan.edits.map((e) => e.text);
    expect(p1).toMatch(/^8 \(916\) \d{3}-\d{2}-\d{2}$/);
    expect(p2).toMatch(/^\+7 916 \d{7}$/);
    expect(digits(p2!).slice(1)).toBe(digits(p1!).slice(1));
    const [a, b] = [parseWrittenDate(d1!)!, parseWrittenDate(d2!)!];
    expect([b.y, b.m, b.d]).toEqual([a.y, a.m, a.d]);
  });

  it('an e-mail address becomes an address at a reserved domain, found again as an e-mail', async () => {
    const { out, plan } = await faked('Пишите: ivan.petrov85@mail.ru');
    const fake = plan.edits[0]!.text;
    expect(fake).toMatch(/^[a-z]+\.[a-z]+\d{2}@example\.com$/);
    const again = (await scan(out)).all;
    expect(again.map((f) => [f.type, f.value])).toEqual([['EMAIL_ADDRESS', fake]]);
  });

  it('a date of birth moves by at most two years, in the same writing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Дата рождения: 12.03.1985', /^\d{2}\.\d{2}\.\d{4}$/],
      ['Дата рождения: 1985-03-12', /^\d{4}-\d{2}-\d{2}$/],
      ['родилась 12 марта 1985 г.', /^\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}$/],
    ];
    for (const [text, form] of cases) {
      const { out, plan } = await faked(text);
      const e = plan.edits.find((x) => x.type === 'DATE_OF_BIRTH')!;
      expect(e.text, text).toMatch(form);
      expect(e.text).not.toBe(e.finding.value);
      const a = parseWrittenDate(e.finding.value)!;
      const b = parseWrittenDate(e.text)!;
      const days = Math.abs(Date.UTC(a.y, a.m! - 1, a.d!) - Date.UTC(b.y, b.m! - 1, b.d!)) / 86_400_000;
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThanOrEqual(730);
      expect((await scan(out)).all.some((f) => f.type === 'DATE_OF_BIRTH' && f.value === e.text)).toBe(true);
    }
  });

  it('an address keeps its region and city; street, house, flat and the end of the index change', async () => {
    const text = 'проживающая по адресу: 393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а, кв. 5';
    const { out, plan } = await faked(text);
    const e = plan.edits[0]!;
    expect(e.type).toBe('ADDRESS');
    expect(e.text).toMatch(/^393\d{3}, Тамбовская обл\., г\. Рассказово, ул\. [А-ЯЁ][а-яё]+, д\. \d+а, кв\. \d+$/);
    expect(e.text).not.toContain('Пролетарская');
    expect(e.text).not.toContain('393251');
    const again = (await scan(out)).all.find((f) => f.type === 'ADDRESS');
    expect(again?.value).toBe(e.text);
    expect(again?.facts?.['city']).toBe('Рассказово');
    expect(again?.facts?.['region']).toBe('Тамбовская обл.');
  });

  it('a street name agrees with its marker; a KLADR address keeps its order', async () => {
    const { plan } = await faked('место жительства: Рассказово г, Пролетарская ул, д. 23а, кв. 7; адрес регистрации: г. Москва, пр-т Мира, д. 5, корп. 2, кв. 17');
    const [kladr, moscow] = plan.edits.map((e) => e.text);
    expect(kladr).toMatch(/^Рассказово г, (?:[А-ЯЁ][а-яё]+(?:ая|яя)|[А-ЯЁ][а-яё]+) ул, д\. \d+а, кв\. \d$/);
    expect(moscow).toMatch(/^г\. Москва, пр-т (?:[А-ЯЁ][а-яё]+(?:ый|ий|ой)|[А-ЯЁ][а-яё]+), д\. \d, корп\. \d, кв\. \d{2}$/);
    expect(moscow).not.toContain('Мира');
  });

  it('organisations and special categories get no fake: the caller labels them', async () => {
    const { plan } = await faked('Работник ООО «Ромашка» Иванов Иван Иванович, диагноз: сахарный диабет 2 типа (E11).');
    const org = plan.edits.find((e) => e.type === 'ORG');
    expect(org).toMatchObject({ operator: 'replace', text: '[ОРГАНИЗАЦИЯ]' });
    const special = plan.edits.find((e) => e.type === 'SPECIAL_CATEGORY');
    expect(special).toMatchObject({ operator: 'replace' });
    expect(plan.edits.find((e) => e.type === 'PERSON')?.operator).toBe('fake');
  });
});

// ───────────────────────────── persons ─────────────────────────────

/** The cases a word can stand in as a surname / first name / patronymic of `gender`, by az. */
function casesOf(word: string, role: 'last' | 'first' | 'middle', gender: Gender): GramCase[] {
  const info = analyseWord(word);
  const feats = role === 'last' ? info.surnFeats : role === 'first' ? info.nameFeats : patronymicFeats(word, false) || info.patrFeats;
  return CASES.filter((c) => (feats & featsOf(c, gender)) !== 0);
}

describe('fake persons: declension', () => {
  const male: Array<[GramCase, string]> = [
    ['nomn', 'Заявитель Иванов Сергей Петрович просит выдать справку.'],
    ['gent', 'Заявление Иванова Сергея Петровича рассмотрено.'],
    ['datv', 'Выдать справку Иванову Сергею Петровичу.'],
    ['accs', 'Назначить Иванова Сергея Петровича мастером.'],
    ['ablt', 'Договор заключён с Ивановым Сергеем Петровичем.'],
    ['loct', 'Сведения об Иванове Сергее Петровиче.'],
  ];
  const female: Array<[GramCase, string]> = [
    ['nomn', 'Заявительница Иванова Анна Сергеевна просит выдать справку.'],
    ['gent', 'Заявление Ивановой Анны Сергеевны рассмотрено.'],
    ['datv', 'Выдать справку Ивановой Анне Сергеевне.'],
    ['accs', 'Назначить Иванову Анну Сергеевну мастером.'],
    ['ablt', 'Договор заключён с Ивановой Анной Сергеевной.'],
    ['loct', 'Сведения об Ивановой Анне Сергеевне.'],
  ];

  for (const [gender, table] of [['masc', male], ['femn', female]] as const) {
    it(`a ${gender} full name in all six cases: the same fake person, in the same case, same gender`, async () => {
      const nominatives = new Set<string>();
      for (const [gramCase, text] of table) {
        const { out, plan } = await faked(text, KEY, ['PERSON']);
        const e = plan.edits[0]!;
        const original = e.finding.value.split(' ');
        const fake = e.text.split(' ');
        expect(fake, text).toHaveLength(3);
        expect(casesOf(original[0]!, 'last', gender), text).toContain(gramCase);
        expect(casesOf(fake[0]!, 'last', gender), `${e.text} (${gramCase})`).toContain(gramCase);
        expect(casesOf(fake[1]!, 'first', gender), `${e.text} (${gramCase})`).toContain(gramCase);
        expect(casesOf(fake[2]!, 'middle', gender), `${e.text} (${gramCase})`).toContain(gramCase);
        for (let i = 0; i < 3; i++) expect(fake[i]![0], e.text).not.toBe(original[i]![0]);
        // "об Иванове" stays grammatical: a vowel for a vowel.
        expect(fake[0]!, e.text).toMatch(/^[АОУЭИЫ]/);
        // Found again as one person, in the nominative the same as every other case's fake.
        const again = (await scan(out)).all.find((f) => f.type === 'PERSON');
        expect(again?.value, out).toBe(e.text);
        nominatives.add(`${again!.facts!['last']} ${again!.facts!['first']} ${again!.facts!['middle']}`);
      }
      expect([...nominatives], 'one fake person').toHaveLength(1);
    });
  }

  it('the declension tables of the fake parts', () => {
    const row = (f: (c: GramCase) => string) => CASES.map(f);
    expect(row((c) => declineSurname('Котов', 'masc', c))).toEqual(['Котов', 'Котова', 'Котову', 'Котова', 'Котовым', 'Котове']);
    expect(row((c) => declineSurname('Котов', 'femn', c))).toEqual(['Котова', 'Котовой', 'Котовой', 'Котову', 'Котовой', 'Котовой']);
    expect(row((c) => declineSurname('Островский', 'femn', c))).toEqual(['Островская', 'Островской', 'Островской', 'Островскую', 'Островской', 'Островской']);
    expect(row((c) => declineFirstName('Андрей', 'masc', c))).toEqual(['Андрей', 'Андрея', 'Андрею', 'Андрея', 'Андреем', 'Андрее']);
    expect(row((c) => declineFirstName('Ольга', 'femn', c))).toEqual(['Ольга', 'Ольги', 'Ольге', 'Ольгу', 'Ольгой', 'Ольге']);
    expect(row((c) => declineFirstName('Мария', 'femn', c))).toEqual(['Мария', 'Марии', 'Марии', 'Марию', 'Марией', 'Марии']);
    expect(row((c) => declinePatronymic('Иванович', c))).toEqual(['Иванович', 'Ивановича', 'Ивановичу', 'Ивановича', 'Ивановичем', 'Ивановиче']);
    expect(row((c) => declinePatronymic('Андреевна', c))).toEqual(['Андреевна', 'Андреевны', 'Андреевне', 'Андреевну', 'Андреевной', 'Андреевне']);
  });

  it('the rules decline every listed name as the dictionary does (either may decline a fake)', () => {
    const differ: string[] = [];
    for (const c of CASES) {
      for (const g of ['masc', 'femn'] as const) {
        for (const s of SURNAMES) if (declineSurname(s, g, c) !== surnameByRule(s, g, c)) differ.push(`${s} ${g} ${c}`);
      }
      for (const n of MALE_NAMES) if (declineFirstName(n, 'masc', c) !== firstNameByRule(n, 'masc', c)) differ.push(`${n} ${c}`);
      for (const n of FEMALE_NAMES) if (declineFirstName(n, 'femn', c) !== firstNameByRule(n, 'femn', c)) differ.push(`${n} ${c}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('fake persons: forms and consistency', () => {
  it('initials stay initials of the fake name; one person keeps one fake in a file', async () => {
    const { out, plan } = await faked('Приказ: принять Иванова Сергея Петровича. Подпись: Иванов С.П.', KEY, ['PERSON']);
    const [full, short] = plan.edits.map((e) => e.text);
    expect(short).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ]\.[А-ЯЁ]\.$/);
    const [s, n, p] = full!.split(' ');
    const nominative = (await scan(out)).all.find((f) => f.value === full)!.facts!;
    expect(short).toBe(`${nominative['last']} ${n![0]}.${p![0]}.`);
    expect(s![0]).not.toBe('И');
    expect(short!.slice(-4)).not.toBe('С.П.');
  });

  it('a surname alone gets the same fake as with a first name, in another file too; the wife the feminine', async () => {
    const alone = (await faked('Подпись: Иванов', KEY, ['PERSON'])).plan.edits[0]!.text;
    const withName = (await faked('Работник Иванов Сергей принят.', KEY, ['PERSON'])).plan.edits[0]!.text;
    const wife = (await faked('Работница Иванова Анна принята.', KEY, ['PERSON'])).plan.edits[0]!.text;
    expect(withName.split(' ')[0]).toBe(alone);
    expect(wife.split(' ')[0]).toBe(declineSurname(alone, 'femn', 'nomn'));
  });

  it('a woman named Александра or Евгения stays a woman (the names are also men\'s genitives)', async () => {
    for (const text of ['Работница Петрова Александра Сергеевна принята.', 'Работница Петрова Евгения принята.']) {
      const { plan } = await faked(text, KEY, ['PERSON']);
      const [surname, name] = plan.edits[0]!.text.split(' ');
      expect(FEMALE_NAMES, text).toContain(name);
      expect(surname, text).toMatch(/(?:ова|ева|ина|ына|ская|цкая)$/);
    }
  });

  it('a woman stays a woman: "Иванова Анна" → a feminine surname and a female name', async () => {
    const { plan } = await faked('Работница Иванова Анна принята.', KEY, ['PERSON']);
    const [surname, name] = plan.edits[0]!.text.split(' ');
    expect(FEMALE_NAMES).toContain(name);
    expect(surname).toMatch(/(?:ова|ева|ина|ына|ская|цкая)$/);
    expect(casesOf(surname!, 'last', 'femn')).toContain('nomn');
  });

  it('capitals stay capitals, word order and punctuation stay', async () => {
    const { plan } = await faked('ФИО: ИВАНОВА АННА СЕРГЕЕВНА\nУтверждаю: С. П. Иванов', KEY, ['PERSON']);
    const [caps, initialsFirst] = plan.edits.map((e) => e.text);
    expect(caps).toMatch(/^[А-ЯЁ]+ [А-ЯЁ]+ [А-ЯЁ]+ВНА$/);
    expect(initialsFirst).toMatch(/^[А-ЯЁ]\. [А-ЯЁ]\. [А-ЯЁ][а-яё]+$/);
  });

  it('an irregular name and a surname the dictionary reads as a name are declined too', async () => {
    const { plan } = await faked('Произведения Льва Толстого и книга Джошуа Вольфа (Joshua Wolf).', KEY, ['PERSON']);
    const [tolstoy, wolf, latin] = plan.edits.map((e) => e.text);
    const [n1, s1] = tolstoy!.split(' ');
    expect(casesOf(n1!, 'first', 'masc')).toContain('gent');
    expect(casesOf(s1!, 'last', 'masc')).toContain('gent');
    expect(casesOf(wolf!.split(' ')[1]!, 'last', 'masc')).toContain('gent');
    expect(latin).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(latin).not.toBe('Joshua Wolf');
  });

  it('stable for one key, another fake with another key; never the original', async () => {
    const text = 'Выдать справку Иванову Сергею Петровичу.';
    const a = await faked(text, KEY, ['PERSON']);
    const b = await faked(text, KEY, ['PERSON']);
    const c = await faked(text, OTHER_KEY, ['PERSON']);
    expect(b.out).toBe(a.out);
    expect(c.out).not.toBe(a.out);
    // Directly, over many keys: the fake is never the original and never keeps a part's first letter.
    const { all } = await scan(text);
    const person = all.find((f) => f.type === 'PERSON')!;
    const identity = personIdentities(all).get(person)!;
    for (let k = 0; k < 50; k++) {
      const fake = fakeValue(person, identity, randomSource(Buffer.alloc(32, k)))!;
      const [s, n, p] = fake.split(' ').map((w) => w[0]);
      expect([s !== 'И', n !== 'С', p !== 'П'], fake).toEqual([true, true, true]);
    }
  });

  it('a thread without the dictionary declines by rule into the same case: the same fakes', async () => {
    vi.resetModules();
    const fresh = await import('./fake.js');
    const morph = await import('../../detectors/ru/person/morph.js');
    expect(morph.morphReady()).toBe(false);
    const text = 'Выдать Ивановой Анне справку. Договор с Ивановым Сергеем Петровичем. Заявление Смирновой Марии Ивановны. Письмо Козлову Игорю.';
    const { all } = await scan(text);
    const persons = all.filter((f) => f.type === 'PERSON');
    expect(persons).toHaveLength(4);
    const ids = personIdentities(all);
    for (const p of persons) {
      const withDictionary = fakeValue(p, ids.get(p)!, randomSource(KEY));
      expect(fresh.fakeValue(p, ids.get(p)!, randomSource(KEY)), p.value).toBe(withDictionary);
    }
  });

  it('a value the type cannot fake falls back', async () => {
    const { all } = await scan('Работник ООО «Ромашка» принят.');
    const org = all.find((f) => f.type === 'ORG') as Finding;
    expect(fakeValue(org, valueIdentity(org), randomSource(KEY))).toBeUndefined();
  });
});
