/**
 * `--format sarif` end to end: the built CLI over the text corpus and one file of each kind whose
 * locations are not lines (XLSX cell, DOCX paragraph, PDF page, ZIP entry), checked against the
 * official SARIF 2.1.0 schema (test/schemas/sarif-schema-2.1.0.json, see test/schemas/README.md)
 * with ajv, and against the JSON report of the same scan.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_DETECTORS } from '../src/detectors/registry.js';
import { ENTITY_TYPES } from '../src/detectors/types.js';
import { CORPUS, ROOT, digitsOf, loadTruth, runCli, tempDir, type Report, type ReportFinding } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const DOCUMENTS = [
  'fixtures/documents/xlsx/staff-list.xlsx',
  'fixtures/documents/docx/employee-card.docx',
  'fixtures/documents/pdf/letter.pdf',
  'fixtures/documents/zip/hr-archive.zip',
  'fixtures/documents/pdf/encrypted.pdf',
];
const ARGS = [CORPUS, ...DOCUMENTS, '--ocr', 'never', '--quiet'];

interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string; index?: number }; region?: { startLine: number; startColumn: number } };
  logicalLocations?: Array<{ fullyQualifiedName: string; name?: string; kind?: string }>;
  properties?: Record<string, unknown>;
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Location[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { category: string; personalData: boolean };
}
interface Log {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Rule[] } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
    artifacts: Array<{ location: { uri: string }; properties: { risk: string } }>;
    results: Result[];
  }>;
}

/**
 * The official file has two defects that stop any JSON Schema validator from compiling it: in
 * `region` the anyOf (a region needs startLine, charOffset or byteOffset) sits inside `properties`
 * as if it were a property, and `language` patterns use `(?i)`, which JavaScript regexes do not
 * have. Both are repaired here, in memory, as their authors evidently meant them; the test first
 * checks that the defects are still exactly these, so a newer vendored schema is noticed.
 */
function repairedSchema(): object {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8'));
  const region = schema.definitions.region;
  expect(Array.isArray(region.properties.anyOf), 'region.properties.anyOf').toBe(true);
  region.anyOf = region.properties.anyOf;
  delete region.properties.anyOf;
  for (const holder of [schema.definitions.run, schema.definitions.toolComponent]) {
    expect(holder.properties.language.pattern).toBe('^(?i)[a-zA]{2}(-[a-z]{2})?$');
    holder.properties.language.pattern = '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$';
  }
  return schema;
}

const truth = loadTruth();
const SECRETS = [
  ...new Set(truth.files.flatMap((t) => t.findings.flatMap((f) => [f.value, ...(digitsOf(f.value).length >= 6 ? [digitsOf(f.value)] : [])]))),
];

let tmp: ReturnType<typeof tempDir>;
let sarifText: string;
let log: Log;
let json: Report;
let revealed: Report;
let validate: ValidateFunction;

function run(args: readonly string[], opts: { cwd?: string } = {}): string {
  const r = runCli(['scan', ...args], { timeout: 120_000, ...opts });
  expect(r.status, r.stderr).toBe(1);
  return r.stdout;
}

beforeAll(() => {
  tmp = tempDir('pdnscan-sarif-');
  sarifText = run([...ARGS, '--format', 'sarif']);
  log = JSON.parse(sarifText) as Log;
  json = JSON.parse(run([...ARGS, '--format', 'json'])) as Report;
  revealed = JSON.parse(run([...ARGS, '--format', 'json', '--reveal'])) as Report;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(repairedSchema());
}, 300_000);

afterAll(() => tmp?.cleanup());

const results = () => log.runs[0]!.results;
const findings = (report: Report) => report.files.flatMap((f) => f.findings.map((x) => ({ file: f, finding: x })));

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 under the official schema', () => {
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('the schema check is live: a 0-based column or an unknown level is refused', () => {
    const broken = structuredClone(log);
    const withRegion = broken.runs[0]!.results.find((r) => r.locations[0]!.physicalLocation.region)!;
    withRegion.locations[0]!.physicalLocation.region!.startColumn = 0;
    expect(validate(broken)).toBe(false);
    const badLevel = structuredClone(log);
    badLevel.runs[0]!.results[0]!.level = 'critical';
    expect(validate(badLevel)).toBe(false);
  });

  it('names the tool and says the run completed, with unreadable files as notifications', () => {
    const run0 = log.runs[0]!;
    expect(run0.tool.driver).toMatchObject({ name: 'pdnscan', version: json.tool.version });
    expect(run0.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run0.invocations[0]!.executionSuccessful).toBe(true);
    const notes = run0.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text);
    expect(notes.some((t) => t.startsWith('fixtures/documents/pdf/encrypted.pdf: '))).toBe(true);
  });

  it('has one rule per entity type, described from its detector', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...ENTITY_TYPES]);
    for (const d of ALL_DETECTORS) {
      const rule = rules.find((r) => r.id === d.entity)!;
      expect(rule.shortDescription.text).toBe(d.label.en);
      expect(rule.fullDescription.text).toContain(d.label.ru);
      expect(rule.properties).toMatchObject({ category: d.category, personalData: d.personalData });
      expect(rule.defaultConfiguration.level).toBe(d.personalData ? 'error' : 'note');
      expect(rule.help.text).toMatch(/\(masked\)/);
      // The example is shown masked: its last characters, never the whole value.
      if (digitsOf(d.example).length >= 6) expect(rule.help.text, d.id).not.toContain(d.example);
    }
  });

  it('has one result per finding of the JSON report, with its rule, level and masked value', () => {
    const all = findings(json);
    expect(results().length).toBe(all.length);
    const rules = log.runs[0]!.tool.driver.rules;
    results().forEach((r, i) => {
      const { file, finding } = all[i]!;
      expect(r.ruleId).toBe(finding.type);
      expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
      const expected = finding.personalData === false ? 'note' : file.risk === 'low' ? 'warning' : 'error';
      expect(r.level, `${file.path} ${finding.type}`).toBe(expected);
      expect(r.message.text).toContain(finding.masked);
      expect(r.properties['masked']).toBe(finding.masked);
      expect(r.properties).not.toHaveProperty('value');
    });
    expect(new Set(results().map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
  });

  it('leaks no planted value', () => {
    expect(SECRETS.filter((s) => sarifText.includes(s))).toEqual([]);
  });

  it('puts text findings on 1-based lines and columns', () => {
    const all = findings(json);
    let checked = 0;
    results().forEach((r, i) => {
      const loc = all[i]!.finding.location;
      const region = r.locations[0]!.physicalLocation.region;
      if (loc.entry === undefined && 'line' in loc) {
        expect(region).toEqual({ startLine: loc.line, startColumn: loc.column + 1 });
        checked++;
      } else expect(region).toBeUndefined();
    });
    expect(checked).toBeGreaterThan(200);
    const csv = results().find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('staff-list-2024.csv'))!;
    expect(csv.locations[0]!.properties).toMatchObject({ row: expect.any(Number), col: expect.any(Number) });
  });

  it('names cells, paragraphs, PDF pages and archive entries as logical locations', () => {
    const at = (suffix: string) => results().filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith(suffix));
    const fq = (r: Result) => r.locations[0]!.logicalLocations?.[0]?.fullyQualifiedName;
    const xlsx = at('staff-list.xlsx');
    expect(xlsx.length).toBeGreaterThan(10);
    // Cells are "Sheet!A1"; document properties are named like cells of a "(properties)" sheet.
    for (const r of xlsx) expect(fq(r)).toMatch(/^[^!]+!(?:[A-Z]+\d+|[a-zA-Z]+)$/);
    expect(xlsx.map(fq)).toContain('Лист1!C2');
    const docx = at('employee-card.docx');
    for (const r of docx) expect(fq(r)).toMatch(/^[\w/]+\.xml#p\d+$/);
    expect(docx.map(fq)).toContain('word/document.xml#p3');
    const pdf = at('letter.pdf');
    expect(pdf.length).toBeGreaterThan(3);
    for (const r of pdf) {
      expect(r.locations[0]!.properties).toMatchObject({ page: 1, bbox: expect.any(Array) });
      expect(fq(r)).toBe('page 1');
    }
    const zip = at('hr-archive.zip');
    expect(zip.length).toBeGreaterThan(2);
    // Inside an archive a region would point into the archive's bytes: the entry names the place.
    for (const r of zip) {
      const entry = r.locations[0]!.properties?.['entry'] as string;
      expect(fq(r)?.startsWith(entry), fq(r)).toBe(true);
    }
    expect(zip.map(fq)).toContain('docs/employees.txt:2:22');
    expect(zip.map(fq)).toContain('docs/cards/card.docx!word/document.xml#p2');
  });

  it('writes relative paths as URI references, encoded', () => {
    const dir = path.join(tmp.dir, 'share');
    mkdirSync(path.join(dir, 'отдел кадров'), { recursive: true });
    writeFileSync(path.join(dir, 'отдел кадров', 'список #1 (100%).txt'), 'СНИЛС 112-233-445 95\n');
    const one = JSON.parse(run(['отдел кадров', '--format', 'sarif', '--quiet'], { cwd: dir })) as Log;
    const artifact = one.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(artifact.uri).toBe('%D0%BE%D1%82%D0%B4%D0%B5%D0%BB%20%D0%BA%D0%B0%D0%B4%D1%80%D0%BE%D0%B2/' + encodeURIComponent('список #1 (100%).txt'));
    expect(decodeURIComponent(artifact.uri)).toBe('отдел кадров/список #1 (100%).txt');
    expect(artifact.uriBaseId).toBe('%SRCROOT%');
    expect(validate(one), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('fingerprints each result by file, type and a hash of the raw value, the same in every run', () => {
    const prints = results().map((r) => r.partialFingerprints['pdnscanValue/v1']!);
    expect(new Set(prints).size).toBe(prints.length);
    // Recomputed from the revealed values: the fingerprint follows the value, not its mask.
    const seen = new Map<string, number>();
    const expected = findings(revealed).map(({ file, finding }) => {
      const valueHash = createHash('sha256').update((finding as ReportFinding).value!, 'utf8').digest('hex').slice(0, 16);
      const base = createHash('sha256').update(`${file.path}\0${finding.type}\0${valueHash}`, 'utf8').digest('hex').slice(0, 32);
      seen.set(base, (seen.get(base) ?? 0) + 1);
      return `${base}:${seen.get(base)}`;
    });
    expect(prints).toEqual(expected);
    const again = JSON.parse(run([...ARGS, '--format', 'sarif'])) as Log;
    expect(again.runs[0]!.results.map((r) => r.partialFingerprints['pdnscanValue/v1'])).toEqual(prints);
  });

  it('carries the raw value only with --reveal, and value hashes never reach the JSON report', () => {
    const shown = JSON.parse(run([CORPUS, '--format', 'sarif', '--reveal', '--quiet'])) as Log;
    expect(shown.runs[0]!.results.every((r) => typeof r.properties['value'] === 'string')).toBe(true);
    expect(JSON.stringify(json)).not.toContain('valueHash');
  });
});
