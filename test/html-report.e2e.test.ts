/**
 * `--format html` end to end: the built CLI writes the report for the fixture corpus, and a real
 * headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) opens it from disk
 * with every network request watched. The browser part is skipped only where that Chromium is
 * not installed; the checks on the file itself always run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ROOT, digitsOf, loadTruth, runCli, runJson, tempDir, type Report } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
/** The README's screenshot is refreshed only on request (UPDATE_SCREENSHOT=1): a test run must not change tracked files. */
const README_SCREENSHOT = path.join(ROOT, 'docs/report-screenshot.png');
const truth = loadTruth();

/** Planted values (and their digit strings) that a masked report must not contain. */
const SECRETS = [
  ...new Set(
    truth.files.flatMap((t) => t.findings.flatMap((f) => [f.value, ...(digitsOf(f.value).length >= 6 ? [digitsOf(f.value)] : [])])),
  ),
];

/** A name that would break out of the data block or run script if it reached the page as markup. */
const HOSTILE_DIR = '<';
const HOSTILE_FILE = 'script><img src=x onerror="window.pwned=1">&amp;\u2028.txt';

let tmp: ReturnType<typeof tempDir>;
let reportFile: string;
let html: string;
let json: Report;
let hostileReport: string;
let hostilePath: string;
let pagedReport: string;

function htmlReport(args: readonly string[], out: string): string {
  const r = runCli(['scan', ...args, '--format', 'html', '--out', out, '--quiet'], { timeout: 120_000 });
  expect(r.status, r.stderr).toBe(1);
  return readFileSync(out, 'utf8');
}

/** The data block the page's script reads. */
function embeddedData(page: string): { files: Array<{ p: string }> } {
  const m = /<script type="application\/json" id="pdn-data">([^<]*)<\/script>/.exec(page);
  expect(m, 'data block').not.toBeNull();
  return JSON.parse(m![1]!) as { files: Array<{ p: string }> };
}

beforeAll(() => {
  expect(existsSync(path.join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run `npm run build`').toBe(true);
  tmp = tempDir('pdnscan-html-');
  reportFile = path.join(tmp.dir, 'report.html');
  html = htmlReport([CORPUS], reportFile);
  json = runJson([CORPUS]).report;

  const hostileRoot = path.join(tmp.dir, 'hostile');
  mkdirSync(path.join(hostileRoot, HOSTILE_DIR), { recursive: true });
  writeFileSync(path.join(hostileRoot, HOSTILE_DIR, HOSTILE_FILE), 'СНИЛС 112-233-445 95\n');
  hostilePath = `${hostileRoot}/${HOSTILE_DIR}/${HOSTILE_FILE}`;
  hostileReport = path.join(tmp.dir, 'hostile.html');
  htmlReport([hostileRoot], hostileReport);

  // More files than one page of the table holds (200).
  const many = path.join(tmp.dir, 'many');
  for (let i = 0; i < 3; i++) mkdirSync(path.join(many, `dept-${i}`), { recursive: true });
  const pair = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < 230; i++) {
    writeFileSync(path.join(many, `dept-${i % 3}`, `card-${i}.txt`), `Телефон: +7 (916) 123-${pair(Math.floor(i / 100))}-${pair(i % 100)}\n`);
  }
  pagedReport = path.join(tmp.dir, 'many.html');
  htmlReport([many], pagedReport);
}, 240_000);

afterAll(() => tmp?.cleanup());

describe('--format html: the file', () => {
  it('is one page with everything inline: no external resource, font or script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\s(?:src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).toContain("default-src 'none'");
  });

  it('holds no planted value when not revealed', () => {
    expect(SECRETS.length).toBeGreaterThan(50);
    expect(SECRETS.filter((s) => html.includes(s))).toEqual([]);
  });

  it('holds the raw values with --reveal, and says so', () => {
    const revealed = htmlReport([CORPUS, '--reveal'], path.join(tmp.dir, 'revealed.html'));
    expect(SECRETS.filter((s) => revealed.includes(s)).length).toBeGreaterThan(SECRETS.length / 2);
    expect(revealed).toContain('--reveal');
  });

  it('lists every scanned file in its data block, Russian labels by default', () => {
    expect(embeddedData(html).files.map((f) => f.p).sort()).toEqual(json.files.map((f) => f.path).sort());
    expect(html).toContain('<html lang="ru">');
    for (const label of ['СНИЛС', 'Паспорт гражданина РФ', 'ФИО', 'Адрес', 'Телефон']) expect(html).toContain(label);
  });

  it('speaks English with --lang en', () => {
    const out = path.join(tmp.dir, 'en.html');
    const r = runCli(['scan', CORPUS, '--format', 'html', '--lang', 'en', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(1);
    const en = readFileSync(out, 'utf8');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('SNILS (individual insurance account number)');
    expect(en).toContain('Files per category of personal data');
    expect(en).not.toContain('Файлы по категориям');
  });

  it('rejects an unknown --lang', () => {
    const r = runCli(['scan', CORPUS, '--format', 'html', '--lang', 'de', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--lang/);
  });

  it('escapes a hostile file name in the data block: it reads back exactly, and breaks nothing out', () => {
    const page = readFileSync(hostileReport, 'utf8');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('\u2028');
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(embeddedData(page).files.map((f) => f.p)).toEqual([hostilePath]);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('--format html in Chromium', () => {
  let context: BrowserContext;
  const requests: string[] = [];

  beforeAll(async () => {
    context = await chromium.launchPersistentContext(path.join(tmp.dir, 'profile'), {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    context.on('request', (request) => requests.push(request.url()));
    // Anything but the report file itself would be a request to the network: refuse and record it.
    await context.route(/^(?!file:)/, (route) => route.abort());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  /** Opens a report, collecting console errors and page errors. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(pathToFileURL(file).href);
    await page.locator('#files-body tr').first().waitFor();
    return { page, problems };
  }

  const rowCount = (page: Page) => page.locator('#files-body tr').count();
  const rowPaths = (page: Page) => page.locator('#files-body td.path').allTextContents();
  const rowRisks = (page: Page) =>
    page.$$eval('#files-body tr .badge', (badges) => badges.map((b) => Number(/risk-(\d)/.exec(b.className)?.[1] ?? -1)));

  it('opens offline: no request but the file, no console or page error', async () => {
    requests.length = 0;
    const { page, problems } = await open(reportFile);
    await page.waitForLoadState('load');
    expect(problems).toEqual([]);
    expect(requests.filter((u) => u !== pathToFileURL(reportFile).href)).toEqual([]);
    const screenshot = path.join(tmp.dir, 'report-viewport.png');
    await page.screenshot({ path: screenshot });
    if (process.env['UPDATE_SCREENSHOT'] === '1') await page.screenshot({ path: README_SCREENSHOT });
    await page.screenshot({ path: path.join(tmp.dir, 'report.png'), fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });

  it('draws the charts: one bar per category and per type, with the counts of the summary', async () => {
    const { page, problems } = await open(reportFile);
    const byCategory = (json.summary as { byCategory?: Record<string, number> }).byCategory ?? {};
    for (const [chart, counts] of [['#chart-categories', byCategory], ['#chart-types', json.summary.byType]] as const) {
      const bars = page.locator(`${chart} svg .bar rect`);
      expect(await bars.count(), chart).toBe(Object.keys(counts).length);
      for (const box of await bars.evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.height).toBeGreaterThan(0);
        expect(box.width).toBeGreaterThan(0);
      }
      const values = (await page.locator(`${chart} svg .bar .value`).allTextContents()).map(Number);
      expect(values.sort((a, b) => a - b), chart).toEqual(Object.values(counts).sort((a, b) => a - b));
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by file name as one types', async () => {
    const { page } = await open(reportFile);
    expect(await rowCount(page)).toBe(json.files.length);
    await page.locator('#filter-text').fill('staff-list-2024');
    expect(await rowPaths(page)).toEqual([`${CORPUS}/staff/staff-list-2024.csv`]);
    await page.locator('#filter-text').fill('');
    expect(await rowCount(page)).toBe(json.files.length);
    await page.close();
  });

  it('filters by type: only the files with a СНИЛС', async () => {
    const { page } = await open(reportFile);
    await page.locator('#filter-type').selectOption({ label: 'СНИЛС' });
    const expected = json.files.filter((f) => f.findings.some((x) => x.type === 'RU_SNILS')).map((f) => f.path);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(json.files.length);
    expect((await rowPaths(page)).sort()).toEqual(expected.sort());
    await page.close();
  });

  it('filters by risk and by category', async () => {
    const { page } = await open(reportFile);
    await page.locator('#filter-risk').selectOption({ label: 'высокий' });
    expect((await rowPaths(page)).sort()).toEqual(json.files.filter((f) => f.status === 'ok' && f.risk === 'high').map((f) => f.path).sort());
    await page.locator('#filter-risk').selectOption('');
    await page.locator('#filter-category').selectOption({ label: 'Банковские реквизиты' });
    expect((await rowPaths(page)).sort()).toEqual(json.files.filter((f) => f.categories.includes('bank_details')).map((f) => f.path).sort());
    await page.close();
  });

  it('sorts by risk when its header is clicked, and back', async () => {
    const { page } = await open(reportFile);
    const risk = page.locator('#files-table th[data-sort="risk"]');
    await risk.locator('button').click();
    expect(await risk.getAttribute('aria-sort')).toBe('ascending');
    const up = await rowRisks(page);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await risk.locator('button').click();
    expect(await risk.getAttribute('aria-sort')).toBe('descending');
    const down = await rowRisks(page);
    expect(down).toEqual([...up].sort((a, b) => b - a));
    expect(down[0]).toBe(4);
    expect(down[0]).not.toBe(up[0]);
    await page.close();
  });

  it('opens a folder of the tree to show its files, ranked by personal data', async () => {
    const { page } = await open(reportFile);
    const staff = page.locator('#tree .folder').filter({ has: page.locator('.name', { hasText: /^staff$/ }) });
    const staffItem = staff.locator('xpath=..');
    expect(await staff.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#tree .tree-file', { hasText: 'staff-list-2024.csv' }).count()).toBe(0);
    await staff.click();
    expect(await staff.getAttribute('aria-expanded')).toBe('true');
    const names = await staffItem.locator(':scope > .tree-children > .tree-file .name').allTextContents();
    const expected = json.files.filter((f) => f.path.startsWith(`${CORPUS}/staff/`)).map((f) => path.basename(f.path));
    expect(names.sort()).toEqual(expected.sort());
    const counts = (await staffItem.locator(':scope > .tree-children > .tree-file .counts').allTextContents()).map((t) => parseInt(t, 10));
    expect(counts.length).toBe(expected.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await staff.click();
    expect(await page.locator('#tree .tree-file', { hasText: 'staff-list-2024.csv' }).isVisible()).toBe(false);
    await page.close();
  });

  it('shows a hostile file name as text and runs nothing from it', async () => {
    const { page, problems } = await open(hostileReport);
    expect(await rowPaths(page)).toEqual([hostilePath]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('pages a long table 200 rows at a time', async () => {
    const { page } = await open(pagedReport);
    expect(await rowCount(page)).toBe(200);
    expect(await page.locator('#pager-text').textContent()).toMatch(/1–200 .* 230/);
    await page.locator('#page-next').click();
    expect(await rowCount(page)).toBe(30);
    expect(await page.locator('#page-next').isDisabled()).toBe(true);
    await page.locator('#filter-text').fill('dept-1/');
    expect(await rowCount(page)).toBe(77);
    await page.close();
  });
});
