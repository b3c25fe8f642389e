/**
 * The URLs a page refers to that a visitor can open or that the page shows: links (`a`, `area`),
 * frames, embedded documents (`embed`, `object`) and images (`img src`, and the first candidate of
 * `srcset`, the one a browser at 1x would load). Fragments are dropped (one page, one fetch);
 * only http and https URLs are kept, resolved against the page (or its `<base href>`).
 */
import { Parser } from 'htmlparser2';

const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  img: ['src'],
};

export function extractLinks(html: string, pageUrl: URL): URL[] {
  let base = pageUrl;
  let baseSeen = false;
  const found: URL[] = [];
  const seen = new Set<string>();
  const add = (raw: string | undefined) => {
    const url = resolve(raw, base);
    if (!url || seen.has(url.href)) return;
    seen.add(url.href);
    found.push(url);
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        // Only the first <base href> counts, as in a browser.
        if (name === 'base' && !baseSeen && attribs.href !== undefined) {
          baseSeen = true;
          base = resolve(attribs.href, pageUrl) ?? pageUrl;
          return;
        }
        for (const attribute of URL_ATTRIBUTES[name] ?? []) add(attribs[attribute]);
        if (name === 'img' && attribs.srcset) add(firstSrcsetCandidate(attribs.srcset));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** "a.png 1x, b.png 2x" → "a.png": the URL is the first run of non-space characters, less trailing commas. */
export function firstSrcsetCandidate(srcset: string): string | undefined {
  const url = /^\s*(\S+)/.exec(srcset)?.[1]?.replace(/,+$/, '');
  return url || undefined;
}

function resolve(raw: string | undefined, base: URL): URL | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url;
}
