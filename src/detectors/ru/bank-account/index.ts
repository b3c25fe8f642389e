import { defineDetector } from '../../define-detector.js';
import { NUM_END, NUM_START } from '../../shared/numbers.js';
import type { MatchInfo, ValidationVerdict, Verdict } from '../../types.js';
import { accountKeyValid, accountOfPerson, accountStructureValid, hasControlKey } from './checksum.js';

/** How far around the account to look for the bank's BIK (the requisites block, §4.2). */
const BIK_DISTANCE = 300;
const BIK = /(?<![\p{L}])[БбB6][ИиI][КкK](?:[ \t]+(?:банка|ТОФК))?[ \t]*[:№]?[ \t]*(?<bik>0\d{8})(?!\d)/gu;

function biksNear(m: MatchInfo): string[] {
  const from = Math.max(0, m.start - BIK_DISTANCE);
  const window = m.view.slice(from, m.end + BIK_DISTANCE);
  return [...window.matchAll(BIK)].map((b) => b.groups!['bik']!);
}

function validateAccount(m: MatchInfo): Verdict {
  const account = m.compact;
  if (!accountStructureValid(account) && !account.startsWith('03')) return false;
  const personalData = accountOfPerson(account);
  const verdict = (v: ValidationVerdict): ValidationVerdict => (personalData === undefined ? v : { ...v, personalData });
  const biks = hasControlKey(account) ? biksNear(m) : [];
  if (biks.length > 0) {
    // The key is checked against the bank's BIK: a mismatch means a typo or not an account.
    return biks.some((bik) => accountKeyValid(account, bik)) ? verdict({ valid: true, note: 'control key matches the BIK' }) : false;
  }
  return verdict({ valid: true, score: 0.5 });
}

export default defineDetector({
  id: 'ru-bank-account',
  entity: 'RU_BANK_ACCOUNT',
  label: { ru: 'Номер банковского счёта', en: 'Bank account number' },
  category: 'bank_details',
  // Overridden per account: organisations' accounts are not personal data.
  personalData: true,
  example: '40817810700000000001',
  patterns: [
    { name: 'contiguous', regex: new RegExp(`${NUM_START}\\d{20}${NUM_END}`, 'g'), score: 0.5 },
    // "40817 810 7 0000 0000001": balance account, currency, key, branch, serial.
    { name: 'grouped', regex: new RegExp(`${NUM_START}\\d{5}([ \\-])\\d{3}\\1\\d\\1\\d{4}\\1\\d{7}${NUM_END}`, 'g'), score: 0.5 },
    // "4081 7810 7000 0000 0001".
    { name: 'grouped-4', regex: new RegExp(`${NUM_START}\\d{4}( )\\d{4}\\1\\d{4}\\1\\d{4}\\1\\d{4}${NUM_END}`, 'g'), score: 0.5 },
  ],
  context: {
    words: [
      'р/с',
      'р/сч',
      'расчетный счет',
      'лицевой счет',
      'счет получателя',
      'номер счета',
      'счет',
      'к/с',
      'кор. счет',
      'корр. счет',
      'корреспондентский счет',
      'БИК',
    ],
  },
  validate: validateAccount,
  mask: { kind: 'tail', keep: 4 },
  examples: {
    positive: [
      { text: 'р/с 40817810700000000001, БИК 044525225', values: ['40817810700000000001'] },
      { text: 'лицевой счёт 40817 810 7 0000 0000001', values: ['40817 810 7 0000 0000001'] },
    ],
    negative: ['р/с 40817810800000000001, БИК 044525225', 'р/с ____________________', '12345123451234512345'],
  },
});
