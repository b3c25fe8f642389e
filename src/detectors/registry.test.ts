import { beforeAll, describe, expect, it } from 'vitest';
import { plainDocument } from '../testing/detector-tester.js';
import { ALL_DETECTORS } from './registry.js';
import { compileDetectors, runDetectors } from './run-detectors.js';
import { ENTITY_TYPES, type EntityType } from './types.js';

/** A context word that belongs in front of each entity's example value. */
const PREFIX: Partial<Record<EntityType, string>> = {
  RU_PASSPORT: 'паспорт ',
  RU_FOREIGN_PASSPORT: 'загранпаспорт ',
  RU_SNILS: 'СНИЛС ',
  RU_INN_PERSON: 'ИНН ',
  RU_INN_ORG: 'ИНН ',
  RU_OGRNIP: 'ОГРНИП ',
  RU_OGRN: 'ОГРН ',
  RU_OMS_POLICY: 'полис ОМС ',
  RU_MILITARY_ID: 'военный билет ',
  RU_DRIVER_LICENSE: 'водительское удостоверение ',
  RU_BIRTH_CERTIFICATE: 'свидетельство о рождении ',
  CREDIT_CARD: 'номер карты ',
  RU_BANK_ACCOUNT: 'р/с ',
  PHONE_NUMBER: 'тел. ',
  EMAIL_ADDRESS: 'e-mail: ',
  DATE_OF_BIRTH: 'дата рождения: ',
  PERSON: 'Работник: ',
  ORG_ADDRESS: 'юридический адрес: ',
};

const compiled = compileDetectors(ALL_DETECTORS);

// Dictionaries (PERSON's az) load once before any detector runs, as in a scan.
beforeAll(async () => {
  await Promise.all(ALL_DETECTORS.map((d) => d.prepare?.()));
});

describe('registry', () => {
  it('has exactly one detector per entity type', () => {
    for (const type of ENTITY_TYPES) expect(ALL_DETECTORS.filter((d) => d.entity === type).map((d) => d.id), type).toHaveLength(1);
    expect(ALL_DETECTORS).toHaveLength(ENTITY_TYPES.length);
  });

  it('has unique detector ids', () => {
    expect(new Set(ALL_DETECTORS.map((d) => d.id)).size).toBe(ALL_DETECTORS.length);
  });

  it.each(ALL_DETECTORS.map((d) => [d.id, d] as const))('%s: its example is found as its own entity among all detectors', (_, d) => {
    const text = (PREFIX[d.entity] ?? '') + d.example;
    const findings = runDetectors(plainDocument(text), compiled);
    expect(findings.map((f) => ({ type: f.type, value: f.value }))).toEqual([{ type: d.entity, value: d.example }]);
  });

  it.each(ALL_DETECTORS.map((d) => [d.id, d] as const))('%s: its own positive examples survive all detectors together', (_, d) => {
    for (const { text, values } of d.examples.positive) {
      const findings = runDetectors(plainDocument(text), compiled).filter((f) => f.type === d.entity);
      expect(findings.map((f) => f.value), text).toEqual(values);
    }
  });
});
