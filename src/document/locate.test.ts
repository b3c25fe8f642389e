import { describe, expect, it } from 'vitest';
import { lineColumnAt, lineStarts, locateOffset, segmentAt } from './locate.js';
import type { ScanDocument, Segment } from './types.js';

describe('lineStarts / lineColumnAt', () => {
  it('counts LF, CRLF and lone CR as line breaks', () => {
    const starts = lineStarts('a\nbc\r\nd\re');
    expect(starts).toEqual([0, 2, 6, 8]);
    expect(lineColumnAt(starts, 0)).toEqual({ line: 1, column: 0 });
    expect(lineColumnAt(starts, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt(starts, 6)).toEqual({ line: 3, column: 0 });
    expect(lineColumnAt(starts, 8)).toEqual({ line: 4, column: 0 });
  });
});

describe('segmentAt', () => {
  const seg = (start: number, end: number): Segment => ({ start, end, source: { kind: 'text', line: 1, column: start } });
  const segments = [seg(0, 2), seg(3, 5), seg(5, 9)];
  it.each([
    [0, 0],
    [1, 0],
    [2, undefined],
    [3, 1],
    [5, 2],
    [8, 2],
    [9, undefined],
  ])('offset %i → segment %s', (offset, index) =>
    expect(segmentAt(segments, offset)).toBe(index === undefined ? undefined : segments[index]),
  );
});

describe('locateOffset', () => {
  it('text documents: 1-based line, 0-based column', () => {
    const text = 'Паспорт\r\nСНИЛС 112-233-445 95\nконец';
    const doc: ScanDocument = {
      text,
      segments: [{ start: 0, end: text.length, source: { kind: 'text', line: 1, column: 0 } }],
      meta: { format: 'txt', encoding: 'utf-8' },
    };
    expect(locateOffset(doc, 0)).toEqual({ line: 1, column: 0 });
    expect(locateOffset(doc, text.indexOf('112'))).toEqual({ line: 2, column: 6 });
    expect(locateOffset(doc, text.indexOf('конец'))).toEqual({ line: 3, column: 0 });
    expect(locateOffset(doc, text.length)).toEqual({ line: 3, column: 5 });
  });

  it('text segments that start mid-line keep their own line/column', () => {
    const doc: ScanDocument = {
      text: 'ab\ncd',
      segments: [{ start: 0, end: 5, source: { kind: 'text', line: 10, column: 4 } }],
      meta: { format: 'txt' },
    };
    expect(locateOffset(doc, 1)).toEqual({ line: 10, column: 5 });
    expect(locateOffset(doc, 4)).toEqual({ line: 11, column: 1 });
  });
});
