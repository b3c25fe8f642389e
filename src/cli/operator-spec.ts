/**
 * `--operator` values: `fake` (the default operator), `PERSON=fake`, or several at once
 * `PERSON=fake,RU_SNILS=pseudonym`; repeatable, later ones win.
 */
import { isEntityType, ENTITY_TYPES } from '../detectors/types.js';
import { DEFAULT_OPERATOR, isOperatorName, OPERATORS, type OperatorPolicy } from '../redact/types.js';
import { UsageError } from './parse.js';

export { DEFAULT_OPERATOR };

/** The policy of `specs` applied over `base` (the config file's operators): a spec wins for its key only. */
export function parseOperatorSpecs(specs: readonly string[], base?: OperatorPolicy): OperatorPolicy {
  const policy: OperatorPolicy = { default: base?.default ?? DEFAULT_OPERATOR, byType: { ...base?.byType } };
  for (const spec of specs) {
    for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
      const eq = item.indexOf('=');
      const type = eq < 0 ? undefined : item.slice(0, eq).trim().toUpperCase();
      const op = (eq < 0 ? item : item.slice(eq + 1)).trim().toLowerCase();
      if (!isOperatorName(op)) throw new UsageError(`--operator: unknown operator "${op}"; known: ${OPERATORS.join(', ')}`);
      if (type === undefined) policy.default = op;
      else if (isEntityType(type)) policy.byType[type] = op;
      else throw new UsageError(`--operator: unknown type "${type}"; known types: ${ENTITY_TYPES.join(', ')}`);
    }
  }
  return policy;
}
