import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromObject, findConfigFile, loadConfig } from './load.js';
import { ConfigError } from './validate.js';

const root = mkdtempSync(path.join(tmpdir(), 'pdnscan-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loading a configuration file', () => {
  it('reads comments and resolves paths against the file\'s folder, not the current one', () => {
    const folder = path.join(root, 'project', 'conf');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'rules.json'), '{}');
    const file = path.join(folder, 'pdnscan.config.json');
    writeFileSync(file, `// company settings\n{\n  "categories": "rules.json", /* next to this file */\n  "redact": { "keyFile": "../pdn.key", },\n}\n`);
    const config = loadConfig(path.relative(process.cwd(), file));
    expect(config.dir).toBe(folder);
    expect(config.categoriesFile).toBe(path.join(folder, 'rules.json'));
    expect(config.redact?.keyFile).toBe(path.join(root, 'project', 'pdn.key'));
  });

  it('names the file in every error', () => {
    const bad = path.join(root, 'bad.json');
    writeFileSync(bad, '{ "jobz": 2 }');
    expect(() => loadConfig(bad)).toThrow(`${bad}: jobz: unknown key (did you mean "jobs"?)`);
    const broken = path.join(root, 'broken.json');
    writeFileSync(broken, '{ "jobs": 2 ');
    expect(() => loadConfig(broken)).toThrow(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON`));
    expect(() => loadConfig(path.join(root, 'none.json'))).toThrow(/none\.json: cannot read the configuration file \(no such file\)/);
    expect(() => loadConfig(path.join(root, 'none.json'))).toThrow(ConfigError);
  });

  it('finds pdnscan.config.json in a folder only when it is there', () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    expect(findConfigFile(empty)).toBeUndefined();
    writeFileSync(path.join(empty, 'pdnscan.config.json'), '{}');
    expect(findConfigFile(empty)).toBe(path.join(empty, 'pdnscan.config.json'));
  });

  it('checks a configuration object like a file', () => {
    expect(() => configFromObject({ minScore: 7 } as never)).toThrow('config object: minScore: must be a number from 0 to 1');
    expect(configFromObject({ exclude: ['*.log'] }, root)).toMatchObject({ source: 'config object', dir: root, exclude: ['*.log'] });
  });
});
