import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { cyrillicSeries, isMilitaryIdShape } from './checksum.js';
import militaryId from './index.js';

// Every example of ru-pd-reference §2.3.
describe('isMilitaryIdShape (reference §2.3)', () => {
  it.each([
    ['АК 1234567', true],
    ['БВ № 7654321', true],
    ['AK 1234567', true], // Latin look-alikes (§10)
    ['А 1234567', false],
    ['АК 123456', false],
    ['QK 1234567', false], // Q has no Cyrillic look-alike
  ])('%s → %s', (value, ok) => expect(isMilitaryIdShape(value)).toBe(ok));

  it('reads Latin look-alikes as Cyrillic', () => expect(cyrillicSeries('AK')).toBe('АК'));
});

testDetector(militaryId, {
  valid: [
    { text: 'военный билет АЕ\n№ 1560787', values: ['АЕ\n№ 1560787'] }, // series and number on two lines of a form
    { text: 'ВБ АК-1234567', values: ['АК-1234567'] },
    { text: 'военный билет AK 1234567', values: ['AK 1234567'] }, // Latin look-alikes
    { text: 'в/б АК1234567', values: ['АК1234567'] },
    { text: 'АК1234567', values: ['АК1234567'], label: 'Военный билет' }, // column header as context
  ],
  invalid: ['военный билет QK 1234567', 'АК 123456', 'госномер А123ВС 77', 'военный билет АК 12345678'],
  together: [{ text: 'военный билет АК 1234567', expect: [{ type: 'RU_MILITARY_ID', value: 'АК 1234567' }] }],
});
