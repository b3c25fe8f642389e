/**
 * Downloads a site for scanning: breadth first from the base URL, same origin only, pages and
 * everything they link to or show (attachments, images), as robots.txt allows pdnscan. A resource
 * is a page when the server says it is HTML; only pages are read for further links. Depth counts
 * link hops from the base URL (0: the base page alone). Fetching stops at `maxResources`.
 */
import { extractLinks } from './extract-links.js';
import { fetchResource, type FetchOutcome, type FetchSettings } from './fetch-resource.js';
import type { Mirror } from './mirror.js';
import { ALLOW_ALL, DISALLOW_ALL, robotsPolicy, robotsRulesFor, type RobotsPolicy } from './robots.js';

export const ROBOTS_PRODUCT_TOKEN = 'pdnscan';

export interface CrawlOptions extends FetchSettings {
  maxDepth: number;
  /** Most resources fetched (pages, attachments and images together; robots.txt not counted). */
  maxResources: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export interface CrawledResource {
  url: string;
  depth: number;
  /** Where the body was kept in the mirror; absent when it could not be downloaded. */
  file?: string;
  /** Why it was not downloaded (HTTP 404, larger than the limit, a redirect off the site). */
  problem?: string;
  /** A resource left out on purpose (too large) rather than one that failed. */
  skipped?: boolean;
  /** Set when the URL only redirects to one fetched on its own: nothing to report for it. */
  redirectsTo?: string;
}

export interface CrawlResult {
  resources: CrawledResource[];
  /** Same-origin URLs robots.txt keeps pdnscan from. */
  disallowed: number;
  /** Distinct URLs of other origins linked from the site (not fetched). */
  otherOrigins: number;
  /** URLs found but not fetched because `maxResources` was reached. */
  overLimit: number;
  /** The limit the crawl ran under. */
  maxResources: number;
}

/** The crawl cannot start: the base URL is unreachable, an error, off-limits or off the site. */
export class CrawlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrawlError';
  }
}

const MAX_REDIRECTS = 5;

interface Pending {
  url: URL;
  depth: number;
}

export async function crawlSite(base: URL, mirror: Mirror, options: CrawlOptions): Promise<CrawlResult> {
  const robots = await loadRobots(base, options);
  if (!robots(pathAndQuery(base))) throw new CrawlError(`robots.txt of ${base.origin} does not allow ${ROBOTS_PRODUCT_TOKEN} to fetch ${base.href}`);
  const result: CrawlResult = { resources: [], disallowed: 0, otherOrigins: 0, overLimit: 0, maxResources: options.maxResources };
  // Every URL met, queued or not, so that each is fetched (or counted as left out) once.
  const met = new Set<string>([base.href]);
  const otherOrigins = new Set<string>();
  let level: Pending[] = [{ url: base, depth: 0 }];
  while (level.length > 0) {
    const admitted = level.slice(0, Math.max(0, options.maxResources - result.resources.length));
    result.overLimit += level.length - admitted.length;
    const fetched = await mapConcurrently(admitted, options.concurrency, (item) => fetchOne(item, base, robots, met, mirror, options));
    const next: Pending[] = [];
    for (const { resource, links } of fetched) {
      if (resource.depth === 0 && resource.problem !== undefined) throw new CrawlError(`cannot check ${base.href}: ${resource.problem}`);
      result.resources.push(resource);
      if (resource.depth >= options.maxDepth) continue;
      for (const link of links) {
        if (link.origin !== base.origin) {
          otherOrigins.add(link.href);
          continue;
        }
        if (met.has(link.href)) continue;
        met.add(link.href);
        if (!robots(pathAndQuery(link))) {
          result.disallowed++;
          continue;
        }
        next.push({ url: link, depth: resource.depth + 1 });
      }
    }
    level = next;
  }
  result.otherOrigins = otherOrigins.size;
  return result;
}

/** Fetches one resource, following same-origin redirects the robots rules allow, and keeps its body. */
async function fetchOne(
  item: Pending,
  base: URL,
  robots: RobotsPolicy,
  met: Set<string>,
  mirror: Mirror,
  options: CrawlOptions,
): Promise<{ resource: CrawledResource; links: URL[] }> {
  const resource: CrawledResource = { url: item.url.href, depth: item.depth };
  let url = item.url;
  let outcome: FetchOutcome = await fetchResource(url, options);
  for (let hops = 0; outcome.kind === 'redirect'; hops++) {
    const target = outcome.location;
    target.hash = '';
    if (hops >= MAX_REDIRECTS) return failed(resource, 'too many redirects');
    if (target.origin !== base.origin) return failed(resource, `redirects to ${target.href} (another origin), not followed`);
    if (!robots(pathAndQuery(target))) return failed(resource, 'redirects to a URL robots.txt disallows');
    // A redirect to a URL already met (the usual "/staff" → "/staff/") adds nothing to fetch.
    if (met.has(target.href) && target.href !== url.href) return { resource: { ...resource, redirectsTo: target.href }, links: [] };
    met.add(target.href);
    url = target;
    resource.url = target.href;
    outcome = await fetchResource(url, options);
  }
  switch (outcome.kind) {
    case 'http-error':
      return failed(resource, `HTTP ${outcome.status}`);
    case 'failed':
      return failed(resource, outcome.reason);
    case 'too-large':
      return { resource: { ...resource, problem: `larger than ${sizeText(options.maxBytes)} (--max-bytes), not downloaded`, skipped: true }, links: [] };
    case 'body': {
      resource.file = await mirror.save(url, outcome.contentType, outcome.body);
      const links = isHtml(outcome.contentType, url, outcome.body) ? extractLinks(decodeHtml(outcome.body, outcome.contentType), url) : [];
      return { resource, links };
    }
  }
}

function failed(resource: CrawledResource, problem: string): { resource: CrawledResource; links: URL[] } {
  return { resource: { ...resource, problem }, links: [] };
}

/**
 * robots.txt as RFC 9309 says to treat its absence and failures: 4xx (none) allows everything;
 * a server error or no answer disallows everything (the site may be down or protecting itself).
 */
async function loadRobots(base: URL, settings: FetchSettings): Promise<RobotsPolicy> {
  let url = new URL('/robots.txt', base);
  for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
    const outcome = await fetchResource(url, settings);
    switch (outcome.kind) {
      case 'body':
        return robotsPolicy(robotsRulesFor(outcome.body.toString('utf8'), ROBOTS_PRODUCT_TOKEN));
      case 'redirect':
        url = outcome.location;
        continue;
      case 'http-error':
        return outcome.status < 500 ? ALLOW_ALL : DISALLOW_ALL;
      case 'too-large':
        return ALLOW_ALL; // RFC 9309 asks to read at least 500 KiB; a robots.txt larger than --max-bytes is not a real one.
      case 'failed':
        throw new CrawlError(`cannot reach ${base.origin}: ${outcome.reason}`);
    }
  }
  return DISALLOW_ALL;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Number((bytes / 1024 ** 2).toFixed(1))} MB` : `${bytes} bytes`;
}

function pathAndQuery(url: URL): string {
  return url.pathname + url.search;
}

function isHtml(contentType: string | undefined, url: URL, body: Buffer): boolean {
  if (contentType) return /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(contentType);
  // No Content-Type: the extension, then the first bytes decide.
  if (/\.(html?|xhtml)$/i.test(url.pathname)) return true;
  return /^\s*(<!doctype html|<html)/i.test(body.subarray(0, 512).toString('latin1'));
}

/** The page text for finding links: the header's charset or a <meta charset>, else UTF-8. */
function decodeHtml(body: Buffer, contentType: string | undefined): string {
  const declared =
    /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
