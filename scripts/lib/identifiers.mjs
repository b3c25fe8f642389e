// identifiers.mjs — deterministic generators and checksums for Russian personal-data identifiers.
//
// Shared by scripts/generate-fixtures.mjs (the committed test corpus) and bench/text-throughput.mjs
// (the large benchmark corpus). Checksums are ported from /work/shared/docs/verify-examples.mjs
// (ru-pd-reference.md §2–§4); every generator returns values whose checksum/structure is VALID,
// and the `invalid*` helpers return near-miss values that must FAIL validation (decoys).
//
// Everything is driven by an explicit seeded PRNG (`Rng`, mulberry32): no Math.random, no Date.now.

// ───────────────────────────── PRNG ─────────────────────────────

/** mulberry32: tiny, fast, good enough for fixtures. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max] (both inclusive). */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  bool(p = 0.5) {
    return this.next() < p;
  }
  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  shuffle(arr) {
    const a = [...arr];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

// ───────────────────────────── helpers ─────────────────────────────

const digitAt = (s, i) => s.charCodeAt(i) - 48;
export const onlyDigits = (s) => s.replace(/\D/g, '');
const pad = (n, w) => String(n).padStart(w, '0');

function weightedSum(digits, weights) {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += digitAt(digits, i) * weights[i];
  return s;
}
function modDecimal(digits, m) {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + digitAt(digits, i)) % m;
  return r;
}

// ───────────────────────────── СНИЛС ─────────────────────────────

export function snilsControl(body9) {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(body9, i) * (9 - i);
  return (sum % 101) % 100;
}
export function isValidSnils(raw) {
  const s = onlyDigits(raw);
  if (s.length !== 11) return false;
  if (Number(s.slice(0, 9)) <= 1001998) return true;
  return snilsControl(s.slice(0, 9)) === Number(s.slice(9));
}
/** 11 digits, body > 001-001-998 (so the checksum is meaningful). */
export function genSnilsDigits(rng) {
  let body;
  do body = rng.digits(9);
  while (Number(body) <= 1001998);
  return body + pad(snilsControl(body), 2);
}
export const fmtSnils = (d, style = 'dash') => {
  const [a, b, c, k] = [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9), d.slice(9)];
  if (style === 'dash') return `${a}-${b}-${c} ${k}`;
  if (style === 'dash4') return `${a}-${b}-${c}-${k}`;
  if (style === 'space') return `${a} ${b} ${c} ${k}`;
  return d;
};
/** Same shape, wrong control number. */
export function invalidSnilsDigits(rng) {
  const d = genSnilsDigits(rng);
  const k = (Number(d.slice(9)) + rng.int(1, 40)) % 100;
  const bad = d.slice(0, 9) + pad(k, 2);
  return isValidSnils(bad) ? invalidSnilsDigits(rng) : bad;
}

// ───────────────────────────── ИНН ─────────────────────────────

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12A = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12B = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** @returns {false | 'organisation' | 'individual'} */
export function innKind(raw) {
  const s = onlyDigits(raw);
  if (s.startsWith('00')) return false;
  if (s.length === 10) return (weightedSum(s, W10) % 11) % 10 === digitAt(s, 9) ? 'organisation' : false;
  if (s.length === 12) {
    const c11 = (weightedSum(s, W12A) % 11) % 10;
    const c12 = (weightedSum(s, W12B) % 11) % 10;
    return c11 === digitAt(s, 10) && c12 === digitAt(s, 11) ? 'individual' : false;
  }
  return false;
}

/** Subject codes of tax offices (ФНС numbering) used for realistic prefixes. */
export const TAX_REGIONS = ['77', '50', '78', '68', '16', '66', '54', '52', '61', '23', '02', '63', '36', '74'];

export function genInnPerson(rng, region = rng.pick(TAX_REGIONS)) {
  const body = region + pad(rng.int(1, 51), 2) + rng.digits(6);
  const c11 = (weightedSum(body, W12A) % 11) % 10;
  const with11 = body + c11;
  const c12 = (weightedSum(with11, W12B) % 11) % 10;
  return with11 + c12;
}
export function genInnOrg(rng, region = rng.pick(TAX_REGIONS)) {
  const body = region + pad(rng.int(1, 51), 2) + rng.digits(5);
  return body + ((weightedSum(body, W10) % 11) % 10);
}
export function invalidInnPerson(rng) {
  const d = genInnPerson(rng);
  const bad = d.slice(0, 10) + ((digitAt(d, 10) + rng.int(1, 9)) % 10) + d[11];
  return innKind(bad) ? invalidInnPerson(rng) : bad;
}
export function invalidInnOrg(rng) {
  const d = genInnOrg(rng);
  const bad = d.slice(0, 9) + ((digitAt(d, 9) + rng.int(1, 9)) % 10);
  return innKind(bad) ? invalidInnOrg(rng) : bad;
}

// ───────────────────────────── ОГРН / ОГРНИП ─────────────────────────────

/** @returns {false | 'ogrn' | 'grn' | 'ogrnip' | 'grnip'} */
export function ogrnKind(raw) {
  const s = onlyDigits(raw);
  if (s.length === 13) {
    if ('034'.includes(s[0])) return false;
    return modDecimal(s.slice(0, 12), 11) % 10 === digitAt(s, 12) ? (s[0] === '1' || s[0] === '5' ? 'ogrn' : 'grn') : false;
  }
  if (s.length === 15) {
    if (s[0] !== '3' && s[0] !== '4') return false;
    return modDecimal(s.slice(0, 14), 13) % 10 === digitAt(s, 14) ? (s[0] === '3' ? 'ogrnip' : 'grnip') : false;
  }
  return false;
}
export function genOgrn(rng, region = rng.pick(TAX_REGIONS)) {
  const body = rng.pick(['1', '5']) + pad(rng.int(2, 23), 2) + region + pad(rng.int(1, 51), 2) + rng.digits(5);
  return body + (modDecimal(body, 11) % 10);
}
export function genOgrnip(rng, region = rng.pick(TAX_REGIONS)) {
  const body = '3' + pad(rng.int(4, 23), 2) + region + rng.digits(9);
  return body + (modDecimal(body, 13) % 10);
}
export function invalidOgrn(rng) {
  const d = genOgrn(rng);
  const bad = d.slice(0, 12) + ((digitAt(d, 12) + rng.int(1, 9)) % 10);
  return ogrnKind(bad) ? invalidOgrn(rng) : bad;
}

// ───────────────────────────── Luhn: cards, ОМС ─────────────────────────────

export function luhnValid(digits) {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digitAt(digits, i);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}
/** Append the Luhn check digit to a body. */
export function luhnComplete(body) {
  for (let c = 0; c <= 9; c++) if (luhnValid(body + c)) return body + c;
  throw new Error('unreachable');
}
/** 16-digit card: 'mir' (2200–2204), 'visa' (4…), 'mc' (51–55). */
export function genCardDigits(rng, scheme = 'mir') {
  const prefix = scheme === 'mir' ? '220' + rng.int(0, 4) : scheme === 'visa' ? '4' + rng.digits(3) : '5' + rng.int(1, 5) + rng.digits(2);
  return luhnComplete(prefix + rng.digits(11));
}
export function invalidCardDigits(rng, scheme = 'mir') {
  const d = genCardDigits(rng, scheme);
  return d.slice(0, 15) + ((digitAt(d, 15) + rng.int(1, 9)) % 10);
}
export const fmtGroups4 = (d, sep = ' ') => d.match(/.{1,4}/g).join(sep);

/** ЕНП полиса ОМС: 16 digits, Luhn (the reported rule), first digits a region code (not a card BIN). */
export function genOmsDigits(rng) {
  const region = rng.pick(['77', '50', '68', '78', '16', '61', '66']);
  return luhnComplete(region + rng.digits(13));
}

// ───────────────────────────── банковский счёт ─────────────────────────────

/** Real banks' public requisites (BIK + correspondent account), used for account keys. */
export const BANKS = [
  { name: 'ПАО Сбербанк', city: 'г. Москва', bik: '044525225', corr: '30101810400000000225' },
  { name: 'Банк ВТБ (ПАО)', city: 'г. Москва', bik: '044525187', corr: '30101810700000000187' },
  { name: 'АО «Альфа-Банк»', city: 'г. Москва', bik: '044525593', corr: '30101810200000000593' },
  { name: 'Банк ГПБ (АО)', city: 'г. Москва', bik: '044525823', corr: '30101810200000000823' },
];

export function accountKeyValid(account, bik) {
  const a = onlyDigits(account);
  const b = onlyDigits(bik);
  if (a.length !== 20 || !/^0\d{8}$/.test(b)) return false;
  const prefix = a.startsWith('30101') || a.startsWith('40102') ? '0' + b.slice(4, 6) : b.slice(6, 9);
  const s = prefix + a;
  const w = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < 23; i++) sum += digitAt(s, i) * w[i % 3];
  return sum % 10 === 0;
}
/** Fill in the control key (digit 9) of a 20-digit account for a BIK. */
export function withAccountKey(account20, bik) {
  for (let k = 0; k <= 9; k++) {
    const a = account20.slice(0, 8) + k + account20.slice(9);
    if (accountKeyValid(a, bik)) return a;
  }
  throw new Error('no key');
}
/** balance: '40817' person, '40802' entrepreneur, '40702' company. */
export function genAccount(rng, balance, bik) {
  const raw = balance + '810' + '0' + (rng.bool(0.7) ? '0000' : rng.digits(4)) + rng.digits(7);
  return withAccountKey(raw, bik);
}
export const fmtAccountGroups = (a) => `${a.slice(0, 5)} ${a.slice(5, 8)} ${a[8]} ${a.slice(9, 13)} ${a.slice(13)}`;

// ───────────────────────────── документы ─────────────────────────────

/** Two-digit OKATO codes for passport series (region of the blank), with realistic weights. */
export const PASSPORT_REGIONS = ['45', '46', '40', '68', '92', '60', '65', '80', '22', '03', '36', '52'];

/** Passport for someone born in `birthYear`: blank year ≥ issue at 14/20/45 and ≤ 2024. */
export function genPassport(rng, birthYear) {
  const ages = [14, 20, 45].filter((a) => birthYear + a <= 2024);
  const issueYear = Math.min(2024, birthYear + ages[ages.length - 1] + rng.int(0, 1));
  const blankYear = Math.max(1997, issueYear - rng.int(0, 1));
  const series = rng.pick(PASSPORT_REGIONS) + pad(blankYear % 100, 2);
  const number = pad(rng.int(100001, 999999), 6);
  const issue = { d: rng.int(1, 28), m: rng.int(1, 12), y: Math.max(issueYear, blankYear) };
  const division = `${pad(rng.int(1, 92), 2)}${rng.int(0, 3)}-${pad(rng.int(1, 99), 3)}`;
  return { series, number, issue, division };
}
export const fmtPassport = (p, style = 'spaced') =>
  style === 'spaced' ? `${p.series.slice(0, 2)} ${p.series.slice(2)} ${p.number}`
    : style === 'compact4' ? `${p.series} ${p.number}`
      : style === 'numero' ? `${p.series.slice(0, 2)} ${p.series.slice(2)} № ${p.number}`
        : style === 'numero4' ? `${p.series} № ${p.number}`
          : `${p.series}${p.number}`;

export function genForeignPassport(rng) {
  return { series: rng.pick(['75', '76', '77', '72', '65', '53']), number: pad(rng.int(1000001, 9999999), 7) };
}
const MIL_LETTERS = ['АК', 'АМ', 'АН', 'АС', 'АЕ', 'БВ', 'ВК', 'НК', 'АО', 'АХ'];
export function genMilitaryId(rng) {
  return { series: rng.pick(MIL_LETTERS), number: pad(rng.int(1000001, 9999999), 7) };
}
const PLATE_LETTERS = 'АВЕКМНОРСТУХ';
export function genDriverLicense(rng, { old = false } = {}) {
  const region = rng.pick(['77', '50', '68', '78', '99', '16']);
  const mid = old ? rng.pick([...PLATE_LETTERS]) + rng.pick([...PLATE_LETTERS]) : pad(rng.int(10, 35), 2);
  return { region, mid, number: pad(rng.int(100001, 999999), 6) };
}
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const ZAGS_LETTERS = ['ЖО', 'МЮ', 'КВ', 'РУ', 'ИК', 'АГ', 'ЛА', 'ВС'];
export function genBirthCertificate(rng) {
  return { roman: rng.pick(ROMAN), letters: rng.pick(ZAGS_LETTERS), number: pad(rng.int(100001, 999999), 6) };
}

// ───────────────────────────── телефоны, e-mail, даты ─────────────────────────────

const MOBILE_CODES = ['903', '905', '906', '909', '910', '915', '916', '917', '919', '925', '926', '929', '960', '962', '965', '977', '985', '999'];
const CITY_CODES = [['495', 7], ['499', 7], ['812', 7], ['4752', 6], ['843', 7], ['383', 7]];

/** 10-digit national number. kind: 'mobile' | 'city'. Returns { code, subscriber, national }. */
export function genPhone(rng, kind = 'mobile') {
  if (kind === 'mobile') {
    const code = rng.pick(MOBILE_CODES);
    const sub = pad(rng.int(1000000, 9999999), 7);
    return { code, subscriber: sub, national: code + sub };
  }
  const [code, len] = rng.pick(CITY_CODES);
  const sub = String(rng.int(2, 9)) + rng.digits(len - 1);
  return { code, subscriber: sub, national: code + sub };
}
/** Subscriber part grouped the Russian way: 123-45-67 / 12-34-56. */
const groupSub = (s, sep = '-') => (s.length === 7 ? `${s.slice(0, 3)}${sep}${s.slice(3, 5)}${sep}${s.slice(5)}` : `${s.slice(0, 2)}${sep}${s.slice(2, 4)}${sep}${s.slice(4)}`);
export function fmtPhone(p, style) {
  switch (style) {
    case 'intl-brackets': return `+7 (${p.code}) ${groupSub(p.subscriber)}`;
    case 'trunk-brackets': return `8 (${p.code}) ${groupSub(p.subscriber)}`;
    case 'trunk-dashes': return `8-${p.code}-${groupSub(p.subscriber)}`;
    case 'intl-compact': return `+7${p.national}`;
    case 'trunk-compact': return `8${p.national}`;
    case 'intl-spaces': return `+7 ${p.code} ${groupSub(p.subscriber, ' ')}`;
    case 'intl-nobreak': return `+7(${p.code})${groupSub(p.subscriber)}`;
    default: throw new Error(`phone style ${style}`);
  }
}
export const PHONE_STYLES = ['intl-brackets', 'trunk-brackets', 'trunk-dashes', 'intl-compact', 'trunk-compact', 'intl-spaces', 'intl-nobreak'];

const TRANSLIT = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};
export const translit = (s) => [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('').replace(/[^a-z0-9]/g, '');

const MAIL_DOMAINS = ['mail.ru', 'yandex.ru', 'ya.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'gmail.com', 'rambler.ru'];
export function genEmail(rng, person, domain = rng.pick(MAIL_DOMAINS)) {
  const f = translit(person.first);
  const l = translit(person.last);
  const style = rng.int(0, 3);
  const local = style === 0 ? `${f}.${l}` : style === 1 ? `${f[0]}.${l}` : style === 2 ? `${l}${rng.int(70, 99)}` : `${l}.${f[0]}${rng.int(1, 9)}`;
  return `${local}@${domain}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function genDate(rng, fromYear, toYear) {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const d = rng.int(1, m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
  return { d, m, y };
}
export const fmtDate = ({ d, m, y }) => `${pad(d, 2)}.${pad(m, 2)}.${y}`;
export const fmtDateIso = ({ d, m, y }) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;
export const MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
export const fmtDateWords = ({ d, m, y }) => `${d} ${MONTHS_GEN[m - 1]} ${y}`;

// ───────────────────────────── self-check against the reference examples ─────────────────────────────

export function selfCheck() {
  const ok = (cond, what) => {
    if (!cond) throw new Error(`identifiers self-check failed: ${what}`);
  };
  ok(isValidSnils('112-233-445 95'), 'snils 112-233-445 95');
  ok(isValidSnils('006-996-682 00'), 'snils 006-996-682 00');
  ok(!isValidSnils('112-233-445 96'), 'snils 112-233-445 96');
  ok(innKind('7707083893') === 'organisation', 'inn 7707083893');
  ok(innKind('770123456703') === 'individual', 'inn 770123456703');
  ok(!innKind('770123456730'), 'inn 770123456730');
  ok(ogrnKind('1027700132195') === 'ogrn', 'ogrn');
  ok(ogrnKind('304500116000050') === 'ogrnip', 'ogrnip remainder 10');
  ok(!ogrnKind('304500116000158'), 'ogrnip bad');
  ok(luhnValid('2200000000000004') && !luhnValid('2200000000000005'), 'luhn');
  ok(accountKeyValid('40602810700000000025', '049805746'), 'account key (CBR example)');
  ok(accountKeyValid('40817810700000000001', '044525225'), 'account key 40817');
  ok(!accountKeyValid('40817810800000000001', '044525225'), 'account key bad');
  for (const b of BANKS) ok(accountKeyValid(b.corr, b.bik), `corr account of ${b.name}`);
}
