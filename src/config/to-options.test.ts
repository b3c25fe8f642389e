import { describe, expect, it } from 'vitest';
import type { ScannerOptions } from '../engine/scanner.js';
import { parseOperatorSpecs } from '../cli/operator-spec.js';
import { operatorPolicyOf, overlay, redactOptionsFromConfig, scanOptionsFromConfig } from './to-options.js';
import { validateConfig } from './validate.js';

const config = validateConfig(
  {
    types: ['RU_SNILS', 'PHONE_NUMBER'],
    minScore: 0.6,
    scoreThresholds: { PERSON: 0.8 },
    exclude: ['**/node_modules/**'],
    maxFileSize: '1MB',
    allowlist: [{ value: '+7 (495) 000-11-22' }],
    ocr: { mode: 'never', dpi: 200, embeddedImages: false },
    jobs: 3,
    redact: { operators: { default: 'mask', PERSON: 'fake', RU_SNILS: 'pseudonym' }, keyFile: 'pdn.key' },
  },
  { source: 'test', dir: '/srv/conf' },
);

describe('config as options, the command line on top', () => {
  it('turns every key into the scanner option it sets', () => {
    expect(scanOptionsFromConfig(config)).toEqual({
      types: ['RU_SNILS', 'PHONE_NUMBER'],
      minScore: 0.6,
      scoreThresholds: { PERSON: 0.8 },
      exclude: ['**/node_modules/**'],
      maxFileSize: 1024 * 1024,
      allow: [{ value: '+7 (495) 000-11-22' }],
      ocr: 'never',
      ocrDpi: 200,
      ocrEmbeddedImages: false,
      jobs: 3,
    });
    expect(redactOptionsFromConfig(config)).toMatchObject({ keyFile: '/srv/conf/pdn.key', jobs: 3 });
  });

  it('lets each command-line option win over the same key of the config, and keeps the rest', () => {
    const cli: ScannerOptions = { reveal: false, minScore: 0.9, types: ['RU_SNILS'], exclude: ['*.log'], followSymlinks: false };
    const merged = overlay(scanOptionsFromConfig(config), cli);
    expect(merged.minScore).toBe(0.9);
    expect(merged.types).toEqual(['RU_SNILS']);
    expect(merged.maxFileSize).toBe(1024 * 1024);
    expect(merged.allow).toEqual([{ value: '+7 (495) 000-11-22' }]);
    expect(merged.jobs).toBe(3);
    // Exclude globs add up: both only narrow the walk.
    expect(merged.exclude).toEqual(['**/node_modules/**', '*.log']);
  });

  it('does not let an option left undefined erase the config value', () => {
    const merged = overlay(scanOptionsFromConfig(config), { reveal: false, jobs: undefined } as ScannerOptions);
    expect(merged.jobs).toBe(3);
  });

  it('lays --operator specs over the config operators type by type', () => {
    expect(operatorPolicyOf(config)).toEqual({ default: 'mask', byType: { PERSON: 'fake', RU_SNILS: 'pseudonym' } });
    expect(parseOperatorSpecs(['RU_SNILS=redact'], operatorPolicyOf(config))).toEqual({ default: 'mask', byType: { PERSON: 'fake', RU_SNILS: 'redact' } });
    expect(parseOperatorSpecs(['keep'], operatorPolicyOf(config)).default).toBe('keep');
    expect(operatorPolicyOf(undefined)).toEqual({ default: 'replace', byType: {} });
  });
});
