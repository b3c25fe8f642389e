import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { plainDocument, testDetector } from '../../../testing/detector-tester.js';
import { ALL_DETECTORS } from '../../registry.js';
import { compileDetectors, runDetectors } from '../../run-detectors.js';
import orgAddress from './index.js';

testDetector(orgAddress, {
  valid: [
    // an organisation's name right before its address
    {
      text: 'ООО «Ромашка», 123456, г. Москва, ул. Тверская, д. 5',
      values: ['123456, г. Москва, ул. Тверская, д. 5'],
    },
    {
      text: 'Банк ВТБ (ПАО), 191144, г. Санкт-Петербург, Дегтярный пер., д. 11, лит. А',
      values: ['191144, г. Санкт-Петербург, Дегтярный пер., д. 11, лит. А'],
    },
    // a letterhead: name, requisites, address on the next lines
    {
      text: 'ООО «Ромашка»\nИНН 7707083893 КПП 770701001\n123456, г. Москва, ул. Тверская, д. 5',
      values: ['123456, г. Москва, ул. Тверская, д. 5'],
    },
    // labels
    { text: 'Адрес организации: 392000, г. Тамбов, ул. Советская, д. 1', values: ['392000, г. Тамбов, ул. Советская, д. 1'] },
    { text: 'Почтовый адрес организации: 392000, г. Тамбов, а/я 15', values: ['392000, г. Тамбов, а/я 15'] },
    { text: 'Юр. адрес: Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а', values: ['Тамбовская обл., г. Рассказово, ул. Пролетарская, д. 23а'] },
    { text: 'Фактический адрес организации: г. Тамбов, ул. Мира, д. 2', values: ['г. Тамбов, ул. Мира, д. 2'] },
  ],
  invalid: [
    // a person's context keeps it personal, even next to an organisation's name
    'ООО «Ромашка», работник которого зарегистрирован по адресу: г. Москва, ул. Тверская, д. 5, кв. 7',
    'адрес проживания: г. Москва, ул. Тверская, д. 5, кв. 7',
    'место жительства: г. Москва, ул. Тверская, д. 5, кв. 7',
    'г. Москва, ул. Тверская, д. 5, кв. 7',
  ],
  together: [
    {
      text: 'согласие ТОГБПОУ «Индустриально-промышленный техникум» (юридический адрес: 393251 Тамбовская область, г. Рассказово, ул. Пролетарская, д. 23а)',
      expect: [
        { type: 'ORG', value: 'ТОГБПОУ «Индустриально-промышленный техникум»' },
        { type: 'ORG_ADDRESS', value: '393251 Тамбовская область, г. Рассказово, ул. Пролетарская, д. 23а' },
      ],
    },
    {
      text: 'ООО «Ромашка», работник которого зарегистрирован по адресу: г. Москва, ул. Тверская, д. 5, кв. 7',
      expect: [
        { type: 'ORG', value: 'ООО «Ромашка»' },
        { type: 'ADDRESS', value: 'г. Москва, ул. Тверская, д. 5, кв. 7' },
      ],
    },
  ],
});

// The seed regulation (a real document): its only address is the college's legal address.
const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/seed/000_badc05f903490595.txt');

describe.skipIf(!existsSync(SEED))('seed regulation, all detectors', () => {
  let findings: ReturnType<typeof runDetectors> = [];
  beforeAll(async () => {
    await Promise.all(ALL_DETECTORS.map((d) => d.prepare?.()));
    findings = runDetectors(plainDocument(readFileSync(SEED, 'utf8')), compileDetectors(ALL_DETECTORS));
  });
  const norm = (s: string) => s.replace(/\s+/gu, ' ');

  it('reports no personal address', () => {
    expect(findings.filter((f) => f.type === 'ADDRESS').map((f) => f.value)).toEqual([]);
  });

  it("reports the college's legal address as ORG_ADDRESS, not personal data", () => {
    const found = findings.filter((f) => f.type === 'ORG_ADDRESS');
    expect(found.map((f) => norm(f.value))).toEqual(['393251 Тамбовская область, г. Рассказово, ул. Пролетарская, д. 23а']);
    expect(found[0]!.personalData).toBe(false);
    expect(found[0]!.facts).toEqual({
      index: '393251',
      region: 'Тамбовская область',
      city: 'Рассказово',
      street: 'ул. Пролетарская',
      house: '23а',
    });
  });

  it('reports the college as ORG', () => {
    const orgs = findings.filter((f) => f.type === 'ORG');
    expect(orgs.length).toBeGreaterThanOrEqual(5);
    for (const o of orgs) expect(norm(o.value).replace('- ', '-')).toBe('ТОГБПОУ «Индустриально-промышленный техникум»');
    expect(orgs[0]!.facts).toEqual({ form: 'ТОГБПОУ', name: 'Индустриально-промышленный техникум' });
  });
});
