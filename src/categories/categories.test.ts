import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type CategoryId } from '../detectors/categories.js';
import { ENTITY_TYPES, type EntityType, type Finding } from '../detectors/types.js';
import { riskOf } from '../report/risk.js';
import { applyCategoryRules } from './apply.js';
import defaults from './default-rules.json' with { type: 'json' };
import { CategoryRulesError, compileCategoryRules, defaultCategoryRules, loadCategoryRules } from './rules.js';

function finding(type: EntityType, category: CategoryId, personalData = true, detector = 'x-test'): Finding {
  return {
    type,
    detector,
    start: 0,
    end: 1,
    value: 'x',
    score: 0.9,
    validated: false,
    personalData,
    category,
    explanation: { pattern: 'p', baseScore: 0.9, validation: 'none' },
  };
}

describe('default category rules (src/categories/default-rules.json)', () => {
  it('list every category with its class, and map every entity type', () => {
    expect(Object.keys(defaults.categories).sort()).toEqual(Object.keys(CATEGORIES).sort());
    for (const [id, info] of Object.entries(defaults.categories)) expect(info.class, id).toBe(CATEGORIES[id as CategoryId].class);
    expect(Object.keys(defaults.entities).sort()).toEqual([...ENTITY_TYPES].sort());
    expect(defaults.entities.SPECIAL_CATEGORY).toBe('per-finding');
  });

  it('compile', () => {
    const rules = defaultCategoryRules();
    expect(rules.source).toBe('default');
    expect(rules.classOf('health')).toBe('S');
    expect(rules.keywords.map((k) => k.category)).toEqual(expect.arrayContaining(['education', 'income', 'family_composition', 'military_record', 'employment_records', 'questionnaire_biography']));
  });
});

describe('applyCategoryRules', () => {
  it('personal findings give categories; an organisation identifier gives organisation_identifier', () => {
    const file = applyCategoryRules(
      [finding('RU_SNILS', 'snils'), finding('PERSON', 'full_name'), finding('RU_INN_ORG', 'organisation_identifier', false)],
      '',
    );
    expect(file.categories).toEqual(['full_name', 'organisation_identifier', 'snils']);
    expect(file.mentions).toEqual([]);
    expect(file.findings).toHaveLength(3);
  });

  it('special-category findings keep their category; mentions go to mentions and out of the findings', () => {
    const file = applyCategoryRules(
      [finding('SPECIAL_CATEGORY', 'health'), finding('SPECIAL_CATEGORY', 'criminal_record', false), finding('SPECIAL_CATEGORY', 'health', false)],
      '',
    );
    expect(file.categories).toEqual(['health']);
    expect(file.mentions).toEqual(['criminal_record']);
    expect(file.findings.map((f) => f.category)).toEqual(['health']);
  });

  it('keyword categories count with personal data in the file, and are mentions without it', () => {
    const text = 'Анкета. Трудовая книжка серии ТК № 1234567. Состав семьи: жена, сын. Оклад 45 000 руб.';
    const withPd = applyCategoryRules([finding('RU_SNILS', 'snils')], text);
    expect(withPd.categories).toEqual(['employment_records', 'family_composition', 'income', 'questionnaire_biography', 'snils']);
    const without = applyCategoryRules([], text);
    expect(without.categories).toEqual([]);
    expect(without.mentions).toEqual(['employment_records', 'family_composition', 'income', 'questionnaire_biography']);
  });

  it('keywords need their values: a level of education, an amount, a document number', () => {
    const pd = [finding('PERSON', 'full_name')];
    expect(applyCategoryRules(pd, 'Образование: высшее').categories).toContain('education');
    expect(applyCategoryRules(pd, 'диплом серия 1234 № 567890').categories).toContain('education');
    expect(applyCategoryRules(pd, 'копия документа об образовании').categories).toEqual(['full_name']);
    expect(applyCategoryRules(pd, 'сведения о заработной плате').categories).toEqual(['full_name']);
    expect(applyCategoryRules(pd, 'заработная плата: 58 300,00 руб.').categories).toContain('income');
  });

  it('rules map entities and detectors; a detector mapping wins', () => {
    const rules = compileCategoryRules({ entities: { PHONE_NUMBER: 'relatives_data' }, detectors: { 'generic-phone': 'email' } }, 'test');
    expect(applyCategoryRules([finding('PHONE_NUMBER', 'phone')], '', rules).categories).toEqual(['relatives_data']);
    expect(applyCategoryRules([finding('PHONE_NUMBER', 'phone', true, 'generic-phone')], '', rules).categories).toEqual(['email']);
  });
});

describe('category rules files', () => {
  const bad = (raw: unknown) => () => compileCategoryRules(raw, 'my.json');

  it('name the bad key', () => {
    expect(bad({ categoris: {} })).toThrow(/my\.json: categoris: unknown key/);
    expect(bad({ categories: { helth: { class: 'S' } } })).toThrow(/categories\.helth: unknown category/);
    expect(bad({ categories: { photo: { class: 'X' } } })).toThrow(/categories\.photo: needs "class"/);
    expect(bad({ entities: { RU_SNILZ: 'snils' } })).toThrow(/entities\.RU_SNILZ: unknown entity type/);
    expect(bad({ entities: { RU_SNILS: 'snilz' } })).toThrow(/entities\.RU_SNILS: unknown category "snilz"/);
    expect(bad({ detectors: { 'ru-nope': 'snils' } })).toThrow(/detectors\.ru-nope: unknown detector id/);
    expect(bad({ keywords: [{ category: 'income', patterns: ['(unclosed'] }] })).toThrow(/keywords\[0\]\.patterns\[0\]/);
    expect(bad({ keywords: [{ category: 'incme', patterns: ['x'] }] })).toThrow(/keywords\[0\]\.category: unknown category "incme"/);
    expect(bad([])).toThrow(CategoryRulesError);
  });

  it('a class changed in the rules changes the risk: photo as a general category', () => {
    const rules = compileCategoryRules({ categories: { photo: { class: 'G' } } }, 'test');
    expect(riskOf(['photo', 'full_name'], 2)).toBe('special');
    expect(riskOf(['photo', 'full_name'], 2, rules.classOf)).toBe('medium');
  });

  it('load from a file, once per path; unreadable or invalid files are errors naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdnscan-categories-'));
    try {
      const file = path.join(dir, 'rules.json');
      writeFileSync(file, JSON.stringify({ about: 'mine', entities: { RU_SNILS: 'inn' } }));
      const rules = loadCategoryRules(file);
      expect(rules.source).toBe(file);
      expect(loadCategoryRules(file)).toBe(rules);
      const broken = path.join(dir, 'broken.json');
      writeFileSync(broken, '{ "entities": ');
      expect(() => loadCategoryRules(broken)).toThrow(/broken\.json: not valid JSON/);
      expect(() => loadCategoryRules(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
