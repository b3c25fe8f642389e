/** Small checks shared by the office-format extractors (XLSX, ODS, XLS). */

/** An OLE compound file (CFB): Office 97-2003 documents and password-protected OOXML packages. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

/** Whether `bytes` hold `name` in UTF-16LE (how a compound file's directory stores stream names). */
export function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

/** An Office file encrypted with a password: an OLE compound file holding the encrypted package. */
export function isEncryptedOfficePackage(bytes: Uint8Array): boolean {
  return isCompoundFile(bytes) && (hasUtf16Name(bytes, 'EncryptionInfo') || hasUtf16Name(bytes, 'EncryptedPackage'));
}

/** The address of a `mailto:` or `tel:` link; undefined for other links. */
export function linkTarget(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  const m = /^\s*(mailto|tel):([^?#]*)/i.exec(href);
  if (!m) return undefined;
  let target = m[2]!;
  try {
    target = decodeURIComponent(target);
  } catch {
    // keep it as written
  }
  target = target.trim();
  return target.length > 0 ? target : undefined;
}
