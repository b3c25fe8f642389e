import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from './validate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const check = (raw: unknown) => validateConfig(raw, { source: 'test.json', dir });

/** The problems a config has (an empty list when it is valid). */
function problemsOf(raw: unknown): readonly string[] {
  try {
    check(raw);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('config validation names the bad key', () => {
  it.each([
    [{ types: ['RU_SNILS', 'PHONE_NUMBER', 'RU_SNILZ'] }, 'types[2]: unknown type "RU_SNILZ" (did you mean "RU_SNILS"?)'],
    [{ types: [] }, 'types: must not be empty (leave the key out to report every type)'],
    [{ excludeTypes: 'PERSON' }, 'excludeTypes: must be a list of entity types, e.g. ["RU_SNILS", "PERSON"]'],
    [{ minScore: 1.5 }, 'minScore: must be a number from 0 to 1'],
    [{ minScore: '0.5' }, 'minScore: must be a number from 0 to 1'],
    [{ scoreThresholds: { PERSON: -1 } }, 'scoreThresholds.PERSON: must be a number from 0 to 1'],
    [{ scoreThresholds: { PERSN: 0.7 } }, 'scoreThresholds.PERSN: unknown type "PERSN" (did you mean "PERSON"?)'],
    [{ exclude: ['ok/**', ''] }, 'exclude[1]: must be a glob (a non-empty string)'],
    [{ maxFileSize: '10 XB' }, 'maxFileSize: "10 XB" is not a size (examples: 500000, "512k", "10MB", "1G")'],
    [{ maxFileSize: 0 }, 'maxFileSize: must be a whole number of bytes of at least 1, or a size such as "10MB"'],
    [{ allowlist: {} }, 'allowlist: must be a list of entries such as { "value": "…" } or { "pattern": "…" }'],
    [{ allowlist: [{ value: '1', pattern: '2' }] }, 'allowlist[0]: has both "value" and "pattern"; give one'],
    [{ allowlist: [{ types: ['PERSON'] }] }, 'allowlist[0]: needs "value" (compared by identity) or "pattern" (a regex)'],
    [{ allowlist: [{ value: 7707083893 }] }, 'allowlist[0].value: must be a string: put the number in quotes, as a JSON number can lose digits'],
    [{ allowlist: [{ pattern: '[' }] }, 'allowlist[0].pattern: not a valid regular expression (Invalid regular expression: /[/: Unterminated character class)'],
    [{ allowlist: [{ pattern: 'x', flags: 'g' }] }, 'allowlist[0].flags: only the regex flags i, m, s, u'],
    [{ allowlist: [{ value: 'x', flags: 'i' }] }, 'allowlist[0].flags: only goes with "pattern"'],
    [{ allowlist: [{ value: 'x', types: ['PHONE'] }] }, 'allowlist[0].types[0]: unknown type "PHONE" (did you mean "PHONE_NUMBER"?)'],
    [{ allowlist: [{ value: 'x', paths: [] }] }, 'allowlist[0].paths: must not be empty (leave the key out for every file)'],
    [{ allowlist: [{ value: 'x', path: ['a'] }] }, 'allowlist[0].path: unknown key (did you mean "paths"?)'],
    [{ categories: 'missing-rules.json' }, `categories: ${path.join(dir, 'missing-rules.json')}: cannot read the categories file (ENOENT)`],
    [{ redact: { operators: { PERSON: 'fakee' } } }, 'redact.operators.PERSON: unknown operator "fakee" (did you mean "fake"?); known: mask, redact, replace, fake, pseudonym, generalize, shuffle, keep'],
    [{ redact: { operators: { PERSON: 'scramble' } } }, 'redact.operators.PERSON: unknown operator "scramble"; known: mask, redact, replace, fake, pseudonym, generalize, shuffle, keep'],
    [{ redact: { operators: { PERSN: 'fake' } } }, 'redact.operators.PERSN: not an entity type or "default" (did you mean "PERSON"?)'],
    [{ redact: { keyfile: 'k' } }, 'redact.keyfile: unknown key (did you mean "keyFile"?)'],
    [{ ocr: { mode: 'sometimes' } }, 'ocr.mode: must be one of "auto", "always", "never"'],
    [{ ocr: { lang: 'rus+deu' } }, 'ocr.lang: unknown OCR language deu; available: eng, rus'],
    [{ ocr: { dpi: 30 } }, 'ocr.dpi: must be a whole number from 50 to 1200'],
    [{ ocr: { embeddedImages: 'no' } }, 'ocr.embeddedImages: must be true or false'],
    [{ jobs: 0 }, 'jobs: must be a whole number of at least 1'],
    [{ exlcude: [] }, 'exlcude: unknown key (did you mean "exclude"?)'],
    [{ MinScore: 0.5 }, 'MinScore: unknown key (did you mean "minScore"?)'],
  ])('%j', (raw, problem) => {
    expect(problemsOf(raw)).toEqual([problem]);
  });

  it('lists the known keys when no key is close to an unknown one', () => {
    expect(problemsOf({ verbosity: 3 })).toEqual(['verbosity: unknown key (known: types, excludeTypes, minScore, scoreThresholds, exclude, maxFileSize, allowlist, categories, redact, ocr, jobs)']);
  });

  it('reports every problem at once, one per line, under the source', () => {
    let error: unknown;
    try {
      check({ minScore: 2, jobs: 'many', types: ['X_Y'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
    expect((error as ConfigError).message).toMatch(/^test\.json: 3 problems:\n {2}types\[0\]: unknown type "X_Y"/);
  });

  it('refuses what is not an object', () => {
    expect(problemsOf([1, 2])).toEqual(['the configuration must be a JSON object ({ … })']);
  });

  it('never quotes an allowlist value it rejects for not being a string', () => {
    expect(problemsOf({ allowlist: [{ value: ['+7 916 123-45-67'] }] })).toEqual(['allowlist[0].value: must be a non-empty string']);
  });
});

describe('a valid config is resolved', () => {
  it('accepts note keys and normalises types, sizes, operators and OCR languages', () => {
    const config = check({
      $schema: 'x',
      _about: 'notes are ignored',
      types: ['ru_snils', 'PERSON', 'PERSON'],
      maxFileSize: '10MB',
      redact: { operators: { default: 'Mask', person: 'fake' } },
      ocr: { lang: 'eng+rus+eng' },
    });
    expect(config.types).toEqual(['RU_SNILS', 'PERSON']);
    expect(config.maxFileSize).toBe(10 * 1024 * 1024);
    expect(config.redact?.operators).toEqual({ default: 'mask', byType: { PERSON: 'fake' } });
    expect(config.ocr?.lang).toBe('eng+rus');
  });

  it('resolves file paths and allowlist path globs against the config folder', () => {
    writeFileSync(path.join(dir, 'rules.json'), JSON.stringify({ entities: { RU_SNILS: 'snils' } }));
    const config = check({
      categories: 'rules.json',
      redact: { keyFile: 'keys/pdn.key', mappingOut: '../private/map.json' },
      allowlist: [{ value: '7751234566', paths: ['./site/**', '*.html', '/abs/**'] }],
    });
    const posixDir = dir.split(path.sep).join('/');
    expect(config.categoriesFile).toBe(path.join(dir, 'rules.json'));
    expect(config.redact?.keyFile).toBe(path.join(dir, 'keys/pdn.key'));
    expect(config.redact?.mappingOut).toBe(path.resolve(dir, '../private/map.json'));
    // A glob with "/" becomes absolute; one without "/" keeps matching file names anywhere.
    expect(config.allowlist).toEqual([{ value: '7751234566', paths: [`${posixDir}/site/**`, '*.html', '/abs/**'] }]);
  });

  it('keeps pattern flags and narrows by types', () => {
    const config = check({ allowlist: [{ pattern: '^info@', flags: 'i', types: ['email_address'], note: 'public mailbox' }] });
    expect(config.allowlist).toEqual([{ pattern: '^info@', flags: 'i', types: ['EMAIL_ADDRESS'] }]);
  });
});
