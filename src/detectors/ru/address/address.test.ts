import { describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { findAddresses } from './find-addresses.js';
import address from './index.js';

// ru-pd-reference §6.4 worked examples (the ✓ rows), the markers of §6.3, and the orders seen in
// documents: natural, reverse, KLADR/FIAS (type after the name), several lines.
testDetector(address, {
  valid: [
    {
      text: '393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а',
      values: ['393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а'],
    },
    { text: 'г. Москва, пр-т Мира, д. 5, корп. 2, кв. 17', values: ['г. Москва, пр-т Мира, д. 5, корп. 2, кв. 17'] },
    // KLADR order: types after the names
    { text: '393251, Тамбовская обл, Рассказово г, Пролетарская ул, д 23а', values: ['393251, Тамбовская обл, Рассказово г, Пролетарская ул, д 23а'] },
    // reverse order
    { text: 'кв. 17, д. 5, ул. Мира, г. Москва, 101000', values: ['кв. 17, д. 5, ул. Мира, г. Москва, 101000'] },
    {
      text: 'ул. Пролетарская, д. 23а, г. Рассказово, Тамбовская обл., 393251',
      values: ['ул. Пролетарская, д. 23а, г. Рассказово, Тамбовская обл., 393251'],
    },
    // several lines
    { text: 'Адрес регистрации:\n123456, г. Москва,\nул. Тверская, д. 5,\nкв. 7', values: ['123456, г. Москва,\nул. Тверская, д. 5,\nкв. 7'] },
    { text: 'зарегистрирован по адресу: 123456, г. Москва, ул. Тверская, д. 5, кв. 7', values: ['123456, г. Москва, ул. Тверская, д. 5, кв. 7'] },
    // shorthand house-flat, compact building, house with a slash
    { text: 'проживает: ул. Мира, 5-17', values: ['ул. Мира, 5-17'] },
    { text: 'г. Москва, ул. Лесная, д. 5к2, кв. 10', values: ['г. Москва, ул. Лесная, д. 5к2, кв. 10'] },
    { text: 'г. Тамбов, ул. Советская, д. 23/1, кв. 4', values: ['г. Тамбов, ул. Советская, д. 23/1, кв. 4'] },
    // FIAS without dots, capitals of a form, OCR look-alikes (Latin М, Т)
    { text: 'г Москва, ул Тверская, д 5, кв 7', values: ['г Москва, ул Тверская, д 5, кв 7'] },
    { text: 'Г. МОСКВА, УЛ. ТВЕРСКАЯ, Д. 5, КВ. 7', values: ['Г. МОСКВА, УЛ. ТВЕРСКАЯ, Д. 5, КВ. 7'] },
    { text: 'г. Mосква, ул. Tверская, д. 5, кв. 7', values: ['г. Mосква, ул. Tверская, д. 5, кв. 7'] },
    // "д." before the street is a village, after it a house
    {
      text: 'Тамбовская обл., Рассказовский р-н, д. Ивановка, ул. Садовая, д. 3',
      values: ['Тамбовская обл., Рассказовский р-н, д. Ивановка, ул. Садовая, д. 3'],
    },
    {
      text: 'с. Красное Рассказовского района Тамбовской области, ул. Мира, д. 1',
      values: ['с. Красное Рассказовского района Тамбовской области, ул. Мира, д. 1'],
    },
    // gazetteer: a republic by its noun, an abbreviation, a federal city, historical names
    {
      text: 'Россия, 620014, Свердловская область, г. Екатеринбург, ул. Малышева, д. 51, кв. 3',
      values: ['Россия, 620014, Свердловская область, г. Екатеринбург, ул. Малышева, д. 51, кв. 3'],
    },
    { text: 'ХМАО-Югра, г. Сургут, ул. Ленина, д. 1', values: ['ХМАО-Югра, г. Сургут, ул. Ленина, д. 1'] },
    { text: 'Башкортостан, г. Уфа, ул. Ленина, д. 2', values: ['Башкортостан, г. Уфа, ул. Ленина, д. 2'] },
    { text: 'Читинская обл., г. Чита, ул. Амурская, д. 3', values: ['Читинская обл., г. Чита, ул. Амурская, д. 3'] },
    { text: 'Ленинград, Невский пр., д. 28, кв. 1', values: ['Ленинград, Невский пр., д. 28, кв. 1'] },
    {
      text: 'г. Санкт-Петербург, 5-я линия В.О., д. 10, лит. А, кв. 3',
      values: ['г. Санкт-Петербург, 5-я линия В.О., д. 10, лит. А, кв. 3'],
    },
    { text: 'г. Нижний Новгород, ул. Большая Покровская, д. 1', values: ['г. Нижний Новгород, ул. Большая Покровская, д. 1'] },
    { text: 'Адрес: ул. Ленина, д. 5', values: ['ул. Ленина, д. 5'] },
    // a table row (cells joined by tabs)
    { text: '1\t393251\tТамбовская обл.\tРассказово г\tПролетарская ул\t23а', values: ['393251\tТамбовская обл.\tРассказово г\tПролетарская ул\t23а'] },
    // two addresses in a row are two findings
    {
      text: 'адрес регистрации: г. Тамбов, ул. Мира, д. 1, кв. 2; фактический адрес: г. Тамбов, ул. Советская, д. 3, кв. 4',
      values: ['г. Тамбов, ул. Мира, д. 1, кв. 2', 'г. Тамбов, ул. Советская, д. 3, кв. 4'],
    },
  ],
  invalid: [
    'паспорт 45 03 123456',
    'адрес регистрации: ______________________',
    'п. 5 ст. 6 Закона № 152-ФЗ, и т.д. 5 раз',
    'ул. Мира',
    'г. Москва, ул. Тверская',
    'Иванов И. И., Петров П. П.',
    'место нахождения: 393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а',
    'стр. 5, гл. 2, п. 3',
    'в 2020 г. Москва приняла 5 законов',
  ],
  together: [
    {
      text: 'паспорт 4503 123456, зарегистрирован по адресу: 393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а',
      expect: [
        { type: 'RU_PASSPORT', value: '4503 123456' },
        { type: 'ADDRESS', value: '393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а' },
      ],
    },
    {
      text: 'тел. 8 (916) 123-45-67, адрес: 393251, г. Рассказово, ул. Пролетарская, д. 23а, кв. 5',
      expect: [
        { type: 'PHONE_NUMBER', value: '8 (916) 123-45-67' },
        { type: 'ADDRESS', value: '393251, г. Рассказово, ул. Пролетарская, д. 23а, кв. 5' },
      ],
    },
    // the passport number's last six digits look like an index: not an address part
    {
      text: 'паспорт 45 03 123456, г. Москва, ул. Тверская, д. 5, кв. 7',
      expect: [
        { type: 'RU_PASSPORT', value: '45 03 123456' },
        { type: 'ADDRESS', value: 'г. Москва, ул. Тверская, д. 5, кв. 7' },
      ],
    },
    // a street named after a person stays part of the address (no PERSON inside it)
    {
      text: 'г. Москва, ул. Льва Толстого, д. 16, кв. 5',
      expect: [{ type: 'ADDRESS', value: 'г. Москва, ул. Льва Толстого, д. 16, кв. 5' }],
    },
    { text: 'в соответствии со ст. 86, гл. 14 ТК РФ', expect: [] },
    { text: 'д. 23а', expect: [] },
  ],
});

describe('address parts (facts)', () => {
  it('the §6.4 example has 5 parts', () => {
    const [a] = findAddresses('393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а');
    expect(a?.facts).toEqual({ index: '393251', region: 'Тамбовская обл.', city: 'Рассказово', street: 'ул. Пролетарская', house: '23а' });
    expect(a?.parts).toHaveLength(5);
  });

  it('building and flat, also from compact and shorthand forms', () => {
    expect(findAddresses('г. Москва, пр-т Мира, д. 5, корп. 2, кв. 17')[0]?.facts).toEqual({
      city: 'Москва',
      street: 'пр-т Мира',
      house: '5',
      building: '2',
      flat: '17',
    });
    expect(findAddresses('г. Москва, ул. Лесная, д. 5к2, кв. 10')[0]?.facts).toMatchObject({ house: '5', building: '2', flat: '10' });
    expect(findAddresses('проживает: ул. Мира, 5-17')[0]?.facts).toEqual({ street: 'ул. Мира', house: '5', flat: '17' });
  });

  it('village and district', () => {
    expect(findAddresses('Тамбовская обл., Рассказовский р-н, д. Ивановка, ул. Садовая, д. 3')[0]?.facts).toEqual({
      region: 'Тамбовская обл.',
      district: 'Рассказовский р-н',
      settlement: 'д. Ивановка',
      street: 'ул. Садовая',
      house: '3',
    });
  });

  it('a finding carries its parts as facts', () => {
    const [f] = findValues(address, 'Республика Татарстан, г. Казань, ул. Баумана, д. 1');
    expect(f?.facts).toEqual({ region: 'Республика Татарстан', city: 'Казань', street: 'ул. Баумана', house: '1' });
  });
});

describe('speed', () => {
  it('prose without addresses is scanned fast (anchors first)', () => {
    const para =
      'Работодатель обрабатывает персональные данные работников в соответствии со ст. 86 ТК РФ, п. 5 ст. 6 ' +
      'Федерального закона от 27.07.2006 г. № 152-ФЗ, и т.д.; сведения хранятся в отделе кадров, на стр. 12 ' +
      'указаны сроки. Дом культуры и площадь перед ним открыты для всех. ';
    const text = para.repeat(Math.ceil(2_000_000 / para.length));
    const t0 = performance.now();
    expect(findAddresses(text)).toEqual([]);
    const ms = performance.now() - t0;
    const mbps = text.length / 1e6 / (ms / 1000);
    console.log(`address finder: ${(text.length / 1e6).toFixed(1)} M chars of prose in ${ms.toFixed(0)} ms (${mbps.toFixed(0)} M chars/s)`);
    expect(mbps).toBeGreaterThan(5);
  });
});
