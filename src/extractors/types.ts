/**
 * An extractor turns one file's bytes into the shared document model (textlint's "binary format"
 * plugin, in spirit). Extractors do I/O only through the bytes they are given and print nothing.
 */
import type { ScanDocument } from '../document/types.js';

export interface ExtractInput {
  /** The file's bytes. */
  bytes: Uint8Array;
  /** Path as given by the user (for extension checks and messages; never opened here). */
  path: string;
}

export interface Extractor {
  /** Format id reported in `files[].format`: `txt`, `csv`, `html`… */
  id: string;
  /** Lower-case extensions with the dot: `.txt`. */
  extensions: readonly string[];
  extract(input: ExtractInput): ScanDocument | Promise<ScanDocument>;
}

/** A file the scan cannot read as any supported format: reported as `skipped` with the reason. */
export class UnsupportedFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsupportedFormatError';
  }
}

/**
 * A file the extractor understood but cannot read: "encrypted", "zip bomb: …", "corrupt docx:
 * …". The message is written by us, holds no content of the file, and is reported as it is.
 */
export class ExtractionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionError';
  }
}
