/**
 * HTML: each edited run is replaced in the source. A plain run equals its source characters, so a
 * piece maps to the same offsets in it; a character reference (`&#1057;`) is replaced whole. The
 * substitute is escaped for where it lands (text or attribute value), markup and everything else
 * stay byte for byte, and the copy keeps the original's encoding.
 */
import type { HtmlSourceRef } from '../../document/types.js';
import { editsBySegment } from '../segment-edits.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { encodeCopy, spliceSource, type SourceSplice } from './source-text.js';

export async function writeHtml(input: WriteInput): Promise<WriteOutput> {
  const { doc } = input;
  const source = doc.meta.sourceText ?? doc.text;
  const splices: SourceSplice[] = [];
  for (const [index, pieces] of editsBySegment(doc, input.edits)) {
    const seg = doc.segments[index]!;
    if (seg.source.kind !== 'html') throw new Error(`html writer: a segment of kind ${seg.source.kind}`);
    const src: HtmlSourceRef = seg.source;
    const [rawStart, rawEnd] = src.rawRange;
    const inAttribute = src.from !== 'text';
    if (src.decoded) {
      splices.push({ start: rawStart, end: rawEnd, text: pieces.map((p) => escapeHtml(p.text, inAttribute)).join('') });
      continue;
    }
    if (rawEnd - rawStart !== seg.end - seg.start) throw new Error('html writer: a plain run differs from its source');
    for (const p of pieces) splices.push({ start: rawStart + p.from, end: rawStart + p.to, text: escapeHtml(p.text, inAttribute) });
  }
  const notes: string[] = [];
  return { bytes: encodeCopy(spliceSource(source, splices), input, notes), notes };
}

function escapeHtml(s: string, attribute: boolean): string {
  const text = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? text.replace(/"/g, '&quot;').replace(/'/g, '&#39;') : text;
}

const writer: FormatWriter = { formats: ['html'], write: writeHtml };
export default writer;
