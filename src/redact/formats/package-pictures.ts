/**
 * Pictures inside XLSX/ODS packages (a scanned form pasted into a workbook), read by OCR: the
 * sheet writers handle cells, this burns boxes over the OCR words of edits in pictures and puts
 * the pictures back into the written package, every other entry kept as the writer left it.
 */
import { zipSync, type Zippable } from 'fflate';
import { ZipReader } from '../../archive/zip.js';
import type { ScanDocument } from '../../document/types.js';
import { splitEdits } from '../segment-edits.js';
import type { Edit } from '../types.js';
import { burnBoxes } from './zip-media.js';

type Box = [number, number, number, number];

/** True when the edit lies in a picture of the package (an OCR word with an entry). */
export function isPictureEdit(doc: ScanDocument, edit: Edit): boolean {
  const first = splitEdits(doc, [edit])[0];
  const seg = first ? doc.segments[first.segment] : undefined;
  return seg?.source.kind === 'ocr' && seg.entry !== undefined;
}

export async function burnPackagePictures(pkg: Uint8Array, doc: ScanDocument, edits: readonly Edit[], format: string): Promise<Uint8Array> {
  const boxes = new Map<string, Box[]>();
  for (const piece of splitEdits(doc, edits)) {
    const seg = doc.segments[piece.segment]!;
    if (seg.source.kind !== 'ocr' || !seg.entry) throw new Error(`${format} writer: an edit in a picture without an OCR box`);
    if (seg.source.page !== 1) throw new Error(`${format} writer: values on a later page of a multi-page picture cannot be boxed`);
    const list = boxes.get(seg.entry) ?? [];
    list.push(seg.source.bbox);
    boxes.set(seg.entry, list);
  }
  const zip = new ZipReader(pkg);
  const files: Zippable = {};
  for (const entry of zip.entries) {
    const data = entry.name.endsWith('/') ? new Uint8Array(0) : zip.readEntry(entry);
    const picture = boxes.get(entry.name);
    files[entry.name] = [picture ? await burnBoxes(data, picture, format) : data, { level: entry.method === 0 ? 0 : 6 }];
  }
  for (const name of boxes.keys()) if (!zip.has(name)) throw new Error(`${format} writer: a picture of the scan is missing from the package`);
  return zipSync(files);
}
