import { describe, expect, it } from 'vitest';
import { riskOf } from './risk.js';

describe('riskOf', () => {
  it.each([
    [[], 0, 'none'],
    [['organisation_identifier'], 3, 'none'],
    [['phone'], 1, 'low'],
    [['email', 'phone'], 2, 'medium'],
    [['snils'], 1, 'medium'],
    [['bank_details'], 1, 'high'],
    [['inn', 'snils', 'phone'], 3, 'high'],
    [['snils'], 25, 'high'],
    [['health', 'phone'], 2, 'special'],
  ] as const)('%j with %d findings → %s', (cats, n, risk) => expect(riskOf([...cats], n)).toBe(risk));
});
