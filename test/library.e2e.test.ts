/**
 * Library use through the built package entry (`import … from 'pdnscan'`, package.json "exports"
 * → dist/index.js): scan and redact a small folder, with a configuration object and a file, and
 * type-check a consumer against dist/index.d.ts as a user's strict project would.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

type Lib = typeof import('../dist/index.js');

const tmp = tempDir('pdnscan-lib-');
afterAll(() => tmp.cleanup());
const data = path.join(tmp.dir, 'data');
const LETTER = 'Приёмная: тел. +7 (495) 000-11-22\nСотрудник: тел. 8 (916) 123-45-67, СНИЛС 112-233-445 95\n';

let lib: Lib;
beforeAll(async () => {
  mkdirSync(data, { recursive: true });
  writeFileSync(path.join(data, 'letter.txt'), LETTER);
  lib = (await import('pdnscan' as string)) as Lib;
});

describe("import { scan, redact } from 'pdnscan'", () => {
  it('is the built entry, with the detectors list and config helpers', async () => {
    expect(lib).toBe(await import('../dist/index.js'));
    expect(lib.ALL_DETECTORS.map((d) => d.entity)).toContain('RU_SNILS');
    expect(typeof lib.loadConfig).toBe('function');
  });

  it('scans with a config object; options win over it', async () => {
    const config = { allowlist: [{ value: '+7 495 000-11-22' }], types: ['PHONE_NUMBER' as const] };
    const report = await lib.scan(data, { jobs: 1, config, reveal: true });
    expect(report.files[0]!.findings.map((f) => f.value)).toEqual(['8 (916) 123-45-67']);
    expect(report.files[0]!.allowlisted).toBe(1);
    const wider = await lib.scan([data], { jobs: 1, config, types: ['PHONE_NUMBER', 'RU_SNILS'] });
    expect(Object.keys(wider.summary.byType).sort()).toEqual(['PHONE_NUMBER', 'RU_SNILS']);
    expect(wider.files[0]!.findings.every((f) => f.value === undefined)).toBe(true);
  });

  it('scans with a config file and rejects a bad one with ConfigError', async () => {
    const file = path.join(tmp.dir, 'pdn.json');
    writeFileSync(file, '{ "excludeTypes": ["RU_SNILS"] /* not this time */ }');
    const report = await lib.scan(data, { jobs: 1, configFile: file });
    expect(report.summary.byType['RU_SNILS']).toBeUndefined();
    expect(report.summary.byType['PHONE_NUMBER']).toBe(2);
    await expect(lib.scan(data, { config: { minScore: 5 } })).rejects.toThrow(lib.ConfigError);
    await expect(lib.scan(data, { config: { minScore: 5 } })).rejects.toThrow('config object: minScore: must be a number from 0 to 1');
  });

  it('redacts with operators over the config, keeping allowlisted values', async () => {
    const out = path.join(tmp.dir, 'anon');
    const report = await lib.redact(data, {
      out,
      jobs: 1,
      config: { allowlist: [{ pattern: '^\\+7 \\(495\\)' }], redact: { operators: { default: 'mask', RU_SNILS: 'replace' } } },
      operators: { PHONE_NUMBER: 'redact' },
    });
    expect(report.policy).toEqual({ default: 'mask', byType: { RU_SNILS: 'replace', PHONE_NUMBER: 'redact' } });
    expect(report.summary).toMatchObject({ errors: 0, residual: 0, leaked: 0 });
    const copy = readFileSync(path.join(out, 'letter.txt'), 'utf8');
    expect(copy).toContain('+7 (495) 000-11-22');
    expect(copy).not.toContain('123-45-67');
    expect(copy).not.toContain('112-233-445 95');
    await expect(lib.redact(data, { out: path.join(tmp.dir, 'x'), operators: { PERSON: 'fakee' as 'fake' } })).rejects.toThrow('redact.operators.PERSON: unknown operator "fakee"');
  });
});

describe('dist/index.d.ts', () => {
  it('type-checks a strict consumer of scan, redact and their types', () => {
    const dir = path.join(tmp.dir, 'consumer');
    mkdirSync(dir);
    const entry = path.join(ROOT, 'dist/index.js').split(path.sep).join('/');
    writeFileSync(
      path.join(dir, 'use.ts'),
      `import { scan, redact, loadConfig, ALL_DETECTORS, type ScanApiOptions, type RedactApiOptions, type PdnscanConfig, type ScanReport, type RedactionReport } from '${entry}';
const config: PdnscanConfig = { types: ['RU_SNILS'], allowlist: [{ value: '7751234566', types: ['RU_INN_ORG'] }], redact: { operators: { default: 'mask', PERSON: 'fake' } } };
const scanOptions: ScanApiOptions = { config, jobs: 2 };
const redactOptions: RedactApiOptions = { out: 'anon', configFile: 'pdnscan.config.json', operators: { RU_SNILS: 'pseudonym' } };
export async function run(): Promise<[ScanReport, RedactionReport, number, string]> {
  const report = await scan(['./share'], scanOptions);
  const copies = await redact('./share', redactOptions);
  return [report, copies, report.files[0]?.allowlisted ?? 0, loadConfig('x.json').source + ALL_DETECTORS.length];
}
// @ts-expect-error an unknown operator is a type error
export const wrong: PdnscanConfig = { redact: { operators: { PERSON: 'fakee' } } };
`,
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules/@types'), '--skipLibCheck', 'false', path.join(dir, 'use.ts')], { encoding: 'utf8', cwd: dir });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
