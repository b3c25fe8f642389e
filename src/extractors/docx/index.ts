/**
 * DOCX (also .docm, .dotx): the WordprocessingML parts are read directly (zip + SAX), so each
 * piece of text knows its part, paragraph and run — the map the anonymiser needs. mammoth gives
 * text but no positions, so it is used only as a cross-check in the tests.
 *
 * Parts, in this order: the main document (body, tables, text boxes), headers, footers,
 * footnotes, endnotes, comments, then the document properties (docProps/core.xml: author, last
 * modified by, title, subject, description, keywords; docProps/app.xml: company, manager).
 *
 * Segments:
 * - every `w:t` of a `w:r` is one segment `{kind:'docx', part, paragraph, run, offset}`:
 *   `paragraph` counts the part's `w:p` elements from 1 in document order (all of them, also those
 *   of text boxes, table cells and `mc:Fallback` copies), `run` counts the `w:r` elements of that
 *   paragraph from 1 (runs inside `w:hyperlink`, `w:fldSimple`, `w:ins`, `w:del`, `w:sdt`… count;
 *   runs of a nested text-box paragraph belong to that paragraph), `offset` is the number of `w:t`
 *   characters of the same run before this `w:t` (0 unless a run holds several `w:t`);
 * - a document property is one segment `{kind:'paragraph', part:'docProps/core.xml', paragraph}`
 *   where `paragraph` is the property element's 1-based position among the children of the
 *   part's root element (dc:creator, cp:lastModifiedBy… as they appear in the file).
 *
 * Text: runs of a paragraph are concatenated without separators ("112-233" bold + "-445 95" is one
 * value); `w:tab` → `\t`, `w:br`/`w:cr` → `\n`, `w:noBreakHyphen` → `-` (outside segments);
 * paragraphs are separated by `\n`, table cells by `\t` and rows by `\n`, parts by a blank line.
 * Deleted text (`w:del`, `w:moveFrom`), field instructions (`w:instrText`) and the `mc:Fallback`
 * copy of drawing content (the same text box again) are skipped; inserted text is kept.
 *
 * A password-protected DOCX is an OLE compound file, not a zip: reported as `encrypted`.
 */
import type { SaxesTagNS } from 'saxes';
import { DEFAULT_ZIP_LIMITS, ZipReader, type ZipLimits } from '../../archive/zip.js';
import type { DocxSourceRef, ScanDocument } from '../../document/types.js';
import { isCfb, isEncryptedOoxml } from '../doc/cfb.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';
import { TextBuilder } from './text-builder.js';
import { attrLocal, decodeXml, parseXml } from './xml.js';

export const DOCX_EXTENSIONS = ['.docx', '.docm', '.dotx', '.dotm'] as const;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Elements whose whole content is not text a reader sees. */
const SKIPPED = new Set(['del', 'moveFrom']);
/** Run children that stand for a character (outside every segment). */
const RUN_CHARS: Readonly<Record<string, string>> = { tab: '\t', ptab: '\t', br: '\n', cr: '\n', noBreakHyphen: '-' };

/** Properties read from docProps/core.xml and docProps/app.xml (local names). */
const CORE_PROPERTIES = new Set(['creator', 'lastModifiedBy', 'title', 'subject', 'description', 'keywords']);
const APP_PROPERTIES = new Set(['Company', 'Manager']);

/** Relationship types of the parts read after the main document, in reading order. */
const PART_ORDER = ['header', 'footer', 'footnotes', 'endnotes', 'comments'] as const;

export async function extractDocx({ bytes, path }: ExtractInput, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ScanDocument> {
  if (isCfb(bytes)) {
    if (isEncryptedOoxml(bytes)) throw new ExtractionError('encrypted');
    // A Word 97-2003 file saved with a .docx name: read it as what it is.
    const { extractDoc } = await import('../doc/index.js');
    return extractDoc({ bytes, path });
  }
  if (!ZipReader.isZip(bytes)) throw new ExtractionError('corrupt docx: not a zip package');
  const zip = new ZipReader(bytes, limits);
  const builder = new TextBuilder();
  for (const part of wordParts(zip)) {
    const data = zip.read(part);
    if (!data) continue;
    walkWordPart(decodeXml(data), part, builder);
    builder.blank();
  }
  for (const [part, names] of [
    ['docProps/core.xml', CORE_PROPERTIES],
    ['docProps/app.xml', APP_PROPERTIES],
  ] as const) {
    const data = zip.read(part);
    if (!data) continue;
    walkProperties(decodeXml(data), part, names, builder, 'docx');
    builder.blank();
  }
  const { text, segments } = builder.build();
  return { text, segments, meta: { format: 'docx' } };
}

/** The main document part and its headers, footers, notes and comments, in reading order. */
export function wordParts(zip: ZipReader): string[] {
  const main = relationshipsOf(zip, '').find((r) => r.type === 'officeDocument')?.target ?? 'word/document.xml';
  if (!zip.has(main)) throw new ExtractionError('corrupt docx: no main document part');
  const byType = new Map<string, string[]>();
  const add = (type: string, target: string) => {
    const list = byType.get(type) ?? [];
    if (!list.includes(target)) list.push(target);
    byType.set(type, list);
  };
  if (zip.has(relsPath(main))) {
    for (const { type, target } of relationshipsOf(zip, main)) if (zip.has(target)) add(type, target);
  } else {
    // No relationships part: fall back to the usual part names.
    for (const e of zip.entries) {
      const m = /^word\/(header|footer|footnotes|endnotes|comments)\d*\.xml$/.exec(e.name);
      if (m) add(m[1]!, e.name);
    }
  }
  const parts = [main];
  for (const type of PART_ORDER) {
    for (const p of (byType.get(type) ?? []).sort(byNumber)) if (!parts.includes(p)) parts.push(p);
  }
  return parts;
}

/** `word/header10.xml` after `word/header2.xml`. */
function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  /** Last segment of the relationship type URI: `officeDocument`, `header`, `comments`… */
  type: string;
  /** Zip entry name of the target. */
  target: string;
}

/** Internal relationships of a part (`''` for the package), targets resolved to entry names. */
function relationshipsOf(zip: ZipReader, source: string): Relationship[] {
  const rels = source === '' ? '_rels/.rels' : relsPath(source);
  const data = zip.read(rels);
  if (!data) return [];
  const base = source.slice(0, source.lastIndexOf('/') + 1);
  const out: Relationship[] = [];
  parseXml(
    decodeXml(data),
    {
      open(tag) {
        if (tag.local !== 'Relationship' || (tag.uri !== PKG_RELS && tag.uri !== '')) return;
        if (attrLocal(tag, 'TargetMode') === 'External') return;
        const type = attrLocal(tag, 'Type');
        const target = attrLocal(tag, 'Target');
        if (!type || !target) return;
        out.push({ type: type.slice(type.lastIndexOf('/') + 1), target: resolveTarget(base, target) });
      },
    },
    'docx',
    rels,
  );
  return out;
}

/** `../x.xml` relative to `word/` → `x.xml`; `/word/a.xml` → `word/a.xml`. */
function resolveTarget(base: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return decodeURIComponentSafe(out.join('/'));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface RunState {
  paragraph: number;
  run: number;
  /** Characters of this run's `w:t` elements so far. */
  chars: number;
}

/**
 * Where the text of one `w:t` lies in its part's XML (UTF-16 offsets): `tagStart` is the `<` of
 * `<w:t…>`, `from`..`to` its content. The anonymiser rewrites exactly that content.
 */
export interface RunTextPlace {
  source: DocxSourceRef;
  /** The decoded text, as the segment holds it. */
  text: string;
  tagStart: number;
  from: number;
  to: number;
}

/**
 * One WordprocessingML part (document, header, footer, notes, comments) into the builder;
 * `onRunText` hears where each segment's `w:t` is in `xml`.
 */
export function walkWordPart(xml: string, part: string, builder: TextBuilder, onRunText?: (place: RunTextPlace) => void): void {
  let paragraphs = 0;
  const paragraphStack: { index: number; runs: number }[] = [];
  const runStack: (RunState | undefined)[] = [];
  /** Open elements whose content is skipped (deleted text, fallback copies). */
  let skip = 0;
  let inText = false;
  let textBuf = '';
  /** Offset of the open `w:t` tag's `<` and of its content. */
  let textTag = 0;
  let textFrom = 0;
  const isW = (tag: SaxesTagNS) => tag.uri === W || tag.uri === W_STRICT;
  const skipped = (tag: SaxesTagNS) => (isW(tag) && SKIPPED.has(tag.local)) || (tag.uri === MC && tag.local === 'Fallback');
  /** Local name of the parent of the element being opened (W namespace only, else ''). */
  const open: string[] = [];

  parseXml(
    xml,
    {
      open(tag, at) {
        const parent = open.at(-1) ?? '';
        open.push(isW(tag) ? tag.local : '');
        if (skipped(tag)) {
          skip++;
          return;
        }
        if (!isW(tag)) return;
        switch (tag.local) {
          case 'p':
            paragraphs++;
            paragraphStack.push({ index: paragraphs, runs: 0 });
            return;
          case 'r': {
            const p = paragraphStack.at(-1);
            if (!p) {
              runStack.push(undefined);
              return;
            }
            p.runs++;
            runStack.push({ paragraph: p.index, run: p.runs, chars: 0 });
            return;
          }
          case 't':
            if (parent === 'r' && runStack.at(-1) && skip === 0) {
              inText = true;
              textBuf = '';
              textTag = xml.lastIndexOf('<', at - 1);
              textFrom = at;
            }
            return;
          case 'txbxContent':
            if (skip === 0) builder.paragraph();
            return;
          default: {
            const ch = RUN_CHARS[tag.local];
            if (ch !== undefined && parent === 'r' && skip === 0) builder.separator(ch);
          }
        }
      },
      text(t) {
        if (inText) textBuf += t;
      },
      close(tag, at) {
        open.pop();
        if (skipped(tag)) {
          skip--;
          return;
        }
        if (!isW(tag)) return;
        switch (tag.local) {
          case 'p':
            paragraphStack.pop();
            builder.paragraph();
            return;
          case 'r':
            runStack.pop();
            return;
          case 't': {
            if (!inText) return;
            inText = false;
            const run = runStack.at(-1)!;
            const source: DocxSourceRef = { kind: 'docx', part, paragraph: run.paragraph, run: run.run, offset: run.chars };
            builder.text(textBuf, source);
            if (onRunText && textBuf !== '') {
              onRunText({ source, text: textBuf, tagStart: textTag, from: textFrom, to: xml.lastIndexOf('<', at - 1) });
            }
            run.chars += textBuf.length;
            return;
          }
          case 'tc':
            builder.cell();
            return;
          case 'tr':
            builder.row();
            return;
          case 'tbl':
          case 'txbxContent':
            builder.paragraph();
            return;
        }
      },
    },
    'docx',
    part,
  );
}

/**
 * Document properties: each wanted element at `depth` (2: a child of the root) becomes one segment
 * `{kind:'paragraph', part, paragraph: position among the elements at that depth}`.
 */
export function walkProperties(
  xml: string,
  part: string,
  wanted: ReadonlySet<string>,
  builder: TextBuilder,
  format: string,
  at = 2,
): void {
  let depth = 0;
  let index = 0;
  let capturing = false;
  let buf = '';
  parseXml(
    xml,
    {
      open(tag) {
        depth++;
        if (depth !== at) return;
        index++;
        if (wanted.has(tag.local)) {
          capturing = true;
          buf = '';
        }
      },
      text(t) {
        if (capturing) buf += t;
      },
      close() {
        if (depth === at && capturing) {
          capturing = false;
          const value = buf.trim();
          if (value) {
            builder.text(value, { kind: 'paragraph', part, paragraph: index });
            builder.paragraph();
          }
        }
        depth--;
      },
    },
    format,
    part,
  );
}

const docxExtractor: Extractor = {
  id: 'docx',
  extensions: DOCX_EXTENSIONS,
  extract: (input) => extractDocx(input),
};

export default docxExtractor;
