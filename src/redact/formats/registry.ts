/**
 * Which writer makes the anonymised copy of a format (`doc.meta.format`). Writers are loaded on
 * first use: a run over text files never loads the PDF or image machinery.
 */
import { UnwritableFormatError, type FormatWriter } from '../types.js';

type Loader = () => Promise<{ default: FormatWriter }>;

const IMAGE: Loader = () => import('./image.js');

const LOADERS: Readonly<Record<string, Loader>> = {
  txt: () => import('./text.js'),
  csv: () => import('./csv.js'),
  html: () => import('./html.js'),
  docx: () => import('./docx.js'),
  odt: () => import('./odt.js'),
  xlsx: () => import('./xlsx.js'),
  ods: () => import('./ods.js'),
  pdf: () => import('./pdf.js'),
  png: IMAGE,
  jpeg: IMAGE,
  tiff: IMAGE,
  bmp: IMAGE,
  webp: IMAGE,
};

/** Formats read but not written, and what the user can do instead. */
const UNWRITABLE: Readonly<Record<string, string>> = {
  doc: 'Word 97-2003 (.doc) copies cannot be written; save the file as .docx and run again',
  xls: 'Excel 97-2003 (.xls) copies cannot be written; save the file as .xlsx and run again',
};

export const WRITABLE_FORMATS: readonly string[] = Object.keys(LOADERS);

export async function writerFor(format: string): Promise<FormatWriter> {
  const load = LOADERS[format];
  if (!load) throw new UnwritableFormatError(UNWRITABLE[format] ?? `anonymised copies of ${format} files are not supported`);
  return (await load()).default;
}
