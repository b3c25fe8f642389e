/**
 * Finds Russian full names (ФИО) in the match view (ru-pd-reference §8).
 *
 * 1. Tokens: capitalised and ALL-CAPS words (hyphenated ones whole) and initials ("И.", "И.И",
 *    "И.Иванов"), read left to right with one regex; a run is a sequence of such tokens separated
 *    only by spaces, tabs or one line break. Everything else (lower-case words, commas) ends a run.
 * 2. In each run, left to right, the longest of these shapes is taken: Init{1,2} Surn,
 *    Surn Init{1,2}, Surn Name Patr, Name Patr Surn, Name Patr, Surn Name, Name Surn, where the
 *    full words must share a grammatical case and gender (az readings; a Turkic "Гусейн оглы"
 *    counts as a patronymic). Three initials in a row are the label "Ф.И.О.", not a name.
 * 3. Lower-case names (forms, OCR) are found from their patronymic: a lower-case word with a
 *    patronymic suffix and a surname and a first name beside it, all agreeing.
 * 4. A lone word is a person when the document names the same person in full elsewhere
 *    (coreference by lemma), or when it is clearly a surname (the dictionary's dominant reading);
 *    a word that is only possibly a name ("Роза", "Лев") needs a context word (role, "гр.", "Я,").
 * 5. Not names: words after a settlement or street marker ("г.", "ул.", "улица"), words inside
 *    quotes after an organisation form ("ООО «…»", "ТОГБПОУ «…»"), place names and organisations.
 *
 * The finder is linear in the text: one regex pass, per-run work bounded by the run length, and
 * every dictionary lookup cached per word.
 */
import type { FoundCandidate } from '../../types.js';
import { analyse, ALL_FEATS, isFemn, NOMN_FEATS, titleCase, type Feats, type Reading, type WordInfo } from './morph.js';
import { patronymicFeats, patronymicNominative, surnameNominative } from './normal-form.js';

interface Token {
  start: number;
  end: number;
  /** The word (an initial: its letter). */
  word: string;
  initial: boolean;
  upper: boolean;
  /** The token touches the previous one ("И.Иванов", "И.И"). */
  glued: boolean;
  /** Dictionary readings, looked up once (null: not a word to look up). */
  info?: WordInfo | null;
}

/** A capitalised word (hyphenated parts allowed) or a capital letter. */
const CAP_WORD = /(?<![А-ЯЁа-яёA-Za-z\d])[А-ЯЁ][А-ЯЁа-яё]*(?:-[А-ЯЁа-яё]+)*/g;
const LOWER_PATR = /(?<![А-ЯЁа-яё-])[а-яё]{3,}(?:ович|евич|овн|евн|ичн)[а-яё]{0,3}(?![А-ЯЁа-яё-])/y;
const PATR_SUFFIX = /ович|евич|овн|евн|ичн/g;
const isLowerCyr = (c: number) => (c >= 0x430 && c <= 0x44f) || c === 0x451;
const GAP_OK = /^[ \t]*(?:\r?\n[ \t]*)?$/;
/** A lower-case particle inside a name: "Усама бин Ладен", "Людвиг ван Бетховен". */
const PARTICLE_GAP = /^[ \t]+(?:фон|де|ван|дер|да|ди|дель|ла|ле|бин|ибн|дю|ден)[ \t]+$/;
/** The same particles written with a capital: "Марин Ле Пен", "Франк Де Блекере". */
const PARTICLES = new Set(['Ле', 'Де', 'Ван', 'Фон', 'Дер', 'Да', 'Ди', 'Дель', 'Ла', 'Дю', 'Ден', 'Эль', 'Аль', 'Бин', 'Ибн']);
const TURKIC = /^[ \t]+(оглы|кызы|Оглы|Кызы|ОГЛЫ|КЫЗЫ)(?![А-ЯЁа-яё])/;

/** Place and street markers: the next capitalised word is a place or a street's namesake. */
const PLACE_MARKER = new RegExp(
  '(?:^|[^А-ЯЁа-яё])(?:' +
    [
      '(?:г|гор|ул|пр|просп|пр-т|пр-кт|пер|пл|пос|пгт|ст|наб|б-р|бул|ш|мкр|мкрн|дер|д|с|п|х|ст-ца)\\.',
      '[Гг]ород[а-я]*', '[Уу]лиц[а-я]*', '[Пп]роспект[а-я]*', '[Пп]ереул[а-я]*', '[Пп]лощад[а-я]*', '[Пп]ос[её]л[а-я]*',
      '[Сс]ел[оаеу]', '[Дд]еревн[а-я]*', '[Бб]ульвар[а-я]*', '[Шш]оссе', '[Нн]абережн[а-я]*', '[Сс]танци[а-я]*',
      '[Сс]таниц[а-я]*', '[Хх]утор[а-я]*', '[Мм]икрорайон[а-я]*',
      '[Аа]лле[а-я]*', '[Пп]роезд[а-я]*', '[Тт]упик[а-я]*', '[Мм]етро',
    ].join('|') +
    ')[ \\t]*(?:[А-ЯЁ][а-яё]+[ \\t]+)?$',
);
/** An organisation form right before an opening quote: "ООО «", "ТОГБПОУ «", "компания "". */
const ORG_BEFORE_QUOTE = /(?:^|[^А-ЯЁа-яё])(?:[А-ЯЁ]{2,}(?:[ \t]+[А-ЯЁ]{2,})*|[Кк]омпани[яиюей]+|[Фф]ирм[аыеуой]+|[Оо]бществ[оау]|[Пп]редприяти[еяю]|[Уу]чреждени[еяю]|[Кк]олледж[а-я]*|[Шш]кол[аыеу]|[Тт]еатр[а-я]*|[Зз]авод[а-я]*)[ \t]*$/;
/** A Latin spelling in parentheses: "(Joshua Wolf)", "(Khaled el-Masri)", "(Ivanov Ivan)". */
const LATIN_AFTER = /^[ \t]*\(((?:[A-Z][a-zà-ÿ'’]+|[A-Z]{2,}|(?:al|el|de|van|von|bin|da|di|le)(?=[ -]))(?:[ -](?:[A-Z][a-zà-ÿ'’]+|[A-Z]{2,}|(?:al|el|de|van|von|bin|da|di|le)(?=[ -])))+)\)/;
const ADJECTIVAL = /(?:ск|цк)(?:ий|ой|ая|ого|ому|им|ом|ую)$/;
const RUSSIAN_SURNAME = /[а-яё]{2}(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|ом|е)?$/;
/** Surname shapes that do not decline like the nouns they resemble: Шумов, Искусных, Черных. */
const SURNAME_SHAPE = /[а-яё]{2}(?:ов|ев|ёв|ин|ын|ых|их)$/;
const PERSON_ACRONYMS = new Set(['ИП', 'ГР', 'Я']);
/** Capitalised words that look like surnames to the suffix predictor but are labels or acronyms. */
const NOT_NAMES = new Set([
  'Фио', 'Ф', 'Рф', 'Ооо', 'Оао', 'Зао', 'Пао', 'Ао', 'Ип', 'Инн', 'Огрн', 'Снилс', 'Кпп', 'Бик',
  // Form labels that stand where a name part would.
  'Фамилия', 'Имя', 'Отчество', 'Подпись', 'Расшифровка', 'Должность', 'Дата', 'Адрес', 'Паспорт', 'Телефон', 'Пол',
]);

/** Keys of the people found in full, for the lone mentions of the same people. */
interface Known {
  surnames: Set<string>;
  names: Set<string>;
}

interface Match {
  start: number;
  end: number;
  score: number;
  pattern: string;
  facts: Record<string, string>;
  lone?: boolean;
  requiresContext?: boolean;
}

export function findPersons(view: string): FoundCandidate[] {
  const tokens = tokenize(view);
  const matches: Match[] = [];
  const lone: Token[] = [];
  const known: Known = { surnames: new Set(), names: new Set() };
  let runStart = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && joins(view, tokens[i - 1]!, tokens[i]!)) continue;
    matchRun(view, tokens, runStart, i, matches, lone, known);
    runStart = i;
  }
  findLowerCase(view, matches, known);
  // "Джошуа Вольфа (Joshua Wolf)": the Latin spelling in parentheses is the same person.
  for (let k = 0, n = matches.length; k < n; k++) {
    const m = matches[k]!;
    const latin = LATIN_AFTER.exec(view.slice(m.end, m.end + 80));
    if (latin) {
      const start = m.end + latin[0].indexOf('(') + 1;
      matches.push({ start, end: start + latin[1]!.length, score: 0.7, pattern: 'latin-spelling', facts: {}, lone: true });
    }
  }
  for (const t of lone) {
    const m = loneMatch(view, t, known);
    if (m) matches.push(m);
  }
  matches.sort((a, b) => a.start - b.start);
  const out: FoundCandidate[] = [];
  let lastEnd = -1;
  for (const m of matches) {
    if (m.start < lastEnd) continue;
    if (rejectedByPlace(view, m.start) || insideOrgQuotes(view, m.start)) continue;
    lastEnd = m.end;
    out.push({
      start: m.start,
      end: m.end,
      score: m.score,
      pattern: m.pattern,
      // The dictionary's agreement of several name parts is this detector's validation.
      ...(m.lone ? {} : { validated: true }),
      ...(m.requiresContext ? { requiresContext: true } : {}),
      facts: m.facts,
    });
  }
  return out;
}

// ───────────────────────────── tokens ─────────────────────────────

function tokenize(view: string): Token[] {
  const tokens: Token[] = [];
  let prev: Token | undefined;
  for (const m of view.matchAll(CAP_WORD)) {
    const word = m[0];
    const start = m.index;
    let end = start + word.length;
    let initial = false;
    const glued = prev !== undefined && prev.end === start && prev.initial;
    if (word.length === 1) {
      if (view.charCodeAt(end) === 46 /* . */) {
        initial = true;
        end++;
      } else if (glued && !/[А-ЯЁа-яё]/.test(view[end] ?? '')) {
        initial = true; // "И.И" without the final dot
      } else {
        prev = undefined;
        continue;
      }
    }
    const t: Token = { start, end, word, initial, upper: word.length > 1 && word === word.toUpperCase(), glued };
    tokens.push(t);
    prev = t;
  }
  return tokens;
}

function sameLine(view: string, a: Token, b: Token): boolean {
  return !view.slice(a.end, b.start).includes('\n');
}

function joins(view: string, a: Token, b: Token): boolean {
  if (b.glued) return true;
  if (a.initial && a.end === b.start) return true; // "И.Иванов"
  if (b.start <= a.end) return false;
  const gap = view.slice(a.end, b.start);
  // OCR reads a space as a dot between two words: "Фёдоров.Артём Михайлович".
  if (gap === '.' && !a.initial && !b.initial && a.word.length > 1 && b.word.length > 1 && !a.upper && !b.upper) return true;
  return GAP_OK.test(gap) || (!a.initial && PARTICLE_GAP.test(gap));
}

// ───────────────────────────── roles ─────────────────────────────

function infoOf(t: Token): WordInfo | undefined {
  if (t.info !== undefined) return t.info ?? undefined;
  let info: WordInfo | null = null;
  if (!t.initial && !(t.upper && PERSON_ACRONYMS.has(t.word)) && !NOT_NAMES.has(titleCase(t.word))) {
    info = analyse(t.word);
  }
  t.info = info;
  return info ?? undefined;
}

interface Role {
  feats: Feats;
  reading?: Reading;
  /** 0..1: how sure the dictionary is this word plays this role. */
  strength: number;
}

function surnameRole(t: Token, info: WordInfo | undefined, loose: boolean): Role | undefined {
  if (!info || PARTICLES.has(t.word)) return undefined;
  if (info.surn.length) {
    const reading = info.surn[0]!;
    // A predicted surname of a word the dictionary knows otherwise ("Положение") is no surname.
    if (!reading.dict && info.known && !loose) return undefined;
    if (!reading.dict && t.upper) return undefined;
    return { feats: info.surnFeats, reading, strength: reading.dict ? 0.5 + info.surnShare / 2 : 0.4 };
  }
  // A productive Russian surname ending az does not list as a surname ("Лапин", known only as an
  // adjective): its ending gives case and gender; patterns only call this next to a name part.
  const byShape = info.placeShare < 0.5 ? surnameShapeFeats(t.word) : 0;
  if (byShape) return { feats: byShape, strength: 0.35 };
  if (!loose || t.upper || t.word.length < 2) return undefined;
  // A foreign surname az does not know, or an indeclinable one it takes for a first name ("Сандали").
  if (!info.known) return { feats: ALL_FEATS, strength: 0.3 };
  if (info.name.length && info.name.every((r) => r.fixed) && info.placeShare < 0.3) return { feats: ALL_FEATS, strength: 0.3 };
  return undefined;
}

function nameRole(t: Token, info: WordInfo | undefined): Role | undefined {
  if (!info?.name.length) return undefined;
  const reading = info.name[0]!;
  if (!reading.dict && (t.upper || info.known)) return undefined;
  return { feats: info.nameFeats, reading, strength: reading.dict ? 0.4 + Math.min(0.6, info.nameShare) : 0.3 };
}

interface PatrRole extends Role {
  end: number;
  middle: string;
}

function patronymicRole(view: string, t: Token, info: WordInfo | undefined): PatrRole | undefined {
  if (!info) return undefined;
  const bySuffix = patronymicFeats(t.word);
  if (info.patr.length || bySuffix) {
    const feats = (info.patr.length ? info.patrFeats : 0) | bySuffix;
    return { feats, strength: 1, end: t.end, middle: patronymicNominative(t.word) };
  }
  // Turkic patronymic: a father's name followed by "оглы" (son) or "кызы" (daughter).
  const turkic = TURKIC.exec(view.slice(t.end, t.end + 8));
  if (turkic && info.name.length) {
    const female = turkic[1]!.toLowerCase() === 'кызы';
    return {
      feats: female ? 0xfc0 : 0x03f,
      strength: 1,
      end: t.end + turkic[0].length,
      middle: `${titleCase(t.word)} ${turkic[1]!.toLowerCase()}`,
    };
  }
  return undefined;
}

/** The reading of a role that fits the agreed features best (first one that intersects). */
function pick(role: Role, feats: Feats, readings: readonly Reading[]): Reading | undefined {
  return readings.find((r) => (r.feats & feats) !== 0) ?? role.reading;
}

/**
 * Case and gender of a word with a productive surname ending (-ов/-ев/-ин/-ын, -ский/-цкий), or 0.
 * Bits as in morph.ts: case + 6 × gender (0 masc, 1 femn).
 */
function surnameShapeFeats(word: string): Feats {
  const w = word.toLowerCase();
  const m = SHAPE_OV.exec(w) ?? SHAPE_SKIY.exec(w);
  if (!m) return /[а-яё]{3}(?:ых|их)$/.test(w) ? ALL_FEATS : 0;
  return SHAPE_FEATS[m[1]!] ?? 0;
}
const SHAPE_OV = /^[а-яё-]{2,}(?:ов|ев|ёв|ин|ын)(|а|у|ым|ом|е|ой|ою)$/;
const SHAPE_SKIY = /^[а-яё-]{2,}(?:ск|цк)(ий|ого|ому|им|ом|ая|ой|ую|ою)$/;
const M = (c: number) => 1 << c;
const F = (c: number) => 1 << (c + 6);
const SHAPE_FEATS: Readonly<Record<string, Feats>> = {
  // -ов family: Лапин, Лапина, Лапину, Лапиным, Лапине; Лапиной, Лапину (f. acc.)
  '': M(0),
  а: M(1) | M(3) | F(0),
  у: M(2) | F(3),
  ым: M(4),
  ом: M(4),
  е: M(5),
  ой: F(1) | F(2) | F(4) | F(5),
  ою: F(4),
  // -ский family
  ий: M(0),
  ого: M(1) | M(3),
  ому: M(2),
  им: M(4),
  ая: F(0),
  ую: F(3),
};

// ───────────────────────────── runs ─────────────────────────────

function matchRun(
  view: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  matches: Match[],
  lone: Token[],
  known: Known,
): void {
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (t.initial) {
      let c = 1;
      while (i + c < to && tokens[i + c]!.initial) c++;
      // "Ф.И.О." and longer chains are labels and abbreviations, not initials of one person.
      if (c >= 3) {
        i += c;
        continue;
      }
      const s = i + c < to ? tokens[i + c]! : undefined;
      const sInfo = s ? infoOf(s) : undefined;
      const role = s ? surnameRole(s, sInfo, true) : undefined;
      if (s && role && initialSurnameOk(s, sInfo!, role)) {
        matches.push(initialsMatch(t.start, s.end, role, sInfo!, s, tokens.slice(i, i + c), 'init-surname', known));
        i += c + 1;
        continue;
      }
      i += c;
      continue;
    }
    // A pair must not take the first word of a full name that starts one word later:
    // "Дана Фёдорова Нинель Владимировна" (справка дана …) is Фёдорова Нинель Владимировна.
    const scratch: Known = { surnames: new Set(), names: new Set() };
    const m = matchAt(view, tokens, i, to, scratch);
    const later = m && m.length === 2 && i + 3 <= to ? matchAt(view, tokens, i + 1, to, { surnames: new Set(), names: new Set() }) : undefined;
    if (m && !(later && later.length >= 3 && later.match.score > m.match.score)) {
      for (const s of scratch.surnames) known.surnames.add(s);
      for (const n of scratch.names) known.names.add(n);
      matches.push(m.match);
      i += m.length;
      continue;
    }
    if (t.word.length > 1) lone.push(t);
    i++;
  }
}

function initialSurnameOk(s: Token, info: WordInfo, role: Role): boolean {
  if (info.placeShare >= 0.5 && !(role.reading?.dict && info.surnShare >= 0.2)) return false;
  if (!role.reading && surnameShapeFeats(s.word)) return true;
  // A known word whose surname reading is marginal ("Положение А.") is not a surname.
  if (info.known && !(role.reading?.dict ?? false)) return false;
  if (info.known && info.personShare < 0.1) return false;
  return !s.upper || (role.reading?.dict ?? false);
}

function initialsMatch(
  start: number,
  end: number,
  role: Role,
  info: WordInfo,
  s: Token,
  initials: readonly Token[],
  pattern: string,
  known: Known,
): Match {
  // Initials say nothing of case or gender: "Соколова Ф.Л." in a list is read as the nominative
  // (a woman), not as a man's genitive.
  const feats = role.feats & NOMN_FEATS || role.feats;
  const reading = pick(role, feats, info.surn);
  const facts: Record<string, string> = { last: lastName(reading, feats, s.word) };
  // Initials as letters, as Natasha's NamesExtractor gives them: Петров С.Н. → first С, middle Н.
  if (initials[0]) facts['first'] = initials[0].word;
  if (initials[1]) facts['middle'] = initials[1].word;
  rememberSurname(known, reading, s.word);
  return { start, end, score: initials.length === 2 ? 0.9 : 0.85, pattern, facts };
}

function lastName(reading: Reading | undefined, feats: Feats, word: string): string {
  if (!reading) return titleCase(word);
  if (reading.fixed) return titleCase(word);
  return sameSpelling(surnameNominative(reading.lemma, isFemn(feats & reading.feats)), word);
}

/** The dictionary writes "Аксёнов" for "Аксенова" and "Семенов" for "Семёнова": keep the text's е or ё. */
function sameSpelling(normal: string, word: string): string {
  if (!/[её]/i.test(normal)) return normal;
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < normal.length; i++) {
    const c = normal[i]!;
    const w = lower[i];
    if ((c === 'е' || c === 'ё') && (w === 'е' || w === 'ё')) out += w;
    else if ((c === 'Е' || c === 'Ё') && (w === 'е' || w === 'ё')) out += w.toUpperCase();
    else out += c;
  }
  return out;
}

function rememberSurname(known: Known, reading: Reading | undefined, word: string): void {
  known.surnames.add(surnameKey(word));
  if (reading) known.surnames.add(surnameKey(reading.lemma));
}

/** A surname without its case ending, for finding the same person again: Бут, Бута, Буту → "бут". */
function surnameKey(word: string): string {
  const w = word.toLowerCase().replaceAll('ё', 'е');
  const stem = w.replace(/(?:ого|его|ому|ему|ыми|ими|ым|им|ой|ом|ем|ую|ая|ий|ый|ых|их|а|у|е|ы|и|я|ю)$/, '');
  return stem.length >= 3 ? stem : w;
}

function matchAt(
  view: string,
  tokens: readonly Token[],
  i: number,
  to: number,
  known: Known,
): { match: Match; length: number } | undefined {
  const t0 = tokens[i]!;
  const info0 = infoOf(t0);
  if (!info0) return undefined;
  const t1 = i + 1 < to ? tokens[i + 1] : undefined;
  const t2 = i + 2 < to ? tokens[i + 2] : undefined;

  // Surname with initials: "Иванов И.И.", "Иванов И. И.", "Иванов И.".
  if (t1?.initial) {
    let c = 1;
    while (i + 1 + c < to && tokens[i + 1 + c]!.initial) c++;
    const role = surnameRole(t0, info0, true);
    if (c <= 2 && role && initialSurnameOk(t0, info0, role)) {
      const end = tokens[i + c]!.end;
      return { match: initialsMatch(t0.start, end, role, info0, t0, tokens.slice(i + 1, i + 1 + c), 'surname-init', known), length: 1 + c };
    }
    return undefined;
  }
  if (!t1 || t1.initial) return undefined;
  const info1 = infoOf(t1);
  if (!info1) return undefined;
  const upper = t0.upper || t1.upper;
  const info2 = t2 && !t2.initial ? infoOf(t2) : undefined;

  // Three words: Surn Name Patr, Name Patr Surn.
  if (t2 && info2) {
    const snp = triple(view, [t0, t1, t2], [info0, info1, info2], 'snp', upper);
    if (snp) return { match: finish(snp, known), length: 3 };
    const nps = triple(view, [t0, t1, t2], [info0, info1, info2], 'nps', upper);
    if (nps) return { match: finish(nps, known), length: 3 };
    const npx = nameWordAfterPatronymic(view, [t0, t1, t2], [info0, info1, info2]);
    if (npx) return { match: finish(npx, known), length: 3 };
  }
  // Name Patr (the Turkic patronymic reaches past t1).
  const n0 = nameRole(t0, info0);
  const p1 = patronymicRole(view, t1, info1);
  if (n0 && p1 && n0.feats & p1.feats && !(t1.upper && !info1.patr.length && !patronymicFeats(t1.word))) {
    const feats = n0.feats & p1.feats;
    const first = firstName(pick(n0, feats, info0.name), t0.word);
    known.names.add(first);
    return {
      match: { start: t0.start, end: p1.end, score: 0.8, pattern: 'name-patronymic', facts: { first, middle: p1.middle } },
      length: 2,
    };
  }
  // Two words: Surn Name, Name Surn (the order with the stronger readings wins).
  const pair = bestPair(t0, t1, info0, info1, upper);
  if (pair) {
    // "Реджеп Тайип Эрдоган", "Хуану Пабло Монтойе": a second given name, then the surname.
    const foreignMiddle = !info1.known;
    if (
      pair.pattern === 'name-surname' &&
      t2 &&
      info2 &&
      !upper &&
      (info1.name.length > 0 || foreignMiddle) &&
      (surnameAfter(t2, info2) || (foreignMiddle && !t2.upper && info2.placeShare < 0.5 && !info2.patr.length))
    ) {
      const s = surnameRole(t2, info2, true) ?? { feats: ALL_FEATS, strength: 0.3 };
      pair.end = t2.end;
      pair.extraFirst = t1.word;
      pair.surname = { token: t2, role: s, info: info2 };
      return { match: finish(pair, known), length: 3 };
    }
    return { match: finish(pair, known), length: 2 };
  }
  // A first name and a capitalised word az does not know as a surname ("Виктор Понедельник",
  // "Исаака Ньютона", "Джоэл Саймон", "Марин Ле Пен").
  const chain = nameChain(view, tokens, i, to, info0);
  if (chain) return { match: finish(chain.parts, known), length: chain.length };
  // Two capitalised words the dictionary does not know at all, one of them predicted to be a
  // name or a surname: a foreign name ("Джаред Лофнер", "Абдолреза Аббассиан").
  if (
    !upper &&
    !info0.known &&
    !info1.known &&
    t0.word.length > 2 &&
    t1.word.length > 2 &&
    (info0.name.length || info1.surn.length) &&
    sameLine(view, t0, t1)
  ) {
    return {
      match: finish(
        { start: t0.start, end: t1.end, score: 0.55, pattern: 'unknown-words', feats: ALL_FEATS, lastFixed: titleCase(t1.word), firstFixed: titleCase(t0.word) },
        known,
      ),
      length: 2,
    };
  }
  return undefined;
}

/** A word that can close a foreign name after a first name: a surname or a word az does not know. */
function surnameAfter(t: Token, info: WordInfo): boolean {
  if (t.initial || t.upper || info.placeShare >= 0.5) return false;
  if (info.patr.length || info.name.some((r) => r.dict)) return false;
  return info.surn.length > 0 || !info.known;
}

function nameChain(view: string, tokens: readonly Token[], i: number, to: number, info0: WordInfo): { parts: Parts; length: number } | undefined {
  const t0 = tokens[i]!;
  if (t0.upper) return undefined;
  const n = nameRole(t0, info0);
  if (!n || info0.placeShare >= 0.5) return undefined;
  const strongName = n.reading?.dict === true && info0.nameShare >= 0.3;
  let j = i + 1;
  // A capitalised particle belongs to the surname that follows it.
  if (j + 1 < to && PARTICLES.has(tokens[j]!.word)) j++;
  const x = tokens[j];
  if (!x || x.initial || x.upper || !sameLine(view, t0, x)) return undefined;
  const xInfo = infoOf(x);
  // A surname that does not agree with the name ("Роза Ветров") was already turned down.
  if (!xInfo || xInfo.surn.some((r) => r.dict) || xInfo.patr.length || patronymicFeats(x.word)) return undefined;
  // A word that is only possibly a first name needs a surname az does not know at all ("Скотт Хоровитц").
  if (!strongName && info0.known && xInfo.known) return undefined;
  const place = xInfo.placeShare >= 0.5;
  if (place && !(strongName && info0.nameShare >= 0.9)) return undefined;
  const cases = (f: Feats) => (f & 0x3f) | (f >> 6);
  // A capitalised word right after a sure first name is a surname whatever else it means
  // ("Виктор Понедельник", "Эрик Пула"); after a less sure one it must at least share its case.
  const agree =
    !info0.known ||
    !xInfo.known ||
    info0.nameShare >= 0.9 ||
    SURNAME_SHAPE.test(x.word) ||
    (cases(n.feats) & cases(xInfo.anyFeats)) !== 0;
  if (!agree) return undefined;
  let end = x.end;
  let length = j - i + 1;
  // One more word az does not know: "Мануэль Мехуто Гонсалес".
  const y = j + 1 < to ? tokens[j + 1] : undefined;
  const yInfo = y ? infoOf(y) : undefined;
  if (y && yInfo && !yInfo.known && surnameAfter(y, yInfo) && sameLine(view, x, y)) {
    end = y.end;
    length++;
  }
  const reading = xInfo.name.find((r) => r.feats & n.feats) ?? xInfo.noun.find((r) => cases(r.feats) & cases(n.feats));
  const lastWord = y && end === y.end ? y.word : x.word;
  const last = end === x.end && reading && !reading.fixed ? titleCase(reading.lemma) : titleCase(lastWord);
  return {
    parts: {
      start: t0.start,
      end,
      score: place ? 0.6 : strongName ? 0.75 : 0.65,
      pattern: 'name-word',
      feats: n.feats,
      name: { token: t0, role: n, info: info0 },
      lastFixed: last,
    },
    length,
  };
}

interface Parts {
  start: number;
  end: number;
  score: number;
  pattern: string;
  feats: Feats;
  surname?: { token: Token; role: Role; info: WordInfo };
  name?: { token: Token; role: Role; info: WordInfo };
  patr?: PatrRole;
  /** A second given name between the first name and the surname. */
  extraFirst?: string;
  /** The surname when no surname reading stands behind it (name-word). */
  lastFixed?: string;
  firstFixed?: string;
}

function finish(p: Parts, known: Known): Match {
  const facts: Record<string, string> = {};
  if (p.surname) {
    const reading = p.surname.role.reading ? pick(p.surname.role, p.feats, p.surname.info.surn) : undefined;
    facts['last'] = lastName(reading, p.feats, p.surname.token.word);
    rememberSurname(known, reading, p.surname.token.word);
  } else if (p.lastFixed) {
    facts['last'] = p.lastFixed;
    rememberSurname(known, undefined, p.lastFixed);
  }
  if (p.name) {
    const first = firstName(pick(p.name.role, p.feats, p.name.info.name), p.name.token.word);
    facts['first'] = p.extraFirst ? `${first} ${titleCase(p.extraFirst)}` : first;
    known.names.add(first);
  } else if (p.firstFixed) {
    facts['first'] = p.firstFixed;
  }
  if (p.patr) facts['middle'] = p.patr.middle;
  return { start: p.start, end: p.end, score: Math.round(p.score * 100) / 100, pattern: p.pattern, facts };
}

function firstName(reading: Reading | undefined, word: string): string {
  return sameSpelling(titleCase(reading && !reading.fixed ? reading.lemma : word), word);
}

function triple(
  view: string,
  [a, b, c]: [Token, Token, Token],
  [ia, ib, ic]: [WordInfo, WordInfo, WordInfo],
  order: 'snp' | 'nps',
  upper: boolean,
): Parts | undefined {
  const [sTok, sInfo, nTok, nInfo, pTok, pInfo] = order === 'snp' ? [a, ia, b, ib, c, ic] : [c, ic, a, ia, b, ib];
  const s = surnameRole(sTok, sInfo, !upper);
  const p = patronymicRole(view, pTok, pInfo);
  if (!s || !p) return undefined;
  if (order === 'nps' && p.end !== pTok.end) return undefined; // "оглы" stands between: not this order
  let n = nameRole(nTok, nInfo);
  let score = 0.95;
  // A first name az does not know ("Герасимова Мира Иосифовича": "Мира" only as "мир"), between a
  // surname and a patronymic that agree: it takes their case.
  if (!n && order === 'snp' && nTok.upper === sTok.upper && !nInfo.patr.length && !nInfo.surn.some((r) => r.dict) && nInfo.placeShare < 0.5) {
    const both = s.feats & p.feats;
    const cases = (f: Feats) => (f & 0x3f) | (f >> 6);
    if (both && cases(both) & cases(nInfo.anyFeats)) {
      const feats = both & (nInfo.anyFeats | (nInfo.anyFeats << 6));
      const reading = nInfo.noun.find((r) => cases(r.feats) & cases(feats));
      n = { feats, strength: 0.3, ...(reading ? { reading } : {}) };
      score = 0.85;
    }
  }
  if (!n) return undefined;
  const feats = s.feats & n.feats & p.feats;
  if (!feats) return undefined;
  return {
    start: a.start,
    end: order === 'snp' ? p.end : c.end,
    score,
    pattern: order === 'snp' ? 'surname-name-patronymic' : 'name-patronymic-surname',
    feats,
    surname: { token: sTok, role: s, info: sInfo },
    name: { token: nTok, role: n, info: nInfo },
    patr: p,
  };
}

/**
 * Name Patr and then a capitalised word az does not read as a surname ("Лев Борисович Орёл",
 * "Виктор Петрович Понедельник"): after a first name and a patronymic it can only be the surname.
 */
function nameWordAfterPatronymic(view: string, [a, b, c]: [Token, Token, Token], [ia, ib, ic]: [WordInfo, WordInfo, WordInfo]): Parts | undefined {
  if (c.upper !== a.upper || ic.patr.length || ic.surn.length || !sameLine(view, b, c)) return undefined;
  const n = nameRole(a, ia);
  const p = patronymicRole(view, b, ib);
  if (!n || !p || p.end !== b.end) return undefined;
  const feats = n.feats & p.feats;
  if (!feats) return undefined;
  const cases = (f: Feats) => (f & 0x3f) | (f >> 6);
  if (!(cases(feats) & cases(ic.anyFeats)) && !SURNAME_SHAPE.test(c.word.toLowerCase())) return undefined;
  const reading = ic.noun.find((r) => cases(r.feats) & cases(feats)) ?? ic.name.find((r) => r.feats & feats);
  return {
    start: a.start,
    end: c.end,
    score: 0.85,
    pattern: 'name-patronymic-word',
    feats,
    name: { token: a, role: n, info: ia },
    patr: p,
    lastFixed: titleCase(reading && !reading.fixed ? reading.lemma : c.word),
  };
}

function bestPair(t0: Token, t1: Token, i0: WordInfo, i1: WordInfo, upper: boolean): Parts | undefined {
  let best: Parts | undefined;
  let bestWeight = 0;
  for (const order of ['sn', 'ns'] as const) {
    const [sTok, sInfo, nTok, nInfo] = order === 'sn' ? [t0, i0, t1, i1] : [t1, i1, t0, i0];
    const n = nameRole(nTok, nInfo);
    if (!n) continue;
    // A foreign surname az does not know is accepted only after a first name ("Барак Обама").
    const s = surnameRole(sTok, sInfo, !upper && order === 'ns' && (n.reading?.dict ?? false));
    if (!s) continue;
    if (sTok === nTok) continue;
    const feats = s.feats & n.feats;
    if (!feats) continue;
    // Two words that are mostly ordinary words ("Вера Надежда") need a real surname.
    if (sInfo.personShare < 0.05 && s.reading) continue;
    if (sInfo.placeShare >= 0.5 && sInfo.surnShare < 0.2) continue;
    if (nInfo.placeShare >= 0.5) continue;
    const weight = s.strength + n.strength;
    if (weight > bestWeight) {
      bestWeight = weight;
      let score = 0.6 + weight / 4;
      if (upper) score = Math.min(score, 0.8);
      best = {
        start: t0.start,
        end: t1.end,
        score: Math.min(0.9, score),
        pattern: order === 'sn' ? 'surname-name' : 'name-surname',
        feats,
        surname: { token: sTok, role: s, info: sInfo },
        name: { token: nTok, role: n, info: nInfo },
      };
    }
  }
  return best;
}

// ───────────────────────────── lower case ─────────────────────────────

/** "иванов иван иванович", "иван иванович иванов": only with a patronymic and full agreement. */
function findLowerCase(view: string, matches: Match[], known: Known): void {
  // A plain literal search first: the suffixes are rare, the word-boundary regex is not cheap.
  let doneUntil = 0;
  for (const hint of view.matchAll(PATR_SUFFIX)) {
    if (hint.index < doneUntil) continue;
    let from = hint.index;
    while (from > 0 && isLowerCyr(view.charCodeAt(from - 1))) from--;
    LOWER_PATR.lastIndex = from;
    const m = LOWER_PATR.exec(view);
    if (!m || m.index !== from) continue;
    doneUntil = m.index + m[0].length;
    const pStart = m.index;
    const pEnd = pStart + m[0].length;
    const before = /([а-яё]+(?:-[а-яё]+)?)[ \t]+([а-яё]+)[ \t]+$/.exec(view.slice(Math.max(0, pStart - 60), pStart));
    const after = /^[ \t]+([а-яё]+(?:-[а-яё]+)?)(?![А-ЯЁа-яё-])/.exec(view.slice(pEnd, pEnd + 40));
    const pInfo = analyse(m[0]);
    const pFeats = pInfo.patrFeats | patronymicFeats(m[0]);
    if (!pFeats) continue;
    if (before) {
      const sWord = before[1]!;
      const nWord = before[2]!;
      const r = lowerAgree(sWord, nWord, pFeats);
      if (r) {
        const start = pStart - before[0].length;
        matches.push(lowerMatch(start, pEnd, r, sWord, nWord, m[0], 'surname-name-patronymic', known));
        continue;
      }
    }
    const nb = /([а-яё]+)[ \t]+$/.exec(view.slice(Math.max(0, pStart - 30), pStart));
    if (nb && after) {
      const r = lowerAgree(after[1]!, nb[1]!, pFeats);
      if (r) {
        const start = pStart - nb[0].length;
        matches.push(lowerMatch(start, pEnd + after[0].length, r, after[1]!, nb[1]!, m[0], 'name-patronymic-surname', known));
      }
    }
  }
}

function lowerAgree(sWord: string, nWord: string, pFeats: Feats): { feats: Feats; s: WordInfo; n: WordInfo } | undefined {
  const s = analyse(sWord);
  const n = analyse(nWord);
  if (!s.surn.some((r) => r.dict) || !n.name.some((r) => r.dict)) return undefined;
  const feats = s.surnFeats & n.nameFeats & pFeats;
  return feats ? { feats, s, n } : undefined;
}

function lowerMatch(
  start: number,
  end: number,
  r: { feats: Feats; s: WordInfo; n: WordInfo },
  sWord: string,
  nWord: string,
  pWord: string,
  pattern: string,
  known: Known,
): Match {
  const sReading = r.s.surn.find((x) => x.feats & r.feats);
  const nReading = r.n.name.find((x) => x.feats & r.feats);
  rememberSurname(known, sReading, sWord);
  const first = firstName(nReading, nWord);
  known.names.add(first);
  return {
    start,
    end,
    score: 0.85,
    pattern: `lower-${pattern}`,
    facts: { last: lastName(sReading, r.feats, sWord), first, middle: patronymicNominative(pWord) },
  };
}

// ───────────────────────────── lone words ─────────────────────────────

function loneMatch(view: string, t: Token, known: Known): Match | undefined {
  const info = infoOf(t);
  if (!info) return undefined;
  // A word in capitals is a heading or an acronym unless a label says otherwise ("ФАМИЛИЯ: ИВАНОВ").
  if (t.upper) {
    const surn = info.surn.find((r) => r.dict);
    if (!surn || info.surnShare < 0.5 || info.placeShare >= 0.5) return undefined;
    return { start: t.start, end: t.end, score: 0.3, pattern: 'surname-context', facts: { last: lastName(surn, info.surnFeats, t.word) }, lone: true, requiresContext: true };
  }
  // The same person named in full elsewhere in the document.
  const surnameKeys = [surnameKey(t.word), ...info.surn.map((r) => surnameKey(r.lemma))];
  if (known.surnames.size && surnameKeys.some((k) => known.surnames.has(k))) {
    const reading = info.surn[0];
    return { start: t.start, end: t.end, score: 0.7, pattern: 'surname-again', facts: { last: lastName(reading, info.surnFeats, t.word) }, lone: true };
  }
  const nameReading = info.name.find((r) => r.dict);
  if (nameReading && info.placeShare < 0.5 && known.names.has(firstName(nameReading, t.word))) {
    return { start: t.start, end: t.end, score: 0.6, pattern: 'name-again', facts: { first: firstName(nameReading, t.word) }, lone: true };
  }
  const surn = info.surn.find((r) => r.dict);
  // Clearly a surname: the dictionary's dominant reading, not a place, not an adjective
  // ("Хмельницкой атомной электростанции").
  if (surn && info.surnShare >= 0.5 && info.placeShare < info.surnShare / 2 && !ADJECTIVAL.test(t.word)) {
    return { start: t.start, end: t.end, score: 0.6, pattern: 'surname', facts: { last: lastName(surn, info.surnFeats, t.word) }, lone: true };
  }
  // A word az does not know with a Russian surname's ending: "Радулов", "Тютину".
  if (!info.known && RUSSIAN_SURNAME.test(t.word)) {
    const reading = info.surn[0];
    return { start: t.start, end: t.end, score: 0.5, pattern: 'surname-shape', facts: { last: lastName(reading, info.surnFeats, t.word) }, lone: true };
  }
  if (info.placeShare >= 0.5) return undefined;
  // Possibly a name ("Роза", "Лев", "Орлова"): only with a context word (role, "гр.", "Я,").
  if (surn || nameReading) {
    const facts: Record<string, string> = surn ? { last: lastName(surn, info.surnFeats, t.word) } : { first: firstName(nameReading, t.word) };
    return { start: t.start, end: t.end, score: 0.3, pattern: surn ? 'surname-context' : 'name-context', facts, lone: true, requiresContext: true };
  }
  return undefined;
}

// ───────────────────────────── rejections ─────────────────────────────

function rejectedByPlace(view: string, start: number): boolean {
  const before = view.slice(Math.max(0, start - 40), start);
  return PLACE_MARKER.test(before);
}

/** Inside «…» (or "…") opened right after an organisation form on the same line. */
function insideOrgQuotes(view: string, start: number): boolean {
  const lineStart = view.lastIndexOf('\n', start - 1) + 1;
  const from = Math.max(lineStart, start - 200);
  const before = view.slice(from, start);
  let open = -1;
  let depth = 0;
  let straight = -1;
  for (let k = before.length - 1; k >= 0; k--) {
    const c = before[k];
    if (c === '»' || c === '”') depth++;
    else if (c === '«' || c === '„' || c === '“') {
      if (depth === 0) {
        open = k;
        break;
      }
      depth--;
    } else if (c === '"' && straight < 0) {
      const count = before.slice(0, k + 1).split('"').length - 1;
      if (count % 2 === 1) straight = k;
    }
  }
  const q = open >= 0 ? open : straight;
  if (q < 0) return false;
  return ORG_BEFORE_QUOTE.test(before.slice(0, q));
}
