/**
 * Text → bytes in the encoding a file was read with, so an anonymised copy is in the original's
 * encoding (a CP1251 CSV stays CP1251 for the Excel that reads it), with its byte-order mark kept.
 */
import iconv from 'iconv-lite';
import { bomEncoding } from './decode.js';

export function encodeLike(text: string, encoding: string, original: Uint8Array): Uint8Array {
  const bom = bomEncoding(original);
  const body = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding);
  if (!bom) return body;
  return Buffer.concat([Buffer.from(original.subarray(0, bom.length)), body]);
}

/** True when every character of `text` survives a round trip through `encoding`. */
export function encodable(text: string, encoding: string): boolean {
  if (encoding.startsWith('utf')) return true;
  return iconv.decode(iconv.encode(text, encoding), encoding) === text;
}
