/**
 * Edits inside the paragraphs of an OpenDocument part (content.xml, or the headers and footers
 * of styles.xml). A segment is a whole paragraph's text (or the part of it before/after a note
 * or frame); the extractor's walker reports the source nodes it was made of (text nodes, and
 * `text:s`, `text:tab`, `text:line-break` elements), so each piece of an edit is applied to the
 * nodes it covers: the substitute goes into the node where the value starts, the other nodes
 * lose their share. Nodes keep their parents, so spans (formatting), links and the paragraph
 * style stay.
 *
 * ODF collapses runs of white space in text nodes, so a rewritten node spells spaces that must
 * survive as `text:s` (a space at the node's start, a second space in a row).
 */
import type { ParagraphSourceRef, Segment } from '../../document/types.js';
import { walkOdfText, type OdfTextAtom } from '../../extractors/odt/index.js';
import { TextBuilder } from '../../extractors/docx/text-builder.js';
import { applyPieces } from '../segment-edits.js';
import type { SegmentChange } from './zip-changes.js';
import { decodeCharacterData, escapeXmlText, HandlerFailure, type Splice } from './zip-xml.js';

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';

/**
 * Splices for the changed segments of one part. `segments`: every segment the scan made of this
 * part, in order (they must match the walk one for one); `changes`: by segment.
 */
export function rewriteOdfParagraphs(
  xml: string,
  part: string,
  scope: 'body' | 'header-footer',
  segments: readonly { segment: Segment; text: string }[],
  changes: ReadonlyMap<Segment, SegmentChange>,
): Splice[] {
  const what = `odt writer: ${part}`;
  const splices: Splice[] = [];
  let n = 0;
  let prefix: string | undefined;
  const failure = new HandlerFailure();
  const onSegment = failure.wrap((source: ParagraphSourceRef, atoms: OdfTextAtom[]) => {
    const scanned = segments[n++];
    const text = atoms.map((a) => a.text).join('');
    if (!scanned || scanned.segment.source.kind !== 'paragraph' || scanned.segment.source.paragraph !== source.paragraph || scanned.text !== text) {
      throw new Error(`${what}: the paragraphs do not match the scanned document`);
    }
    const change = changes.get(scanned.segment);
    if (!change) return;
    prefix ??= textPrefix(xml, what);
    let at = 0;
    for (const atom of atoms) {
      const from = at;
      const to = (at += atom.text.length);
      const local = change.pieces
        .filter((p) => p.from < to && p.to > from)
        .map((p) => ({ from: Math.max(p.from, from) - from, to: Math.min(p.to, to) - from, text: p.from >= from ? p.text : '' }));
      if (local.length === 0) continue;
      if (!atom.element && !holdsText(xml.slice(atom.from, atom.to), atom.text)) {
        throw new Error(`${what}: a text node cannot be mapped to its source`);
      }
      splices.push({ from: atom.from, to: atom.to, text: spell(applyPieces(atom.text, local), prefix, keepsTrailingSpace(atom)) });
    }
  });
  try {
    walkOdfText(xml, part, new TextBuilder(), scope, onSegment);
  } finally {
    failure.rethrow();
  }
  if (n !== segments.length) throw new Error(`${what}: the paragraphs do not match the scanned document`);
  return splices;
}

/** Whether raw character data reads as the atom's text (collapsed as the walker does; its leading space may have gone). */
function holdsText(raw: string, text: string): boolean {
  const collapsed = decodeCharacterData(raw)?.replace(/[ \t\r\n]+/g, ' ');
  return collapsed === text || collapsed === ` ${text}`;
}

/**
 * A text node ending in a space leaves the reader "after a space", so the next node's leading
 * space collapses; the rewritten node must leave it in the same state.
 */
function keepsTrailingSpace(atom: OdfTextAtom): boolean {
  return !atom.element && atom.text.endsWith(' ');
}

/**
 * `text` as ODF markup that reads back as exactly `text`: a space is literal only after a
 * literal non-space character of this node (else `text:s`), tabs and line breaks are elements.
 */
export function spell(text: string, prefix: string, trailingLiteral: boolean): string {
  let out = '';
  let afterChar = false;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === ' ') {
      let run = 0;
      while (text[i + run] === ' ') run++;
      const atEnd = i + run === text.length;
      let spaces = run;
      if (afterChar && (!atEnd || trailingLiteral || run > 1)) {
        out += ' ';
        spaces--;
      }
      if (spaces > 0) out += spaces === 1 ? `<${prefix}:s/>` : `<${prefix}:s ${prefix}:c="${spaces}"/>`;
      i += run;
      afterChar = false;
    } else if (ch === '\t') {
      out += `<${prefix}:tab/>`;
      i++;
      afterChar = false;
    } else if (ch === '\n') {
      out += `<${prefix}:line-break/>`;
      i++;
      afterChar = false;
    } else {
      out += escapeXmlText(ch);
      i++;
      afterChar = true;
    }
  }
  return out;
}

/** The prefix the part binds to the ODF text namespace (declared on the root element). */
function textPrefix(xml: string, what: string): string {
  const m = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${TEXT_NS.replace(/[.:]/g, '\\$&')}["']`).exec(xml);
  if (!m) throw new Error(`${what}: no prefix for the text namespace`);
  return m[1]!;
}
