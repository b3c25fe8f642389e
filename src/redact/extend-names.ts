/**
 * Initials next to a name the detector took alone ("Тимофеев" of "Тимофеев А.А.", repeated after
 * the full name) belong to the person: a copy that keeps "[ФИО] А.А." still points at them. The
 * anonymiser widens such PERSON findings over the initials before planning.
 */
import type { Finding } from '../detectors/types.js';

/** A capitalised Cyrillic word: a surname the detector left out of "Тамара Леонидовна". */
const WORD_BEFORE = /(?:^|[^\p{L}\d.])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?[ \u00a0])$/u;
const WORD_AFTER = /^[ \u00a0]([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![\p{L}\d])/u;
/** Words that stand before a name and are not part of it. */
const ADDRESS_WORDS = new Set(['уважаемый', 'уважаемая', 'дорогой', 'дорогая', 'господин', 'госпожа', 'товарищ', 'гражданин', 'гражданка', 'сотрудник', 'сотрудница', 'директор', 'заведующая', 'заведующий']);

const AFTER = /^[ \t\u00a0]+[А-ЯЁ]\.[ \u00a0]?(?:[А-ЯЁ]\.?)?/u;
const BEFORE = /(?:^|[^\p{L}])([А-ЯЁ]\.[ \u00a0]?(?:[А-ЯЁ]\.)?[ \t\u00a0]+)$/u;

export function widenPersonsOverInitials(text: string, findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => {
    if (f.type !== 'PERSON') return f;
    const next = findings[i + 1]?.start ?? text.length;
    const prev = findings[i - 1]?.end ?? 0;
    let { start, end } = f;
    const after = AFTER.exec(text.slice(end, Math.min(next, end + 12)));
    // A capital and a dot right after a name is an initial only when no lower-case word follows it glued.
    if (after && !/^\p{Ll}/u.test(text.slice(end + after[0].length))) end += after[0].length;
    const before = BEFORE.exec(text.slice(Math.max(prev, start - 12), start));
    if (before) start -= before[1]!.length;
    // "Тамара Леонидовна" found without the surname next to it: the surname goes too.
    if (f.facts && !f.facts['last'] && f.facts['first'] && f.facts['middle']) {
      const word = WORD_BEFORE.exec(text.slice(Math.max(prev, start - 30), start));
      if (word && !ADDRESS_WORDS.has(word[1]!.trim().toLowerCase())) start -= word[1]!.length;
      else {
        const w = WORD_AFTER.exec(text.slice(end, Math.min(next, end + 30)));
        if (w) end += w[0].length;
      }
    }
    if (start === f.start && end === f.end) return f;
    return { ...f, start, end, value: text.slice(start, end) };
  });
}
