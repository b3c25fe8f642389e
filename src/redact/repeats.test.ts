import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../pipeline/scan-file.js';
import { withRepeats } from './repeats.js';

async function targets(text: string) {
  const { doc, all } = await analyzeBytes(Buffer.from(text), 'x.txt', { reveal: false });
  return { doc, found: all.filter((f) => f.personalData) };
}

describe('withRepeats', () => {
  it('adds the other occurrences of a found value that the detectors did not judge', async () => {
    // The second date has no context word: alone it is no date of birth, but it is hers.
    const text = 'Анкета.\nДата рождения: 12.03.1985\nМесто работы: склад.\n\nПротокол собрания.\nЗапись сделана 12.03.1985 в журнале; 112.03.19850 — номер партии.';
    const { doc, found } = await targets(text);
    expect(found.map((f) => f.value)).toEqual(['12.03.1985']);
    const all = withRepeats(doc.text, found);
    expect(all.map((f) => [f.type, f.start])).toEqual([
      ['DATE_OF_BIRTH', text.indexOf('12.03.1985')],
      ['DATE_OF_BIRTH', text.lastIndexOf(' 12.03.1985') + 1],
    ]);
    expect(all[1]!.explanation.note).toMatch(/same value/);
  });

  it('does not match inside a longer word or number', () => {
    const base = { type: 'PERSON' as const, detector: 'ru-person', start: 0, end: 6, value: 'Иванов', score: 1, validated: false, personalData: true, category: 'full_name' as const, explanation: { pattern: 'p', baseScore: 1, validation: 'none' as const } };
    const text = 'Иванов и Ивановы, Иванова; Иванов.';
    const all = withRepeats(text, [base]);
    expect(all.map((f) => [f.start, f.end])).toEqual([[0, 6], [27, 33]]);
  });
});
