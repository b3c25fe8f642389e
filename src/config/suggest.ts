/** "Did you mean" for a mistyped key, type or operator: the closest known word, if it is close. */

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), case ignored. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The known word nearest to `word`, when within about a third of its length (at least 1, at most
 * 3 edits), or else the only known word it is a part of.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= limit) return best;
  // A short form of a longer name ("PHONE" for PHONE_NUMBER, "snils" for RU_SNILS), when only one fits.
  const lower = word.toLowerCase();
  const containing = lower.length >= 3 ? known.filter((k) => k.toLowerCase().split(/[_.]/).includes(lower) || k.toLowerCase().startsWith(lower)) : [];
  return containing.length === 1 ? containing[0] : undefined;
}

/** ` (did you mean "x"?)` to append to a message, or "" when nothing is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  return near !== undefined ? ` (did you mean "${near}"?)` : '';
}
