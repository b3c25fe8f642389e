/**
 * Organisation names (ORG): what tells an organisation's data apart from a person's.
 *
 * - a legal form followed by a quoted name: "ООО «Ромашка»", "ТОГБПОУ «Индустриально-промышленный
 *   техникум»", "ФГБОУ ВО «…»", "Общество с ограниченной ответственностью «…»", "Тамбовское областное
 *   государственное … учреждение «…»", and type nouns ("банк «…»", "колледж «…»");
 * - an abbreviated form with an unquoted capitalised name: "ПАО Сбербанк", "ООО Ромашка";
 * - banks known by name: "Банк ВТБ (ПАО)", "Сбербанк России";
 * - government bodies, as written in a passport's "кем выдан": "ОВД района Хамовники г. Москвы",
 *   "УФМС России по Тамбовской обл.", "ГУ МВД России по г. Москве", "ИФНС России № 5 по г. Москве",
 *   "Отделение СФР по Тамбовской области".
 *
 * "ИП Иванов И.И." is not an organisation: an individual entrepreneur is a natural person (ru-pd-reference
 * §8.1), so "ИП" is no legal form here. Everything runs from one anchor regex over the text (quotes,
 * acronyms of bodies, bank names, unquoted forms); the rest is parsed around each anchor.
 */

export interface OrgMatch {
  start: number;
  end: number;
  /** Legal form or kind of body as written: "ООО", "Общество с ограниченной ответственностью", "УФМС". */
  form: string;
  /** The name: the quoted part without quotes, or the whole span for bodies and banks. */
  name: string;
  score: number;
  pattern: 'quoted' | 'unquoted' | 'bank' | 'body' | 'school';
}

/** Legal forms (abbreviations) that stand before a quoted name. "ИП" is deliberately absent. */
const FORMS = new Set([
  'ООО', 'ОАО', 'ЗАО', 'ПАО', 'НАО', 'АО', 'НКО', 'АНО', 'НОУ', 'ЧОУ', 'ЧУ', 'ПК', 'СПК', 'ТСЖ', 'ТСН',
  'ЖСК', 'ГСК', 'НП', 'ОО', 'РОО', 'МОО', 'БФ', 'ТОО', 'КПК', 'МКК', 'МФК', 'МФО', 'НПФ', 'СРО', 'ФОНД',
  'ФГУП', 'МУП', 'ГУП', 'ГБУ', 'ГКУ', 'ГАУ', 'МБУ', 'МКУ', 'МАУ', 'МУ', 'ГУ', 'ФГБУ', 'ФГКУ', 'ФГАУ',
  'ФКУ', 'ФБУ', 'МБОУ', 'МАОУ', 'МКОУ', 'МОУ', 'ГБОУ', 'ГАОУ', 'ГКОУ', 'ГОУ', 'ФГБОУ', 'ФГАОУ',
  'ФГОУ', 'ФГКОУ', 'ТОГБПОУ', 'ТОГАПОУ', 'ОГБПОУ', 'ГБПОУ', 'ГАПОУ', 'ГПОУ', 'МБДОУ', 'МАДОУ',
  'МКДОУ', 'ДОУ', 'ГБУЗ', 'ГАУЗ', 'ГУЗ', 'МУЗ', 'ОГБУЗ', 'ОГАУЗ', 'ТОГБУЗ', 'ФГБУЗ', 'МБУК', 'МБУДО',
  'МАУДО', 'ГБУК', 'ОГБУ', 'ОГКУ', 'ТОГБУ', 'ТОГКУ', 'ТОГАУ',
]);
/** Any other run of capitals of a state or municipal body ending as one: "…ОУ", "…УЗ", "…УП", "…У". */
const GENERIC_FORM = /^[А-ЯЁ]{1,8}(?:ОУ|УЗ|УП|УК|У|ДО)$/u;
/** Forms also accepted before an unquoted capitalised name ("ПАО Сбербанк", "ООО Ромашка"). */
const UNQUOTED_FORMS = 'ООО|ОАО|ЗАО|ПАО|АО|НКО|АНО';
/** A level of education after a school's form: "ФГБОУ ВО «…»". */
const EDU_LEVEL = /^(?:ВО|ВПО|СПО|ДПО|ДО|НПО)$/u;

/** Head words of a written-out legal form: the phrase before the quoted name must contain one. */
const HEAD_STEMS =
  /^(?:учреждени|предприяти|обществ|ответственност|организаци|товариществ|кооператив|фонд|партнерств|партнёрств|компани|корпораци|инспекци|управлени|служб|банк)/u;
/** Type nouns that name an organisation right before a quoted name: "колледж «…»", "банк «…»". */
const TYPE_NOUN =
  /^(?:банк|компани|фирм|корпораци|холдинг|концерн|завод|фабрик|комбинат|колледж|техникум|университет|институт|академи|училищ|лицей|гимнази|школ|больниц|поликлиник|госпитал|диспансер|санатори|центр|агентств|издательств|типографи|театр|музей|библиотек|клуб|союз|ассоциаци|парти|движени|объединени|фонд|обществ|учреждени|предприяти|организаци|кооператив|товариществ|газет|журнал|телеканал|радиостанци|студи|магазин|аптек)[а-яё]*$/u;

const BANKS =
  'Сбербанк(?:\\s+России)?|Банк\\s+ВТБ|ВТБ(?:\\s+24)?|Газпромбанк|Альфа-Банк|Альфа-банк|Россельхозбанк|Тинькофф\\s+Банк|Т-Банк|Почта\\s+Банк|Совкомбанк|Промсвязьбанк|Райффайзенбанк|Росбанк|Банк\\s+Открытие|Банк\\s+ФК\\s+Открытие|МТС-Банк|Уралсиб|Банк\\s+Уралсиб|Хоум\\s+Кредит\\s+Банк|ОТП\\s+Банк|Ак\\s+Барс\\s+Банк|Банк\\s+Санкт-Петербург|Московский\\s+кредитный\\s+банк|Ренессанс\\s+Кредит';

/** Bodies that issue passports and keep registers: acronyms and written-out names. */
const BODIES = [
  'ОУФМС', 'УФМС', 'ОФМС', 'ТП\\s+УФМС', 'ТП\\s+ОФМС', 'ГУВМ', 'УВМ', 'ОВМ', 'ГУ\\s+МВД', 'ГУМВД', 'УМВД',
  'ОМВД', 'МВД', 'ОВД', 'УВД', 'ГУВД', 'РОВД', 'ГОВД', 'ОУВД', 'ИФНС', 'МИФНС', 'МРИ\\s+ФНС', 'УФНС', 'ФНС',
  'ОСФР', 'СФР', 'ОПФР', 'УПФР', 'ГУ-УПФР', 'ГУ\\s+УПФР', 'ПФР', 'ФСС', 'ЗАГС', 'УФССП', 'ФССП',
  'РОСП', 'УФСИН', 'ФСИН', 'УГИБДД', 'ГИБДД', 'МРЭО', 'РЭО',
];
const BODY_PHRASES = [
  '[Оо]тдел[а-яё]*\\s+(?:внутренних\\s+дел|записи\\s+актов\\s+гражданского\\s+состояния|полиции|по\\s+вопросам\\s+миграции)',
  '[Оо]тделени[а-яё]*\\s+(?:Фонда\\s+пенсионного|Пенсионного\\s+фонда|Социального\\s+фонда|по\\s+вопросам\\s+миграции)',
  '[Уу]правлени[а-яё]*\\s+(?:Федеральной\\s+(?:миграционной|налоговой)\\s+службы|по\\s+вопросам\\s+миграции|записи\\s+актов)',
  '[Мм]ежрайонн[а-яё]+\\s+(?:инспекци[а-яё]+|ИФНС)',
  '[Ии]нспекци[а-яё]+\\s+Федеральной\\s+налоговой\\s+службы',
  '[Вв]оенн[а-яё]+\\s+комиссариат[а-яё]*',
];

const NAMED = [
  // a body: "УФМС России по …", "ОВД района …"
  `(?:${BODIES.join('|')}|${BODY_PHRASES.join('|')})(?![А-ЯЁа-яё])`,
  // a bank by name
  `(?:(?:ПАО|АО)\\s+)?(?:${BANKS})(?![А-ЯЁа-яё])`,
  // a school by number: "МБОУ СОШ № 5"
  '[А-ЯЁ]{2,6}ОУ\\s+(?:СОШ|ООШ|НОШ|СШ|ДЮСШ|[Гг]имназия|[Лл]ицей)\\s*№\\s*\\d{1,4}',
  // an abbreviated form before an unquoted capitalised name
  `(?:${UNQUOTED_FORMS})[ \\t]+(?=[А-ЯЁA-Z])`,
].join('|');
/**
 * Named anchors follow one consumed separator (a small first-character class is far faster for
 * V8 than a lookbehind at every position); otherwise an opening quote, with a form or a
 * written-out phrase before it. The start of the text is checked on its own.
 */
const ANCHOR = new RegExp(`[\\s,.;:()[\\]«»"'/№*_|“„-](?:${NAMED})|[«"„“]`, 'gu');
const ANCHOR_AT_START = new RegExp(`(?:${NAMED})`, 'yu');

const STICKY_BANK_SUFFIX = /[ \t]*\((?:ПАО|АО|ООО|ОАО|ЗАО)\)/uy;
const STICKY_UNQUOTED_NAME = /[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z0-9]*(?:-[А-ЯЁа-яёA-Za-z0-9]+)*(?:[ \t]+[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z0-9]*(?:-[А-ЯЁа-яёA-Za-z0-9]+)*){0,2}/uy;
/** Capitalised words that begin the next field, never part of a name. */
const STOP_WORDS = new Set([
  'ИНН', 'КПП', 'ОГРН', 'БИК', 'Адрес', 'Тел', 'Код', 'Дата', 'Паспорт', 'Серия', 'Номер', 'Выдан', 'Выдано',
  'Место', 'Юридический', 'Почтовый', 'Фактический', 'Генеральный', 'Директор', 'В', 'Г', 'Р',
]);

/** Organisations in `text[from, to)`, without overlaps, in text order. */
export function findOrgs(text: string, from = 0, to = text.length): OrgMatch[] {
  // A window is searched on its own copy: the anchor regex would otherwise run on past `to`.
  if (from > 0 || to < text.length) {
    return findOrgs(text.slice(from, to)).map((o) => ({ ...o, start: o.start + from, end: o.end + from }));
  }
  const out: OrgMatch[] = [];
  ANCHOR_AT_START.lastIndex = 0;
  const first = ANCHOR_AT_START.exec(text);
  if (first) {
    const found = parseAt(text, 0, first[0], to);
    if (found) out.push(found);
  }
  ANCHOR.lastIndex = out.length ? out[0]!.end : 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHOR.exec(text)) !== null && m.index < to) {
    // a named anchor starts after its consumed separator; a lone quote is the anchor itself
    const at = m[0].length > 1 ? m.index + 1 : m.index;
    // «Тинькофф Банк» after a form is the form's quoted name, not a bank on its own
    const found =
      (m[0].length > 1 && '«"„“'.includes(m[0][0]!) ? quoted(text, m.index, to) : undefined) ??
      parseAt(text, at, m[0].length > 1 ? m[0].slice(1) : m[0], to);
    if (found && (out.length === 0 || found.start >= out[out.length - 1]!.end)) {
      out.push(found);
      ANCHOR.lastIndex = Math.max(ANCHOR.lastIndex, found.end);
    }
  }
  return out;
}

const IS_BANK = new RegExp(`^(?:(?:ПАО|АО)\\s+)?(?:${BANKS})$`, 'u');
const IS_UNQUOTED = new RegExp(`^(?:${UNQUOTED_FORMS})[ \\t]`, 'u');

function parseAt(text: string, at: number, anchor: string, to: number): OrgMatch | undefined {
  const c = anchor[0]!;
  if (c === '«' || c === '"' || c === '„' || c === '“') return quoted(text, at, to);
  const bank = IS_BANK.test(anchor);
  if (!bank && IS_UNQUOTED.test(anchor)) return unquoted(text, at, anchor, to);
  if (bank) {
    let end = at + anchor.length;
    STICKY_BANK_SUFFIX.lastIndex = end;
    const suffix = STICKY_BANK_SUFFIX.exec(text);
    if (suffix) end += suffix[0].length;
    const form = /^(ПАО|АО)\s/u.exec(anchor)?.[1] ?? /\((\S+)\)$/u.exec(suffix?.[0] ?? '')?.[1] ?? 'банк';
    const name = squash(text.slice(at, end).replace(/^(?:ПАО|АО)\s+/u, '').replace(/\s*\((?:ПАО|АО|ООО|ОАО|ЗАО)\)$/u, ''));
    return { start: at, end, form, name, score: 0.8, pattern: 'bank' };
  }
  if (/ОУ\s/u.test(anchor) && /№/u.test(anchor)) {
    const tail = bodyTail(text, at + anchor.length, to);
    const end = tail ?? at + anchor.length;
    return { start: at, end, form: anchor.split(/\s/u)[0]!, name: squash(text.slice(at, end)), score: 0.8, pattern: 'school' };
  }
  return body(text, at, anchor, to);
}

/** "ООО «Ромашка»", "Общество с ограниченной ответственностью «Ромашка»", "банк «Открытие»". */
function quoted(text: string, open: number, to: number): OrgMatch | undefined {
  // Something must stand before the name: a form or a type word (cheap test first, quotes are common).
  let p = open - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r')) p--;
  if (p < 0 || !/\p{L}/u.test(text[p]!)) return undefined;
  const close = closingQuote(text, open, to);
  if (close < 0) return undefined;
  const name = squash(text.slice(open + 1, close));
  if (!/^[\p{L}\d]/u.test(name) || name.length > 150) return undefined;
  const end = extendBankSuffix(text, close + 1);
  const before = formBefore(text, open);
  if (!before) return undefined;
  return { start: before.start, end, form: before.form, name, score: before.score, pattern: 'quoted' };
}

function extendBankSuffix(text: string, end: number): number {
  STICKY_BANK_SUFFIX.lastIndex = end;
  const m = STICKY_BANK_SUFFIX.exec(text);
  return m ? end + m[0].length : end;
}

/** Index of the quote closing the one at `open` (« » nest one level deep), or -1. */
function closingQuote(text: string, open: number, to: number): number {
  const o = text[open]!;
  const limit = Math.min(to, open + 200);
  let newlines = 0;
  let depth = 0;
  for (let i = open + 1; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '\n' && ++newlines > 2) return -1;
    if (o === '«') {
      if (ch === '«') depth++;
      else if (ch === '»') {
        if (depth === 0) return i;
        depth--;
      }
    } else if (o === '"' ? ch === '"' : ch === '"' || ch === '”' || ch === '“') {
      // "Банк "Открытие"" — a quote followed by a letter opens an inner name
      if (depth === 0 && /[\p{L}\d]/u.test(text[i + 1] ?? '') && /[\s(]/u.test(text[i - 1] ?? '')) {
        depth++;
        continue;
      }
      if (depth > 0) {
        depth--;
        continue;
      }
      return i;
    }
  }
  return -1;
}

interface FormBefore {
  start: number;
  form: string;
  score: number;
}

/** The legal form, written-out phrase or type noun that stands right before a quoted name. */
function formBefore(text: string, open: number): FormBefore | undefined {
  // Words back from the quote, over spaces and up to two line breaks ("ТОГБПОУ\n«…»").
  const words: Array<{ start: number; end: number; w: string }> = [];
  let i = open;
  let newlines = 0;
  while (words.length < 16) {
    let j = i;
    while (j > 0 && /[ \t\r\n]/u.test(text[j - 1]!)) {
      if (text[j - 1] === '\n' && ++newlines > 2) break;
      j--;
    }
    if (newlines > 2) break;
    let k = j;
    while (k > 0 && /[\p{L}\-]/u.test(text[k - 1]!)) k--;
    if (k === j) break;
    const w = text.slice(k, j);
    if (w.startsWith('-')) break;
    words.push({ start: k, end: j, w });
    i = k;
  }
  const first = words[0];
  if (!first) return undefined;
  // 1. An abbreviated form, possibly with a level ("ФГБОУ ВО") or several forms ("ООО МКК").
  let formIdx = 0;
  if (EDU_LEVEL.test(first.w) && words[1]) formIdx = 1;
  const formWord = words[formIdx]!;
  if (isForm(formWord.w)) {
    let start = formWord.start;
    let k = formIdx + 1;
    while (words[k] && isForm(words[k]!.w) && words[k]!.end + 2 >= words[k - 1]!.start) start = words[k++]!.start;
    if (/[\p{L}\d]/u.test(text[start - 1] ?? '')) return undefined;
    return { start, form: squash(text.slice(start, first.end)), score: 0.9 };
  }
  // 2. A written-out legal form: capitalised first word, lower-case words up to the quote, a head word among them.
  let head = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!.w;
    const lower = w.toLowerCase();
    if (HEAD_STEMS.test(lower)) head = true;
    if (/^[А-ЯЁ]/u.test(w)) {
      if (!head || k === 0) break;
      // the capitalised word starts the phrase
      const start = words[k]!.start;
      return { start, form: squash(text.slice(start, first.end)), score: 0.85 };
    }
    if (!/^[а-яё-]+$/u.test(w)) break;
  }
  // 3. A type noun right before the name: "банк «Открытие»", "колледж «…»", "Колледж «…»".
  if (TYPE_NOUN.test(first.w.toLowerCase())) {
    return { start: first.start, form: first.w, score: 0.7 };
  }
  return undefined;
}

function isForm(w: string): boolean {
  // OCR writes capitals in mixed case ("ТоГБПоУ"): a word that is mostly capitals is read upper-cased.
  const upper = w.toUpperCase();
  if (upper === 'ИП') return false;
  if (w !== upper) {
    const caps = [...w].filter((ch) => ch !== ch.toLowerCase()).length;
    if (caps / w.length < 0.6 || w.length < 4) return false;
  }
  return FORMS.has(upper) || GENERIC_FORM.test(upper);
}

/** "ПАО Сбербанк", "ООО Ромашка": the form then one to three capitalised words. */
function unquoted(text: string, at: number, anchor: string, to: number): OrgMatch | undefined {
  const nameStart = at + anchor.length;
  STICKY_UNQUOTED_NAME.lastIndex = nameStart;
  const m = STICKY_UNQUOTED_NAME.exec(text);
  if (!m || nameStart + m[0].length > to) return undefined;
  // "Ханты-Мансийский АО Югра" is a region, not a company.
  if (/(?:ский|цкий|ний)[ \t]+$/u.test(text.slice(Math.max(0, at - 12), at))) return undefined;
  // Stop before a word that starts the next field ("ООО Ромашка ИНН …").
  const kept: string[] = [];
  let nameEnd = nameStart;
  for (const w of m[0].matchAll(/\S+/gu)) {
    if (STOP_WORDS.has(w[0].replace(/[.:]$/u, ''))) break;
    kept.push(w[0]);
    nameEnd = nameStart + w.index + w[0].length;
  }
  // A bare initial-like word ("ООО И.") is no name; a second form ("ООО МКК «…»") belongs to the quoted name.
  if (kept.length === 0 || kept[0]!.length < 2 || isForm(kept[0]!)) return undefined;
  const nameText = kept.join(' ');
  const end = extendBankSuffix(text, nameEnd);
  return { start: at, end, form: anchor.trim(), name: nameText, score: 0.7, pattern: 'unquoted' };
}

// ───────────────────────────── government bodies ─────────────────────────────

const CONNECTORS = new Set([
  'по', 'в', 'во', 'на', 'г.', 'гор.', 'г', 'района', 'район', 'районе', 'районом', 'району', 'р-на', 'р-не', 'р-н',
  'р-ну', 'округа', 'округе', 'округу', 'округ', 'россии', 'рф', 'области', 'обл.', 'обл', 'облaсти', 'краю', 'края',
  'крае', 'республике', 'республики', 'республика', 'респ.', 'ао', 'автономному', 'автономного', 'автономном',
  'городу', 'города', 'городе', 'городском', 'городского', 'муниципальном', 'муниципального', 'административном',
  'административного', 'пенсионного', 'социального', 'страхования', 'российской', 'федерации', 'мвд', 'гу', 'уфмс',
  'фмс', 'внутренних', 'дел', 'миграции', 'вопросам', 'и', 'ленинградской', 'москве', 'москвы', 'санкт-петербургу',
  'поселке', 'пгт', 'селе', 'с.',
]);
/** Connectors that may not end a body's name. */
const DANGLING = new Set(['по', 'в', 'во', 'на', 'г.', 'гор.', 'г', 'и', 'с.']);

/** "ОВД района Хамовники г. Москвы", "УФМС России по Тамбовской обл. в Рассказовском р-не". */
function body(text: string, at: number, anchor: string, to: number): OrgMatch | undefined {
  let start = at;
  // Written before the acronym: "Отделением УФМС", "Межрайонная ИФНС", "ТП № 2 ОУФМС".
  const back = /(?<![\p{L}])(?:(?:отдел[а-яё]*|отделени[а-яё]+|управлени[а-яё]+|межрайонн[а-яё]+|главн[а-яё]+\s+управлени[а-яё]+|тп|оп)(?:\s*№\s*\d{1,3})?[ \t]+)$/iu.exec(
    text.slice(Math.max(0, at - 40), at),
  );
  if (back) start = at - back[0].length;
  const tailEnd = bodyTail(text, at + anchor.length, to);
  const end = tailEnd ?? at + anchor.length;
  // A bare acronym ("в МВД") names the service, not a body: it needs a tail.
  if (tailEnd === undefined && start === at && !/\s/u.test(anchor)) return undefined;
  const form = anchor.replace(/\s+/gu, ' ');
  return { start, end, form, name: squash(text.slice(start, end)), score: 0.8, pattern: 'body' };
}

/**
 * The rest of a body's name: connectors ("России", "по", "№ 5", "района", "области"), and
 * capitalised names after a connector. Returns the end of the last meaningful token.
 */
function bodyTail(text: string, from: number, to: number): number | undefined {
  const TOKEN = /[ \t]*(?:\r?\n[ \t]*)?(№[ \t]*\d{1,4}|[\p{L}][\p{L}\-]*\.?|\d{1,3})/uy;
  let pos = from;
  let lastGood: number | undefined;
  let capsAfterConnector = 0;
  let newlines = 0;
  for (let n = 0; n < 14; n++) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m || m.index + m[0].length > to) break;
    if (m[0].includes('\n') && ++newlines > 1) break;
    const tok = m[1]!;
    const lower = tok.toLowerCase();
    const tokEnd = m.index + m[0].length;
    if (tok.startsWith('№')) {
      lastGood = tokEnd;
    } else if (/^\d/u.test(tok)) {
      break;
    } else if (CONNECTORS.has(lower) || CONNECTORS.has(lower.replace(/\.$/u, ''))) {
      // A connector with a trailing dot may be an abbreviation ("обл.") or end a sentence.
      if (!DANGLING.has(lower)) lastGood = tokEnd;
      capsAfterConnector = 0;
    } else if (/^[А-ЯЁ]/u.test(tok) && capsAfterConnector < 2 && !STOP_WORDS.has(tok.replace(/[.:]$/u, ''))) {
      // A capitalised place name ("Тамбовской", "Хамовники", "Москвы"); also in capitals.
      const word = tok.replace(/\.$/u, '');
      lastGood = m.index + m[0].length - (tok.length - word.length);
      capsAfterConnector++;
      if (word.length !== tok.length) break; // "… г. Москвы." ends the sentence
    } else if (/^[а-яё]+(?:ой|ому|ом|ым|ского|скому|ском)$/u.test(tok) && capsAfterConnector === 0 && lastGood !== undefined) {
      // lower-case adjective inside a body's name: "Центральному административному округу"
      capsAfterConnector = 0;
    } else {
      break;
    }
    pos = tokEnd;
  }
  return lastGood;
}

function squash(s: string): string {
  return s.replace(/-\s*\n\s*/gu, '-').replace(/\s+/gu, ' ').trim();
}
