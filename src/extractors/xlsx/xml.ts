/**
 * A thin streaming walk over an XML part (saxes), for the spreadsheet extractors.
 *
 * Names are given without their prefix (`x:c` → `c`), attributes keep theirs (`r:id`) and are
 * also reachable through {@link attr} by local name. A malformed part ends in an
 * ExtractionError naming the part, never quoting it.
 */
import { SaxesParser } from 'saxes';
import { ExtractionError } from '../types.js';

export interface XmlHandler {
  open?(name: string, attrs: Readonly<Record<string, string>>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

export const localName = (qname: string): string => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

/** The attribute with this qualified name, or else the first with this local name. */
export function attr(attrs: Readonly<Record<string, string>>, name: string): string | undefined {
  const exact = attrs[name];
  if (exact !== undefined) return exact;
  for (const key of Object.keys(attrs)) if (localName(key) === name) return attrs[key];
  return undefined;
}

/** Walks `xml`; throws ExtractionError(`${what}: malformed XML in ${part}`) when it is not well-formed. */
export function walkXml(xml: string, handler: XmlHandler, what: string, part: string): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  if (handler.open) {
    const open = handler.open;
    parser.on('opentag', (tag) => {
      if (!failed) open(localName(tag.name), tag.attributes, tag.isSelfClosing);
    });
  }
  if (handler.close) {
    const close = handler.close;
    parser.on('closetag', (tag) => {
      if (!failed) close(localName(tag.name));
    });
  }
  if (handler.text) {
    const text = handler.text;
    parser.on('text', (t) => {
      if (!failed) text(t);
    });
    parser.on('cdata', (t) => {
      if (!failed) text(t);
    });
  }
  // saxes reports an error and carries on; the first one ends the walk. What a handler throws
  // (an ExtractionError for a too large sheet) passes through.
  const step = 1 << 20;
  for (let i = 0; i < xml.length && !failed; i += step) parser.write(xml.slice(i, i + step));
  if (!failed) parser.close();
  if (failed) throw new ExtractionError(`${what}: malformed XML in ${part}`);
}
