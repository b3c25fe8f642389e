/**
 * Where a downloaded resource is kept: a relative path that mirrors the URL's path, so a reader of
 * the temporary folder (and the scanner, which picks a reader by extension) sees the site's layout.
 * The path never leaves the folder: every segment is decoded, then stripped of separators and
 * characters file systems refuse, and a segment of dots alone becomes underscores.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Extensions for the content types the scanner reads (and a few it names when skipping). */
const EXTENSION_OF_TYPE: Readonly<Record<string, string>> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'text/tab-separated-values': '.tsv',
  'text/xml': '.xml',
  'application/xml': '.xml',
  'application/json': '.json',
  'application/pdf': '.pdf',
  'application/rtf': '.rtf',
  'application/zip': '.zip',
  'application/x-zip-compressed': '.zip',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.oasis.opendocument.text': '.odt',
  'application/vnd.oasis.opendocument.spreadsheet': '.ods',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/tiff': '.tif',
  'image/bmp': '.bmp',
};

/** Extensions that already tell the scanner what a file is: a content type does not override them. */
const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  ...Object.values(EXTENSION_OF_TYPE),
  ...['.htm', '.xhtml', '.shtml', '.jpeg', '.tiff', '.docm', '.xlsm', '.md', '.log', '.ott', '.ots'],
]);

/** Longest segment kept as is, in bytes (file systems allow 255; the query hash and an extension are added). */
const MAX_SEGMENT_BYTES = 150;

/** The extension for a Content-Type header value ("text/html; charset=utf-8" → ".html"), if known. */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return EXTENSION_OF_TYPE[essence];
}

/**
 * The relative path ('/'-separated) under which the resource at `url` is kept. A URL ending in "/"
 * is kept as "index" plus the content type's extension; a query string becomes a short hash in
 * the file name ("list~q1a2b3c4d5e6.html"), so "?page=1" and "?page=2" are two files; the content
 * type's extension is added when the name has none the scanner knows ("download.php" serving a
 * PDF becomes "download.php.pdf").
 */
export function mirrorPathOf(url: URL, contentType?: string): string {
  const segments = url.pathname.split('/').slice(1);
  const last = segments.pop() ?? '';
  const dirs = segments.filter((s) => s !== '').map(safeSegment);
  let name = last === '' ? 'index' : safeSegment(last);
  const typeExtension = extensionForContentType(contentType);
  if (typeExtension && !KNOWN_EXTENSIONS.has(path.extname(name).toLowerCase())) name += typeExtension;
  if (url.search !== '' && url.search !== '?') name = withSuffix(name, `~q${shortHash(url.search)}`);
  return [...dirs, name].join('/');
}

/** One decoded path segment as a safe file name. */
function safeSegment(raw: string): string {
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    s = raw; // a malformed escape is kept as written
  }
  // Separators of any OS, characters Windows forbids, and control characters.
  s = s.replace(/[/\\:*?"<>|\x00-\x1f\x7f]/g, '_');
  // "." and ".." (however they were encoded) would step out of the folder.
  if (/^\.+$/.test(s)) s = s.replace(/\./g, '_');
  if (Buffer.byteLength(s) > MAX_SEGMENT_BYTES) {
    const ext = path.extname(s).slice(0, 10);
    s = `${truncateBytes(s.slice(0, s.length - ext.length), 100)}~${shortHash(raw)}${ext}`;
  }
  return s;
}

/** "list.html" + "~q12" → "list~q12.html". */
function withSuffix(name: string, suffix: string): string {
  const ext = path.extname(name);
  return ext ? `${name.slice(0, -ext.length)}${suffix}${ext}` : name + suffix;
}

function truncateBytes(s: string, maxBytes: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

export function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 12);
}
