import { describe, expect, it } from 'vitest';
import { parseScore, parseSize, parseTypes, UsageError } from './parse.js';

describe('option parsers', () => {
  it.each([
    ['100', 100],
    ['512k', 512 * 1024],
    ['10MB', 10 * 1024 * 1024],
    ['1.5G', 1.5 * 1024 ** 3],
  ])('size %j → %d', (raw, bytes) => expect(parseSize('--max-file-size', raw)).toBe(bytes));

  it('rejects a bad size, naming the option', () => {
    expect(() => parseSize('--max-file-size', 'ten')).toThrow(/--max-file-size: "ten"/);
  });

  it('accepts known types in any case and rejects unknown ones by name', () => {
    expect(parseTypes('--types', 'ru_snils, PHONE_NUMBER')).toEqual(['RU_SNILS', 'PHONE_NUMBER']);
    expect(() => parseTypes('--types', 'RU_SNILS,RU_NOPE')).toThrow(UsageError);
    expect(() => parseTypes('--types', 'RU_SNILS,RU_NOPE')).toThrow(/RU_NOPE/);
  });

  it('keeps scores within 0..1', () => {
    expect(parseScore('--min-score', '0.7')).toBe(0.7);
    expect(() => parseScore('--min-score', '2')).toThrow(/--min-score/);
  });
});
