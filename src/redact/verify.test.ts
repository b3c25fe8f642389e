import { describe, expect, it } from 'vitest';
import type { Finding } from '../detectors/types.js';
import type { Edit } from './types.js';
import { leakedValues } from './verify.js';

function edit(type: Finding['type'], value: string, text = '[X]'): Edit {
  const finding: Finding = { type, detector: 'd', start: 0, end: value.length, value, score: 1, validated: false, personalData: true, category: 'full_name', explanation: { pattern: 'p', baseScore: 1, validation: 'none' } };
  return { start: 0, end: value.length, text, type, operator: 'replace', finding };
}

describe('leakedValues', () => {
  it('finds a number again by its digits, whatever the separators', () => {
    const e = edit('RU_SNILS', '112-233-445 95');
    expect(leakedValues('копия: 112 233 445 95.', [e])).toHaveLength(1);
    expect(leakedValues('копия: 11223344595', [e])).toHaveLength(1);
    expect(leakedValues('копия: 911223344595', [e])).toHaveLength(0);
  });

  it('finds a name again as whole words in any case, not inside other words', () => {
    const e = edit('PERSON', 'Нина');
    expect(leakedValues('Подпись: НИНА', [e])).toHaveLength(1);
    expect(leakedValues('Анина записка, Нинашвили', [e])).toHaveLength(0);
  });

  it('is no leak when a substitute holds the value (keep, generalise)', () => {
    expect(leakedValues('1985 г.', [edit('DATE_OF_BIRTH', '1985', '1985 г.')])).toHaveLength(0);
  });
});
