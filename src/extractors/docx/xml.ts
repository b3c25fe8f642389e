/**
 * A thin layer over saxes for the office extractors: namespace-aware events (`uri` + `local`, so
 * a producer's choice of prefixes does not matter) and parse errors turned into an
 * ExtractionError whose message names the part, never its content.
 *
 * saxes does not expand entities declared in a DTD, so "billion laughs" documents cannot grow.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ExtractionError } from '../types.js';

/**
 * `at` is the parser's position (a UTF-16 offset into the xml) when the event fires: just after
 * the tag's `>` for open and close events, just after the `<` that ends a text node (after `]]>`
 * for CDATA). The anonymiser uses it to find the source of the text it rewrites.
 */
export interface XmlHandlers {
  open?(tag: SaxesTagNS, at: number): void;
  close?(tag: SaxesTagNS, at: number): void;
  text?(text: string, at: number): void;
}

/** Parses `xml` (a whole part), calling the handlers; malformed XML → ExtractionError(`corrupt <format>: …`). */
export function parseXml(xml: string, handlers: XmlHandlers, format: string, part: string): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(tag, parser.position));
  if (close) parser.on('closetag', (tag) => close(tag, parser.position));
  if (text) {
    parser.on('text', (t) => text(t, parser.position));
    parser.on('cdata', (t) => text(t, parser.position));
  }
  try {
    parser.write(xml);
    if (!failed) parser.close();
  } catch (e) {
    if (e instanceof ExtractionError) throw e;
    failed = true;
  }
  if (failed) throw new ExtractionError(`corrupt ${format}: ${part} is not well-formed XML`);
}

/** An attribute's value by namespace URI and local name. */
export function attr(tag: SaxesTagNS, uri: string, local: string): string | undefined {
  for (const a of Object.values(tag.attributes)) {
    if (a.local === local && a.uri === uri) return a.value;
  }
  return undefined;
}

/** An attribute's value by local name in any (or no) namespace. */
export function attrLocal(tag: SaxesTagNS, local: string): string | undefined {
  for (const a of Object.values(tag.attributes)) if (a.local === local) return a.value;
  return undefined;
}

/** A part's bytes as text: UTF-8, or UTF-16 when the part starts with its byte order mark (OPC allows both). */
export function decodeXml(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  const text = new TextDecoder(encoding).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
