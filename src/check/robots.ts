/**
 * robots.txt as RFC 9309 reads it: the rules of the groups naming our product token (`pdnscan`),
 * or of the `*` groups when none does; the longest matching pattern decides, and Allow wins a tie.
 * `*` in a pattern matches any run of characters and a final `$` anchors it at the end of the path.
 */

export interface RobotsRule {
  allow: boolean;
  /** The pattern with its percent-encoding normalised (see `normaliseEncoding`). */
  pattern: string;
}

/** Decides for a path (with its query string) whether the crawler may fetch it. */
export type RobotsPolicy = (pathAndQuery: string) => boolean;

export const ALLOW_ALL: RobotsPolicy = () => true;
export const DISALLOW_ALL: RobotsPolicy = (pathAndQuery) => pathAndQuery === '/robots.txt';

interface Group {
  agents: string[];
  rules: RobotsRule[];
}

/** The rules that apply to `productToken` (case-insensitive), from the text of a robots.txt. */
export function robotsRulesFor(text: string, productToken: string): RobotsRule[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  // Consecutive user-agent lines share one group; the first rule after them closes the list.
  let collectingAgents = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!collectingAgents || !current) {
        current = { agents: [], rules: [] };
        groups.push(current);
        collectingAgents = true;
      }
      current.agents.push(value.toLowerCase());
    } else if (key === 'allow' || key === 'disallow') {
      collectingAgents = false;
      // Rules before any user-agent line belong to no group; an empty Disallow allows everything.
      if (!current || value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: normaliseEncoding(value) });
    }
    // Other lines (Sitemap, Crawl-delay, Host) neither hold rules nor end a group.
  }
  const token = productToken.toLowerCase();
  const named = groups.filter((g) => g.agents.some((a) => agentToken(a) === token));
  const chosen = named.length > 0 ? named : groups.filter((g) => g.agents.includes('*'));
  return chosen.flatMap((g) => g.rules);
}

/** "pdnscan/1.0 (+https://…)" names the product token "pdnscan". */
function agentToken(agent: string): string {
  return agent.split(/[\s/]/, 1)[0] ?? '';
}

export function robotsPolicy(rules: readonly RobotsRule[]): RobotsPolicy {
  const compiled = rules.map((r) => ({ ...r, regex: patternRegex(r.pattern) }));
  return (pathAndQuery) => {
    if (pathAndQuery === '/robots.txt') return true;
    const target = normaliseEncoding(pathAndQuery);
    let best: { allow: boolean; length: number } | undefined;
    for (const rule of compiled) {
      if (!rule.regex.test(target)) continue;
      const length = rule.pattern.length;
      if (!best || length > best.length || (length === best.length && rule.allow && !best.allow)) {
        best = { allow: rule.allow, length };
      }
    }
    return best?.allow ?? true;
  };
}

function patternRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`, 's');
}

/**
 * Patterns and URLs are compared octet by octet in percent-encoded form: characters outside
 * printable ASCII (a Cyrillic path written as is in robots.txt) are encoded as UTF-8, and the hex
 * digits of existing escapes are upper-cased, so "/документы" and "/%D0%B4%D0%BE…" are one path.
 */
export function normaliseEncoding(s: string): string {
  return s
    .replace(/%[0-9a-fA-F]{2}/g, (e) => e.toUpperCase())
    .replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}
