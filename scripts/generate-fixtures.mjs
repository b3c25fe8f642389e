#!/usr/bin/env node
// generate-fixtures.mjs — writes the end-to-end test corpus and its ground truth.
//
//   npm run fixtures                      → fixtures/corpus/ + fixtures/corpus.truth.json
//   node scripts/generate-fixtures.mjs --out /tmp/x/corpus
//                                         → /tmp/x/corpus/ + /tmp/x/corpus.truth.json
//   (PDNSCAN_FIXTURES_OUT=/tmp/x/corpus works too)
//
// Output is byte-for-byte deterministic: faker (ru locale) is seeded with 20261129 and everything
// faker does not cover comes from the seeded PRNG in scripts/lib/identifiers.mjs. No clock, no
// Math.random. test/fixtures.test.ts regenerates into a temp dir and compares with the committed files.
//
// The truth file lists, per corpus file: path (relative to the corpus dir, '/' separators), format,
// encoding (+ bom), expectStatus ('ok' | 'skipped'), personalData (does the file hold personal
// data: true/false, or null = not asserted), and
//   findings:    every planted value that the CLI must report — {type, value} where value is the
//                exact character sequence of the decoded document text (for HTML: the decoded
//                visible text, e.g. U+00A0 where the source had &nbsp;); organisation identifiers
//                (RU_INN_ORG, RU_OGRN, organisation accounts) carry personalData: false;
//   optional:    values the CLI may report or not (neither a hit nor a false positive);
//   mustNotFind: values that must not be reported (as any of `types`, or at all when types is
//                absent): decoys, invalid checksums, numbers inside <script>, issue dates…
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakerRU as faker } from '@faker-js/faker';
import iconv from 'iconv-lite';
import { decodeHTML } from 'entities';
import {
  BANKS, Rng, fmtAccountGroups, fmtDate, fmtDateIso, fmtDateWords, fmtGroups4, fmtPassport, fmtPhone, fmtSnils,
  genAccount, genBirthCertificate, genCardDigits, genDate, genDriverLicense, genEmail, genForeignPassport,
  genInnOrg, genInnPerson, genMilitaryId, genOgrn, genOgrnip, genOmsDigits, genPassport, genPhone, genSnilsDigits,
  innKind, invalidCardDigits, invalidInnOrg, invalidInnPerson, invalidOgrn, invalidSnilsDigits, isValidSnils, luhnValid,
  ogrnKind, onlyDigits, selfCheck,
} from './lib/identifiers.mjs';

export const SEED = 20261129;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The seed regulation is copied verbatim into the corpus; the committed copy is the source (read
// before the output dir is replaced), the shared original the fallback.
const SEED_DOC = [join(ROOT, 'fixtures/corpus/seed-regulation.txt'), '/work/shared/seed/000_badc05f903490595.txt'].find((p) => existsSync(p));

// ───────────────────────────── arguments ─────────────────────────────

function parseArgs(argv) {
  let out = process.env.PDNSCAN_FIXTURES_OUT || join(ROOT, 'fixtures/corpus');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i].startsWith('--out=')) out = argv[i].slice(6);
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/generate-fixtures.mjs [--out DIR]   (truth goes to DIR.truth.json)');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return resolve(out.replace(/[\\/]+$/, ''));
}

// ───────────────────────────── randomness ─────────────────────────────

selfCheck();
faker.seed(SEED);
const rng = new Rng(SEED);

const SURNAME_EXTRA = { female: ['Семёнова', 'Королёва', 'Фёдорова'], male: ['Семёнов', 'Королёв', 'Фёдоров'] };
function person(sex = faker.person.sex()) {
  const last = rng.bool(0.15) ? rng.pick(SURNAME_EXTRA[sex]) : faker.person.lastName(sex);
  return { sex, last, first: faker.person.firstName(sex), middle: faker.person.middleName(sex) };
}
const fio = (p) => `${p.last} ${p.first} ${p.middle}`;
const initials = (p) => `${p.last} ${p.first[0]}.${p.middle[0]}.`;
const initialsFirst = (p) => `${p.first[0]}.${p.middle[0]}. ${p.last}`;
const job = () => rng.pick(['бухгалтер', 'инженер-программист', 'специалист по кадрам', 'менеджер по продажам', 'юрисконсульт',
  'водитель-экспедитор', 'кладовщик', 'экономист', 'преподаватель', 'мастер производственного обучения', 'секретарь']);
const company = () => `ООО «${rng.pick(['Вектор', 'Меридиан', 'Гранит-Сервис', 'Северный ветер', 'ТехноСфера', 'Альтаир', 'Прогресс', 'Лад'])}»`;
const street = () => faker.location.street();
const zip = () => `${rng.pick(['1', '3', '4', '6'])}${rng.digits(5)}`;
const address = () => `${zip()}, г. ${faker.location.city()}, ${street()}, д. ${rng.int(1, 120)}, кв. ${rng.int(1, 240)}`;
const dob = (from = 1960, to = 2004) => genDate(rng, from, to);
const phone = (kind = 'mobile') => genPhone(rng, kind);
const email = (p) => genEmail(rng, p);
const money = () => `${rng.int(12, 240)} ${String(rng.int(0, 999)).padStart(3, '0')},${String(rng.int(0, 99)).padStart(2, '0')}`;
const kpp = (innOrg) => innOrg.slice(0, 4) + '01001';
const recentDate = (y1 = 2021, y2 = 2024) => fmtDate(genDate(rng, y1, y2));
const ISSUERS = ['ГУ МВД России по г. Москве', 'ОУФМС России по Тамбовской обл. в г. Рассказово', 'ТП УФМС России по Московской обл.',
  'МВД по Республике Татарстан', 'УМВД России по Тамбовской области'];

// ───────────────────────────── files ─────────────────────────────

/** One corpus file under construction: text plus its ground truth. */
class FixtureFile {
  constructor(path, { format, encoding = 'utf-8', bom = false, eol = '\n', expectStatus = 'ok', personalData = true, note }) {
    Object.assign(this, { path, format, encoding, bom, eol, expectStatus, personalData, note });
    this.findings = [];
    this.optional = [];
    this.mustNotFind = [];
  }
  /** A planted personal-data value; returns the text to insert (raw HTML when `raw` is given). */
  pd(type, value, raw = value, extra = {}) {
    this.findings.push({ type, value, ...extra });
    return raw;
  }
  /** An organisation identifier: reported, but not personal data. */
  org(type, value, raw = value) {
    this.findings.push({ type, value, personalData: false });
    return raw;
  }
  opt(type, value, note, raw = value) {
    this.optional.push({ type, value, ...(note ? { note } : {}) });
    return raw;
  }
  no(value, types, note, raw = value) {
    this.mustNotFind.push({ value, ...(types ? { types } : {}), ...(note ? { note } : {}) });
    return raw;
  }
}

const files = [];
function file(path, opts, build) {
  const f = new FixtureFile(path, opts);
  f.content = build(f);
  files.push(f);
}
const lines = (...ls) => ls.flat().join('\n') + '\n';

// ── staff lists (CSV / TSV) ──────────────────────────────────────────────────────────────────────

const CSV_HEADER = 'ФИО;Дата рождения;СНИЛС;ИНН;Паспорт;Телефон;E-mail';
const q = (s) => `"${s.replace(/"/g, '""')}"`;

file('staff/staff-list-2024.csv', { format: 'csv' }, (f) => {
  const rows = [CSV_HEADER];
  for (let i = 0; i < 8; i++) {
    const p = person();
    const b = dob(1962, 2003);
    const pass = genPassport(rng, b.y);
    const ph = phone();
    const cells = [
      i === 1 ? q(`${fio(p)}; совместитель`) : i === 4 ? q(`${fio(p)} ("внешний совместитель")`) : fio(p),
      f.pd('DATE_OF_BIRTH', fmtDate(b)),
      f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng), i % 3 === 2 ? 'space' : 'dash')),
      f.pd('RU_INN_PERSON', genInnPerson(rng)),
      i === 6 ? '' : f.pd('RU_PASSPORT', fmtPassport(pass, i % 2 ? 'compact4' : 'spaced')),
      i === 3 ? q(f.pd('PHONE_NUMBER', fmtPhone(ph, 'intl-brackets'))) : f.pd('PHONE_NUMBER', fmtPhone(ph, rng.pick(['intl-brackets', 'trunk-dashes', 'intl-compact', 'trunk-brackets']))),
      i === 7 ? '' : f.pd('EMAIL_ADDRESS', email(p)),
    ];
    rows.push(cells.join(';'));
  }
  return lines(rows);
});

file('staff/staff-list-filial-cp1251.csv', { format: 'csv', encoding: 'windows-1251', eol: '\r\n', note: 'Excel export, CP1251, CRLF, every cell quoted' }, (f) => {
  const rows = [CSV_HEADER.split(';').map(q).join(';')];
  for (let i = 0; i < 10; i++) {
    const p = person();
    const b = dob(1960, 2000);
    const pass = genPassport(rng, b.y);
    rows.push([
      fio(p),
      f.pd('DATE_OF_BIRTH', fmtDate(b)),
      f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng), 'dash')),
      f.pd('RU_INN_PERSON', genInnPerson(rng, '68')),
      f.pd('RU_PASSPORT', fmtPassport(pass, 'spaced')),
      f.pd('PHONE_NUMBER', fmtPhone(phone(i % 3 === 0 ? 'city' : 'mobile'), i % 3 === 0 ? 'trunk-brackets' : 'intl-brackets')),
      f.pd('EMAIL_ADDRESS', email(p)),
    ].map(q).join(';'));
  }
  return lines(rows);
});

file('staff/staff-export.tsv', { format: 'csv', note: 'tab-separated export, ISO dates' }, (f) => {
  const rows = ['Таб. №\tФИО\tДолжность\tДата рождения\tСНИЛС\tИНН\tТелефон'];
  for (let i = 0; i < 6; i++) {
    const p = person();
    rows.push([
      String(rng.int(100, 990)).padStart(5, '0'),
      fio(p),
      job(),
      f.pd('DATE_OF_BIRTH', fmtDateIso(dob(1965, 2002))),
      f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng), i === 2 ? 'dash4' : 'dash')),
      f.pd('RU_INN_PERSON', genInnPerson(rng)),
      f.pd('PHONE_NUMBER', fmtPhone(phone(), i % 2 ? 'trunk-compact' : 'intl-spaces')),
    ].join('\t'));
  }
  return lines(rows);
});

file('staff/payroll-cards.csv', { format: 'csv', bom: true, note: 'Excel "CSV UTF-8" (BOM): salary cards and accounts' }, (f) => {
  const rows = ['ФИО;Номер карты;Лицевой счёт;БИК банка;Сумма, руб.'];
  for (let i = 0; i < 5; i++) {
    const p = person();
    const bank = BANKS[i % BANKS.length];
    const card = genCardDigits(rng, i === 3 ? 'visa' : 'mir');
    rows.push([
      fio(p),
      f.pd('CREDIT_CARD', i % 2 ? card : fmtGroups4(card)),
      f.pd('RU_BANK_ACCOUNT', genAccount(rng, '40817', bank.bik)),
      bank.bik,
      f.no(money(), undefined, 'money amount'),
    ].join(';'));
  }
  return lines(rows);
});

// ── HR letters and consent forms in various encodings ───────────────────────────────────────────

file('letters/hr-hiring-letter.txt', { format: 'txt' }, (f) => {
  const p = person();
  const boss = person();
  const b = dob(1975, 2001);
  const pass = genPassport(rng, b.y);
  const letterDate = `${rng.int(10, 28)}.02.2024`;
  const issue = fmtDate(pass.issue);
  return lines(
    company(),
    'Отдел кадров',
    '',
    `Служебная записка № ${rng.int(10, 99)}-к от ${f.no(letterDate, ['DATE_OF_BIRTH'], 'date of the memo')}`,
    '',
    'О приёме на работу',
    '',
    `Прошу оформить приём на работу ${fio(p)} на должность «${job()}» с 01.03.2024`,
    'с испытательным сроком три месяца.',
    '',
    'Данные работника:',
    `- дата рождения: ${f.pd('DATE_OF_BIRTH', fmtDate(b))};`,
    `- паспорт гражданина РФ: серия ${f.pd('RU_PASSPORT', fmtPassport(pass, 'numero'))}, выдан ${rng.pick(ISSUERS)} ${f.no(issue, ['DATE_OF_BIRTH'], 'passport issue date')}, код подразделения ${pass.division};`,
    `- СНИЛС ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng)))};`,
    `- ИНН ${f.pd('RU_INN_PERSON', genInnPerson(rng))};`,
    `- моб. тел. ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'intl-brackets'))};`,
    `- e-mail: ${f.pd('EMAIL_ADDRESS', email(p))}.`,
    '',
    `Оклад согласно штатному расписанию — ${f.no('85 000', undefined, 'salary')} руб. в месяц.`,
    'Основание: заявление работника, трудовой договор.',
    '',
    `Начальник отдела кадров                    ${initialsFirst(boss)}`,
  );
});

file('letters/hr-transfer-order-bom.txt', { format: 'txt', bom: true, note: 'UTF-8 with BOM' }, (f) => {
  const p = person('female');
  const b = dob(1980, 1998);
  return lines(
    `${company()}`,
    '',
    `ПРИКАЗ № ${rng.int(100, 400)}-л/с`,
    `от ${f.no(recentDate(2023, 2024), ['DATE_OF_BIRTH'], 'order date')}`,
    '',
    'О переводе работника на другую работу',
    '',
    `Перевести ${fio(p)}, дата рождения: ${f.pd('DATE_OF_BIRTH', fmtDateWords(b))} г., табельный № ${rng.int(1000, 9999)},`,
    `с должности «${job()}» на должность «${job()}» с ${recentDate(2024, 2024)}.`,
    `СНИЛС работника: ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng), 'space'))}, ИНН: ${f.pd('RU_INN_PERSON', genInnPerson(rng))}.`,
    `Контактный телефон: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'trunk-dashes'))}.`,
    '',
    'Основание: дополнительное соглашение к трудовому договору.',
    '',
    `С приказом ознакомлен(а): ____________ ${initials(p)}`,
  );
});

/** The standard list of processing actions of a consent form (plain Russian prose, no values). */
const CONSENT_ACTIONS = [
  'Я даю согласие на совершение следующих действий с персональными данными: сбор, запись, систематизация,',
  'накопление, хранение, уточнение (обновление, изменение), извлечение, использование, передача',
  '(предоставление, доступ), обезличивание, блокирование, удаление, уничтожение, как с использованием',
  'средств автоматизации, так и без использования таких средств.',
  'Настоящее согласие действует со дня его подписания до дня отзыва в письменной форме.',
  'Я ознакомлен(а) с тем, что согласие может быть отозвано мною на основании письменного заявления',
  'в произвольной форме, и с последствиями отказа от предоставления персональных данных.',
];

function consentBody(f, p, b, pass, addr, { numeroStyle = 'numero4', withSnils = true } = {}) {
  return [
    'СОГЛАСИЕ',
    'на обработку персональных данных',
    '',
    `Я, ${fio(p)}, ${f.pd('DATE_OF_BIRTH', fmtDate(b))} года рождения,`,
    `проживающий(ая) по адресу: ${addr},`,
    `паспорт ${f.pd('RU_PASSPORT', fmtPassport(pass, numeroStyle))}, выданный ${rng.pick(ISSUERS)} ${f.no(fmtDate(pass.issue), ['DATE_OF_BIRTH'], 'passport issue date')},`,
    ...(withSnils ? [`страховое свидетельство обязательного пенсионного страхования ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng)))},`] : []),
    `в соответствии с требованиями статьи 9 Федерального закона от ${f.no('27.07.2006', ['DATE_OF_BIRTH'], 'law date')} № 152-ФЗ`,
    '«О персональных данных» даю согласие ТОГБПОУ «Индустриально-промышленный техникум»',
    'на обработку моих персональных данных: фамилия, имя, отчество, дата рождения, паспортные данные,',
    'адрес регистрации, сведения об образовании, номер телефона.',
  ];
}

file('letters/consent-filled-utf16.txt', { format: 'txt', encoding: 'utf-16le', bom: true, eol: '\r\n', note: 'UTF-16LE with BOM, CRLF (saved by Notepad)' }, (f) => {
  const p = person();
  const b = dob(1970, 2000);
  const pass = genPassport(rng, b.y);
  return lines(
    consentBody(f, p, b, pass, address()),
    `Контактный телефон: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'trunk-brackets'))}, адрес электронной почты: ${f.pd('EMAIL_ADDRESS', email(p))}.`,
    'Согласие действует до достижения целей обработки или до его отзыва.',
    '',
    `Дата: ${f.no(recentDate(2024, 2024), ['DATE_OF_BIRTH'], 'signature date')}            Подпись: __________ /${initials(p)}/`,
  );
});

file('letters/consent-parent-cp1251.txt', { format: 'txt', encoding: 'windows-1251', eol: '\r\n', note: 'CP1251, CRLF' }, (f) => {
  const parent = person('female');
  const child = person();
  const b = dob(1975, 1990);
  const cb = dob(2008, 2010);
  const pass = genPassport(rng, b.y);
  const cert = genBirthCertificate(rng);
  return lines(
    'СОГЛАСИЕ РОДИТЕЛЯ (ЗАКОННОГО ПРЕДСТАВИТЕЛЯ)',
    'на обработку персональных данных несовершеннолетнего обучающегося',
    '',
    `Я, ${fio(parent)}, паспорт серии ${f.pd('RU_PASSPORT', fmtPassport(pass, 'numero4'))}, выдан ${rng.pick(ISSUERS)} ${f.no(fmtDate(pass.issue), ['DATE_OF_BIRTH'], 'passport issue date')},`,
    `СНИЛС ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng)))}, телефон ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'intl-brackets'))},`,
    `являясь законным представителем ${fio(child)}, ${f.pd('DATE_OF_BIRTH', fmtDate(cb))} г.р.,`,
    `свидетельство о рождении ${f.pd('RU_BIRTH_CERTIFICATE', `${cert.roman}-${cert.letters} № ${cert.number}`)},`,
    `ИНН ребёнка ${f.pd('RU_INN_PERSON', genInnPerson(rng, '68'))},`,
    'даю согласие на обработку его персональных данных в целях организации образовательного процесса.',
    `Электронная почта для уведомлений: ${f.pd('EMAIL_ADDRESS', email(parent))}.`,
    '',
    CONSENT_ACTIONS,
    '',
    `«${rng.int(1, 28)}» сентября 2024 г.          ____________ (${initials(parent)})`,
  );
});

file('letters/employment-reference-koi8r.txt', { format: 'txt', encoding: 'koi8-r', note: 'KOI8-R (no №, «», — in this charset)' }, (f) => {
  const p = person();
  const b = dob(1970, 1995);
  const pass = genPassport(rng, b.y);
  const hr = person('female');
  return lines(
    company().replace(/[«»]/g, '"'),
    `Исх. N ${rng.int(100, 999)} от ${f.no(recentDate(2024, 2024), ['DATE_OF_BIRTH'], 'letter date')}`,
    '',
    'СПРАВКА С МЕСТА РАБОТЫ',
    '',
    `Дана ${fio(p)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(b))},`,
    `паспорт ${f.pd('RU_PASSPORT', fmtPassport(pass, 'compact4'))}, СНИЛС ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng)))},`,
    `в том, что он(а) действительно работает в организации в должности "${job()}"`,
    `с ${recentDate(2015, 2020)} по настоящее время.`,
    `Средняя заработная плата за последние 6 месяцев составляет ${f.no(money(), undefined, 'money amount')} руб.`,
    '',
    'За время работы зарекомендовал(а) себя как ответственный и исполнительный сотрудник,',
    'нарушений трудовой дисциплины не имеет. В отпуске по уходу за ребёнком не находится.',
    'Трудовой договор заключён на неопределённый срок, работа является основной.',
    'Организация зарегистрирована в установленном порядке и осуществляет деятельность',
    'в соответствии с уставом; сведения о численности работников представлены в налоговый орган.',
    '',
    'Справка выдана для предоставления по месту требования.',
    `Телефон для справок: ${f.pd('PHONE_NUMBER', fmtPhone(phone('city'), 'trunk-brackets'))}, ${f.pd('EMAIL_ADDRESS', email(hr))}`,
    '',
    `Специалист по кадрам ____________ ${initials(hr)}`,
  );
});

// ── HTML ─────────────────────────────────────────────────────────────────────────────────────────

const NBSP = '\u00A0';
/** A value as HTML source with &nbsp; for every NBSP (the truth keeps U+00A0). */
const nbspHtml = (s) => s.replace(/\u00A0/g, '&nbsp;');

file('web/contacts.html', { format: 'html', note: 'tel:/mailto: links, &nbsp; inside numbers, a number in <script>' }, (f) => {
  const office = phone('city');
  const officeVisible = fmtPhone(office, 'intl-brackets').replace(/ /g, NBSP);
  const scriptSnils = fmtSnils(genSnilsDigits(rng));
  const scriptPhone = '+7' + phone().national;
  const staff = [person(), person('female'), person(), person('female')];
  const rows = staff.map((p, i) => {
    const ph = phone();
    const visible = fmtPhone(ph, i % 2 ? 'trunk-brackets' : 'intl-spaces').replace(/ /g, NBSP);
    const tel = `+7${ph.national}`;
    const mail = email(p, i === 2 ? 'firma-vector.ru' : undefined);
    const telCell = `<a href="tel:${f.opt('PHONE_NUMBER', tel, 'tel: href')}">${f.pd('PHONE_NUMBER', visible, nbspHtml(visible))}</a>`;
    const mailCell = i === 3
      ? `<a href="mailto:${f.pd('EMAIL_ADDRESS', mail, mail, { source: 'mailto href only' })}">Написать письмо</a>`
      : `<a href="mailto:${mail}">${f.pd('EMAIL_ADDRESS', mail)}</a>`;
    return `      <tr><td>${fio(p)}</td><td>${job()}</td><td class="phone">${telCell}</td><td>${mailCell}</td></tr>`;
  });
  return lines(
    '<!DOCTYPE html>',
    '<html lang="ru">',
    '<head>',
    '  <meta charset="utf-8">',
    '  <title>Контакты — ООО &laquo;Вектор&raquo;</title>',
    '  <style>.phone { white-space: nowrap; } /* 8 800 000-00-00 */</style>',
    '  <script>',
    `    window.dataLayer = [{ "event": "page_view", "snils": "${f.no(scriptSnils, undefined, 'inside <script>')}", "uid": "${f.no(scriptPhone, undefined, 'inside <script>')}" }];`,
    '  </script>',
    '</head>',
    '<body>',
    '  <h1>Контакты</h1>',
    `  <p>Приёмная: <a href="tel:+7${office.national}">${f.pd('PHONE_NUMBER', officeVisible, nbspHtml(officeVisible))}</a>, пн&ndash;пт с 9:00 до 18:00.</p>`,
    '  <h2>Сотрудники</h2>',
    '  <table>',
    '    <thead><tr><th>Сотрудник</th><th>Должность</th><th>Телефон</th><th>E-mail</th></tr></thead>',
    '    <tbody>',
    rows,
    '    </tbody>',
    '  </table>',
    `  <p>Адрес: ${zip()}, г.&nbsp;Москва, ${street()}, д.&nbsp;${rng.int(1, 60)}.</p>`,
    '  <footer>&copy; 2024 ООО &laquo;Вектор&raquo;</footer>',
    '</body>',
    '</html>',
  );
});

file('web/employee-profile.html', { format: 'html', encoding: 'windows-1251', note: 'CP1251 page (meta http-equiv), entities inside numbers, value split over <span>s' }, (f) => {
  const p = person();
  const b = dob(1968, 1999);
  const pass = genPassport(rng, b.y);
  const sn = fmtSnils(genSnilsDigits(rng));
  const snVisible = `${sn.slice(0, 3)}\u2011${sn.slice(4, 7)}\u2011${sn.slice(8, 11)}${NBSP}${sn.slice(12)}`;
  const snRaw = `${sn.slice(0, 3)}&#8209;${sn.slice(4, 7)}&#8209;${sn.slice(8, 11)}&nbsp;${sn.slice(12)}`;
  const dl = genDriverLicense(rng);
  const dlValue = `${dl.region} ${dl.mid} ${dl.number}`;
  const ph = fmtPhone(phone(), 'intl-brackets');
  return lines(
    '<html>',
    '<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    '<title>Личная карточка работника</title>',
    '</head>',
    '<body>',
    '<h2>Личная карточка работника (форма Т&#8209;2)</h2>',
    '<table border="1" cellpadding="4">',
    `<tr><td>Фамилия, имя, отчество</td><td><b>${fio(p)}</b></td></tr>`,
    `<tr><td>Дата рождения</td><td>${f.pd('DATE_OF_BIRTH', fmtDate(b))}</td></tr>`,
    `<tr><td>Паспорт</td><td><span>${f.pd('RU_PASSPORT', `${pass.series} ${pass.number}`, `${pass.series}</span> <span>${pass.number}`)}</span>, выдан ${rng.pick(ISSUERS)} ${f.no(fmtDate(pass.issue), ['DATE_OF_BIRTH'], 'issue date')}</td></tr>`,
    `<tr><td>СНИЛС</td><td>${f.pd('RU_SNILS', snVisible, snRaw)}</td></tr>`,
    `<tr><td>ИНН</td><td>${f.pd('RU_INN_PERSON', genInnPerson(rng))}</td></tr>`,
    `<tr><td>Водительское удостоверение</td><td>${f.pd('RU_DRIVER_LICENSE', dlValue)}, категории &laquo;B&raquo;, &laquo;C&raquo;</td></tr>`,
    `<tr><td>Телефон</td><td>${f.pd('PHONE_NUMBER', ph)}</td></tr>`,
    `<tr><td>Эл. почта</td><td>${f.pd('EMAIL_ADDRESS', email(p))}</td></tr>`,
    '</table>',
    '<h3>Образование</h3>',
    '<table border="1" cellpadding="4">',
    '<tr><th>Наименование образовательного учреждения</th><th>Квалификация</th><th>Год окончания</th></tr>',
    `<tr><td>Тамбовский государственный технический университет</td><td>инженер по специальности &laquo;Автоматизация технологических процессов&raquo;</td><td>${rng.int(1990, 2018)}</td></tr>`,
    '</table>',
    '<h3>Сведения о трудовой деятельности</h3>',
    '<p>Принят на должность ведущего специалиста отдела материально-технического снабжения; переведён',
    'на должность начальника отдела. Поощрения: благодарность руководителя организации.</p>',
    `<p>Сведения актуальны на ${f.no('01.09.2024', ['DATE_OF_BIRTH'])} &mdash; отдел кадров.</p>`,
    '</body>',
    '</html>',
  );
});

// ── requisites: organisation (no personal data) and entrepreneur (personal data) ────────────────

file('requisites/bank-requisites-org.txt', { format: 'txt', personalData: false, note: 'organisation identifiers only: not personal data' }, (f) => {
  const inn1 = genInnOrg(rng, '77');
  const inn2 = genInnOrg(rng, '50');
  const b1 = BANKS[0];
  const b2 = BANKS[2];
  return lines(
    'Карточка предприятия',
    '',
    'Полное наименование: Общество с ограниченной ответственностью «ТехноСфера»',
    'Сокращённое наименование: ООО «ТехноСфера»',
    `ИНН/КПП: ${f.org('RU_INN_ORG', inn1)}/${kpp(inn1)}`,
    `ОГРН: ${f.org('RU_OGRN', genOgrn(rng, '77'))}`,
    `ОКПО: ${rng.digits(8)}    ОКВЭД: 62.01    ОКТМО: 45382000`,
    `Юридический адрес: 115054, г. Москва, ул. Дубининская, д. ${rng.int(2, 90)}, стр. 1`,
    '',
    'Банковские реквизиты:',
    `Р/с: ${f.org('RU_BANK_ACCOUNT', genAccount(rng, '40702', b1.bik))}`,
    `Банк: ${b1.name}, ${b1.city}`,
    `БИК: ${b1.bik}`,
    `К/с: ${f.opt('RU_BANK_ACCOUNT', b1.corr, 'bank correspondent account (organisation)')}`,
    '',
    'Генеральный директор действует на основании Устава.',
    '',
    'Реквизиты контрагента:',
    `АО «Меридиан», ИНН ${f.org('RU_INN_ORG', inn2)}, КПП ${kpp(inn2)}, ОГРН ${f.org('RU_OGRN', genOgrn(rng, '50'))},`,
    `р/с ${f.org('RU_BANK_ACCOUNT', genAccount(rng, '40702', b2.bik))} в ${b2.name}, БИК ${b2.bik}, к/с ${f.opt('RU_BANK_ACCOUNT', b2.corr, 'bank correspondent account (organisation)')}.`,
  );
});

file('requisites/ip-requisites.txt', { format: 'txt', note: 'individual entrepreneur: INN-12, ОГРНИП, 40802 account are personal data' }, (f) => {
  const p = person();
  const bank = BANKS[1];
  return lines(
    `Индивидуальный предприниматель ${fio(p)}`,
    '',
    `ИНН ${f.pd('RU_INN_PERSON', genInnPerson(rng, '68'))}`,
    `ОГРНИП ${f.pd('RU_OGRNIP', genOgrnip(rng, '68'))}`,
    `Адрес регистрации: ${address()}`,
    '',
    `Р/с ${f.pd('RU_BANK_ACCOUNT', genAccount(rng, '40802', bank.bik))} в ${bank.name}`,
    `БИК ${bank.bik}, к/с ${f.opt('RU_BANK_ACCOUNT', bank.corr, 'bank correspondent account (organisation)')}`,
    '',
    `Тел.: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'trunk-brackets'))}, e-mail: ${f.pd('EMAIL_ADDRESS', email(p))}`,
    '',
    `ИП ____________ ${initials(p)}        М.П. (при наличии)`,
  );
});

// ── medical, military, driver licence, birth certificate, foreign passport ──────────────────────

file('medical/oms-insurance-note.txt', { format: 'txt', note: 'ОМС policy numbers are Luhn-valid 16-digit numbers: not cards' }, (f) => {
  const p1 = person('female');
  const p2 = person();
  const oms1 = fmtGroups4(genOmsDigits(rng));
  const oms2 = genOmsDigits(rng);
  f.no(oms1, ['CREDIT_CARD'], 'ОМС policy, not a card');
  f.no(oms2, ['CREDIT_CARD'], 'ОМС policy, not a card');
  return lines(
    `ГБУЗ «Городская поликлиника № ${rng.int(2, 220)}»`,
    `Выписка из медицинской карты амбулаторного больного № ${rng.int(1000, 9999)}`,
    '',
    `Пациент: ${fio(p1)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1950, 1990)))}`,
    `Полис ОМС (ЕНП): ${f.pd('RU_OMS_POLICY', oms1)}`,
    'СМО: АО «СОГАЗ-Мед»',
    `СНИЛС: ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng)))}`,
    'Диагноз: J45.0 Бронхиальная астма с преобладанием аллергического компонента.',
    `Контактный телефон: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'intl-compact'))}`,
    `Дата выдачи выписки: ${f.no(recentDate(2024, 2024), ['DATE_OF_BIRTH'], 'issue date of the extract')}`,
    '',
    `Направление на госпитализацию: ${fio(p2)}, д.р. ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1945, 1970)))},`,
    `полис обязательного медицинского страхования № ${f.pd('RU_OMS_POLICY', oms2)}.`,
    '',
    `Лечащий врач ____________ ${initials(person())}`,
  );
});

file('military/military-registration-card.txt', { format: 'txt' }, (f) => {
  const p1 = person('male');
  const p2 = person('male');
  const p3 = person('male');
  const m1 = genMilitaryId(rng);
  const m2 = genMilitaryId(rng);
  const m3 = genMilitaryId(rng);
  return lines(
    'Личная карточка работника, раздел II. СВЕДЕНИЯ О ВОИНСКОМ УЧЁТЕ',
    '',
    `1. ${fio(p1)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1975, 2003)))}`,
    `   Военный билет: серия ${f.pd('RU_MILITARY_ID', `${m1.series} № ${m1.number}`)}`,
    '   Категория запаса: 1. Воинское звание: рядовой. Состав: солдаты.',
    `   Военно-учётная специальность (ВУС): ${String(rng.int(100000, 999999))}`,
    '   Категория годности к военной службе: А',
    `   Военный комиссариат: ${faker.location.city()}ский городской военкомат`,
    '',
    `2. ${fio(p2)}, д.р. ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1975, 2003)))}`,
    `   военный билет ${f.pd('RU_MILITARY_ID', `${m2.series} ${m2.number}`)}, воинское звание: сержант`,
    '',
    `3. ${fio(p3)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1975, 2003)))}`,
    `   ВБ ${f.pd('RU_MILITARY_ID', `${m3.series}-${m3.number}`)}, состоит на воинском учёте.`,
  );
});

file('documents/driver-licence-copy.txt', { format: 'txt', note: 'new-format licence has the passport shape: must not be reported as a passport' }, (f) => {
  const p1 = person();
  const p2 = person('female');
  const dl1 = genDriverLicense(rng);
  const dl2 = genDriverLicense(rng, { old: true });
  const v1 = `${dl1.region} ${dl1.mid} ${dl1.number}`;
  const v2 = `${dl2.region} ${dl2.mid} ${dl2.number}`;
  f.no(v1, ['RU_PASSPORT'], 'driving licence, not a passport');
  return lines(
    'Сведения о водителях, допущенных к управлению транспортным средством',
    '',
    `Водитель: ${fio(p1)}, дата рождения: ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1970, 2000)))}`,
    `Водительское удостоверение: ${f.pd('RU_DRIVER_LICENSE', v1)}, выдано ${f.no(recentDate(2015, 2022), ['DATE_OF_BIRTH'], 'issue date')}, категории «B», «B1», «M»`,
    `Стаж вождения с ${rng.int(1995, 2014)} г.`,
    '',
    `Водитель: ${fio(p2)}, дата рождения: ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1960, 1985)))}`,
    `в/у ${f.pd('RU_DRIVER_LICENSE', v2)} (старого образца), категория «B»`,
    `Телефон: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'intl-nobreak'))}`,
  );
});

file('documents/birth-certificate-application.txt', { format: 'txt' }, (f) => {
  const mother = person('female');
  const c1 = person();
  const c2 = person('female');
  const b = dob(1982, 1996);
  const pass = genPassport(rng, b.y);
  const cert1 = genBirthCertificate(rng);
  const cert2 = genBirthCertificate(rng);
  return lines(
    'В Отделение Фонда пенсионного и социального страхования',
    '',
    'ЗАЯВЛЕНИЕ о назначении единого пособия в связи с рождением и воспитанием ребёнка',
    '',
    `Заявитель: ${fio(mother)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(b))}`,
    `СНИЛС ${f.pd('RU_SNILS', fmtSnils(genSnilsDigits(rng)))}`,
    `Паспорт: серия ${f.pd('RU_PASSPORT', fmtPassport(pass, 'numero4'))}, выдан ${rng.pick(ISSUERS)}`,
    `Телефон: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'trunk-brackets'))}`,
    '',
    'Сведения о детях:',
    `1) ${fio(c1)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(dob(2012, 2017)))},`,
    `   свидетельство о рождении серии ${f.pd('RU_BIRTH_CERTIFICATE', `${cert1.roman}-${cert1.letters} № ${cert1.number}`)}, выдано отделом ЗАГС администрации г. ${faker.location.city()}`,
    `2) ${fio(c2)}, дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(dob(2018, 2022)))},`,
    `   свидетельство о рождении ${f.pd('RU_BIRTH_CERTIFICATE', `${cert2.roman}-${cert2.letters} ${cert2.number}`)}, запись акта о рождении № ${rng.int(100, 999)}`,
    '',
    `Реквизиты для перечисления: счёт ${f.pd('RU_BANK_ACCOUNT', genAccount(rng, '40817', BANKS[0].bik))}, ${BANKS[0].name}, БИК ${BANKS[0].bik}`,
  );
});

file('documents/foreign-passport-visa-form.txt', { format: 'txt' }, (f) => {
  const p = person('female');
  const fp1 = genForeignPassport(rng);
  const fp2 = genForeignPassport(rng);
  return lines(
    'АНКЕТА для оформления визы (заполняется печатными буквами)',
    '',
    `Фамилия, имя (как в загранпаспорте): ${translitUpper(p.last)} ${translitUpper(p.first)}`,
    `Дата рождения: ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1975, 2000)))}`,
    `Заграничный паспорт № ${f.pd('RU_FOREIGN_PASSPORT', `${fp1.series} ${fp1.number}`)}, дата выдачи ${f.no(recentDate(2019, 2023), ['DATE_OF_BIRTH'], 'issue date')}, действителен 10 лет`,
    `Предыдущий загранпаспорт: ${f.pd('RU_FOREIGN_PASSPORT', `${fp2.series}${fp2.number}`)} (аннулирован)`,
    `Мобильный телефон: ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'intl-brackets'))}`,
    `E-mail: ${f.pd('EMAIL_ADDRESS', email(p))}`,
    `Цель поездки: туризм. Даты поездки: с ${recentDate(2025, 2025)} по ${recentDate(2025, 2025)}.`,
  );
});

function translitUpper(s) {
  const map = { а: 'A', б: 'B', в: 'V', г: 'G', д: 'D', е: 'E', ё: 'E', ж: 'ZH', з: 'Z', и: 'I', й: 'I', к: 'K', л: 'L', м: 'M', н: 'N', о: 'O', п: 'P', р: 'R', с: 'S', т: 'T', у: 'U', ф: 'F', х: 'KH', ц: 'TS', ч: 'CH', ш: 'SH', щ: 'SHCH', ъ: 'IE', ы: 'Y', ь: '', э: 'E', ю: 'IU', я: 'IA' };
  return [...s.toLowerCase()].map((c) => map[c] ?? c.toUpperCase()).join('');
}

file('payments/card-refunds.txt', { format: 'txt' }, (f) => {
  const ps = [person(), person('female'), person(), person('female')];
  const c1 = genCardDigits(rng, 'mir');
  const c2 = genCardDigits(rng, 'visa');
  const c3 = genCardDigits(rng, 'mc');
  const c4 = genCardDigits(rng, 'mir');
  const bad = invalidCardDigits(rng, 'mir');
  return lines(
    'Реестр возвратов денежных средств на банковские карты',
    `за период с 01.03.2024 по 31.03.2024`,
    '',
    `1. ${fio(ps[0])} — карта «Мир» ${f.pd('CREDIT_CARD', fmtGroups4(c1))}, сумма ${f.no(money(), undefined, 'money')} руб.`,
    `2. ${fio(ps[1])} — карта Visa ${f.pd('CREDIT_CARD', fmtGroups4(c2, '-'))}, сумма ${money()} руб.`,
    `3. ${fio(ps[2])} — номер карты ${f.pd('CREDIT_CARD', c3)} (Mastercard), сумма ${money()} руб.`,
    `4. ${fio(ps[3])} — по карте ${f.pd('CREDIT_CARD', fmtGroups4(c4))}, держатель карты ${translitUpper(ps[3].first)} ${translitUpper(ps[3].last)}`,
    `   Возврат по карте ${f.no(fmtGroups4(bad), ['CREDIT_CARD'], 'Luhn-invalid card number')} отклонён банком: неверный номер карты.`,
    '',
    `Счёт получателя для возврата наличными: ${f.pd('RU_BANK_ACCOUNT', fmtAccountGroups(genAccount(rng, '40817', BANKS[1].bik)))} в ${BANKS[1].name}, БИК ${BANKS[1].bik}`,
    '',
    `Итого возвращено: ${f.no(money(), undefined, 'money')} руб.`,
  );
});

// ── hard cases: values split by line breaks and "№", OCR noise ──────────────────────────────────

file('misc/split-values.txt', { format: 'txt', note: 'values split by line breaks and by "№" (table cells flattened to text)' }, (f) => {
  const p = person();
  const b = dob(1970, 2000);
  const pass1 = genPassport(rng, b.y);
  const pass2 = genPassport(rng, dob(1970, 2000).y);
  const sn = fmtSnils(genSnilsDigits(rng));
  const card = fmtGroups4(genCardDigits(rng, 'mir'));
  const fp = genForeignPassport(rng);
  const mil = genMilitaryId(rng);
  return lines(
    'Анкета кандидата (текст извлечён из таблицы, переносы строк сохранены)',
    '',
    `ФИО: ${fio(p)}`,
    `Дата рождения: ${f.pd('DATE_OF_BIRTH', fmtDate(b))}`,
    `СНИЛС: ${f.pd('RU_SNILS', `${sn.slice(0, 11)}\n${sn.slice(12)}`)}`,
    `Паспорт: серия ${f.pd('RU_PASSPORT', `${pass1.series.slice(0, 2)} ${pass1.series.slice(2)}\n№ ${pass1.number}`)}`,
    'ИНН:',
    f.pd('RU_INN_PERSON', genInnPerson(rng)),
    `Номер карты для перечисления заработной платы: ${f.pd('CREDIT_CARD', `${card.slice(0, 9)}\n${card.slice(10)}`)}`,
    '',
    'Документы супруга(и):',
    `паспорт серия ${f.pd('RU_PASSPORT', fmtPassport(pass2, 'numero4'))}`,
    `загранпаспорт ${f.pd('RU_FOREIGN_PASSPORT', `${fp.series} № ${fp.number}`)}`,
    `военный билет ${f.pd('RU_MILITARY_ID', `${mil.series}\n№ ${mil.number}`)}`,
    `Телефон:\n${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'intl-brackets'))}`,
  );
});

/** Replace the i-th occurrences of digit characters by OCR look-alikes. */
function ocrDigits(s, map, maxSwaps = 2) {
  let swaps = 0;
  return [...s].map((c) => (map[c] && swaps < maxSwaps ? (swaps++, map[c]) : c)).join('');
}
function genWith(fn, pred) {
  for (;;) {
    const v = fn();
    if (pred(v)) return v;
  }
}

file('misc/ocr-scan-anketa.txt', { format: 'txt', note: 'OCR output: Cyrillic З/О for digits 3/0, "ЛЪ" for "№", Latin look-alikes in words' }, (f) => {
  const p = person();
  const b = dob(1975, 1999);
  const snDigits = genWith(() => genSnilsDigits(rng), (d) => (d.slice(0, 9).match(/3/g) ?? []).length >= 2);
  const snOcr = ocrDigits(fmtSnils(snDigits), { 3: 'З' });
  const inn = genWith(() => genInnPerson(rng), (d) => (d.match(/0/g) ?? []).length >= 2);
  const innOcr = ocrDigits(inn, { 0: 'О' });
  const pass = genWith(() => genPassport(rng, rng.int(1980, 1995)), (x) => x.series[2] === '0');
  const passOcr = `${pass.series.slice(0, 2)} О${pass.series[3]} ЛЪ ${pass.number}`;
  const ph = fmtPhone(phone(), 'trunk-brackets');
  return lines(
    'I. Обrцие сведения о рабоТнике',
    '',
    `AHKETA  ЛЪ ${rng.int(10, 99)}`,
    `Фамилия, имя, oтчество: ${fio(p)}`,
    `Дата poждения: ${f.pd('DATE_OF_BIRTH', fmtDate(b))}`,
    `CHИЛC: ${f.pd('RU_SNILS', snOcr, snOcr, { ocr: true })}`,
    `ИHH: ${f.pd('RU_INN_PERSON', innOcr, innOcr, { ocr: true })}`,
    `Паспорт: серия ${f.pd('RU_PASSPORT', passOcr, passOcr, { ocr: true })}, вьIдан ${rng.pick(ISSUERS)}`,
    `Тeлефон: ${f.pd('PHONE_NUMBER', ph)}`,
    '',
    'l.з. Персона-пьные данные работника относятся к категории конфиденциальной информации.',
    'Федеральньтм законом ат 2].07.2006 г. ЛЪ 152 «О персональнLIх данных)) установлены требования.',
  );
});

// ── blank templates: no values, no findings ─────────────────────────────────────────────────────

file('blank-consent-form.txt', { format: 'txt', personalData: false, note: 'blank template: labels only' }, () => lines(
  'Приложение 1',
  'к Положению о порядке обработки персональных данных',
  '',
  'СОГЛАСИЕ на обработку персональных данных',
  '',
  'Я, ____________________________________________________________________',
  '                        (фамилия, имя, отчество)',
  '_____________________года рождения, проживающий по адресу:____________________',
  '____________________________________________________________________________',
  'паспорт №___________________, выданный (кем и когда)___________________________',
  'СНИЛС: ___-___-___ __          ИНН: ____________',
  'в соответствии со ст. 9 Федерального закона от 27.07.2006 года № 152-ФЗ «О персональных данных»',
  'даю согласие на обработку моих персональных данных.',
  '',
  'Дата:_______________            Подпись: ______________ /______________/',
  '"      " _____________ 20___  г.',
));

file('blank-hr-questionnaire.txt', { format: 'txt', personalData: false, note: 'blank questionnaire with placeholders for every identifier' }, () => lines(
  'АНКЕТА РАБОТНИКА',
  '',
  'Фамилия, имя, отчество: ______________________________________',
  'Дата рождения: «___» ________________ 19___ г.',
  'Паспорт: серия ____ № ______, выдан ______________________, код подразделения ___-___',
  'Заграничный паспорт: __ _______',
  'СНИЛС: ___-___-___ __',
  'ИНН: ____________',
  'Полис ОМС № ________________',
  'Военный билет: серия __ № _______',
  'Водительское удостоверение: __ __ ______',
  'Свидетельство о рождении ребёнка: ____-__ № ______',
  'Телефон: +7 (___) ___-__-__      E-mail: ____________@__________',
  'Номер банковской карты: ____ ____ ____ ____',
  'Расчётный счёт: ____________________   БИК: _________',
  '',
  '«____» ____________ 20___ г.                 Подпись ____________',
));

file('blank-employee-card.txt', { format: 'txt', personalData: false, note: 'blank form Т-2 header with law references and form codes' }, () => lines(
  'Унифицированная форма № Т-2',
  'Утверждена постановлением Госкомстата России от 05.01.2004 № 1',
  '',
  '                                   Код',
  'Форма по ОКУД                  0301002',
  'по ОКПО                        ________',
  '',
  'ЛИЧНАЯ КАРТОЧКА РАБОТНИКА',
  '',
  'Дата составления | Табельный номер | ИНН | СНИЛС | Алфавит | Характер работы | Вид работы | Пол',
  '________________ | _______________ | ___ | _____ | _______ | _______________ | __________ | ___',
  '',
  '1. Фамилия ____________ Имя ____________ Отчество ____________',
  '2. Дата рождения ______________  3. Место рождения ______________________',
  '4. Гражданство ____________  5. Знание иностранного языка ______________',
  '',
  'Обработка сведений ведётся в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ',
  'и главой 14 Трудового кодекса Российской Федерации (ст. 85–90).',
));

// ── negative decoys ─────────────────────────────────────────────────────────────────────────────

file('decoys/negative-decoys.txt', { format: 'txt', personalData: null, note: 'look-alikes that are not personal data; only a bare phone is optional' }, (f) => {
  const badSnils = fmtSnils(invalidSnilsDigits(rng));
  const badInn12 = invalidInnPerson(rng);
  const badInn10 = invalidInnOrg(rng);
  const badOgrn = invalidOgrn(rng);
  const bare = '9' + pick2(['16', '26', '85', '77']) + String(rng.int(1000000, 9999999));
  return lines(
    'Памятка по оформлению документов (примеры неверных и не относящихся к делу номеров)',
    '',
    `Федеральный закон от ${f.no('27.07.2006', undefined, 'law date')} № 152-ФЗ «О персональных данных».`,
    `Приказ Роскомнадзора от ${f.no('24.02.2021', undefined, 'order date')} № 18; постановление Правительства РФ от 01.11.2012 № 1119.`,
    `Заказ № ${f.no('2024-000317', undefined, 'order number')} от 15.03.2024, счёт на оплату № 317/24.`,
    `Итого к оплате: ${f.no('1 250 000,00', undefined, 'money')} руб., в т.ч. НДС 20 %: 208 333,33 руб.`,
    `Образец с ошибкой в контрольном числе: СНИЛС ${f.no(badSnils, undefined, 'SNILS with a wrong control number')}.`,
    `Неверный ИНН физического лица: ${f.no(badInn12, undefined, 'INN-12 with a wrong check digit')}; неверный ИНН организации: ${f.no(badInn10, undefined, 'INN-10 with a wrong check digit')}.`,
    `ОГРН с ошибкой: ${f.no(badOgrn, undefined, 'OGRN with a wrong control digit')}.`,
    `Паспорт серии ${f.no('45 45 123456', ['RU_PASSPORT'], 'blank year 2045 is impossible')} не может существовать (год бланка 2045).`,
    `Контактный телефон без префикса: ${f.opt('PHONE_NUMBER', bare, '10-digit phone without prefix: a phone, not a passport or INN')}.`,
    `КБК ${f.no('18210102010011000110', ['RU_BANK_ACCOUNT'], 'budget classification code, 20 digits')}, ОКТМО 45382000.`,
    `ГОСТ Р 7.0.97-2016, ст. 86–90 ТК РФ, версия 2.4.1, время приёма с 9:00 до 18:00.`,
  ).concat('') + noMore(f, bare);
});
function pick2(a) {
  return rng.pick(a);
}
function noMore(f, bare) {
  f.no(bare, ['RU_PASSPORT', 'RU_INN_ORG', 'RU_DRIVER_LICENSE', 'RU_FOREIGN_PASSPORT'], '10-digit phone is not a document number');
  return '';
}

file('decoys/price-list.txt', { format: 'txt', personalData: false, note: 'product codes, EAN-13 barcodes, prices: no personal data' }, (f) => {
  const rows = [];
  for (let i = 0; i < 6; i++) {
    const ean = genWith(() => eanComplete('460' + rng.digits(9)), (e) => !ogrnKind(e) && !luhnValid(e));
    rows.push(`${String(i + 1).padStart(2, ' ')}. Артикул ${rng.int(10000, 99999)}  штрихкод ${f.no(ean, undefined, 'EAN-13')}  цена ${rng.int(100, 9999)},${String(rng.int(0, 99)).padStart(2, '0')} руб.`);
  }
  return lines('Прайс-лист на 01.04.2024', '', rows, '', 'Цены указаны с учётом НДС. Минимальная партия — 10 шт.');
});
function eanComplete(body12) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(body12[i]) * (i % 2 ? 3 : 1);
  return body12 + ((10 - (s % 10)) % 10);
}

// ── the seed regulation, binary, archive ────────────────────────────────────────────────────────

file('seed-regulation.txt', { format: 'txt', personalData: false, note: 'copy of the seed regulation: blank forms, OCR noise, no personal data' }, () => {
  if (!SEED_DOC) throw new Error('seed regulation not found (fixtures/corpus/seed-regulation.txt)');
  return readFileSync(SEED_DOC, 'utf8');
});

file('binary/dump.bin', { format: null, encoding: null, expectStatus: 'skipped', personalData: false, note: 'random bytes with NULs' }, () => {
  const b = Buffer.alloc(96);
  for (let i = 0; i < b.length; i++) b[i] = i % 5 === 0 ? 0 : rng.int(0, 255);
  return b;
});

file('binary/archive.zip', { format: 'zip', encoding: null, note: 'a stored ZIP with one text entry (employees.txt): scanned inside' }, (f) => {
  const sn = fmtSnils(genSnilsDigits(rng));
  f.pd('RU_SNILS', sn, sn, { entry: 'employees.txt' });
  return storedZip('employees.txt', Buffer.from(`СНИЛС ${sn}\n`, 'utf8'));
});

// Added last so that the values of the files above stay as they were.
file('staff/visitor-log.csv', { format: 'csv', note: 'visit dates are not birth dates, even right after a cell that says "дата рождения"' }, (f) => {
  const rows = ['№;Дата визита;Посетитель;Цель визита;Примечание'];
  for (let i = 0; i < 7; i++) {
    const p = person();
    const visit = f.no(fmtDate(genDate(rng, 2023, 2024)), ['DATE_OF_BIRTH'], 'visit date');
    const note = i % 3 === 1 ? `дата рождения ${f.pd('DATE_OF_BIRTH', fmtDate(dob(1960, 2000)))}`
      : i % 3 === 2 ? `тел. ${f.pd('PHONE_NUMBER', fmtPhone(phone(), 'trunk-brackets'))}` : 'пропуск выдан';
    rows.push([String(i + 1), visit, initials(p), rng.pick(['собеседование', 'переговоры', 'доставка документов', 'экскурсия']), note].join(';'));
  }
  return lines(rows);
});

file('binary/backup.7z', { format: null, encoding: null, expectStatus: 'skipped', personalData: false, note: 'an archive format pdnscan does not open' }, () => {
  const b = Buffer.alloc(64);
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]).copy(b);
  for (let i = 8; i < b.length; i++) b[i] = rng.int(0, 255);
  return b;
});

/** A minimal ZIP (one stored entry, fixed DOS timestamp). */
function storedZip(name, data) {
  const nameBuf = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const time = 0x6000; // 12:00:00
  const date = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(0, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42); // local header offset
  const localPart = Buffer.concat([local, nameBuf, data]);
  const centralPart = Buffer.concat([central, nameBuf]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

// ───────────────────────────── encode, verify, write ─────────────────────────────

const ICONV = { 'utf-8': 'utf8', 'utf-16le': 'utf16le', 'windows-1251': 'win1251', 'koi8-r': 'koi8-r' };
const BOMS = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe] };

function encodeFile(f) {
  if (Buffer.isBuffer(f.content)) return f.content;
  let text = f.content;
  if (f.eol !== '\n') text = text.replace(/\n/g, f.eol);
  const enc = ICONV[f.encoding];
  const body = iconv.encode(text, enc);
  const back = iconv.decode(body, enc);
  if (back !== text) {
    const i = [...text].findIndex((c, k) => c !== [...back][k]);
    throw new Error(`${f.path}: text not representable in ${f.encoding} near ${JSON.stringify(text.slice(i - 10, i + 10))}`);
  }
  return f.bom ? Buffer.concat([Buffer.from(BOMS[f.encoding]), body]) : body;
}

/** The text a document extractor sees (HTML: rough visible text, scripts/styles removed). */
function visibleText(f) {
  if (f.format !== 'html') return f.content.replace(/\n/g, f.eol);
  const noCode = f.content.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  const hrefs = [...noCode.matchAll(/href="(?:mailto|tel):([^"]+)"/g)].map((m) => m[1]).join(' ');
  return decodeHTML(noCode.replace(/<[^>]+>/g, '')) + '\n' + hrefs;
}

const VALIDATORS = {
  RU_SNILS: (v) => isValidSnils(foldOcr(v)),
  RU_INN_PERSON: (v) => innKind(foldOcr(v)) === 'individual',
  RU_INN_ORG: (v) => innKind(v) === 'organisation',
  RU_OGRN: (v) => ogrnKind(v) === 'ogrn',
  RU_OGRNIP: (v) => ogrnKind(v) === 'ogrnip',
  CREDIT_CARD: (v) => luhnValid(onlyDigits(v)),
  RU_OMS_POLICY: (v) => onlyDigits(v).length === 16 && luhnValid(onlyDigits(v)),
  RU_PASSPORT: (v) => onlyDigits(foldOcr(v)).length === 10,
};
const foldOcr = (v) => v.replace(/З/g, '3').replace(/О/g, '0');

function verify(f) {
  if (f.expectStatus !== 'ok') return;
  if (Buffer.isBuffer(f.content)) {
    // A stored (uncompressed) archive: its entries' bytes are in the file as they are.
    for (const x of [...f.findings, ...f.optional]) {
      if (!f.content.includes(Buffer.from(x.value))) throw new Error(`${f.path}: ${JSON.stringify(x.value)} is not in the archive`);
    }
    return;
  }
  const text = visibleText(f);
  for (const x of [...f.findings, ...f.optional]) {
    if (!text.includes(x.value)) throw new Error(`${f.path}: planted value ${JSON.stringify(x.value)} is not in the decoded text`);
  }
  for (const x of f.mustNotFind) {
    if (!f.content.includes(x.value)) throw new Error(`${f.path}: decoy ${JSON.stringify(x.value)} is not in the file`);
  }
  for (const x of f.findings) {
    const check = VALIDATORS[x.type];
    if (check && !check(x.value)) throw new Error(`${f.path}: ${x.type} ${JSON.stringify(x.value)} fails its own validator`);
  }
}

function main() {
  const out = parseArgs(process.argv.slice(2));
  const truthPath = `${out}.truth.json`;
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(truthPath)) {
    throw new Error(`refusing to replace ${out}: it is not empty and has no ${truthPath} next to it`);
  }
  const truth = {
    generator: 'scripts/generate-fixtures.mjs',
    seed: SEED,
    note: 'findings: values the CLI must report ({type, value}: exact decoded characters); optional: may be reported; mustNotFind: must not be reported (as `types`, or at all)',
    files: [],
  };
  let total = 0;
  const encoded = files.map((f) => {
    verify(f);
    return encodeFile(f);
  });
  rmSync(out, { recursive: true, force: true });
  for (const [i, f] of files.entries()) {
    const bytes = encoded[i];
    total += bytes.length;
    const target = join(out, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    truth.files.push({
      path: f.path,
      format: f.format,
      encoding: f.encoding,
      bom: f.bom,
      eol: f.encoding ? (f.eol === '\r\n' ? 'crlf' : 'lf') : null,
      expectStatus: f.expectStatus,
      personalData: f.personalData,
      ...(f.note ? { note: f.note } : {}),
      size: bytes.length,
      findings: f.findings,
      optional: f.optional,
      mustNotFind: f.mustNotFind,
    });
  }
  truth.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  writeFileSync(truthPath, JSON.stringify(truth, null, 2) + '\n');
  if (total > 200 * 1024) throw new Error(`corpus too large: ${total} bytes`);
  const counts = {};
  for (const f of files) for (const x of f.findings) counts[x.type] = (counts[x.type] ?? 0) + 1;
  console.log(`wrote ${files.length} files (${total} bytes) to ${out}`);
  console.log(`truth: ${truthPath}`);
  console.log(Object.entries(counts).sort().map(([k, v]) => `  ${k.padEnd(22)} ${v}`).join('\n'));
}

main();
