import type { ScanReport } from '../types.js';

export function renderJson(report: ScanReport): string {
  return [...jsonChunks(report)].join('');
}

/**
 * The json report in pieces, exactly as `JSON.stringify(report, null, 2)` lays it out, one file
 * and one finding at a time: a report of a 2 GB log with 150,000 findings is never one string
 * (hundreds of MB of UTF-16) in memory.
 */
export function* jsonChunks(report: ScanReport): Generator<string> {
  const { files, ...head } = report;
  const headText = JSON.stringify({ ...head, files: [] }, null, 2);
  // `"files": []` is the last key: everything before it, then the files one by one.
  const cut = headText.lastIndexOf('"files": []');
  yield headText.slice(0, cut) + '"files": [';
  for (let i = 0; i < files.length; i++) {
    yield (i > 0 ? ',' : '') + '\n';
    yield* fileChunks(files[i]!, '    ');
  }
  yield files.length ? '\n  ]\n}\n' : ']\n}\n';
}

function* fileChunks(file: ScanReport['files'][number], indent: string): Generator<string> {
  const { findings } = file;
  if (findings.length < 64) {
    yield indentLines(JSON.stringify(file, null, 2), indent);
    return;
  }
  // Keys in the file's own order, findings streamed where they stand.
  const placeholder = '"\u0000findings"';
  const text = indentLines(JSON.stringify({ ...file, findings: placeholder }, null, 2), indent);
  const at = text.indexOf(JSON.stringify(placeholder));
  yield text.slice(0, at) + '[';
  const inner = indent + '    ';
  for (let i = 0; i < findings.length; i++) yield (i > 0 ? ',\n' : '\n') + indentLines(JSON.stringify(findings[i], null, 2), inner);
  yield `\n${indent}  ]` + text.slice(at + JSON.stringify(placeholder).length);
}

function indentLines(text: string, indent: string): string {
  return indent + text.replace(/\n/g, '\n' + indent);
}
