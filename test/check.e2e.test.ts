/**
 * `pdnscan check` end to end: the real CLI crawls the fixture site (fixtures/site) served from this
 * process on 127.0.0.1, and a second server stands for another origin the site links to. Both
 * record every request, so the tests can tell what was fetched and what was left alone.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir, type Report } from './helpers.js';

const SITE = path.join(ROOT, 'fixtures/site');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const OTHER_ORIGIN_TOKEN = '__OTHER_ORIGIN__';

// Values planted in the fixture site (see fixtures/site/*.html).
const STAFF_SNILS = '267-488-835 44';
const STAFF_PHONE = '+7 (912) 345-67-89';
const DIRECTOR_PHONE = '+7 (495) 123-45-67';
const HIDDEN_SNILS = '828-107-960 15';
const NEW_SNILS = '112-233-445 95';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

interface LoggedRequest {
  path: string;
  userAgent: string | undefined;
}

interface TestServer {
  origin: string;
  requests: LoggedRequest[];
  close: () => Promise<void>;
}

/** Serves `root` (a folder's index.html for "/"), putting `otherOrigin` into HTML pages. */
async function serveFolder(root: string, otherOrigin = 'http://127.0.0.1:9'): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ path: url.pathname + url.search, userAgent: req.headers['user-agent'] });
    const relative = decodeURIComponent(url.pathname).replace(/\/$/, '/index.html');
    const file = path.join(root, relative);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
        const sent = type.startsWith('text/html') ? Buffer.from(body.toString('utf8').replaceAll(OTHER_ORIGIN_TOKEN, otherOrigin)) : body;
        res.writeHead(200, { 'content-type': type, 'content-length': sent.length }).end(sent);
      },
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process: asynchronous, so this process's servers can answer it. */
function check(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'check', ...args, '--jobs', '1'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function parseReport(run: Run): Report {
  try {
    return JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(`no JSON on stdout (exit ${run.status}):\n${run.stderr}\n${run.stdout.slice(0, 500)}`);
  }
}

const fileAt = (report: Report, url: string) => report.files.find((f) => f.path === url);
const pathsOf = (server: TestServer) => server.requests.map((r) => r.path);

let site: TestServer;
let other: TestServer;

beforeAll(async () => {
  other = await serveFolder(SITE);
  site = await serveFolder(SITE, other.origin);
});

afterAll(async () => {
  await Promise.all([site?.close(), other?.close()]);
});

beforeEach(() => {
  site.requests.length = 0;
  other.requests.length = 0;
});

describe('pdnscan check <url>', () => {
  it('fails on the site and lists the staff page and the PDF by URL, values masked', async () => {
    const run = await check([`${site.origin}/`]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`${site.origin}/staff/  [risk: medium`);
    expect(run.stdout).toContain(`${site.origin}/docs/letter.pdf  [risk: high`);
    expect(run.stdout).toContain('***-***-*** 44'); // the staff SNILS, masked
    expect(run.stdout).toMatch(/RU_SNILS .*line 6, col 68/); // with its location
    expect(run.stdout).toContain('FAIL: personal data at or above risk "low"');
    for (const raw of [STAFF_SNILS, STAFF_PHONE, DIRECTOR_PHONE, '726-993-828 66']) expect(run.stdout).not.toContain(raw);
    expect(run.stdout).not.toContain('/tmp/'); // files are named by URL, not by the temporary folder
  });

  it('fetches pages, the attachment and images once each, never the robots-disallowed page or another origin', async () => {
    const run = await check([`${site.origin}/`, '--format', 'json', '-q']);
    const report = parseReport(run);
    expect(run.status).toBe(1);
    const requested = pathsOf(site);
    expect(requested).toContain('/robots.txt');
    for (const p of ['/', '/about.html', '/staff/', '/contacts.html', '/docs/letter.pdf', '/images/logo.png', '/images/badge.png']) {
      expect(requested).toContain(p);
    }
    // srcset: the first candidate only.
    expect(requested).not.toContain('/images/badge@2x.png');
    // The link loop (about → index → about, staff → index) fetches each URL once.
    expect(new Set(requested).size).toBe(requested.length);
    expect(requested.some((p) => p.startsWith('/secret/'))).toBe(false);
    expect(other.requests).toEqual([]);
    expect(site.requests.every((r) => r.userAgent === `pdnscan/${VERSION}`)).toBe(true);

    expect(report.files.map((f) => f.path).every((p) => p.startsWith(`${site.origin}/`))).toBe(true);
    expect(report.files.some((f) => f.path.includes('/secret/'))).toBe(false);
    expect(run.stdout).not.toContain(HIDDEN_SNILS.slice(-6));
    expect(fileAt(report, `${site.origin}/staff/`)?.findings.map((f) => [f.type, f.masked])).toEqual([
      ['PHONE_NUMBER', '+7 (9**) ***-**-89'],
      ['RU_SNILS', '***-***-*** 44'],
    ]);
    expect(fileAt(report, `${site.origin}/docs/letter.pdf`)?.findings.some((f) => f.type === 'RU_PASSPORT')).toBe(true);
    expect(fileAt(report, `${site.origin}/images/logo.png`)?.status).toBe('ok');
    // Scanned with values internally (for fingerprints), printed without them.
    expect(run.stdout).not.toMatch(/"value"\s*:/);
    expect(run.stdout).not.toContain(STAFF_SNILS);
  });

  it('--fail-on high fails only when a resource is high or special', async () => {
    const full = parseReport(await check([`${site.origin}/`, '--format', 'json', '-q']));
    const atHighOrAbove = full.files.filter((f) => f.risk === 'high' || f.risk === 'special').map((f) => f.path);
    const belowHigh = full.files.filter((f) => f.risk === 'low' || f.risk === 'medium').map((f) => f.path);
    expect(belowHigh.length).toBeGreaterThan(0); // the setting makes a difference to some resources

    const run = await check([`${site.origin}/`, '--fail-on', 'high']);
    expect(run.status).toBe(atHighOrAbove.length > 0 ? 1 : 0);
    const verdict = run.stdout.slice(run.stdout.indexOf('FAIL:'));
    for (const url of atHighOrAbove) expect(verdict).toContain(url);
    for (const url of belowHigh) expect(verdict).not.toContain(url);
  });

  it('--depth 0 fetches the base page alone', async () => {
    const run = await check([`${site.origin}/`, '--depth', '0', '--format', 'json', '-q']);
    expect(run.status).toBe(0);
    expect(pathsOf(site)).toEqual(['/robots.txt', '/']);
    expect(parseReport(run).files.map((f) => f.path)).toEqual([`${site.origin}/`]);
  });

  it('stops at --max-pages and says so', async () => {
    const run = await check([`${site.origin}/`, '--max-pages', '2', '--format', 'json']);
    expect(pathsOf(site).filter((p) => p !== '/robots.txt')).toHaveLength(2);
    expect(parseReport(run).files).toHaveLength(2);
    expect(run.stderr).toMatch(/stopped at --max-pages 2: \d+ more URLs/);
  });

  it('exits 2 when the base URL cannot be reached', async () => {
    const closed = await serveFolder(SITE);
    await closed.close();
    const run = await check([`${closed.origin}/`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`cannot reach ${closed.origin}`);
  });
});

describe('pdnscan check --baseline', () => {
  let tmp: { dir: string; cleanup: () => void };
  let variant: TestServer;
  let variantRoot: string;
  let baseline: string;

  beforeAll(async () => {
    // The site without the staff page, the letter and the hidden list: only the contacts page has personal data.
    tmp = tempDir('pdnscan-check-');
    variantRoot = path.join(tmp.dir, 'site');
    cpSync(SITE, variantRoot, { recursive: true });
    for (const gone of ['staff', 'docs', 'secret']) rmSync(path.join(variantRoot, gone), { recursive: true });
    const index = readFileSync(path.join(variantRoot, 'index.html'), 'utf8');
    writeFileSync(path.join(variantRoot, 'index.html'), index.split('\n').filter((l) => !/staff|letter|secret|__OTHER/.test(l)).join('\n'));
    variant = await serveFolder(variantRoot);
    baseline = path.join(tmp.dir, 'pdn-baseline.json');
  });

  afterAll(async () => {
    await variant?.close();
    tmp?.cleanup();
  });

  it('the director\'s phone fails the gate until accepted; a new SNILS fails it again', async () => {
    const base = `${variant.origin}/`;
    const contacts = `${variant.origin}/contacts.html`;

    const before = await check([base]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain(contacts);
    // Contact details alone are low risk: a gate at medium lets them pass.
    expect((await check([base, '--fail-on', 'medium'])).status).toBe(0);

    const written = await check([base, '--update-baseline', baseline]);
    expect(written.status).toBe(0);
    const text = readFileSync(baseline, 'utf8');
    const saved = JSON.parse(text) as { findings: Array<{ fingerprint: string; type: string; location: string; masked: string }> };
    expect(saved.findings).toEqual([{ fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), type: 'PHONE_NUMBER', location: contacts, masked: '+7 (4**) ***-**-67' }]);
    expect(text).not.toContain('123-45');
    expect(text).not.toContain('4951234567');

    const accepted = await check([base, '--baseline', baseline]);
    expect(accepted.status, accepted.stdout).toBe(0);
    expect(accepted.stdout).toContain('PASS');
    expect(accepted.stdout).toContain('Accepted by the baseline');

    const about = path.join(variantRoot, 'about.html');
    writeFileSync(about, readFileSync(about, 'utf8').replace('</body>', `<p>Бухгалтер, СНИЛС ${NEW_SNILS}</p>\n</body>`));
    const leaked = await check([base, '--baseline', baseline, '--format', 'json']);
    expect(leaked.status).toBe(1);
    const report = parseReport(leaked);
    expect(fileAt(report, `${variant.origin}/about.html`)?.findings.map((f) => f.masked)).toEqual(['***-***-*** 95']);
    expect(fileAt(report, contacts)).toMatchObject({ risk: 'none', findings: [] });
    expect(leaked.stderr).toMatch(/FAIL: .*\n\s+medium\s+http:\/\/127\.0\.0\.1:\d+\/about\.html\n/);
    expect(leaked.stdout).not.toContain(NEW_SNILS);

    // --reveal is the only way to print values.
    const revealed = parseReport(await check([base, '--baseline', baseline, '--format', 'json', '--reveal', '-q']));
    expect(fileAt(revealed, `${variant.origin}/about.html`)?.findings[0]?.value).toBe(NEW_SNILS);
  });
});

describe('pdnscan check <dir>', () => {
  it('scans the built site folder without HTTP, every file included', async () => {
    const run = await check(['fixtures/site', '--format', 'json', '-q']);
    expect(run.status).toBe(1);
    expect(site.requests).toEqual([]);
    const report = parseReport(run);
    const risks = Object.fromEntries(report.files.map((f) => [f.path, f.risk]));
    expect(risks).toMatchObject({
      'fixtures/site/staff/index.html': 'medium',
      'fixtures/site/contacts.html': 'low',
      'fixtures/site/docs/letter.pdf': 'high',
      'fixtures/site/about.html': 'none',
      // robots.txt keeps crawlers out, not people: a published file is checked.
      'fixtures/site/secret/list.html': 'medium',
    });
    expect(run.stdout).not.toMatch(/"value"\s*:/);
    expect(run.stdout).not.toContain(STAFF_SNILS);
  });

  it('accepts a baseline keyed by the path inside the folder', async () => {
    const tmp = tempDir('pdnscan-check-');
    try {
      const baseline = path.join(tmp.dir, 'b.json');
      expect((await check(['fixtures/site', '--write-baseline', baseline, '-q'])).status).toBe(0);
      const locations = (JSON.parse(readFileSync(baseline, 'utf8')) as { findings: Array<{ location: string }> }).findings.map((f) => f.location);
      expect(locations).toContain('staff/index.html');
      // The same folder reached by another path is the same site.
      const again = await check([path.join(ROOT, 'fixtures/site'), '--baseline', baseline]);
      expect(again.status, again.stdout).toBe(0);
    } finally {
      tmp.cleanup();
    }
  });
});
