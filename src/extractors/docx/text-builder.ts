/**
 * Builds a document's text and segments for the office extractors. Separators between pieces
 * (paragraph breaks, table cell tabs, the blank line between parts) are held back as "pending"
 * and written only before the next piece of text, so empty paragraphs and trailing cells add
 * nothing and the text never starts or ends with a separator.
 */
import type { Segment, SourceRef } from '../../document/types.js';

export class TextBuilder {
  readonly segments: Segment[] = [];
  private readonly parts: string[] = [];
  private length = 0;
  private pending = '';

  /** Text with a source: one segment (empty text adds nothing). */
  text(s: string, source: SourceRef): void {
    if (s.length === 0) return;
    this.flush();
    this.segments.push({ start: this.length, end: this.length + s.length, source });
    this.push(s);
  }

  /** Characters that are no source text (a tab or break element of a run): outside every segment. */
  separator(s: string): void {
    if (s.length === 0) return;
    this.flush();
    this.push(s);
  }

  /** End of a paragraph: a line break before the next text, unless a separator is already pending. */
  paragraph(): void {
    if (this.pending === '') this.pending = '\n';
  }

  /** End of a table cell: a tab replaces the cell's last paragraph break; empty cells keep their tabs. */
  cell(): void {
    this.pending = `${this.pending.replace(/\n+$/, '')}\t`;
  }

  /** End of a table row: a line break. */
  row(): void {
    this.pending = '\n';
  }

  /** End of a part (or of another block that must not run into the next): a blank line. */
  blank(): void {
    this.pending = '\n\n';
  }

  build(): { text: string; segments: Segment[] } {
    return { text: this.parts.join(''), segments: this.segments };
  }

  private flush(): void {
    if (this.pending !== '' && this.length > 0) this.push(this.pending);
    this.pending = '';
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }
}
