import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../detectors/types.js';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import { applyPieces } from '../segment-edits.js';
import { ageBand, generalizeValue } from './generalize.js';
import { planEdits } from './index.js';

async function findings(text: string) {
  const { doc, all } = await analyzeBytes(Buffer.from(text), 'x.txt', { reveal: false });
  return { doc, all };
}

/** The generalised form of the one finding of `type` in `text`. */
async function generalized(text: string, type: EntityType) {
  const { all } = await findings(text);
  const found = all.filter((f) => f.type === type);
  expect(found, text).toHaveLength(1);
  return generalizeValue(found[0]!);
}

describe('generalize', () => {
  it('a date of birth becomes its year', async () => {
    expect(await generalized('Дата рождения: 12.03.1985', 'DATE_OF_BIRTH')).toBe('1985 г.');
    expect(await generalized('Дата рождения: 1985-03-12', 'DATE_OF_BIRTH')).toBe('1985 г.');
    expect(await generalized('Дата рождения: 12.03.85', 'DATE_OF_BIRTH')).toBe('1985 г.');
    // The month-word form is followed by its own "г." outside the value.
    expect(await generalized('родилась 12 марта 1985 г.', 'DATE_OF_BIRTH')).toBe('1985');
  });

  it('an address becomes its region and city (or settlement)', async () => {
    expect(await generalized('проживающая по адресу: 393251, Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а, кв. 5', 'ADDRESS')).toBe(
      'Тамбовская обл., г. Рассказово',
    );
    expect(await generalized('проживающий по адресу: г. Москва, пр-т Мира, д. 5, корп. 2, кв. 17', 'ADDRESS')).toBe('г. Москва');
    expect(await generalized('адрес регистрации: Республика Татарстан, Высокогорский р-н, с. Высокая Гора, ул. Садовая, д. 12', 'ADDRESS')).toBe(
      'Республика Татарстан, с. Высокая Гора',
    );
  });

  it('a phone keeps the country and area or operator code, in its writing', async () => {
    expect(await generalized('тел. +7 (916) 123-45-67', 'PHONE_NUMBER')).toBe('+7 (916) XXX-XX-XX');
    expect(await generalized('тел. 8 (4752) 71-23-45', 'PHONE_NUMBER')).toBe('8 (4752) XX-XX-XX');
    expect(await generalized('тел. +375 29 123-45-67', 'PHONE_NUMBER')).toBe('+375 29 XXX-XX-XX');
  });

  it('an e-mail address becomes its domain', async () => {
    expect(await generalized('e-mail: ivanova@mail.ru', 'EMAIL_ADDRESS')).toBe('…@mail.ru');
  });

  it('names and document numbers have no coarser form: the caller labels them', async () => {
    const text = 'Сотрудник Иванов Сергей Петрович, СНИЛС 112-233-445 95, родился 12.03.1985, тел. +7 (916) 123-45-67.';
    const { doc, all } = await findings(text);
    for (const f of all.filter((x) => x.type === 'PERSON' || x.type === 'RU_SNILS')) expect(generalizeValue(f), f.type).toBeUndefined();
    const plan = planEdits(doc, all, { default: 'generalize', byType: {} }, { key: Buffer.alloc(32, 7) });
    const out = applyPieces(doc.text, plan.edits.map((e) => ({ from: e.start, to: e.end, text: e.text })));
    expect(out).toBe('Сотрудник [ФИО], СНИЛС [СНИЛС], родился 1985 г., тел. +7 (916) XXX-XX-XX.');
  });
});

describe('ageBand', () => {
  const asOf = new Date(2025, 5, 15); // 15 June 2025

  it('bands of ten years by the age on the day', () => {
    expect(ageBand('12.03.1985', asOf)).toBe('40–49');
    expect(ageBand('16.06.1995', asOf)).toBe('20–29'); // 29 until the next day
    expect(ageBand('15.06.1995', asOf)).toBe('30–39'); // 30 on the day
    expect(ageBand('1985-03-12', asOf)).toBe('40–49');
    expect(ageBand('12 марта 2020', asOf)).toBe('0–9');
  });

  it('other widths; a lone year counts from its middle', () => {
    expect(ageBand('12.03.1985', asOf, 5)).toBe('40–44');
    expect(ageBand('1990', asOf, 5)).toBe('30–34'); // born mid-1990: 34 on 15 June 2025
  });

  it('no band for what is not a date or not yet born', () => {
    expect(ageBand('не указана', asOf)).toBeUndefined();
    expect(ageBand('31.02.1985', asOf)).toBeUndefined();
    expect(ageBand('12.03.2030', asOf)).toBeUndefined();
  });
});
