/**
 * One HTTP GET, without following redirects (the crawler decides whether a redirect's target is
 * part of the site) and without reading more than a size limit: a body larger than the limit is
 * abandoned as soon as its Content-Length, or the bytes read, say so.
 */

export interface FetchSettings {
  userAgent: string;
  /** Largest body read, in bytes. */
  maxBytes: number;
  /** Time limit of the whole request, body included. */
  timeoutMs: number;
}

export type FetchOutcome =
  | { kind: 'body'; status: number; contentType: string | undefined; body: Buffer }
  | { kind: 'redirect'; status: number; location: URL }
  | { kind: 'http-error'; status: number }
  | { kind: 'too-large'; contentType: string | undefined }
  | { kind: 'failed'; reason: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchResource(url: URL, settings: FetchSettings): Promise<FetchOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'manual',
      headers: { 'user-agent': settings.userAgent, accept: '*/*' },
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    return { kind: 'failed', reason: networkReason(error) };
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  if (REDIRECT_STATUSES.has(response.status)) {
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location) return { kind: 'http-error', status: response.status };
    try {
      return { kind: 'redirect', status: response.status, location: new URL(location, url) };
    } catch {
      return { kind: 'failed', reason: `redirect to an invalid URL` };
    }
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { kind: 'http-error', status: response.status };
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > settings.maxBytes) {
    await response.body?.cancel();
    return { kind: 'too-large', contentType };
  }
  try {
    const body = await readLimited(response, settings.maxBytes);
    return body ? { kind: 'body', status: response.status, contentType, body } : { kind: 'too-large', contentType };
  } catch (error) {
    return { kind: 'failed', reason: networkReason(error) };
  }
}

/** The body, or undefined once it passes `maxBytes` (the rest is not downloaded). */
async function readLimited(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** "ECONNREFUSED", "timed out", "ENOTFOUND": what undici hides in `cause`. */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
