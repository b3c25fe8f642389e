import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../detectors/types.js';
import { loadConfig } from './load.js';
import { ConfigExistsError, starterConfig, writeStarterConfig } from './starter.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-starter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the starting configuration', () => {
  it('loads and validates as written, with the defaults and the allowlist example', async () => {
    const file = path.join(dir, 'pdnscan.config.json');
    await writeStarterConfig(file);
    const config = loadConfig(file);
    expect(config).toMatchObject({ minScore: 0.5, ocr: { mode: 'auto', lang: 'rus+eng', dpi: 300, embeddedImages: true } });
    // Left out on purpose: a size limit set here would stop big logs from being read in chunks.
    expect(config.maxFileSize).toBeUndefined();
    expect(config.redact?.operators).toEqual({ default: 'replace', byType: {} });
    expect(config.allowlist?.map((r) => r.value ?? r.pattern)).toEqual(['7751234566', '^\\+7 \\(495\\) 000-', 'г. Москва, ул. Примерная, д. 1']);
    expect(config.allowlist?.[2]?.paths).toEqual([`${dir.split(path.sep).join('/')}/site/**`]);
  });

  it('has a comment for every key and names every entity type', () => {
    const text = starterConfig();
    const keys = [...text.matchAll(/^\s*(?:\/\/ )?"(\w+)":/gm)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set(['types', 'excludeTypes', 'minScore', 'scoreThresholds', 'exclude', 'maxFileSize', 'allowlist', 'categories', 'redact', 'keyFile', 'mappingOut', 'operators', 'jobs', 'ocr', 'mode', 'lang', 'dpi', 'embeddedImages']));
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (/^\s*"\w+":/.test(line)) expect(lines[i - 1], `comment above ${line.trim()}`).toMatch(/^\s*\/\//);
    });
    for (const type of ENTITY_TYPES) expect(text).toContain(type);
  });

  it('stays valid with every commented-out example key switched on', () => {
    const uncommented = starterConfig().replace(/^(\s*)\/\/ ("\w+":)/gm, '$1$2');
    const file = path.join(dir, 'all-keys.json');
    writeFileSync(file, uncommented);
    const rules = fileURLToPath(new URL('../categories/default-rules.json', import.meta.url));
    copyFileSync(rules, path.join(dir, 'pdn-categories.json'));
    const config = loadConfig(file);
    expect(config.types).toEqual(['RU_SNILS', 'RU_PASSPORT', 'PERSON']);
    expect(config.jobs).toBe(4);
    expect(config.maxFileSize).toBe(256 * 1024 * 1024);
    expect(config.categoriesFile).toBe(path.join(dir, 'pdn-categories.json'));
    expect(config.redact?.keyFile).toBe(path.join(dir, 'pdnscan.key'));
  });

  it('refuses to overwrite an existing file unless forced', async () => {
    const file = path.join(dir, 'existing.json');
    writeFileSync(file, '{ "jobs": 1 }');
    await expect(writeStarterConfig(file)).rejects.toThrow(ConfigExistsError);
    expect(readFileSync(file, 'utf8')).toBe('{ "jobs": 1 }');
    await writeStarterConfig(file, { force: true });
    expect(readFileSync(file, 'utf8')).toBe(starterConfig());
  });
});
