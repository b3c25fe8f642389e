import { describe, expect, it } from 'vitest';
import { compileContext } from './context.js';

describe('context words are matched by stem, not by substring', () => {
  const m = compileContext(['паспорт', 'серия', 'кем выдан', 'ИНН', 'ВУ', 'д.р.', 'г.р.', 'в/у']);
  it.each([
    ['Паспорт гражданина РФ', 'паспорт'],
    ['паспортные данные', 'паспорт'],
    ['серии 45 03', 'серия'],
    ['КЕМ ВЫДАН: ОВД', 'кем выдан'],
    ['ИНН:', 'ИНН'],
    ['СНИЛСа и ИННа', 'ИНН'], // declined acronyms keep their capitals
    ['инн 7707', 'ИНН'],
    ['д. р. 12.03.1985', 'д.р.'],
    ['1985 г.р.', 'г.р.'],
    ['в/у 77 АВ', 'в/у'],
    ['ПАСП0РТ', 'паспорт'], // one OCR error in a long word
  ])('%j → %j', (text, expected) => expect(m.find(text)).toBe(expected));

  it.each(['Сергей Петрович', 'вуз', 'Инна Петровна', 'компаспорт', 'годы'])('%j has no context word', (text) => {
    expect(m.find(text)).toBeUndefined();
  });
});
