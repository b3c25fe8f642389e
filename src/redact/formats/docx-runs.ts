/**
 * Edits inside the runs of a WordprocessingML part. The part is walked by the extractor's own
 * walker, which reports where each segment's `w:t` lies in the XML, so the map cannot drift from
 * what was scanned: each edited `w:t` gets its new text (XML-escaped) in place, the run and its
 * properties (`w:rPr`: bold, font, colour…) untouched. A value split across runs was cut into
 * pieces by splitEdits: the substitute lands in the first run, the later runs lose their share.
 */
import type { DocxSourceRef } from '../../document/types.js';
import { walkWordPart, type RunTextPlace } from '../../extractors/docx/index.js';
import { TextBuilder } from '../../extractors/docx/text-builder.js';
import type { SegmentChange } from './zip-changes.js';
import { decodeCharacterData, escapeXmlText, HandlerFailure, rewriteAttribute, type Splice } from './zip-xml.js';

export interface RunRewrite {
  splices: Splice[];
  /** Every segment `w:t` of the part: offset of its content → its text. */
  texts: Map<number, string>;
  /** The `w:t` the edits rewrite: offset of its content → its new text. */
  edited: Map<number, string>;
}

export function runKey(source: DocxSourceRef): string {
  return `${source.paragraph}:${source.run}:${source.offset}`;
}

/** Splices for `changes` (keyed by runKey) in the part's XML. Throws when a change has no `w:t` holding its text. */
export function rewriteRuns(xml: string, part: string, changes: ReadonlyMap<string, SegmentChange>): RunRewrite {
  const what = `docx writer: ${part}`;
  const out: RunRewrite = { splices: [], texts: new Map(), edited: new Map() };
  const done = new Set<string>();
  const failure = new HandlerFailure();
  const onRunText = failure.wrap((place: RunTextPlace) => {
    out.texts.set(place.from, place.text);
    const key = runKey(place.source);
    const change = changes.get(key);
    if (!change) return;
    if (change.original !== place.text || decodeCharacterData(xml.slice(place.from, place.to)) !== place.text) {
      throw new Error(`${what}: a run does not hold the scanned text`);
    }
    done.add(key);
    out.edited.set(place.from, change.edited);
    out.splices.push(textSplice(xml, place.tagStart, place.from, place.to, change.edited));
  });
  try {
    walkWordPart(xml, part, new TextBuilder(), onRunText);
  } finally {
    failure.rethrow();
  }
  for (const key of changes.keys()) if (!done.has(key)) throw new Error(`${what}: a scanned run is not in the part`);
  return out;
}

/**
 * The `w:t` element from its open tag to the end of its content, holding `text`. Word drops a
 * `w:t`'s leading and trailing spaces unless it says `xml:space="preserve"`, so the attribute is
 * set when the new text needs it.
 */
export function textSplice(xml: string, tagStart: number, from: number, to: number, text: string): Splice {
  let open = xml.slice(tagStart, from);
  if (text !== text.trim() && !/\sxml:space\s*=\s*["']preserve["']/.test(open)) {
    const cleaned = rewriteAttribute(open, 'xml:space', undefined);
    open = `${cleaned.slice(0, cleaned.length - 1).trimEnd()} xml:space="preserve">`;
  }
  return { from: tagStart, to, text: open + escapeXmlText(text) };
}
