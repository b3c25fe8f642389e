/**
 * Document properties (DOCX docProps/core.xml and docProps/app.xml, ODF meta.xml). The extractor
 * makes each property element one segment `{kind:'paragraph', part, paragraph}`, `paragraph`
 * being the element's position among the elements at its depth (see walkProperties), with its
 * text trimmed. Edits apply to that text; the properties that name people (author, last
 * modified by, manager) are cleared whatever the scan found: they are personal data even when
 * no detector recognises the name.
 */
import type { SaxesTagNS } from 'saxes';
import { parseXml } from '../../extractors/docx/xml.js';
import type { SegmentChange } from './zip-changes.js';
import { applySplices, decodeCharacterData, escapeXmlText, HandlerFailure, type Splice } from './zip-xml.js';

export interface PropertyRewrite {
  xml: string;
  /** Properties emptied because they name a person. */
  cleared: number;
}

/**
 * `changes` by property position; `clear`: local names of the properties to empty; `depth`: 2
 * for the children of the root (OOXML), 3 for the children of `office:meta` (ODF).
 */
export function rewriteProperties(
  xml: string,
  part: string,
  depth: number,
  changes: ReadonlyMap<number, SegmentChange>,
  clear: ReadonlySet<string>,
  format: string,
): PropertyRewrite {
  const what = `${format} writer: ${part}`;
  const splices: Splice[] = [];
  const done = new Set<number>();
  let level = 0;
  let index = 0;
  let current: { index: number; local: string; from: number } | undefined;
  let cleared = 0;
  const failure = new HandlerFailure();
  try {
    parseXml(
      xml,
      {
        open(tag, at) {
          level++;
          if (level !== depth) return;
          index++;
          current = { index, local: tag.local, from: at };
        },
        close: failure.wrap((_tag: SaxesTagNS, at: number) => {
          if (level === depth && current) {
            // A self-closing element has no content: its close fires where it opened.
            const to = at === current.from ? at : xml.lastIndexOf('<', at - 1);
            const raw = xml.slice(current.from, to);
            const change = changes.get(current.index);
            if (clear.has(current.local)) {
              if (raw.trim() !== '') {
                splices.push({ from: current.from, to, text: '' });
                cleared++;
              }
            } else if (change) {
              if (decodeCharacterData(raw)?.trim() !== change.original) throw new Error(`${what}: a property does not hold the scanned text`);
              splices.push({ from: current.from, to, text: escapeXmlText(change.edited) });
            }
            if (change) done.add(current.index);
            current = undefined;
          }
          level--;
        }),
      },
      format,
      part,
    );
  } finally {
    failure.rethrow();
  }
  for (const i of changes.keys()) if (!done.has(i)) throw new Error(`${what}: a scanned property is not in the part`);
  return { xml: splices.length > 0 ? applySplices(xml, splices, what) : xml, cleared };
}
