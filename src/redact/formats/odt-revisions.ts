/**
 * What an OpenDocument part keeps besides its visible text, cleaned for the anonymised copy:
 *
 * - tracked changes are accepted: `text:tracked-changes` goes (it holds the deleted text, which
 *   the scan never read, and the authors of every change) with the `text:change`,
 *   `text:change-start` and `text:change-end` marks that point into it; inserted text stays;
 * - comment (`office:annotation`) authors become a neutral name, their initials empty;
 * - a link (`text:a`) around edited text points nowhere: its `xlink:href` (a `mailto:` holds the
 *   address itself) becomes NEUTRAL_LINK and its title goes.
 */
import { parseXml } from '../../extractors/docx/xml.js';
import { NEUTRAL_AUTHOR, NEUTRAL_LINK } from './docx-revisions.js';
import { escapeXmlText, rewriteAttribute, type Splice } from './zip-xml.js';

const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const DC = 'http://purl.org/dc/elements/1.1/';
const META = 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0';
const XLINK = 'http://www.w3.org/1999/xlink';

const REMOVED = new Set(['tracked-changes', 'change', 'change-start', 'change-end']);

export interface OdfCleanup {
  splices: Splice[];
  revisions: number;
  authors: number;
  links: number;
}

/** Cleanup splices for one part; `edited`: the splices of the text edits (links around them are neutralised). */
export function cleanOdfRevisions(xml: string, part: string, edited: readonly Splice[]): OdfCleanup {
  const out: OdfCleanup = { splices: [], revisions: 0, authors: 0, links: 0 };
  const stack: { start: number; openEnd: number }[] = [];
  let annotations = 0;
  parseXml(
    xml,
    {
      open(tag, at) {
        stack.push({ start: xml.lastIndexOf('<', at - 1), openEnd: at });
        if (tag.uri === OFFICE && tag.local === 'annotation') annotations++;
      },
      close(tag, at) {
        const frame = stack.pop()!;
        if (tag.uri === OFFICE && tag.local === 'annotation') annotations--;
        if (tag.uri === TEXT && REMOVED.has(tag.local)) {
          out.splices.push({ from: frame.start, to: at, text: '' });
          out.revisions++;
          return;
        }
        if (tag.uri === TEXT && tag.local === 'a' && edited.some((e) => e.from >= frame.openEnd && e.to <= at)) {
          let open = xml.slice(frame.start, frame.openEnd);
          for (const a of Object.values(tag.attributes)) {
            if (a.uri === XLINK && a.local === 'href') open = rewriteAttribute(open, a.name, NEUTRAL_LINK);
            else if (a.uri === OFFICE && a.local === 'title') open = rewriteAttribute(open, a.name, undefined);
          }
          out.splices.push({ from: frame.start, to: frame.openEnd, text: open });
          out.links++;
        }
        const author =
          (tag.uri === DC && tag.local === 'creator') || (tag.uri === META && tag.local === 'creator-initials') || tag.local === 'sender-initials';
        if (author && annotations > 0 && at !== frame.openEnd) {
          const to = xml.lastIndexOf('<', at - 1);
          out.splices.push({ from: frame.openEnd, to, text: tag.local === 'creator' ? escapeXmlText(NEUTRAL_AUTHOR) : '' });
          out.authors++;
        }
      },
    },
    'odt',
    part,
  );
  return out;
}
