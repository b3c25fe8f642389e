/**
 * Rewriting XML parts of office packages by splicing the source text: only the characters that
 * change are touched, so everything else in a part (namespaces, attribute order, white space,
 * markup the writer does not know) stays exactly as the producer wrote it.
 */
import { decodeXml } from '../../extractors/docx/xml.js';

/** `xml.slice(from, to)` becomes `text` (UTF-16 offsets). */
export interface Splice {
  from: number;
  to: number;
  text: string;
}

/**
 * `xml` with the splices made. A splice inside another's range is dropped (a removed element
 * takes its content and attributes with it); two that overlap only in part mean the writer's
 * map of the part is wrong, so it throws rather than write a broken or leaking part.
 */
export function applySplices(xml: string, splices: readonly Splice[], what: string): string {
  const sorted = [...splices].sort((a, b) => a.from - b.from || b.to - a.to);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.from < at) {
      if (s.to <= at) continue;
      throw new Error(`${what}: two changes to the XML overlap`);
    }
    out += xml.slice(at, s.from) + s.text;
    at = s.to;
  }
  return out + xml.slice(at);
}

/** Text content for an XML element. */
export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value (either quote). */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The text a parser reads from a raw stretch of XML character data (entities and CDATA decoded,
 * line ends normalised), or undefined when it holds other markup. Writers compare it with the
 * text the extractor read before they replace the stretch.
 */
export function decodeCharacterData(raw: string): string | undefined {
  let out = '';
  let at = 0;
  while (at < raw.length) {
    const lt = raw.indexOf('<', at);
    const end = lt < 0 ? raw.length : lt;
    // Line ends are normalised before references are expanded: `&#13;` stays a carriage return.
    const chunk = decodeEntities(newlines(raw.slice(at, end)));
    if (chunk === undefined) return undefined;
    out += chunk;
    if (lt < 0) break;
    if (!raw.startsWith('<![CDATA[', lt)) return undefined;
    const close = raw.indexOf(']]>', lt);
    if (close < 0) return undefined;
    out += newlines(raw.slice(lt + 9, close));
    at = close + 3;
  }
  return out;
}

function newlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function decodeEntities(s: string): string | undefined {
  let bad = false;
  const out = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (m, name: string | undefined) => {
    if (name === undefined) {
      bad = true;
      return m;
    }
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) bad = true;
      return bad ? m : String.fromCodePoint(code);
    }
    const ch = NAMED[name];
    if (ch === undefined) bad = true;
    return ch ?? m;
  });
  return bad ? undefined : out;
}

/** A part's text, as the extractors decode it (UTF-8, or UTF-16 by its byte order mark). */
export function decodePart(bytes: Uint8Array): string {
  return decodeXml(bytes);
}

/** A rewritten part's bytes in the original part's encoding, its byte order mark kept. */
export function encodePart(text: string, original: Uint8Array): Uint8Array {
  const o = original;
  if ((o[0] === 0xff && o[1] === 0xfe) || (o[0] === 0xfe && o[1] === 0xff)) {
    // UTF-16 either way round: written little-endian behind its mark, which readers accept.
    return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  }
  const utf8 = new TextEncoder().encode(text);
  if (o[0] === 0xef && o[1] === 0xbb && o[2] === 0xbf) {
    const out = new Uint8Array(utf8.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(utf8, 3);
    return out;
  }
  return utf8;
}

/** The qualified name as written in the tag (`w:author`), for rewriting the raw tag text. */
export function rewriteAttribute(tagText: string, qname: string, value: string | undefined): string {
  const re = new RegExp(`(\\s)${qname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  return tagText.replace(re, (_m, space: string) => (value === undefined ? '' : `${space}${qname}="${escapeXmlAttr(value)}"`));
}

/**
 * parseXml reports anything a handler throws as malformed XML; writers' handlers throw their own
 * errors (a run that does not match the scan), so they run wrapped and the first error is
 * rethrown after the parse: `try { parse(failure.wrap(handler)) } finally { failure.rethrow() }`.
 */
export class HandlerFailure {
  private error: unknown;
  private failed = false;

  wrap<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      if (this.failed) return;
      try {
        fn(...args);
      } catch (e) {
        this.failed = true;
        this.error = e;
      }
    };
  }

  rethrow(): void {
    if (this.failed) throw this.error;
  }
}
