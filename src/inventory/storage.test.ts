import { describe, expect, it } from 'vitest';
import { fileReport, finding } from '../testing/inventory-fixtures.js';
import { forOutput, forStorage } from './storage.js';

const revealed = () => ({
  ...fileReport('a.txt', [finding('PERSON', 'full_name', { value: 'Иванов Иван', facts: { last: 'Иванов', first: 'Иван' }, valueHash: '0123456789abcdef', masked: 'И***** И***' })]),
  text: 'Иванов Иван пришёл',
});

describe('forStorage', () => {
  it('keeps masks only without --reveal: no value, parts, value hash or text', () => {
    const stored = forStorage(revealed(), false);
    expect(stored.text).toBeUndefined();
    expect(stored.findings[0]).not.toHaveProperty('value');
    expect(stored.findings[0]).not.toHaveProperty('facts');
    expect(stored.findings[0]).not.toHaveProperty('valueHash');
    expect(stored.findings[0]!.masked).toBe('И***** И***');
    expect(JSON.stringify(stored)).not.toContain('Иванов');
  });

  it('keeps the values with --reveal, never the document text', () => {
    const stored = forStorage(revealed(), true);
    expect(stored.findings[0]).toMatchObject({ value: 'Иванов Иван', valueHash: '0123456789abcdef' });
    expect(stored.text).toBeUndefined();
  });
});

describe('forOutput', () => {
  it('drops stored values unless they are to be shown', () => {
    const stored = forStorage(revealed(), true);
    expect(JSON.stringify(forOutput(stored, false))).not.toContain('Иванов');
    expect(forOutput(stored, true).findings[0]!.value).toBe('Иванов Иван');
  });
});
