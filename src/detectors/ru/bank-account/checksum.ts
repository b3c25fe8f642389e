import { digitAt } from '../../shared/numbers.js';

/**
 * Bank accounts (ru-pd-reference §4.2): 20 digits `AAAAA CCC K BBBB NNNNNNN` — balance-sheet
 * account, currency, control key, branch, serial number.
 */

/** БИК: 9 digits starting with 0 (classic "04…" and treasury ТОФК "00…", "01…"), no checksum (§4.3). */
export const isBik = (s: string): boolean => /^0\d{8}$/.test(s);

/**
 * Control key with the bank's BIK (Bank of Russia procedure № 515 of 08.09.1997): 3 BIK digits +
 * the account, weights 7-1-3 repeated, the sum must end in 0. Client accounts take BIK digits 7–9;
 * accounts opened at a Bank of Russia unit (correspondent 30101…, the treasury's ЕКС 40102…) take
 * "0" + BIK digits 5–6.
 */
export function accountKeyValid(account: string, bik: string): boolean {
  if (!/^\d{20}$/.test(account) || !isBik(bik)) return false;
  const atBankOfRussia = account.startsWith('30101') || account.startsWith('40102');
  const s = (atBankOfRussia ? '0' + bik.slice(4, 6) : bik.slice(6, 9)) + account;
  const weights = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < 23; i++) sum += digitAt(s, i) * weights[i % 3]!;
  return sum % 10 === 0;
}

/** Treasury accounts "03…" carry no control key. */
export const hasControlKey = (account: string): boolean => !account.startsWith('03');

/** Currency codes seen in digits 6–8 (accounts keep 810 for the rouble; treasury accounts use 643). */
const CURRENCIES = new Set(['810', '643', '840', '978', '156', '826', '756', '392', '398', '933', '949', '344', '356', '051', '944', '417', '860', '972', '784']);

/** Structure without a BIK: 20 digits and a known currency code in digits 6–8. */
export function accountStructureValid(account: string): boolean {
  return /^\d{20}$/.test(account) && CURRENCIES.has(account.slice(5, 8));
}

/**
 * Whose account it is, by the balance-sheet account (first 5 digits): true for natural persons
 * (40817, 40820, deposits 42301–42307, loans 455xx, entrepreneurs 40802), false for organisations
 * (40701–40703, 40602/40603, correspondent 30101, treasury 03…, ЕКС 40102), undefined otherwise.
 */
export function accountOfPerson(account: string): boolean | undefined {
  const b = account.slice(0, 5);
  if (['40817', '40820', '40802'].includes(b) || /^4230[1-7]$/.test(b) || b.startsWith('455')) return true;
  if (['40701', '40702', '40703', '40602', '40603', '30101', '40102'].includes(b) || b.startsWith('03')) return false;
  return undefined;
}
