/**
 * ODT (OpenDocument text, also .ott templates): content.xml (body text, headings, lists, tables,
 * frames/text boxes, notes, comments), the page headers and footers of styles.xml, and the
 * document properties of meta.xml (initial creator, creator, title, subject, description, keywords).
 *
 * Segments are paragraph-level, `{kind:'paragraph', part, paragraph}`: `paragraph` counts the
 * part's `text:p` and `text:h` elements from 1 in document order (all of them, also those of
 * table cells, frames, notes and comments). A paragraph's text — spans, `text:s` spaces,
 * `text:tab`, `text:line-break` included — is one segment, cut only where a nested paragraph (a
 * note body, a text box) interrupts it. A meta.xml property is one segment whose `paragraph` is
 * the property element's 1-based position among the children of `office:meta`.
 *
 * Skipped: tracked deletions (`text:tracked-changes`), note citations (the "1" of a footnote
 * mark, which would glue to the digits before it), comment authors and dates, image titles.
 * Source white space inside a paragraph collapses to one space, as ODF renders it.
 * Text: paragraphs separated by `\n`, table cells by `\t`, rows by `\n`, parts by a blank line.
 *
 * A password-protected ODT (the manifest lists `manifest:encryption-data`) is `encrypted`.
 */
import type { SaxesTagNS } from 'saxes';
import { DEFAULT_ZIP_LIMITS, ZipReader, type ZipLimits } from '../../archive/zip.js';
import type { ParagraphSourceRef, ScanDocument } from '../../document/types.js';
import { TextBuilder } from '../docx/text-builder.js';
import { attr, decodeXml, parseXml } from '../docx/xml.js';
import { walkProperties } from '../docx/index.js';
import { ExtractionError, type ExtractInput, type Extractor } from '../types.js';

export const ODT_EXTENSIONS = ['.odt', '.ott'] as const;

const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const STYLE = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';
const SVG = 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0';
const DC = 'http://purl.org/dc/elements/1.1/';

const META_PROPERTIES = new Set(['initial-creator', 'creator', 'title', 'subject', 'description', 'keyword']);
const HEADER_FOOTER = new Set(['header', 'footer', 'header-left', 'footer-left', 'header-first', 'footer-first']);

export async function extractOdt({ bytes }: ExtractInput, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ScanDocument> {
  if (!ZipReader.isZip(bytes)) throw new ExtractionError('corrupt odt: not a zip package');
  const zip = new ZipReader(bytes, limits);
  if (isEncryptedOdf(zip)) throw new ExtractionError('encrypted');
  const content = zip.read('content.xml');
  if (!content) throw new ExtractionError('corrupt odt: no content.xml');
  const builder = new TextBuilder();
  walkOdfText(decodeXml(content), 'content.xml', builder, 'body');
  builder.blank();
  const styles = zip.read('styles.xml');
  if (styles) {
    walkOdfText(decodeXml(styles), 'styles.xml', builder, 'header-footer');
    builder.blank();
  }
  const meta = zip.read('meta.xml');
  if (meta) walkProperties(decodeXml(meta), 'meta.xml', META_PROPERTIES, builder, 'odt', 3);
  const { text, segments } = builder.build();
  return { text, segments, meta: { format: 'odt' } };
}

/** True when the package manifest declares encrypted entries (a password-protected document). */
export function isEncryptedOdf(zip: ZipReader): boolean {
  const manifest = zip.read('META-INF/manifest.xml');
  if (!manifest) return false;
  let encrypted = false;
  parseXml(
    decodeXml(manifest),
    {
      open(tag) {
        if (tag.local === 'encryption-data') encrypted = true;
      },
    },
    'odt',
    'META-INF/manifest.xml',
  );
  return encrypted;
}

/**
 * What one source node added to a segment's text, and where the node is in the part's XML
 * (UTF-16 offsets): a text node (`element` false; `text` is its collapsed text) or a `text:s`,
 * `text:tab` or `text:line-break` element. The anonymiser rewrites these nodes.
 */
export interface OdfTextAtom {
  text: string;
  from: number;
  to: number;
  element: boolean;
}

/**
 * Paragraph text of an OpenDocument part. `scope`: `body` reads what is inside `office:body`,
 * `header-footer` what is inside the master pages' headers and footers (styles.xml).
 * `onSegment` hears the source nodes of each segment, in order.
 */
export function walkOdfText(
  xml: string,
  part: string,
  builder: TextBuilder,
  scope: 'body' | 'header-footer',
  onSegment?: (source: ParagraphSourceRef, atoms: OdfTextAtom[]) => void,
): void {
  let paragraphs = 0;
  /**
   * Open paragraphs. `piece`: text not yet written; `space`: the text so far ends with a space
   * from collapsed source white space; `started`: the paragraph has content already; `atoms`:
   * the source nodes of `piece`.
   */
  const stack: { index: number; piece: string; space: boolean; started: boolean; atoms: OdfTextAtom[] }[] = [];
  let inScope = 0;
  let skip = 0;
  /** Offset just after the last markup event: where the next text node starts. */
  let lastAt = 0;
  /** The `text:s`/`tab`/`line-break` atom whose element is open (its end is set when it closes). */
  let openAtom: OdfTextAtom | undefined;
  const flush = () => {
    const p = stack.at(-1);
    if (p && p.piece !== '') {
      const source: ParagraphSourceRef = { kind: 'paragraph', part, paragraph: p.index };
      builder.text(p.piece, source);
      onSegment?.(source, p.atoms);
      p.piece = '';
      p.atoms = [];
    }
  };
  const add = (s: string, at: number) => {
    const p = stack.at(-1);
    if (p && inScope > 0 && skip === 0) {
      p.piece += s;
      p.space = false;
      p.started = true;
      openAtom = { text: s, from: xml.lastIndexOf('<', at - 1), to: at, element: true };
      p.atoms.push(openAtom);
    }
  };
  /** Source text: runs of white space collapse to one space, none at a paragraph's start (ODF 6.1.2). */
  const addText = (t: string, at: number) => {
    const p = stack.at(-1);
    if (!p || inScope === 0 || skip > 0) return;
    let s = t.replace(/[ \t\r\n]+/g, ' ');
    if (s.startsWith(' ') && (p.space || !p.started)) s = s.slice(1);
    if (s === '') return;
    p.piece += s;
    p.space = s.endsWith(' ');
    p.started = true;
    p.atoms.push({ text: s, from: lastAt, to: at - 1, element: false });
  };
  const scoped = (tag: SaxesTagNS) =>
    scope === 'body' ? tag.uri === OFFICE && tag.local === 'body' : tag.uri === STYLE && HEADER_FOOTER.has(tag.local);
  const skipped = (tag: SaxesTagNS) =>
    (tag.uri === TEXT && (tag.local === 'tracked-changes' || tag.local === 'note-citation')) ||
    (tag.uri === SVG && (tag.local === 'title' || tag.local === 'desc')) ||
    (tag.uri === DC && (tag.local === 'creator' || tag.local === 'date')) ||
    (tag.uri === OFFICE && tag.local === 'annotation-end');

  parseXml(
    xml,
    {
      open(tag, at) {
        lastAt = at;
        if (scoped(tag)) inScope++;
        if (skipped(tag)) {
          skip++;
          return;
        }
        if (tag.uri !== TEXT) return;
        switch (tag.local) {
          case 'p':
          case 'h':
            paragraphs++;
            flush();
            if (stack.length > 0) builder.paragraph();
            stack.push({ index: paragraphs, piece: '', space: false, started: false, atoms: [] });
            return;
          case 's': {
            const c = Number(attr(tag, TEXT, 'c') ?? '1');
            add(' '.repeat(Number.isInteger(c) && c > 0 && c < 10_000 ? c : 1), at);
            return;
          }
          case 'tab':
            add('\t', at);
            return;
          case 'line-break':
            add('\n', at);
            return;
        }
      },
      text(t, at) {
        addText(t, at);
        lastAt = at;
      },
      close(tag, at) {
        lastAt = at;
        if (openAtom) {
          openAtom.to = at;
          openAtom = undefined;
        }
        if (scoped(tag)) inScope--;
        if (skipped(tag)) {
          skip--;
          return;
        }
        if (tag.uri === TABLE) {
          if (tag.local === 'table-cell' || tag.local === 'covered-table-cell') builder.cell();
          else if (tag.local === 'table-row') builder.row();
          else if (tag.local === 'table') builder.paragraph();
          return;
        }
        if (tag.uri === TEXT && (tag.local === 'p' || tag.local === 'h')) {
          flush();
          stack.pop();
          builder.paragraph();
        }
      },
    },
    'odt',
    part,
  );
}

const odtExtractor: Extractor = {
  id: 'odt',
  extensions: ODT_EXTENSIONS,
  extract: (input) => extractOdt(input),
};

export default odtExtractor;
