import { describe, expect, it } from 'vitest';
import { buildMatchView, hasGuess, toOriginalRange } from './match-view.js';

describe('buildMatchView (ru-pd-reference §10)', () => {
  it.each([
    ['ЛЪ 152', '№ 152'],
    ['Пoлoжение', 'Положение'],
    ['oTBeTcTBeHHocTи', 'ответственности'],
    ['Положение ПО', 'Положение ПО'],
    ['1lpaB', '1lpaB'],
    ['112-2ЗЗ-445 95', '112-233-445 95'],
    ['77О1234567О3', '77012345670З'.replace('З', '3')],
    ['45\u00A003\u2009123456', '45 03 123456'],
    ['112\u2013233\u2014445 95', '112-233-445 95'],
    ['СНИЛС', 'СНИЛС'],
    ['45 О3 123456', '45 03 123456'],
    ['ivan1985@mail.ru', 'ivan1985@mail.ru'],
    ['77 АB 123456', '77 АВ 123456'], // Latin B in an all-capitals Cyrillic series
    ['СНИЛC', 'СНИЛС'],
  ])('%j → %j', (input, expected) => {
    expect(buildMatchView(input).text).toBe(expected);
  });

  it('maps every view range back to the original characters', () => {
    const original = 'паспорт ЛЪ\u00AD 4503 123456, СНИЛС 112-2ЗЗ-445 95';
    const view = buildMatchView(original);
    const i = view.text.indexOf('№');
    expect(original.slice(...toOriginalRange(view, i, i + 1))).toBe('ЛЪ');
    const s = view.text.indexOf('112-233');
    expect(original.slice(...toOriginalRange(view, s, s + 14))).toBe('112-2ЗЗ-445 95');
    expect(hasGuess(view, s, s + 14)).toBe(true);
    const p = view.text.indexOf('4503');
    expect(hasGuess(view, p, p + 11)).toBe(false);
  });

  it('drops soft hyphens and zero-width characters without losing offsets', () => {
    const original = '112\u200B-233-445 95';
    const view = buildMatchView(original);
    expect(view.text).toBe('112-233-445 95');
    expect(original.slice(...toOriginalRange(view, 0, view.text.length))).toBe(original);
  });

  it('does not turn letter words into numbers', () => {
    expect(buildMatchView('ООО «Ромашка» Обrцие').text).toBe('ООО «Ромашка» Обгцие'.replace('г', 'r'));
  });
});
