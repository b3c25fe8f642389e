import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsFingerprint } from './fingerprint.js';

const base = { reveal: false };

describe('optionsFingerprint', () => {
  it('is the same for options that give the same results', () => {
    expect(optionsFingerprint(base)).toBe(optionsFingerprint({ ...base, ocr: 'auto', minScore: 0.5, ocrDpi: 300, ocrLang: 'rus+eng' }));
    expect(optionsFingerprint({ ...base, types: ['RU_SNILS', 'PERSON'] })).toBe(optionsFingerprint({ ...base, types: ['PERSON', 'RU_SNILS'] }));
    // Output-only options: a sarif run without --reveal stores no value hashes, a natasha run no text.
    expect(optionsFingerprint({ ...base, valueHashes: true, keepText: true })).toBe(optionsFingerprint(base));
  });

  it('changes with every option that changes what is found or stored', () => {
    const variants = [
      base,
      { ...base, reveal: true },
      { ...base, reveal: true, valueHashes: true },
      { ...base, types: ['RU_SNILS' as const] },
      { ...base, excludeTypes: ['PERSON' as const] },
      { ...base, minScore: 0.8 },
      { ...base, maxFileSize: 1024 },
      { ...base, ocr: 'never' as const },
      { ...base, ocrLang: 'eng' },
      { ...base, ocrDpi: 150 },
      { ...base, ocrEmbeddedImages: false },
    ];
    expect(new Set(variants.map(optionsFingerprint)).size).toBe(variants.length);
  });

  it('follows the content of the category rules file, not only its name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-fp-'));
    try {
      const rules = path.join(dir, 'rules.json');
      const builtIn = readFileSync(new URL('../categories/default-rules.json', import.meta.url), 'utf8');
      writeFileSync(rules, builtIn);
      const before = optionsFingerprint({ ...base, categoriesFile: rules });
      expect(before).not.toBe(optionsFingerprint(base));
      writeFileSync(rules, builtIn.replace(/\s+$/, '') + '\n\n');
      expect(optionsFingerprint({ ...base, categoriesFile: rules })).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
