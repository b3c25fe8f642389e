import type { DetectorSpec } from './types.js';

/**
 * Declares a detector and checks its spec up front, so a malformed detector fails at load time
 * with its id in the message instead of misbehaving during a scan (gitleaks `Rule.Validate`).
 */
export function defineDetector(spec: DetectorSpec): DetectorSpec {
  const problems: string[] = [];
  if (!/^[a-z]{2,}(?:-[a-z0-9]+)+$/.test(spec.id)) problems.push('id must be kebab-case with a prefix, e.g. "ru-snils"');
  if (!spec.patterns?.length && !spec.find) problems.push('needs patterns or a find() function');
  for (const p of spec.patterns ?? []) {
    if (!p.regex.global) problems.push(`pattern "${p.name}" needs the g flag`);
    if (p.regex.source.includes('?<value>') && !p.regex.hasIndices) problems.push(`pattern "${p.name}" has a value group but no d flag`);
    if (!(p.score >= 0 && p.score <= 1)) problems.push(`pattern "${p.name}" score must be within 0..1`);
  }
  if (!spec.examples.positive.length || !spec.examples.negative.length) {
    problems.push('needs at least one positive and one negative example');
  }
  if (problems.length) throw new Error(`[${spec.id}] invalid detector: ${problems.join('; ')}`);
  return Object.freeze(spec);
}
