/**
 * E-mail addresses: the address structure as far as a scanner needs it (RFC 5321 lengths, labels
 * of a domain name, a letter TLD). Internationalised domains (почта.рф) and local parts are allowed.
 */

/** File names like "logo@2x.png" have the shape of an address. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'css', 'js', 'tif', 'tiff', 'pdf']);

export function isEmailAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.length > 254) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (!/^[\p{L}\d](?:[\p{L}\d-]{0,61}[\p{L}\d])?$/u.test(label)) return false;
  }
  const tld = labels[labels.length - 1]!.toLowerCase();
  if (!/^(?:\p{L}{2,24}|xn--[a-z\d-]{2,59})$/u.test(tld)) return false;
  return !FILE_EXTENSIONS.has(tld);
}
