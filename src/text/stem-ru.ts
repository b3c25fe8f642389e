/**
 * Russian stemmer (the Snowball/Porter algorithm for Russian), used to match context words in any
 * grammatical form: "паспорт", "паспорта", "паспортные" share the stem "паспорт". Input is expected
 * lower-case with "ё" already folded to "е".
 */

const VOWELS = 'аеиоуыэюя';
const PERFECTIVE_GERUND = /(?:(?:ив|ивши|ившись|ыв|ывши|ывшись)|(?<=[ая])(?:в|вши|вшись))$/;
const REFLEXIVE = /с[яь]$/;
const ADJECTIVE = /(?:ее|ие|ые|ое|ими|ыми|ей|ий|ый|ой|ем|им|ым|ом|его|ого|ему|ому|их|ых|ую|юю|ая|яя|ою|ею)$/;
const PARTICIPLE = /(?:(?:ивш|ывш|ующ)|(?<=[ая])(?:ем|нн|вш|ющ|щ))$/;
const VERB =
  /(?:(?:ила|ыла|ена|ейте|уйте|ите|или|ыли|ей|уй|ил|ыл|им|ым|ен|ило|ыло|ено|ят|ует|уют|ит|ыт|ены|ить|ыть|ишь|ую|ю)|(?<=[ая])(?:ла|на|ете|йте|ли|й|л|ем|н|ло|но|ет|ют|ны|ть|ешь|нно))$/;
const NOUN = /(?:а|ев|ов|ие|ье|е|иями|ями|ами|еи|ии|и|ией|ей|ой|ий|й|иям|ям|ием|ем|ам|ом|о|у|ах|иях|ях|ы|ь|ию|ью|ю|ия|ья|я)$/;
const DERIVATIONAL = /ость?$/;
const SUPERLATIVE = /ейше?$/;

const cache = new Map<string, string>();

export function stemRu(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const result = stemUncached(word);
  if (cache.size < 50_000) cache.set(word, result);
  return result;
}

function stemUncached(word: string): string {
  const rvStart = firstVowelEnd(word);
  if (rvStart < 0) return word;
  const head = word.slice(0, rvStart);
  let rv = word.slice(rvStart);

  const strip = (re: RegExp): boolean => {
    const next = rv.replace(re, '');
    if (next === rv) return false;
    rv = next;
    return true;
  };

  if (!strip(PERFECTIVE_GERUND)) {
    strip(REFLEXIVE);
    if (strip(ADJECTIVE)) strip(PARTICIPLE);
    else if (!strip(VERB)) strip(NOUN);
  }
  strip(/и$/);
  // R2 for the derivational suffix: the region after the second vowel–consonant pair of the word.
  const r2 = regionAfterVowelConsonant(head + rv, 2);
  if (r2 >= 0 && (head + rv).slice(r2).match(DERIVATIONAL)) strip(DERIVATIONAL);
  if (!strip(/ь$/)) {
    strip(SUPERLATIVE);
    rv = rv.replace(/нн$/, 'н');
  }
  return head + rv;
}

function firstVowelEnd(word: string): number {
  for (let i = 0; i < word.length; i++) if (VOWELS.includes(word[i]!)) return i + 1;
  return -1;
}

/** Start of R1 (times = 1) or R2 (times = 2), or -1 when the word has no such region. */
function regionAfterVowelConsonant(word: string, times: number): number {
  let found = 0;
  for (let i = 1; i < word.length; i++) {
    if (!VOWELS.includes(word[i]!) && VOWELS.includes(word[i - 1]!)) {
      found++;
      if (found === times) return i + 1;
    }
  }
  return -1;
}
