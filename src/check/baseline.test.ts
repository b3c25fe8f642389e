import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBaseline, BaselineError, fingerprintOf, normaliseValue, readBaseline, serialiseBaseline } from './baseline.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const CONTACTS = 'https://school.example/contacts.html';

function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-baseline-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('normaliseValue', () => {
  it('keeps the digits of numeric identifiers', () => {
    expect(normaliseValue('RU_SNILS', '112-233-445 95')).toBe('11223344595');
    expect(normaliseValue('RU_PASSPORT', '45 03 № 123456')).toBe('4503123456');
    expect(normaliseValue('CREDIT_CARD', '4276 1600 0000 0000')).toBe('4276160000000000');
  });

  it('reads a phone\'s trunk prefix 8 as +7', () => {
    expect(normaliseValue('PHONE_NUMBER', '+7 (495) 123-45-67')).toBe('74951234567');
    expect(normaliseValue('PHONE_NUMBER', '8 495 123 45 67')).toBe('74951234567');
  });

  it('lower-cases e-mails and collapses spaces in names', () => {
    expect(normaliseValue('EMAIL_ADDRESS', ' Ivanov.II@Mail.RU ')).toBe('ivanov.ii@mail.ru');
    expect(normaliseValue('PERSON', 'Иванов  Иван\nИванович')).toBe('иванов иван иванович');
  });
});

describe('fingerprintOf', () => {
  it('is sha256(location \\0 type \\0 sha256(normalised value))', () => {
    const expected = sha256(`${CONTACTS}\0PHONE_NUMBER\0${sha256('74951234567')}`);
    expect(fingerprintOf(CONTACTS, 'PHONE_NUMBER', '+7 (495) 123-45-67')).toBe(expected);
  });

  it('the same value written another way has the same fingerprint', () => {
    expect(fingerprintOf(CONTACTS, 'PHONE_NUMBER', '8 (495) 123-45-67')).toBe(fingerprintOf(CONTACTS, 'PHONE_NUMBER', '+74951234567'));
    expect(fingerprintOf(CONTACTS, 'RU_SNILS', '112-233-445 95')).toBe(fingerprintOf(CONTACTS, 'RU_SNILS', '11223344595'));
  });

  it('another page, type or value is another finding', () => {
    const base = fingerprintOf(CONTACTS, 'PHONE_NUMBER', '+7 (495) 123-45-67');
    expect(fingerprintOf('https://school.example/staff/', 'PHONE_NUMBER', '+7 (495) 123-45-67')).not.toBe(base);
    expect(fingerprintOf(CONTACTS, 'PHONE_NUMBER', '+7 (495) 123-45-68')).not.toBe(base);
    expect(fingerprintOf(CONTACTS, 'RU_INN_PERSON', '+7 (495) 123-45-67')).not.toBe(base);
  });
});

describe('baseline files', () => {
  it('hold fingerprints and masked values, never the value, and read back', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const value = '+7 (495) 123-45-67';
      const fingerprint = fingerprintOf(CONTACTS, 'PHONE_NUMBER', value);
      const entry = { fingerprint, type: 'PHONE_NUMBER' as const, location: CONTACTS, masked: '+7 (4**) ***-**-67' };
      const text = serialiseBaseline(buildBaseline([entry, entry]));
      expect(text).not.toContain('123-45');
      expect(text).not.toContain('4951234567');
      expect((JSON.parse(text) as { findings: unknown[] }).findings).toHaveLength(1);
      const file = path.join(dir, 'baseline.json');
      writeFileSync(file, text);
      expect(await readBaseline(file)).toEqual(new Set([fingerprint]));
    } finally {
      cleanup();
    }
  });

  it('refuses files that are not baselines', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'other.json');
      writeFileSync(file, JSON.stringify({ files: [] }));
      await expect(readBaseline(file)).rejects.toBeInstanceOf(BaselineError);
      writeFileSync(file, JSON.stringify({ kind: 'check-baseline', findings: [{ fingerprint: 'abc' }] }));
      await expect(readBaseline(file)).rejects.toThrow(/fingerprint/);
      await expect(readBaseline(path.join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
    } finally {
      cleanup();
    }
  });
});
