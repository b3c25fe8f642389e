import { describe, expect, it } from 'vitest';
import {
  ageBand,
  defaultRangeWidth,
  generalizeCell,
  inferRuleKind,
  parseDate,
  parseRuleSpec,
  postalPrefix,
  regionOf,
  ruleLevels,
  RuleError,
  type DateParts,
} from './generalize-columns.js';

const AS_OF: DateParts = { y: 2025, m: 1, d: 1 };

describe('age bands', () => {
  it('counts full years as of the reference date', () => {
    // Born 15.03.1985: on 01.01.2025 the 40th birthday has not come yet → 39.
    expect(ageBand({ y: 1985, m: 3, d: 15 }, AS_OF, 5)).toBe('35-39');
    expect(ageBand({ y: 1985, m: 3, d: 15 }, AS_OF, 10)).toBe('30-39');
    // Born 01.01.1985: the birthday is the reference day itself → 40.
    expect(ageBand({ y: 1985, m: 1, d: 1 }, AS_OF, 5)).toBe('40-44');
    expect(ageBand({ y: 2030, m: 1, d: 1 }, AS_OF, 5)).toBeUndefined();
  });

  it('reads dates, ages and birth years; keeps what it cannot read', () => {
    expect(generalizeCell('age', 5, '15.03.1985', AS_OF)).toBe('35-39');
    expect(generalizeCell('age', 5, '1985-03-15', AS_OF)).toBe('35-39');
    expect(generalizeCell('age', 5, '5/3/1985', AS_OF)).toBe('35-39');
    expect(generalizeCell('age', 10, '39', AS_OF)).toBe('30-39');
    expect(generalizeCell('age', 5, '1985', AS_OF)).toBe('40-44');
    expect(generalizeCell('age', 5, ' не указана ', AS_OF)).toBe('не указана');
    expect(generalizeCell('age', 5, '31.02.1985', AS_OF)).toBe('31.02.1985');
    expect(generalizeCell('age', 5, '', AS_OF)).toBe('');
  });

  it('parses only real calendar dates', () => {
    expect(parseDate('29.02.2024')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseDate('29.02.2023')).toBeUndefined();
    expect(parseDate('15.03.1985 10:20')).toEqual({ y: 1985, m: 3, d: 15 });
    expect(parseDate('1985')).toBeUndefined();
  });
});

describe('other generalisations', () => {
  it('puts years (or dates) into bands: decades by default', () => {
    expect(generalizeCell('year', 10, '1987', AS_OF)).toBe('1980-1989');
    expect(generalizeCell('year', 10, '15.03.1987', AS_OF)).toBe('1980-1989');
    expect(generalizeCell('year', 20, '1987', AS_OF)).toBe('1980-1999');
  });

  it('puts numbers into ranges', () => {
    expect(generalizeCell('range', 10000, '57 000', AS_OF)).toBe('50000-59999');
    expect(generalizeCell('range', 5, '12,5', AS_OF)).toBe('10-15');
    expect(generalizeCell('range', 10, 'нет', AS_OF)).toBe('нет');
  });

  it('keeps the first digits of a six-digit postal code', () => {
    expect(postalPrefix('101000', 3)).toBe('101***');
    expect(postalPrefix(' 630001 ', 1)).toBe('6*****');
    expect(postalPrefix('10100', 3)).toBeUndefined();
    expect(generalizeCell('postal', 2, '1010000', AS_OF)).toBe('1010000');
  });

  it('keeps the part of an address naming the region or city', () => {
    expect(regionOf('Московская обл., г. Химки, ул. Мира, д. 1')).toBe('Московская обл.');
    expect(regionOf('123456, г. Москва, ул. Ленина, д. 5')).toBe('г. Москва');
    expect(regionOf('г.Москва, ул. Ленина')).toBe('г. Москва');
    expect(regionOf('Республика Татарстан, г. Казань')).toBe('Республика Татарстан');
    expect(regionOf('Казань, ул. Баумана, 5')).toBe('Казань');
    expect(regionOf('  ')).toBeUndefined();
  });
});

describe('rules', () => {
  it('parses rule specs and refuses wrong ones', () => {
    expect(parseRuleSpec('age')).toEqual({ kind: 'age' });
    expect(parseRuleSpec(' AGE : 10 ')).toEqual({ kind: 'age', param: 10 });
    expect(parseRuleSpec('range:2.5')).toEqual({ kind: 'range', param: 2.5 });
    expect(() => parseRuleSpec('postal:7')).toThrow(RuleError);
    expect(() => parseRuleSpec('region:2')).toThrow(RuleError);
    expect(() => parseRuleSpec('age:2.5')).toThrow(RuleError);
    expect(() => parseRuleSpec('zip')).toThrow(/unknown rule "zip"/);
  });

  it('widens level by level', () => {
    expect(ruleLevels({ kind: 'age' }, [])).toEqual([5, 10, 20]);
    expect(ruleLevels({ kind: 'year' }, [])).toEqual([10, 20, 40]);
    expect(ruleLevels({ kind: 'postal' }, [])).toEqual([3, 2, 1]);
    expect(ruleLevels({ kind: 'postal', param: 5 }, [])).toEqual([5, 4, 3, 2, 1]);
    expect(ruleLevels({ kind: 'region' }, [])).toEqual([0]);
    // Median of 35 000, 57 000, 120 000 is 57 000 → width 10 000.
    expect(ruleLevels({ kind: 'range' }, ['35000', '57 000', '120000'])).toEqual([10000, 20000, 40000]);
    expect(defaultRangeWidth(['0.5', 'x'])).toBe(1);
  });

  it('infers the rule a column calls for from its values', () => {
    expect(inferRuleKind(['15.03.1985', '01.01.1990', ''])).toBe('age');
    expect(inferRuleKind(['1985', '1990', '2001'])).toBe('year');
    expect(inferRuleKind(['101000', '630001'])).toBe('postal');
    expect(inferRuleKind(['57 000', '12,5', '3'])).toBe('range');
    expect(inferRuleKind(['г. Москва, ул. Ленина', 'Казань, ул. Баумана'])).toBe('region');
    expect(inferRuleKind(['Иванов', 'Петров'])).toBeUndefined();
    expect(inferRuleKind(['', ' '])).toBeUndefined();
  });
});
