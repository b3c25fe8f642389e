/**
 * Plain text: the document text is the decoded file, one `text` segment covering all of it.
 */
import type { ScanDocument } from '../../document/types.js';
import { decodeText } from '../../text/decode.js';
import type { ExtractInput, Extractor } from '../types.js';

export const TEXT_EXTENSIONS = [
  '.txt', '.text', '.log', '.md', '.markdown', '.ini', '.conf', '.cfg', '.properties', '.env',
  '.json', '.ndjson', '.jsonl', '.xml', '.yml', '.yaml', '.sql',
] as const;

export function extractText({ bytes }: ExtractInput): ScanDocument {
  const { text, encoding } = decodeText(bytes);
  return {
    text,
    segments: text.length > 0 ? [{ start: 0, end: text.length, source: { kind: 'text', line: 1, column: 0 } }] : [],
    meta: { format: 'txt', encoding },
  };
}

const textExtractor: Extractor = {
  id: 'txt',
  extensions: TEXT_EXTENSIONS,
  extract: extractText,
};

export default textExtractor;
