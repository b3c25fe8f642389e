/**
 * `--format csv` for Excel: a UTF-8 BOM first (Excel reads the file as UTF-8 only then) and
 * `--csv-delimiter ";"` for Russian Excel. The output is read back with pdnscan's own CSV parser
 * (src/extractors/csv/parse.ts), the one that reads scanned CSV files.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/extractors/csv/parse.js';
import { CORPUS, runCli, runJson, tempDir, type Report } from './helpers.js';

const BOM = '\uFEFF';
let tmp: ReturnType<typeof tempDir>;

function csv(args: readonly string[], cwd?: string): string {
  const r = runCli(['scan', ...args, '--format', 'csv', '--quiet'], cwd ? { cwd } : {});
  expect(r.status, r.stderr).toBe(1);
  return r.stdout;
}

/** Rows of a report written by us: BOM checked and dropped, then parsed by the scanner's parser. */
function rows(text: string, delimiter: string): string[][] {
  expect(text.startsWith(BOM), 'starts with a UTF-8 BOM').toBe(true);
  expect(text.slice(1)).not.toContain(BOM);
  return parseCsv(text.slice(1), delimiter).map((record) => record.map((cell) => cell.value));
}

beforeAll(() => {
  tmp = tempDir('pdnscan-csv-');
});
afterAll(() => tmp.cleanup());

describe('--format csv for Excel', () => {
  let json: Report;
  let comma: string[][];
  let semicolon: string[][];

  beforeAll(() => {
    json = runJson([CORPUS]).report;
    comma = rows(csv([CORPUS]), ',');
    semicolon = rows(csv([CORPUS, '--csv-delimiter', ';']), ';');
  });

  it('with ";" gives the same rows as with ",", one per finding of the JSON report', () => {
    expect(semicolon).toEqual(comma);
    const [header, ...body] = semicolon;
    expect(header!.slice(0, 3)).toEqual(['path', 'type', 'personal_data']);
    // A leading + (phones: "+7 (9**) ***-**-49") would start a formula: such cells get a "'".
    const defused = (cell: string) => (/^[=+@-]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell);
    const expected = json.files.flatMap((f) => f.findings.map((x) => [f.path, x.type, defused(x.masked)]));
    expect(expected.some(([, , masked]) => masked!.startsWith("'+7"))).toBe(true);
    const col = (name: string) => header!.indexOf(name);
    expect(body.map((r) => [r[col('path')], r[col('type')], r[col('masked')]])).toEqual(expected);
    // Locations hold commas ("row 2, col 3"): with ";" they need no quotes, with "," they do.
    expect(body.some((r) => r[col('location')]!.includes(','))).toBe(true);
  });

  it('quotes a cell holding the delimiter and still defuses a leading "=" (formula injection)', () => {
    const name = '=1+2;3.txt';
    writeFileSync(path.join(tmp.dir, name), 'СНИЛС 112-233-445 95\n');
    const text = csv([name, '--csv-delimiter', ';'], tmp.dir);
    expect(text).toContain(`"'${name}";`);
    const [header, first] = rows(text, ';');
    expect(first![header!.indexOf('path')]).toBe(`'${name}`);
    expect(first![header!.indexOf('masked')]).toBe('***-***-*** 95');
  });

  it('takes "tab" for a tab, and refuses a quote or more than one character', () => {
    const tabbed = rows(csv([CORPUS, '--csv-delimiter', 'tab']), '\t');
    expect(tabbed).toEqual(comma);
    for (const bad of ['"', ';;', '']) {
      const r = runCli(['scan', CORPUS, '--format', 'csv', '--csv-delimiter', bad, '--quiet']);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--csv-delimiter');
    }
  });
});
