/**
 * Plain text: the document text is the decoded file, so edits apply to it directly; the copy is
 * encoded back in the original's encoding (BOM kept). Everything but the values is kept byte for
 * byte, line endings included.
 */
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { encodeCopy, spliceSource } from './source-text.js';

export async function writeText(input: WriteInput): Promise<WriteOutput> {
  const notes: string[] = [];
  const text = spliceSource(input.doc.text, input.edits);
  return { bytes: encodeCopy(text, input, notes), notes };
}

const writer: FormatWriter = { formats: ['txt'], write: writeText };
export default writer;
