/**
 * DOCX (also .docm, .dotx, .dotm): the anonymised copy is the original package with only the
 * parts that change rewritten (see zip-package.ts):
 *
 * - each edited value is replaced inside its runs (docx-runs.ts): formatting, tables, headers,
 *   footers, notes and comments keep their structure; a value split across runs is handled;
 * - tracked changes are accepted and revision/comment authors neutralised; links around edited
 *   text are neutralised (docx-revisions.ts);
 * - document properties: edits apply, and author, last-modified-by and manager are emptied;
 * - scans pasted as pictures get black boxes burnt over the edited words; the package thumbnail is
 *   blanked (zip-media.ts).
 *
 * Every rewritten part is read back with the extractor and must give the planned text, or the
 * writer throws: a copy that might leak is never written.
 */
import { ZipReader } from '../../archive/zip.js';
import { walkWordPart, wordParts } from '../../extractors/docx/index.js';
import { TextBuilder } from '../../extractors/docx/text-builder.js';
import { parseXml } from '../../extractors/docx/xml.js';
import type { FormatWriter, WriteInput, WriteOutput } from '../types.js';
import { cleanRevisions, neutraliseRelationships } from './docx-revisions.js';
import { rewriteRuns, runKey } from './docx-runs.js';
import { assertReadsBack, segmentChanges, type SegmentChange } from './zip-changes.js';
import { blankPicture, burnPictureChanges } from './zip-media.js';
import { OfficePackage } from './zip-package.js';
import { rewriteProperties } from './zip-properties.js';
import { applySplices, decodePart, encodePart } from './zip-xml.js';

/** Property parts the extractor reads, and the properties emptied in each (they name people). */
const PROPERTY_PARTS: Readonly<Record<string, ReadonlySet<string>>> = {
  'docProps/core.xml': new Set(['creator', 'lastModifiedBy']),
  'docProps/app.xml': new Set(['Manager']),
};

export async function writeDocx({ bytes, doc, edits }: WriteInput): Promise<WriteOutput> {
  const pkg = new OfficePackage(bytes, 'docx');
  const read = wordParts(new ZipReader(bytes));
  const runs = new Map<string, Map<string, SegmentChange>>();
  const properties = new Map<string, Map<number, SegmentChange>>();
  const pictures: SegmentChange[] = [];
  for (const change of segmentChanges(doc, edits)) {
    const { source, entry } = change.segment;
    if (entry !== undefined) pictures.push(change);
    else if (source.kind === 'docx' && read.includes(source.part)) nested(runs, source.part).set(runKey(source), change);
    else if (source.kind === 'paragraph' && PROPERTY_PARTS[source.part]) nested(properties, source.part).set(source.paragraph, change);
    else throw new Error('docx writer: an edit lies where the writer cannot place it');
  }

  const tally = { revisions: 0, authors: 0, links: 0, bindings: 0, fallbacksEdited: 0, fallbacksRemoved: 0, cleared: 0 };
  const folder = read[0]!.slice(0, read[0]!.lastIndexOf('/') + 1);
  for (const name of pkg.names) {
    const isRead = read.includes(name);
    if (!isRead && !(name.startsWith(folder) && name.endsWith('.xml') && !name.includes('/_rels/'))) continue;
    const original = pkg.read(name)!;
    const xml = decodePart(original);
    const partRuns = runs.get(name) ?? new Map<string, SegmentChange>();
    const rewritten = isRead ? rewriteRuns(xml, name, partRuns) : { splices: [], texts: new Map(), edited: new Map() };
    const cleanup = cleanRevisions(xml, name, rewritten.texts, rewritten.edited);
    tally.revisions += cleanup.revisions;
    tally.authors += cleanup.authors;
    tally.links += cleanup.links;
    tally.bindings += cleanup.bindings;
    tally.fallbacksEdited += cleanup.fallbacksEdited;
    tally.fallbacksRemoved += cleanup.fallbacksRemoved;
    const splices = [...rewritten.splices, ...cleanup.splices];
    if (splices.length === 0) continue;
    const next = applySplices(xml, splices, `docx writer: ${name}`);
    if (isRead) assertRunsReadBack(xml, next, name, partRuns);
    pkg.replace(name, encodePart(next, original));
    const rels = relsPath(name);
    const relsBytes = pkg.read(rels);
    if (cleanup.linkIds.size > 0 && relsBytes) {
      pkg.replace(rels, encodePart(neutraliseRelationships(decodePart(relsBytes), rels, cleanup.linkIds), relsBytes));
    }
  }

  for (const [part, clear] of Object.entries(PROPERTY_PARTS)) {
    const original = pkg.read(part);
    const changes = properties.get(part) ?? new Map<number, SegmentChange>();
    if (!original) {
      if (changes.size > 0) throw new Error(`docx writer: ${part}: a scanned property is not in the package`);
      continue;
    }
    const xml = decodePart(original);
    const result = rewriteProperties(xml, part, 2, changes, clear, 'docx');
    tally.cleared += result.cleared;
    if (result.xml !== xml) pkg.replace(part, encodePart(result.xml, original));
  }

  const notes: string[] = [];
  if (tally.cleared > 0) notes.push('author properties cleared (author, last modified by, manager)');
  if (tally.revisions > 0) notes.push('tracked changes accepted: deleted text removed, insertions kept');
  if (tally.authors > 0) notes.push('comment and revision authors replaced by a neutral name');
  if (tally.links > 0) notes.push(`${tally.links} link(s) around edited text neutralised`);
  if (tally.bindings > 0) notes.push('edited content controls unbound from the document properties');
  if (tally.fallbacksEdited > 0) notes.push('compatibility copies of text boxes edited like the text boxes');
  if (tally.fallbacksRemoved > 0) notes.push('compatibility copies of text boxes removed (older Word versions show the box empty)');
  const burnt = await burnPictureChanges(pkg, pictures, 'docx');
  if (burnt > 0) notes.push(`${burnt} embedded picture(s): black boxes burnt over the edited values; picture metadata removed`);
  const thumbnail = thumbnailPart(pkg);
  if (thumbnail) {
    pkg.replace(thumbnail, await blankPicture(pkg.read(thumbnail)!, 'docx'));
    notes.push('package thumbnail blanked');
  }
  return { bytes: pkg.toBytes('[Content_Types].xml'), notes };
}

/** The part read back must give the scanned text with the planned runs in place. */
function assertRunsReadBack(before: string, after: string, part: string, changes: ReadonlyMap<string, SegmentChange>): void {
  const original = new TextBuilder();
  walkWordPart(before, part, original);
  const built = original.build();
  const planned = new Map<number, string>();
  built.segments.forEach((s, i) => {
    const change = s.source.kind === 'docx' ? changes.get(runKey(s.source)) : undefined;
    if (change) planned.set(i, change.edited);
  });
  const copy = new TextBuilder();
  walkWordPart(after, part, copy);
  assertReadsBack(built, planned, copy.build().text, `docx writer: ${part}`);
}

/** The package thumbnail (a render of the first page), from the package relationships. */
function thumbnailPart(pkg: OfficePackage): string | undefined {
  const rels = pkg.read('_rels/.rels');
  let target: string | undefined;
  if (rels) {
    parseXml(
      decodePart(rels),
      {
        open(tag) {
          if (tag.local !== 'Relationship') return;
          const type = Object.values(tag.attributes).find((a) => a.local === 'Type')?.value ?? '';
          const t = Object.values(tag.attributes).find((a) => a.local === 'Target')?.value;
          if (type.endsWith('/thumbnail') && t) target = t.replace(/^\//, '');
        },
      },
      'docx',
      '_rels/.rels',
    );
  }
  return target !== undefined && pkg.has(target) ? target : undefined;
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function nested<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

const writer: FormatWriter = { formats: ['docx'], write: writeDocx };
export default writer;
