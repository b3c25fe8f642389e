/**
 * Human names of entity types, categories and risk levels in the report languages. Entity names
 * come from the detectors (one source of truth with the help text); category names from the
 * category rules in use, so a `--categories` file that renames a category renames it here too.
 */
import { CATEGORIES, type CategoryId } from '../detectors/categories.js';
import { ALL_DETECTORS } from '../detectors/registry.js';
import type { DetectorSpec, EntityType } from '../detectors/types.js';
import type { FindingReport, Risk } from './types.js';

export const REPORT_LANGS = ['ru', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export type CategoryLabels = (category: CategoryId) => { ru: string; en: string };

/** The built-in category names (src/detectors/categories.ts). */
export const BUILT_IN_CATEGORY_LABELS: CategoryLabels = (c) => CATEGORIES[c];

const DETECTOR_BY_ENTITY = new Map<EntityType, DetectorSpec>(ALL_DETECTORS.map((d) => [d.entity, d]));

export function detectorOf(type: EntityType): DetectorSpec | undefined {
  return DETECTOR_BY_ENTITY.get(type);
}

export function entityLabel(type: EntityType, lang: ReportLang): string {
  return DETECTOR_BY_ENTITY.get(type)?.label[lang] ?? type;
}

/** A special-category finding is named by its category ("Состояние здоровья"), others by type. */
export function findingLabel(finding: Pick<FindingReport, 'type' | 'category'>, lang: ReportLang, categories: CategoryLabels): string {
  return finding.type === 'SPECIAL_CATEGORY' ? categories(finding.category)[lang] : entityLabel(finding.type, lang);
}

export const RISK_ORDER: readonly Risk[] = ['none', 'low', 'medium', 'high', 'special'];

const RISK_LABELS: Record<Risk, { ru: string; en: string }> = {
  none: { ru: 'нет', en: 'none' },
  low: { ru: 'низкий', en: 'low' },
  medium: { ru: 'средний', en: 'medium' },
  high: { ru: 'высокий', en: 'high' },
  special: { ru: 'особые категории', en: 'special categories' },
};

export function riskLabel(risk: Risk, lang: ReportLang): string {
  return RISK_LABELS[risk][lang];
}
