/**
 * One SARIF rule per entity type, described from its detector: labels, category, whether it is
 * personal data, and the detector's example value, masked as a report would show it.
 */
import { CATEGORIES } from '../../../detectors/categories.js';
import { ENTITY_TYPES, type EntityType } from '../../../detectors/types.js';
import { detectorOf } from '../../labels.js';
import { maskValue } from '../../mask.js';
import type { SarifRule } from './types.js';

export const PERSONAL_DATA_LEVEL = 'error';
export const ORGANISATION_LEVEL = 'note';

export function sarifRules(): SarifRule[] {
  return ENTITY_TYPES.flatMap((type) => {
    const d = detectorOf(type);
    if (!d) return [];
    const category = CATEGORIES[d.category];
    const example = maskValue(d.example, d.mask);
    const what = d.personalData
      ? 'Personal data under 152-FZ: delete it, mask it, or keep the file where only people allowed to process it can read it.'
      : 'An organisation identifier: reported for completeness, not personal data.';
    const special = type === 'SPECIAL_CATEGORY' ? ' The category of each result (health, criminal record, …) is in its properties.' : '';
    return [
      {
        id: type,
        name: ruleName(type),
        shortDescription: { text: d.label.en },
        fullDescription: { text: `${d.label.en} (${d.label.ru}). Category: ${category.en} (${category.ru}).${special}` },
        help: {
          text: `${d.label.en} (${d.label.ru}), for example ${example} (masked). ${what}`,
          markdown: `**${d.label.en}** (${d.label.ru}), for example \`${example}\` (masked).\n\n${what}`,
        },
        defaultConfiguration: { level: d.personalData ? PERSONAL_DATA_LEVEL : ORGANISATION_LEVEL },
        properties: {
          category: d.category,
          personalData: d.personalData,
          tags: [d.personalData ? 'personal-data' : 'organisation-identifier', '152-FZ', d.category],
        },
      },
    ];
  });
}

/** RU_SNILS → RuSnils: SARIF rule names are identifier-like. */
function ruleName(type: EntityType): string {
  return type
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
