import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../pipeline/scan-file.js';
import { applyPieces } from '../segment-edits.js';
import type { OperatorPolicy } from '../types.js';
import { personIdentities, valueIdentity } from './identity.js';
import { planEdits, pseudonymOf } from './index.js';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);

async function analyse(text: string, name = 'x.txt') {
  const { doc, all } = await analyzeBytes(Buffer.from(text), name, { reveal: false });
  return { doc, findings: all.filter((f) => f.personalData) };
}

async function apply(text: string, policy: OperatorPolicy, key = KEY, name = 'x.txt') {
  const { doc, findings } = await analyse(text, name);
  const plan = planEdits(doc, findings, policy, { key });
  return { out: applyPieces(doc.text, plan.edits.map((e) => ({ from: e.start, to: e.end, text: e.text }))), plan };
}

const policy = (def: OperatorPolicy['default'], byType: OperatorPolicy['byType'] = {}): OperatorPolicy => ({ default: def, byType });

describe('operators', () => {
  const text = 'Сотрудник Иванов Сергей Петрович, СНИЛС 112-233-445 95, тел. +7 (916) 123-45-67.';

  it('replace: category labels', async () => {
    const { out } = await apply(text, policy('replace'));
    expect(out).toBe('Сотрудник [ФИО], СНИЛС [СНИЛС], тел. [ТЕЛЕФОН].');
  });

  it('mask: the report masks, shape kept', async () => {
    const { out } = await apply(text, policy('mask', { PERSON: 'replace' }));
    expect(out).toBe('Сотрудник [ФИО], СНИЛС ***-***-*** 95, тел. +7 (9**) ***-**-67.');
  });

  it('redact: values removed', async () => {
    const { out } = await apply(text, policy('redact'));
    expect(out).toBe('Сотрудник , СНИЛС , тел. .');
  });

  it('keep leaves a type as it is; other types follow the default', async () => {
    const { out, plan } = await apply(text, policy('replace', { RU_SNILS: 'keep' }));
    expect(out).toContain('112-233-445 95');
    expect(plan.edits.map((e) => e.type)).toEqual(['PERSON', 'PHONE_NUMBER']);
  });

  it('pseudonym: keyed, stable, the same for the same value in another spelling', async () => {
    const a = await apply('СНИЛС 112-233-445 95', policy('pseudonym'));
    const b = await apply('СНИЛС: 11223344595', policy('pseudonym'));
    const c = await apply('СНИЛС 112-233-445 95', policy('pseudonym'), OTHER_KEY);
    expect(a.out).toMatch(/^СНИЛС СНИЛС-[0-9a-f]{6}$/);
    expect(b.out.slice(-13)).toBe(a.out.slice(-13));
    expect(c.out).not.toBe(a.out);
    expect(a.plan.mapping).toEqual([{ type: 'RU_SNILS', operator: 'pseudonym', substitute: a.out.slice(6), original: '112-233-445 95' }]);
  });

  it('pseudonym: one person in any case and with initials, another person apart', async () => {
    const { out } = await apply('Приказ: принять Иванова Сергея Петровича. Иванову С.П. выдать пропуск. Петрова Анна Ивановна — наставник.', policy('pseudonym'));
    const ids = [...out.matchAll(/ФИО-[0-9a-f]{6}/g)].map((m) => m[0]);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('a type without the asked substitute falls back to a label, and says so', async () => {
    const { plan } = await apply('СНИЛС 112-233-445 95', policy('generalize'));
    expect(plan.edits[0]).toMatchObject({ operator: 'replace', text: '[СНИЛС]' });
  });

  it('shuffle: a CSV column is permuted so that no row keeps its own value', async () => {
    const rows = ['ФИО;СНИЛС', 'Иванов И.И.;112-233-445 95', 'Петров П.П.;126-298-432 75', 'Сидоров С.С.;036-998-231 08', 'Козлов К.К.;159-311-564 69'];
    const csv = rows.join('\n') + '\n';
    const { doc, findings } = await analyse(csv, 'staff.csv');
    const snils = findings.filter((f) => f.type === 'RU_SNILS');
    expect(snils).toHaveLength(4);
    const plan = planEdits(doc, snils, policy('replace', { RU_SNILS: 'shuffle' }), { key: KEY });
    expect(plan.edits.map((e) => e.text).sort()).toEqual(snils.map((f) => f.value).sort());
    for (const e of plan.edits) expect(e.text).not.toBe(e.finding.value);
  });
});

describe('identity', () => {
  it('phones in any national or international spelling are one value', async () => {
    const { findings } = await analyse('тел. 8 (916) 123-45-67 или +7 916 1234567');
    expect(findings).toHaveLength(2);
    expect(valueIdentity(findings[0]!)).toBe('+79161234567');
    expect(valueIdentity(findings[1]!)).toBe('+79161234567');
  });

  it('initials join the one full name they fit; with two candidates they stay apart', async () => {
    const one = await analyse('Иванов Сергей Петрович подписал. Иванов С.П. согласен.');
    const ids = personIdentities(one.findings);
    expect(new Set(ids.values()).size).toBe(1);
    const two = await analyse('Иванов Сергей Петрович и Иванов Степан Павлович подписали. Иванов С.П. согласен.');
    const persons = two.findings.filter((f) => f.type === 'PERSON');
    expect(persons.length).toBe(3);
    const keys = persons.map((f) => personIdentities(two.findings).get(f));
    expect(new Set(keys).size).toBe(3);
  });

  it('pseudonyms differ by type for the same digits', () => {
    expect(pseudonymOf('RU_SNILS', '11223344595', KEY)).not.toBe(pseudonymOf('RU_INN_PERSON', '11223344595', KEY).replace('ИНН', 'СНИЛС'));
  });
});

describe('identity of a person across cases', () => {
  it('"Ивановой Анне" and "Иванова Анна" are one person', async () => {
    const { out } = await apply('Выдать пропуск Ивановой Анне Сергеевне. Иванова Анна Сергеевна ознакомлена.', policy('pseudonym'));
    const ids = [...out.matchAll(/ФИО-[0-9a-f]{6}/g)].map((m) => m[0]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });
});
