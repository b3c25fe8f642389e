import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../pipeline/scan-file.js';
import { widenPersonsOverInitials } from './extend-names.js';

async function persons(text: string) {
  const { doc, all } = await analyzeBytes(Buffer.from(text), 'x.txt', { reveal: false });
  return widenPersonsOverInitials(doc.text, all).filter((f) => f.type === 'PERSON').map((f) => f.value);
}

describe('widenPersonsOverInitials', () => {
  it('takes the initials after a repeated surname', async () => {
    expect(await persons('Индивидуальный предприниматель Тимофеев Артем Андреевич\n\nИП ____________ Тимофеев А.А.        М.П.')).toEqual([
      'Тимофеев Артем Андреевич',
      'Тимофеев А.А.',
    ]);
  });

  it('does not take a capital that starts the next word or sentence', async () => {
    const found = await persons('Подписал Тимофеев Артем Андреевич. А потом ушёл.');
    expect(found).toEqual(['Тимофеев Артем Андреевич']);
  });

  it('takes the surname next to a first name and patronymic, not a form of address', async () => {
    const widened = widenPersonsOverInitials('Орехова Тамара Леонидовна', [
      { type: 'PERSON', detector: 'ru-person', start: 8, end: 25, value: 'Тамара Леонидовна', score: 0.8, validated: false, personalData: true, category: 'full_name', facts: { first: 'Тамара', middle: 'Леонидовна' }, explanation: { pattern: 'name-patronymic', baseScore: 0.8, validation: 'none' } },
    ]);
    expect(widened[0]!.value).toBe('Орехова Тамара Леонидовна');
    const polite = widenPersonsOverInitials('Уважаемая Тамара Леонидовна', [
      { type: 'PERSON', detector: 'ru-person', start: 10, end: 27, value: 'Тамара Леонидовна', score: 0.8, validated: false, personalData: true, category: 'full_name', facts: { first: 'Тамара', middle: 'Леонидовна' }, explanation: { pattern: 'name-patronymic', baseScore: 0.8, validation: 'none' } },
    ]);
    expect(polite[0]!.value).toBe('Тамара Леонидовна');
  });
});
