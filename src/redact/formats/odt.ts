/**
 * ODT (also .ott): the anonymised copy is the original package with only the parts that change
 * rewritten (see zip-package.ts), `mimetype` first and stored as ODF requires:
 *
 * - content.xml (body, tables, notes, frames, comments) and the headers and footers of
 *   styles.xml: each edited value replaced inside its paragraph's nodes (odt-paragraphs.ts),
 *   spans and paragraph styles kept;
 * - tracked changes accepted (deleted text removed), comment authors and links around edited
 *   text neutralised (odt-revisions.ts);
 * - meta.xml: edits apply, and the initial creator, creator and printed-by are emptied;
 * - pictures (Pictures/) read by OCR get black boxes burnt over the edited words; the
 *   thumbnail is blanked (zip-media.ts).
 *
 * Every rewritten part is read back with the extractor and must give the planned text, or the
 * writer throws: a copy that might leak is never written.
 */
import type { Segment } from '../../document/types.js';
import { TextBuilder } from '../../extractors/docx/text-builder.js';
import { walkOdfText } from '../../extractors/odt/index.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { cleanOdfRevisions } from './odt-revisions.js';
import { rewriteOdfParagraphs } from './odt-paragraphs.js';
import { assertReadsBack, segmentChanges, type SegmentChange } from './zip-changes.js';
import { blankPicture, burnPictureChanges } from './zip-media.js';
import { OfficePackage } from './zip-package.js';
import { rewriteProperties } from './zip-properties.js';
import { applySplices, decodePart, encodePart } from './zip-xml.js';

/** Text parts the extractor reads, with the scope it reads them in. */
const TEXT_PARTS = { 'content.xml': 'body', 'styles.xml': 'header-footer' } as const;
type TextPart = keyof typeof TEXT_PARTS;
const META_PART = 'meta.xml';
/** meta.xml properties emptied whatever the scan found: they name people. */
const CLEARED = new Set(['initial-creator', 'creator', 'printed-by']);
const THUMBNAIL = 'Thumbnails/thumbnail.png';

export async function writeOdt({ bytes, doc, edits }: WriteInput): Promise<WriteOutput> {
  const pkg = new OfficePackage(bytes, 'odt');
  const changes = new Map<Segment, SegmentChange>();
  const properties = new Map<number, SegmentChange>();
  const pictures: SegmentChange[] = [];
  for (const change of segmentChanges(doc, edits)) {
    const { source, entry } = change.segment;
    if (entry !== undefined) pictures.push(change);
    else if (source.kind === 'paragraph' && source.part in TEXT_PARTS) changes.set(change.segment, change);
    else if (source.kind === 'paragraph' && source.part === META_PART) properties.set(source.paragraph, change);
    else throw new Error('odt writer: an edit lies where the writer cannot place it');
  }

  let revisions = 0;
  let authors = 0;
  let links = 0;
  for (const part of Object.keys(TEXT_PARTS) as TextPart[]) {
    const original = pkg.read(part);
    const scanned = doc.segments
      .filter((s) => s.entry === undefined && s.source.kind === 'paragraph' && s.source.part === part)
      .map((segment) => ({ segment, text: doc.text.slice(segment.start, segment.end) }));
    if (!original) {
      if (scanned.length > 0) throw new Error(`odt writer: ${part} is not in the package`);
      continue;
    }
    const xml = decodePart(original);
    const edited = rewriteOdfParagraphs(xml, part, TEXT_PARTS[part], scanned, changes);
    const cleanup = cleanOdfRevisions(xml, part, edited);
    revisions += cleanup.revisions;
    authors += cleanup.authors;
    links += cleanup.links;
    const splices = [...edited, ...cleanup.splices];
    if (splices.length === 0) continue;
    const next = applySplices(xml, splices, `odt writer: ${part}`);
    assertParagraphsReadBack(xml, next, part, scanned, changes);
    pkg.replace(part, encodePart(next, original));
  }

  let cleared = 0;
  const meta = pkg.read(META_PART);
  if (meta) {
    const xml = decodePart(meta);
    const result = rewriteProperties(xml, META_PART, 3, properties, CLEARED, 'odt');
    cleared = result.cleared;
    if (result.xml !== xml) pkg.replace(META_PART, encodePart(result.xml, meta));
  } else if (properties.size > 0) throw new Error(`odt writer: ${META_PART} is not in the package`);

  const notes: string[] = [];
  if (cleared > 0) notes.push('author properties cleared (initial creator, creator, printed by)');
  if (revisions > 0) notes.push('tracked changes accepted: deleted text removed, insertions kept');
  if (authors > 0) notes.push('comment authors replaced by a neutral name');
  if (links > 0) notes.push(`${links} link(s) around edited text neutralised`);
  const burnt = await burnPictureChanges(pkg, pictures, 'odt');
  if (burnt > 0) notes.push(`${burnt} embedded picture(s): black boxes burnt over the edited values; picture metadata removed`);
  if (pkg.has(THUMBNAIL)) {
    pkg.replace(THUMBNAIL, await blankPicture(pkg.read(THUMBNAIL)!, 'odt'));
    notes.push('package thumbnail blanked');
  }
  return { bytes: pkg.toBytes('mimetype', ['mimetype']), notes };
}

/**
 * The part read back must give the scanned text with the planned paragraphs in place. The walk of
 * the original makes the scan's segments of this part one for one (rewriteOdfParagraphs checked).
 */
function assertParagraphsReadBack(
  before: string,
  after: string,
  part: TextPart,
  scanned: readonly { segment: Segment }[],
  changes: ReadonlyMap<Segment, SegmentChange>,
): void {
  const original = new TextBuilder();
  walkOdfText(before, part, original, TEXT_PARTS[part]);
  const built = original.build();
  const planned = new Map<number, string>();
  scanned.forEach(({ segment }, i) => {
    const change = changes.get(segment);
    if (change) planned.set(i, change.edited);
  });
  const copy = new TextBuilder();
  walkOdfText(after, part, copy, TEXT_PARTS[part]);
  assertReadsBack(built, planned, copy.build().text, `odt writer: ${part}`);
}

const writer: FormatWriter = { formats: ['odt'], write: writeOdt };
export default writer;
