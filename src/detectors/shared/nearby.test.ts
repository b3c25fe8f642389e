import { describe, expect, it } from 'vitest';
import { lastMatchIndex, otherWordCloser } from './nearby.js';

describe('negative context', () => {
  const POLICY = /полис/giu;
  const CARD = /карт[аы]/giu;

  it('finds the last match', () => {
    expect(lastMatchIndex(POLICY, 'полис, полис')).toBe(7);
    expect(lastMatchIndex(POLICY, 'карта')).toBe(-1);
  });

  it('lets the nearest word decide', () => {
    const text = 'Полис ОМС 7700 0000 0000 0016. Карта 2200 0000 0000 0004';
    expect(otherWordCloser(text, text.indexOf('2200'), POLICY, CARD)).toBe(true);
    expect(otherWordCloser(text, text.indexOf('7700'), POLICY, CARD)).toBe(false);
    expect(otherWordCloser(text, text.indexOf('2200'), CARD, POLICY)).toBe(false);
  });

  it('looks only within the distance', () => {
    const text = `карта ${'x'.repeat(80)} 1234`;
    expect(otherWordCloser(text, text.indexOf('1234'), POLICY, CARD)).toBe(false);
  });
});
