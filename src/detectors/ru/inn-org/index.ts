import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import type { MatchInfo, Verdict } from '../../types.js';
import { isKpp, isValidInn10 } from './checksum.js';

/** "7707083893/770701001" or "…, КПП 770701001" right after the number. */
const KPP_AFTER = /^[ ]*(?:\/|,?[ ]*КПП[ ]*:?)[ ]*(?<kpp>[\dA-Z]{9})(?![\dA-Z])/u;

function validateInnOrg(m: MatchInfo): Verdict {
  if (!isValidInn10(m.compact)) return false;
  const kpp = KPP_AFTER.exec(m.view.slice(m.end, m.end + 30))?.groups?.['kpp'];
  return kpp !== undefined && isKpp(kpp) ? { valid: true, note: 'КПП next to it' } : true;
}

export default defineDetector({
  id: 'ru-inn-org',
  entity: 'RU_INN_ORG',
  label: { ru: 'ИНН организации', en: 'Taxpayer number of an organisation (INN)' },
  category: 'organisation_identifier',
  // An organisation's number is nobody's personal data (ru-pd-reference §3.2).
  personalData: false,
  example: '7707083893',
  patterns: [
    // 9.9 % of random 10-digit runs pass the checksum (§1.3): weak without "ИНН".
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{10}${NUM_END}`, 'g'), score: 0.3, validScore: 0.6 },
  ],
  context: {
    words: ['ИНН', 'ИНН/КПП', 'КПП', 'идентификационный номер налогоплательщика', 'налогоплательщика'],
  },
  validate: validateInnOrg,
  mask: { kind: 'tail', keep: 2 },
  examples: {
    positive: [
      { text: 'ИНН 7707083893', values: ['7707083893'] },
      { text: 'ИНН/КПП 1234567894/770701001', values: ['1234567894'] },
    ],
    negative: ['ИНН 1234567895', 'ИНН __________', 'ИНН 0012345678'],
  },
});
