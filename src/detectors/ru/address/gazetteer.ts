/**
 * Federal subjects of Russia (ru-pd-reference §6.2): the 89 subjects of the Constitution since
 * October 2022, their common short forms and the historical names still found in old files.
 *
 * Adjectival names ("Тамбовская область") are kept as stems so every case matches
 * ("Тамбовской обл.", "Тамбовскую область"); noun names ("Татарстан", "Чувашия") as written.
 */

/** Oblasts (48 + historical Пермская, Читинская, Камчатская): adjective stems before "область". */
export const OBLAST_STEMS = [
  'Амурск', 'Архангельск', 'Астраханск', 'Белгородск', 'Брянск', 'Владимирск', 'Волгоградск',
  'Вологодск', 'Воронежск', 'Запорожск', 'Ивановск', 'Иркутск', 'Калининградск', 'Калужск',
  'Кемеровск', 'Кировск', 'Костромск', 'Курганск', 'Курск', 'Ленинградск', 'Липецк', 'Магаданск',
  'Московск', 'Мурманск', 'Нижегородск', 'Новгородск', 'Новосибирск', 'Омск', 'Оренбургск',
  'Орловск', 'Пензенск', 'Псковск', 'Ростовск', 'Рязанск', 'Самарск', 'Саратовск', 'Сахалинск',
  'Свердловск', 'Смоленск', 'Тамбовск', 'Тверск', 'Томск', 'Тульск', 'Тюменск', 'Ульяновск',
  'Херсонск', 'Челябинск', 'Ярославск', 'Еврейск',
  // historical
  'Пермск', 'Читинск', 'Камчатск', 'Горьковск', 'Куйбышевск', 'Калининск',
] as const;

/** Krais (9): adjective stems before "край". */
export const KRAI_STEMS = [
  'Алтайск', 'Забайкальск', 'Камчатск', 'Краснодарск', 'Красноярск', 'Пермск', 'Приморск',
  'Ставропольск', 'Хабаровск',
] as const;

/** Autonomous okrugs (4 + historical): adjective stems before "автономный округ"/"АО". */
export const OKRUG_STEMS = [
  'Ненецк', 'Ханты-Мансийск', 'Чукотск', 'Ямало-Ненецк',
  // historical
  'Агинск', 'Коми-Пермяцк', 'Корякск', 'Таймырск', 'Долгано-Ненецк', 'Эвенкийск', 'Усть-Ордынск',
] as const;

/** Republics written as an adjective with "Республика" ("Удмуртская Республика"). */
export const REPUBLIC_ADJ_STEMS = [
  'Донецк', 'Кабардино-Балкарск', 'Карачаево-Черкесск', 'Луганск', 'Удмуртск', 'Чеченск',
  'Чувашск',
] as const;

/**
 * Republics and other subjects named by a noun ("Республика Татарстан", or alone). Inflected forms
 * are matched through the endings in `NOUN_ENDINGS`.
 */
export const REPUBLIC_NOUNS = [
  'Адыгея', 'Алтай', 'Башкортостан', 'Башкирия', 'Бурятия', 'Дагестан', 'Ингушетия', 'Калмыкия',
  'Карелия', 'Коми', 'Крым', 'Марий Эл', 'Мордовия', 'Саха', 'Якутия', 'Северная Осетия',
  'Северная Осетия - Алания', 'Алания', 'Татарстан', 'Тыва', 'Тува', 'Удмуртия', 'Хакасия', 'Чечня',
  'Чувашия', 'Кузбасс', 'Югра',
] as const;

/** Cities of federal significance and their historical names (also settlements in an address). */
export const FEDERAL_CITIES = ['Москва', 'Санкт-Петербург', 'Севастополь', 'Ленинград'] as const;

/** Short forms of subjects ("ХМАО", "ДНР", "СПб"). Ambiguous ones ("МО", "РБ") only count inside an address. */
export const SUBJECT_ABBREVIATIONS = [
  'ХМАО-Югра', 'ХМАО - Югра', 'ХМАО', 'ЯНАО', 'НАО', 'ЧАО', 'ЕАО', 'ДНР', 'ЛНР', 'КБР', 'КЧР',
  'РСО-Алания', 'РСО', 'МО', 'ЛО', 'РБ', 'РТ', 'РК', 'РД', 'РС(Я)', 'УР', 'ЧР',
] as const;

/** Administrative okrugs of Moscow (a district level in Moscow addresses). */
export const MOSCOW_OKRUGS = [
  'ЦАО', 'САО', 'СВАО', 'ВАО', 'ЮВАО', 'ЮАО', 'ЮЗАО', 'ЗАО', 'СЗАО', 'ЗелАО', 'ТиНАО', 'НАО', 'ТАО',
] as const;

/** Case endings of adjectives (all genders, singular). */
export const ADJ_ENDINGS = '(?:ая|ой|ую|ий|ого|ому|ом|им|ое|ые|их)';
/** Case endings of nouns ("Татарстан", "Татарстана", "Чувашии", "Чувашией"). */
export const NOUN_ENDINGS = '(?:|а|ы|у|е|ой|ом|ем|ия|ии|ию|ией|ея|еи|ею|ей|я|ю|и|ь)';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+').replace(/\\?-/g, '\\s?-\\s?');

export const alternation = (xs: readonly string[]): string =>
  [...new Set(xs)].sort((a, b) => b.length - a.length).map(escape).join('|');

/** A noun name ending in -ия/-ея/-ан loses its ending before the case endings are added. */
export function nounStem(noun: string): string {
  if (/(?:ия|ея)$/.test(noun)) return noun.slice(0, -2);
  if (/[аяь]$/.test(noun)) return noun.slice(0, -1);
  return noun;
}
