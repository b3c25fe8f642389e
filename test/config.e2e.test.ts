/**
 * The configuration file end to end, through the built CLI: the allowlist, precedence of the
 * command line, redact operators from the config, a typo'd key, and `pdnscan init`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type Report } from './helpers.js';

const tmp = tempDir('pdnscan-config-');
afterAll(() => tmp.cleanup());

const PUBLIC_PHONE = '+7 (495) 000-11-22';
const STAFF_PHONE = '8 (916) 123-45-67';
const LETTER = `Приёмная: тел. ${PUBLIC_PHONE}\nСотрудник Петров, тел. ${STAFF_PHONE}, e-mail: petrov@mail.ru\n`;

/** A project folder: data/letter.txt and a config written as given. */
function project(name: string, config: string): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'letter.txt'), LETTER);
  writeFileSync(path.join(dir, 'pdnscan.config.json'), config);
  return dir;
}

function scanJson(args: string[], cwd: string): { status: number | null; stderr: string; report: Report & { files: Array<{ allowlisted?: number }> } } {
  const r = runCli(['scan', ...args, '--format', 'json', '--quiet', '--reveal'], { cwd });
  if (r.status === 2) throw new Error(`exit 2: ${r.stderr}`);
  return { status: r.status, stderr: r.stderr, report: JSON.parse(r.stdout) };
}

const values = (report: Report, type: string) => report.files.flatMap((f) => f.findings).filter((f) => f.type === type).map((f) => f.value);

describe('scan with pdnscan.config.json in the current folder', () => {
  const dir = project(
    'allow',
    `// our settings\n{\n  "allowlist": [ { "value": "8 495 000 11 22", "note": "front desk" } ], // same number, other form\n}\n`,
  );

  it('does not report the allowlisted phone, reports the other one, and counts what it allowed', () => {
    const { status, report } = scanJson(['data'], dir);
    expect(status).toBe(1);
    expect(values(report, 'PHONE_NUMBER')).toEqual([STAFF_PHONE]);
    expect(report.files[0]!.allowlisted).toBe(1);
    expect(JSON.stringify(report)).not.toContain('495');
  });

  it('reports both phones with --no-config', () => {
    const { report } = scanJson(['data', '--no-config'], dir);
    expect(values(report, 'PHONE_NUMBER')).toEqual([PUBLIC_PHONE, STAFF_PHONE]);
    expect(report.files[0]!.allowlisted).toBeUndefined();
  });

  it('reads --config FILE from elsewhere, its paths relative to its own folder', () => {
    const other = path.join(tmp.dir, 'elsewhere');
    mkdirSync(other, { recursive: true });
    const config = path.join(other, 'cfg.json');
    // "data/**" resolves against the config's folder: it does not cover <dir>/data.
    writeFileSync(config, JSON.stringify({ allowlist: [{ value: PUBLIC_PHONE, paths: ['data/**'] }, { value: 'petrov@mail.ru', paths: ['letter.txt'] }] }));
    const { report } = scanJson(['data', '--config', config], dir);
    expect(values(report, 'PHONE_NUMBER')).toEqual([PUBLIC_PHONE, STAFF_PHONE]);
    expect(values(report, 'EMAIL_ADDRESS')).toEqual([]);
    // As a global option before the command, too.
    const r = runCli(['--config', config, 'scan', 'data', '--format', 'json', '--quiet'], { cwd: dir });
    expect((JSON.parse(r.stdout) as Report).summary.byType['EMAIL_ADDRESS']).toBeUndefined();
  });
});

describe('precedence', () => {
  const dir = project('precedence', JSON.stringify({ types: ['EMAIL_ADDRESS'], exclude: ['*.md'] }));
  writeFileSync(path.join(dir, 'data', 'notes.md'), `тел. ${STAFF_PHONE}\n`);
  writeFileSync(path.join(dir, 'data', 'skip.log'), `тел. ${STAFF_PHONE}\n`);

  it('takes the config when the command line says nothing', () => {
    const { report } = scanJson(['data'], dir);
    expect(Object.keys(report.summary.byType)).toEqual(['EMAIL_ADDRESS']);
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['letter.txt', 'skip.log']);
  });

  it('lets the command line win key by key, and adds its --exclude globs to the config\'s', () => {
    const { report } = scanJson(['data', '--types', 'PHONE_NUMBER', '--exclude', '*.log'], dir);
    expect(Object.keys(report.summary.byType)).toEqual(['PHONE_NUMBER']);
    expect(report.files.map((f) => path.basename(f.path))).toEqual(['letter.txt']);
  });
});

describe('a bad config', () => {
  it('is a usage error (exit 2) naming the mistyped key, before anything is scanned', () => {
    const dir = project('typo', `{\n  // a typo\n  "exlcude": ["*.log"],\n  "minScore": 0.5\n}\n`);
    const r = runCli(['scan', 'data', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('pdnscan: config pdnscan.config.json: exlcude: unknown key (did you mean "exclude"?)\n');
  });

  it('lists every problem, one per line, and never a scanned value', () => {
    const dir = project('many', JSON.stringify({ types: ['RU_SNILZ'], redact: { operators: { PERSON: 'fakee' } }, minScore: 3 }));
    const r = runCli(['redact', 'data', '--out', path.join(dir, 'out')], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('pdnscan.config.json: 3 problems:\n');
    expect(r.stderr).toContain('  types[0]: unknown type "RU_SNILZ" (did you mean "RU_SNILS"?)\n');
    expect(r.stderr).toContain('  redact.operators.PERSON: unknown operator "fakee" (did you mean "fake"?); known: mask, redact, replace, fake, pseudonym, generalize, shuffle, keep\n');
    expect(r.stderr).toContain('  minScore: must be a number from 0 to 1');
    expect(r.stderr).not.toMatch(/916|petrov/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('redact with the config', () => {
  const dir = project(
    'redact',
    JSON.stringify({
      allowlist: [{ pattern: '^\\+7 \\(495\\) 000-', types: ['PHONE_NUMBER'] }],
      redact: { operators: { default: 'replace', PHONE_NUMBER: 'mask' } },
    }),
  );

  it('uses the config operators, keeps allowlisted values, and still verifies clean', () => {
    const out = path.join(dir, 'out');
    const r = runCli(['redact', 'data', '--out', out, '--format', 'json', '--quiet'], { cwd: dir, timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { policy: unknown; summary: { residual: number; leaked: number }; files: Array<{ byType: Record<string, { operator: string; count: number }> }> };
    expect(report.policy).toEqual({ default: 'replace', byType: { PHONE_NUMBER: 'mask' } });
    expect(report.files[0]!.byType['PHONE_NUMBER']).toEqual({ operator: 'mask', count: 1 });
    expect(report.files[0]!.byType['EMAIL_ADDRESS']?.operator).toBe('replace');
    const copy = readFileSync(path.join(out, 'letter.txt'), 'utf8');
    expect(copy).toContain(PUBLIC_PHONE);
    expect(copy).not.toContain(STAFF_PHONE);
    expect(copy).not.toContain('petrov@mail.ru');
    expect(report.summary).toMatchObject({ residual: 0, leaked: 0 });
  });

  it('lets --operator win over the config for its type', () => {
    const out = path.join(dir, 'out2');
    const r = runCli(['redact', 'data', '--out', out, '--format', 'json', '--quiet', '--operator', 'PHONE_NUMBER=redact'], { cwd: dir, timeout: 60_000 });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { policy: unknown }).policy).toEqual({ default: 'replace', byType: { PHONE_NUMBER: 'redact' } });
  });
});

describe('pdnscan init', () => {
  const dir = path.join(tmp.dir, 'init');
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'letter.txt'), LETTER);

  it('writes a config that the next scan loads', () => {
    const r = runCli(['init'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('wrote pdnscan.config.json');
    expect(readFileSync(path.join(dir, 'pdnscan.config.json'), 'utf8')).toMatch(/^\/\/ pdnscan configuration/);
    const { status, report } = scanJson(['data'], dir);
    expect(status).toBe(1);
    // Its example pattern allows the fictitious front-desk numbers, +7 (495) 000-….
    expect(values(report, 'PHONE_NUMBER')).toEqual([STAFF_PHONE]);
  });

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const file = path.join(dir, 'pdnscan.config.json');
    writeFileSync(file, '{ "jobs": 1 }');
    const refused = runCli(['init'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('pdnscan: pdnscan.config.json already exists (use --force to overwrite it)\n');
    expect(readFileSync(file, 'utf8')).toBe('{ "jobs": 1 }');
    expect(runCli(['init', '--force'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"allowlist"');
  });

  it('writes to --out', () => {
    const r = runCli(['init', '--out', 'conf/pdn.jsonc'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pdnscan: cannot write conf/pdn.jsonc (ENOENT)\n');
    mkdirSync(path.join(dir, 'conf'));
    expect(runCli(['init', '--out', 'conf/pdn.jsonc'], { cwd: dir }).status).toBe(0);
    expect(runCli(['scan', 'data', '--config', 'conf/pdn.jsonc', '--quiet', '--format', 'json'], { cwd: dir }).status).toBe(1);
  });
});
