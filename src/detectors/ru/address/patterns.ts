/**
 * Regex sources for the parts of a Russian postal address (ru-pd-reference §6.3). Markers match
 * in lower case, Capitalised and UPPER case; names are capitalised words (or capitals in forms).
 * Every part regex is sticky (`y`): the finder tries them at one position at a time.
 */
import {
  ADJ_ENDINGS,
  alternation,
  FEDERAL_CITIES,
  KRAI_STEMS,
  MOSCOW_OKRUGS,
  NOUN_ENDINGS,
  nounStem,
  OBLAST_STEMS,
  OKRUG_STEMS,
  REPUBLIC_ADJ_STEMS,
  REPUBLIC_NOUNS,
  SUBJECT_ABBREVIATIONS,
} from './gazetteer.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A marker list → regex source. Each marker is written in lower case; it also matches Capitalised
 * and UPPER case. Spaces inside a marker allow any spacing ("м. р-н" = "м.р-н"). A marker ending in
 * a letter must end a word.
 */
export function markers(list: readonly string[]): string {
  const variants = new Set<string>();
  for (const m of list) {
    variants.add(m);
    variants.add(m[0]!.toUpperCase() + m.slice(1));
    variants.add(m.toUpperCase());
  }
  return [...variants]
    .sort((a, b) => b.length - a.length)
    .map((m) => esc(m).replace(/ /g, '\\s*') + (/[\p{L}]$/u.test(m) ? '(?![\\p{L}\\d])' : ''))
    .join('|');
}

/** End of a word. */
export const WEND = '(?![\\p{L}\\d])';
/** A capitalised word (or a word in capitals), with hyphenated parts: "Ростов-на-Дону". */
export const WORD = '[А-ЯЁ][а-яёА-ЯЁ]+(?:-[А-ЯЁа-яё][а-яёА-ЯЁ]*)*(?![\\p{L}])';
/** A capitalised adjective that can open a two-word name: "Нижний Новгород", "Старый Оскол". */
const ADJ_WORD = '(?:[А-ЯЁ][а-яё]*(?:ий|ый|ой|ая|ое|ие|ые|яя|ее|ев|ов|ин)|[А-ЯЁ]+(?:ИЙ|ЫЙ|ОЙ|АЯ|ОЕ|ИЕ|ЫЕ|ЯЯ|ЕЕ|ЕВ|ОВ|ИН))';
/** A marker written with a capital ("УЛ. МИРА ДОМ 5") is not the next word of a name. */
const NOT_CAPS_MARKER =
  '(?!(?:ДОМ|Дом|КВ|Кв|КОРП|Корп|СТР|Стр|ГОР|Гор|УЛ|Ул|ОБЛ|Обл|ПОМ|Пом|ОФ|Оф|ЛИТ|Лит|ВЛ|Вл|МКР|Мкр|ПОС|Пос|ДЕР|Дер|СЕЛО|Село|ПГТ|РП|КВАРТИРА|Квартира|ДОМА|Дома)(?![\\p{L}]))';
/** What may not follow a two-word settlement name: its second word was a district or region. */
const NOT_LEVEL_WORD = '(?![ \\t]+(?:р-н|район|обл|кра[йяюе]|окр|АО(?![\\p{L}])|муниципальн))';
const QUOTED_NAME = '[«"][^«»"\\n]{1,60}[»"]';
/** A settlement's name: one or two words, or a quoted name ("СНТ «Ромашка»"). */
/** A qualifier in brackets after a name, as in KLADR lists: "Октябрьское (Челяб.)". */
const QUALIFIER = '(?:[ \\t]*\\([А-ЯЁ][а-яё]+\\.?\\))?';
/**
 * A settlement's name: a quoted name ("СНТ «Ромашка»"), an adjective and a word ("Нижний Новгород"),
 * two words before a separator ("Мыс Шмидта,"), or one word.
 */
export const SNAME =
  `(?:(?:(?:СНТ|ДНТ|ТСН|СНП|ДНП|ОНТ|ТСЖ)\\s*)?${QUOTED_NAME}` +
  `|${ADJ_WORD}[ \\t]+${NOT_CAPS_MARKER}${WORD}${NOT_LEVEL_WORD}` +
  `|${WORD}[ \\t]+${NOT_CAPS_MARKER}${WORD}(?=[ \\t]*[,;\\t\\n])` +
  `|${WORD})${QUALIFIER}`;
/** An ordinal or a number in a street name: "1-я", "8", "60-летия", "50 лет". */
const ORD = '\\d{1,3}(?:-?(?:летия|летию|я|й|ая|ий|ый|ой|го|е|ья|ое|ей))?(?:\\s+лет)?';
/** A street's name: "Пролетарская", "Карла Маркса", "8 Марта", "им. Ленина", "1-я Тверская-Ямская", "М. Горького". */
export const STNAME = `(?:${ORD}\\s+)?(?:(?:им\\.|имени)\\s*)?(?:[А-ЯЁ]\\.\\s?){0,2}${WORD}(?:[ \\t]+${NOT_CAPS_MARKER}${WORD}){0,2}`;
/** A street name before its type (KLADR "Пролетарская ул"): one word or an adjective and a word. */
const STNAME_BEFORE = `(?:${ORD}\\s+)?(?:${ADJ_WORD}[ \\t]+)?${WORD}`;

// ───────────────────────────── markers (§6.3) ─────────────────────────────

export const STREET_MARKERS = markers([
  'улица', 'улице', 'улицы', 'улицу', 'ул.', 'ул', 'проспект', 'проспекте', 'проспекта', 'просп.', 'пр-кт', 'пр-т', 'пр.',
  'проезд', 'проезде', 'пр-д', 'переулок', 'переулке', 'переулка', 'пер.', 'шоссе', 'ш.', 'набережная', 'набережной',
  'наб.', 'бульвар', 'бульваре', 'б-р', 'бул.', 'площадь', 'площади', 'пл.', 'тупик', 'туп.', 'аллея', 'ал.', 'линия',
  'лин.', 'тракт', 'квартал', 'кв-л', 'дорога', 'дор.', 'спуск', 'просека', 'въезд', 'заезд', 'тер. ул.',
]);
/** Street types written after the name. */
export const STREET_MARKERS_AFTER = markers([
  'улица', 'ул.', 'ул', 'проспект', 'просп.', 'просп', 'пр-кт', 'пр-т', 'пр.', 'проезд', 'пр-д', 'переулок', 'пер.', 'пер',
  'шоссе', 'ш.', 'ш', 'набережная', 'наб.', 'наб', 'бульвар', 'б-р', 'бул.', 'площадь', 'пл.', 'пл', 'тупик', 'туп.',
  'туп', 'аллея', 'ал.', 'линия', 'тракт', 'кв-л', 'дорога',
]);
const CITY_MARKERS = markers(['город', 'города', 'городе', 'гор.', 'г.']);
const SETTLEMENT_MARKERS = markers([
  'пгт.', 'пгт', 'п. г. т.', 'рп.', 'рп', 'р. п.', 'р/п', 'раб. пос.', 'пос.', 'поселок', 'посёлок', 'поселка', 'посёлка',
  'поселке', 'посёлке', 'п.', 'село', 'села', 'селе', 'с.', 'деревня', 'деревни', 'деревне', 'дер.', 'д.', 'станица',
  'станицы', 'станице', 'ст-ца', 'ст.', 'хутор', 'хутора', 'хуторе', 'х.', 'хут.', 'аул', 'аула', 'слобода', 'сл.',
  'микрорайон', 'микрорайона', 'мкр.', 'мкр', 'мкр-н', 'мк-н', 'м-н', 'нп', 'н. п.', 'снт', 'днт', 'тер.', 'территория',
  'кп', 'ж/м', 'жилой массив',
]);
/** Settlement types written after the name (KLADR/FIAS "Рассказово г", "Ивановка д"). */
const SETTLEMENT_MARKERS_AFTER = markers(['г.', 'г', 'гор.', 'пгт', 'рп', 'п.', 'п', 'пос.', 'с.', 'с', 'д.', 'д', 'дер.', 'ст-ца', 'х.', 'х', 'мкр', 'аул', 'сл.', 'снт']);
const HOUSE_MARKERS = markers([
  'дом', 'дома', 'доме', 'д.', 'д', 'вл.', 'владение', 'домовладение', 'домовл.', 'д/в', 'уч.', 'участок', 'з/у', 'зд.', 'здание',
]);
const BUILDING_MARKERS = markers([
  'корпус', 'корп.', 'корп', 'кор.', 'к.', 'к', 'строение', 'стр.', 'стр', 'литера', 'литер', 'лит.', 'лит', 'сооружение',
  'соор.', 'блок', 'секция',
]);
const FLAT_MARKERS = markers(['квартира', 'кв.', 'кв', 'помещение', 'пом.', 'пом', 'комната', 'комн.', 'ком.', 'офис', 'оф.', 'оф', 'кабинет', 'каб.']);
const DISTRICT_AFTER = markers([
  'район', 'района', 'районе', 'р-н', 'р-на', 'р-не', 'р-он', 'муниципальный район', 'муниципального района',
  'муниципальный округ', 'муниципального округа', 'м. р-н', 'городской округ', 'городского округа', 'г. о.', 'м. о.',
]);
const DISTRICT_BEFORE = markers([
  'район', 'р-н', 'р-он', 'муниципальный район', 'м. р-н', 'муниципальный округ', 'м. о.', 'городской округ', 'г. о.',
  'вн. тер. г.', 'вн. тер. г. муниципальный округ', 'внутригородская территория', 'сельское поселение', 'с. п.',
  'городское поселение', 'г. п.', 'поселение', 'поселение.',
]);

// ───────────────────────────── regions (§6.2) ─────────────────────────────

const OBL_TYPE = markers(['область', 'области', 'областью', 'обл.', 'обл', 'автономная область', 'автономной области', 'автономная обл.', 'а. обл.']);
const KRAI_TYPE = markers(['край', 'края', 'краю', 'крае', 'краем', 'кр.']);
const OKRUG_TYPE = `(?:${markers(['автономный округ', 'автономного округа', 'автономном округе', 'автономному округу', 'авт. окр.', 'авт. округ', 'а. о.'])}|АО${WEND})`;
const REP_TYPE = markers(['республика', 'республики', 'республике', 'республику', 'республикой', 'респ.', 'респ']);
const SUFFIX = '(?:\\s?-\\s?(?:Кузбасс|Югра|Чувашия|Алания|Якутия)|\\s*\\([А-ЯЁ][а-яё]+\\)|\\s*/[А-ЯЁ][а-яё]+/)?';
const stems = (xs: readonly string[]): string => `(?:${alternation(xs)})${ADJ_ENDINGS}`;
const nouns = (xs: readonly string[]): string =>
  `(?:${[...new Set(xs.map(nounStem))].sort((a, b) => b.length - a.length).map((n) => alternation([n])).join('|')})${NOUN_ENDINGS}${WEND}`;
/** Any capitalised adjective before "область"/"край" (the marker makes it a region; §6.2 lists the known ones). */
const ANY_ADJ = '[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:ая|ой|ую|ий|ого|ому|ом|ым)|[А-ЯЁ]+(?:-[А-ЯЁ]+)?(?:АЯ|ОЙ|УЮ|ИЙ|ОГО|ОМУ|ОМ)';

export const REGION_SOURCES: readonly string[] = [
  // "Тамбовская обл.", "Краснодарский край", "Ханты-Мансийский автономный округ - Югра"
  `(?:${stems(OBLAST_STEMS)}|${stems(KRAI_STEMS)}|${stems(OKRUG_STEMS)}|${ANY_ADJ})\\s+(?:${OBL_TYPE}|${KRAI_TYPE}|${OKRUG_TYPE})${SUFFIX}`,
  // "обл. Тамбовская", "край Краснодарский"
  `(?:${OBL_TYPE}|${KRAI_TYPE})\\s+(?:${stems(OBLAST_STEMS)}|${stems(KRAI_STEMS)})`,
  // "Республика Татарстан", "Республика Саха (Якутия)", "Респ. Башкортостан", "Республика Северная Осетия - Алания"
  `(?:${REP_TYPE})\\s+(?:${nouns(REPUBLIC_NOUNS)}|${stems(REPUBLIC_ADJ_STEMS)})${SUFFIX}`,
  // "Удмуртская Республика", "Чувашская Республика - Чувашия", "Татарстан Респ" (FIAS)
  `(?:${stems(REPUBLIC_ADJ_STEMS)}|${nouns(REPUBLIC_NOUNS)})${SUFFIX}\\s+(?:${REP_TYPE})${SUFFIX}`,
  // "Татарстан", "Башкирия" alone
  nouns(REPUBLIC_NOUNS),
  // "ХМАО-Югра", "ЯНАО", "ДНР" (inside an address only: the finder needs two more parts)
  `(?:${alternation(SUBJECT_ABBREVIATIONS)})${WEND}`,
];

export const FEDERAL_CITY_SOURCE = `(?:${nouns(FEDERAL_CITIES)}|СПб${WEND})`;
export const MOSCOW_OKRUG_SOURCE = `(?:${alternation(MOSCOW_OKRUGS)})${WEND}(?![ \\t]*[«"])`;

// ───────────────────────────── parts ─────────────────────────────

/** Postal index: 6 digits from 1, 2, 3, 4 or 6, not one group of a longer run (a passport's number). */
export const INDEX_SOURCE = '(?<![\\d)№][ .\\-]?)(?<!\\d)[1-46]\\d{5}(?!\\d)(?![ .\\-]\\d)(?![ \\t]*(?:руб|р\\.|₽|%|тыс|коп|шт))';
export const COUNTRY_SOURCE = `(?:${markers(['россия', 'российская федерация'])}|РФ${WEND}|Russia${WEND}|RUSSIA${WEND})`;

/** A house number: "23а", "23 А", "23/1", "5/2а", "12-а". */
const HOUSE_NUM =
  '\\d{1,4}(?:[А-Яа-яA-Za-z](?![\\p{L}\\d])|-\\s?[А-Яа-я](?![\\p{L}\\d])|[ \\t][А-ЯA-Z](?![\\p{L}\\d.]))?(?:\\s?/\\s?\\d{1,4}(?:[А-Яа-я](?![\\p{L}]))?)?';
/** Compact building after the number: "5к2", "5 к2", "5стр1", "5с1". */
const COMPACT_BUILDING = '(?:\\s?(?:к|корп\\.?|стр\\.?|с)\\s?(?<cb>\\d{1,3}[А-Яа-я]?)(?![\\p{L}\\d]))?';
/** Flat in the shorthand "5-17". */
const DASH_FLAT = '(?:\\s?-\\s?(?<df>\\d{1,4})(?![\\p{L}\\d/]))?';

/** A form field's colon after a marker: "Дом: 5", "Улица: Мира". */
const COLON = '(?:[ \\t]*:)?';

export const HOUSE_SOURCE = `(?<m>${HOUSE_MARKERS})${COLON}\\s*(?:№\\s*)?(?<v>${HOUSE_NUM})${COMPACT_BUILDING}${DASH_FLAT}(?![\\d])`;
export const BARE_HOUSE_SOURCE = `(?<v>${HOUSE_NUM})${COMPACT_BUILDING}${DASH_FLAT}(?![\\p{L}\\d])`;
export const POBOX_SOURCE = `(?:${markers(['а/я', 'абонентский ящик'])})\\s*(?:№\\s*)?(?<v>\\d{1,6})(?!\\d)`;
export const BUILDING_SOURCE = `(?<m>${BUILDING_MARKERS})${COLON}\\s*(?:№\\s*)?(?<v>\\d{1,3}[А-Яа-я]?(?![\\p{L}\\d])|[А-ЯA-Z](?![\\p{L}\\d]))`;
export const FLAT_SOURCE = `(?<m>${FLAT_MARKERS})${COLON}\\s*(?:№\\s*)?(?<v>\\d{1,5}(?:[А-Яа-яA-Z](?![\\p{L}\\d]))?(?![\\p{L}\\d])|[IVXLC]{1,6}(?![\\p{L}\\d]))`;

export const STREET_SOURCE = `(?<m>${STREET_MARKERS})${COLON}\\s*(?<v>${STNAME})`;
export const STREET_AFTER_SOURCE = `(?<v>${STNAME_BEFORE})[ \\t]+(?<m>${STREET_MARKERS_AFTER})`;
/** "5-я линия В.О.", "3-й Тверской-Ямской пер." start with the ordinal. */
export const LINE_SOURCE = `(?<v>\\d{1,2}-?(?:я|й))[ \\t]+(?<m>${markers(['линия', 'лин.'])})(?:\\s+В\\.\\s?О\\.)?`;

export const CITY_SOURCE = `(?<m>${CITY_MARKERS}|[гГ](?=[ \\t]+[А-ЯЁ]))${COLON}\\s*(?<v>${FEDERAL_CITY_SOURCE}|${SNAME})`;
export const SETTLEMENT_SOURCE = `(?<m>${SETTLEMENT_MARKERS})${COLON}\\s*(?<v>${SNAME})|(?<m2>${markers(['микрорайон', 'мкр.', 'мкр', 'мкр-н', 'мк-н'])})\\s*(?<v2>\\d{1,3}(?![\\p{L}\\d]))`;
export const NUMBERED_MKR_SOURCE = `(?<v>\\d{1,2}-?(?:й|ый|ий)?)[ \\t]+(?<m>${markers(['мкр.', 'мкр', 'микрорайон', 'мкр-н'])})`;
export const SETTLEMENT_AFTER_SOURCE = `(?<v>${SNAME})[ \\t]+(?<m>${SETTLEMENT_MARKERS_AFTER})(?=[ \\t]*(?:[,;\\t"\\n]|$))`;

export const DISTRICT_AFTER_SOURCE = `(?<v>${WORD})[ \\t]+(?<m>${DISTRICT_AFTER})`;
export const DISTRICT_BEFORE_SOURCE = `(?<m>${DISTRICT_BEFORE})${COLON}\\s+(?:(?:город|г\\.)\\s*)?(?<v>${SNAME})`;

/** Labels of address fields that are no part themselves ("Индекс:", "Населенный пункт:"), with the part they announce. */
export const FIELD_LABEL_SOURCE = `(?:(?<index>${markers(['почтовый индекс', 'индекс'])})|(?<region>${markers(['регион', 'субъект рф', 'субъект', 'область', 'край', 'республика'])})|(?<district>${markers(['район'])})|(?<city>${markers(['населенный пункт', 'населённый пункт', 'нас. пункт', 'город'])})|(?<street>${markers(['улица'])})|(?<country>${markers(['страна'])}))[ \\t]*:`;
/** A bare name after a field label. */
export const BARE_NAME_SOURCE = `(?:${SNAME})`;
export const BARE_STREET_SOURCE = `(?:${STNAME})`;
