/**
 * What a WordprocessingML part keeps besides its visible text, cleaned for the anonymised copy:
 *
 * - tracked changes are accepted: deleted and moved-away content (`w:del`, `w:moveFrom`,
 *   `w:delText`) is removed with its text, which the scan never read; insertions (`w:ins`,
 *   `w:moveTo`) are unwrapped, their runs kept; property-change records (`w:rPrChange`…: the old
 *   formatting) and move/revision markers are removed;
 * - `w:author` (revisions, comments, people.xml's `w15:author`) becomes a neutral name and
 *   `w:initials` is emptied; people.xml's presence info (an account id, often an e-mail) goes;
 * - where an edited run sits in a hyperlink, the link's target is neutralised (a `mailto:` holds
 *   the address itself): the relationship ids are returned for the part's .rels, a HYPERLINK
 *   field's instruction is rewritten, and the screen tip goes;
 * - a content control whose text was edited loses its data binding, or Word would fill the old
 *   value back in when the copy is opened; bound to the document properties (cleaned with the
 *   copy) that is all, bound to a custom XML part (which keeps the old value) the writer throws;
 * - the `mc:Fallback` copy of a drawing's text (the scan reads the `mc:Choice` copy) gets the same
 *   edits when it holds the same runs, and is removed when it does not.
 */
import type { SaxesTagNS } from 'saxes';
import { parseXml } from '../../extractors/docx/xml.js';
import { textSplice } from './docx-runs.js';
import { applySplices, decodeCharacterData, HandlerFailure, rewriteAttribute, type Splice } from './zip-xml.js';

const W = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const R = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);

/** The name revisions and comments get in the copy. */
export const NEUTRAL_AUTHOR = 'Автор';
/** Where neutralised links point. */
export const NEUTRAL_LINK = 'about:blank';

/** Elements removed with their content: rejected text and revision bookkeeping. */
const REMOVED = new Set([
  'del',
  'moveFrom',
  'delText',
  'delInstrText',
  'moveFromRangeStart',
  'moveFromRangeEnd',
  'moveToRangeStart',
  'moveToRangeEnd',
  'customXmlInsRangeStart',
  'customXmlInsRangeEnd',
  'customXmlDelRangeStart',
  'customXmlDelRangeEnd',
  'customXmlMoveFromRangeStart',
  'customXmlMoveFromRangeEnd',
  'customXmlMoveToRangeStart',
  'customXmlMoveToRangeEnd',
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'tblPrExChange',
  'trPrChange',
  'tcPrChange',
  'tblGridChange',
  'numberingChange',
  'cellIns',
  'cellDel',
  'cellMerge',
]);
/** Data stores of the core and extended document properties (content controls bound to them). */
const PROPERTY_STORES = new Set(['{6C3C8BC8-F283-45AE-878A-BAB7291924A1}', '{6668398D-A668-4E3E-A5EB-62B293D839F1}']);
/** Revision containers whose content is kept. */
const UNWRAPPED = new Set(['ins', 'moveTo']);

export interface RevisionCleanup {
  splices: Splice[];
  /** Relationship ids of hyperlinks whose text was edited. */
  linkIds: Set<string>;
  revisions: number;
  authors: number;
  links: number;
  bindings: number;
  fallbacksEdited: number;
  fallbacksRemoved: number;
}

interface Frame {
  tag: SaxesTagNS;
  /** Offset of the open tag's `<`, and just after its `>`. */
  start: number;
  openEnd: number;
  /** An edited run lies inside. */
  edited: boolean;
  /** Attribute rewrites for the open tag: qualified name → new value (undefined: remove). */
  attrs?: Map<string, string | undefined>;
  /** w:sdt: its data binding elements and the stores they bind to. */
  bindings?: (Splice & { store: string })[];
  /** mc:AlternateContent: the Choice's segment runs and the Fallback's runs. */
  choice?: { original: string; edited: string }[];
  fallback?: { tagStart: number; from: number; to: number; text: string }[];
  fallbackRange?: Splice;
}

interface Field {
  instr: { from: number; to: number; text: string }[];
  result: boolean;
  edited: boolean;
}

/**
 * Cleanup splices for one part. `texts`/`edited` come from rewriteRuns (offsets of segment `w:t`
 * content → original and new text); both are empty for parts the scan does not read.
 */
export function cleanRevisions(xml: string, part: string, texts: ReadonlyMap<number, string>, edited: ReadonlyMap<number, string>): RevisionCleanup {
  const out: RevisionCleanup = { splices: [], linkIds: new Set(), revisions: 0, authors: 0, links: 0, bindings: 0, fallbacksEdited: 0, fallbacksRemoved: 0 };
  const stack: Frame[] = [];
  const fields: Field[] = [];
  /** Open elements removed with their content (nothing inside needs a splice of its own). */
  let removed = 0;
  const isW = (tag: SaxesTagNS) => W.has(tag.uri);
  const nearest = (test: (f: Frame) => boolean) => {
    for (let i = stack.length - 1; i >= 0; i--) if (test(stack[i]!)) return stack[i];
    return undefined;
  };
  const inMc = (local: string) => nearest((f) => f.tag.uri === MC && (f.tag.local === 'Choice' || f.tag.local === 'Fallback'))?.tag.local === local;
  const setAttr = (frame: Frame, qname: string, value: string | undefined) => {
    (frame.attrs ??= new Map()).set(qname, value);
  };

  const failure = new HandlerFailure();
  try {
    parseXml(
      xml,
      {
        open(tag, at) {
          const frame: Frame = { tag, start: xml.lastIndexOf('<', at - 1), openEnd: at, edited: false };
          stack.push(frame);
          if (isW(tag) && REMOVED.has(tag.local)) {
            removed++;
            return;
          }
          if (removed > 0) return;
          for (const a of Object.values(tag.attributes)) {
            if (a.local === 'author' && (W.has(a.uri) || a.uri === W15)) {
              setAttr(frame, a.name, NEUTRAL_AUTHOR);
              out.authors++;
            } else if (a.local === 'initials' && W.has(a.uri)) {
              setAttr(frame, a.name, '');
            }
          }
          if (tag.uri === MC && tag.local === 'AlternateContent') {
            frame.choice = [];
            frame.fallback = [];
          }
          if (!isW(tag)) return;
          if (tag.local === 't') {
            const original = texts.get(at);
            const ac = nearest((f) => f.choice !== undefined);
            if (ac && original !== undefined && inMc('Choice')) ac.choice!.push({ original, edited: edited.get(at) ?? original });
            if (edited.has(at)) {
              for (const f of stack) f.edited = true;
              for (const f of fields) if (f.result) f.edited = true;
            }
          } else if (tag.local === 'fldChar') {
            const type = attrOf(tag, 'fldCharType');
            if (type === 'begin') fields.push({ instr: [], result: false, edited: false });
            else if (type === 'separate' && fields.length > 0) fields.at(-1)!.result = true;
            else if (type === 'end') endField(fields.pop());
          }
        },
        close: failure.wrap((tag: SaxesTagNS, at: number) => {
          const frame = stack.pop()!;
          const closeStart = at === frame.openEnd ? at : xml.lastIndexOf('<', at - 1);
          if (removed > 0) {
            if (isW(tag) && REMOVED.has(tag.local) && stack.every((f) => !(isW(f.tag) && REMOVED.has(f.tag.local)))) {
              out.splices.push({ from: frame.start, to: at, text: '' });
              out.revisions++;
            }
            if (isW(tag) && REMOVED.has(tag.local)) removed--;
            return;
          }
          if (isW(tag) && UNWRAPPED.has(tag.local)) {
            out.splices.push({ from: frame.start, to: frame.openEnd, text: '' });
            if (closeStart !== at) out.splices.push({ from: closeStart, to: at, text: '' });
            out.revisions++;
            if (frame.edited) for (const f of stack) f.edited = true;
            return;
          }
          if (frame.edited) for (const f of stack) f.edited = true;
          if (tag.uri === W15 && tag.local === 'presenceInfo') {
            out.splices.push({ from: frame.start, to: at, text: '' });
            return;
          }
          if (tag.uri === MC && tag.local === 'Fallback') {
            const ac = nearest((f) => f.choice !== undefined);
            if (ac) ac.fallbackRange = { from: frame.start, to: at, text: '' };
          }
          if (tag.uri === MC && tag.local === 'AlternateContent') mirrorFallback(frame);
          if (isW(tag)) {
            switch (tag.local) {
              case 't':
                if (inMc('Fallback') && closeStart > frame.openEnd) {
                  const ac = nearest((f) => f.fallback !== undefined);
                  const text = decodeCharacterData(xml.slice(frame.openEnd, closeStart));
                  ac?.fallback!.push({ tagStart: frame.start, from: frame.openEnd, to: closeStart, text: text ?? '\u0000' });
                }
                break;
              case 'instrText':
                if (fields.length > 0 && !fields.at(-1)!.result) {
                  const text = decodeCharacterData(xml.slice(frame.openEnd, closeStart)) ?? '';
                  fields.at(-1)!.instr.push({ from: frame.openEnd, to: closeStart, text });
                }
                break;
              case 'dataBinding': {
                const sdt = nearest((f) => isW(f.tag) && f.tag.local === 'sdt');
                const store = attrOf(tag, 'storeItemID')?.toUpperCase() ?? '';
                if (sdt) (sdt.bindings ??= []).push({ from: frame.start, to: at, text: '', store });
                break;
              }
              case 'sdt':
                if (frame.edited && frame.bindings) {
                  // Bound to the document properties (cleaned with this copy) the binding can go;
                  // bound to a custom XML part, the old value stays in that part.
                  if (frame.bindings.some((b) => !PROPERTY_STORES.has(b.store))) {
                    throw new Error(`docx writer: ${part}: an edited value is bound to custom XML data the writer cannot clean`);
                  }
                  out.splices.push(...frame.bindings);
                  out.bindings += frame.bindings.length;
                }
                break;
              case 'hyperlink':
                if (frame.edited) {
                  const id = Object.values(tag.attributes).find((a) => a.local === 'id' && R.has(a.uri));
                  if (id) out.linkIds.add(id.value);
                  const tip = Object.values(tag.attributes).find((a) => a.local === 'tooltip' && W.has(a.uri));
                  if (tip) setAttr(frame, tip.name, undefined);
                  out.links++;
                }
                break;
              case 'fldSimple':
                if (frame.edited) {
                  const instr = Object.values(tag.attributes).find((a) => a.local === 'instr' && W.has(a.uri));
                  if (instr && isHyperlinkField(instr.value)) {
                    setAttr(frame, instr.name, ` HYPERLINK "${NEUTRAL_LINK}" `);
                    out.links++;
                  }
                }
                break;
            }
          }
          if (frame.attrs) {
            let open = xml.slice(frame.start, frame.openEnd);
            for (const [qname, value] of frame.attrs) open = rewriteAttribute(open, qname, value);
            out.splices.push({ from: frame.start, to: frame.openEnd, text: open });
          }
        }),
      },
      'docx',
      part,
    );
  } finally {
    failure.rethrow();
  }
  return out;

  function endField(field: Field | undefined): void {
    if (!field?.edited || !isHyperlinkField(field.instr.map((i) => i.text).join(''))) return;
    field.instr.forEach((i, n) => out.splices.push({ from: i.from, to: i.to, text: n === 0 ? ` HYPERLINK "${NEUTRAL_LINK}" ` : '' }));
    out.links++;
  }

  function mirrorFallback(frame: Frame): void {
    const choice = frame.choice!;
    if (!choice.some((c) => c.edited !== c.original) || !frame.fallbackRange) return;
    const fallback = frame.fallback!;
    const same = fallback.length === choice.length && fallback.every((f, i) => f.text === choice[i]!.original);
    if (same) {
      fallback.forEach((f, i) => out.splices.push(textSplice(xml, f.tagStart, f.from, f.to, choice[i]!.edited)));
      out.fallbacksEdited++;
    } else {
      out.splices.push(frame.fallbackRange);
      out.fallbacksRemoved++;
    }
  }
}

function attrOf(tag: SaxesTagNS, local: string): string | undefined {
  for (const a of Object.values(tag.attributes)) if (a.local === local && W.has(a.uri)) return a.value;
  return undefined;
}

function isHyperlinkField(instruction: string): boolean {
  return /^\s*HYPERLINK\b/i.test(instruction);
}

/** A part's .rels with the targets of `ids` pointed at NEUTRAL_LINK. */
export function neutraliseRelationships(xml: string, part: string, ids: ReadonlySet<string>): string {
  const splices: Splice[] = [];
  parseXml(
    xml,
    {
      open(tag, at) {
        if (tag.local !== 'Relationship') return;
        const id = Object.values(tag.attributes).find((a) => a.local === 'Id')?.value;
        const target = Object.values(tag.attributes).find((a) => a.local === 'Target');
        if (id === undefined || !ids.has(id) || !target) return;
        const start = xml.lastIndexOf('<', at - 1);
        splices.push({ from: start, to: at, text: rewriteAttribute(xml.slice(start, at), target.name, NEUTRAL_LINK) });
      },
    },
    'docx',
    part,
  );
  return applySplices(xml, splices, `docx writer: ${part}`);
}
