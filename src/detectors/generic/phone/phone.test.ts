import { describe, expect, it } from 'vitest';
import { findValues, testDetector } from '../../../testing/detector-tester.js';
import { phoneLikeWriting, worthAsking } from './find-phones.js';
import phone from './index.js';

// Every form of ru-pd-reference §5.
describe('phoneLikeWriting', () => {
  it.each([
    ['+7 (916) 123-45-67', true],
    ['89161234567', true], // trunk prefix
    ['916 123 45 67', true], // NN NN grouping
    ['(4752) 12-34-56', true],
    ['9161234567', false],
    ['4752 123456', false], // passport-like
  ])('%s → %s', (text, ok) => expect(phoneLikeWriting(text)).toBe(ok));
});

describe('worthAsking', () => {
  it.each([
    ['+44 20 7946 0958', true],
    ['8 (916) 123-45-67', true],
    ['89161234567', true],
    ['89161234567 89037654321', true], // two numbers in one region
    ['772-001', false],
    ['500100732259', false], // one digit run of 12: an ИНН, never a phone
    ['40817810700000000001', false],
  ])('%s → %s', (region, ok) => expect(worthAsking(region)).toBe(ok));
});

describe('generic-phone scoring and notes', () => {
  it('scores written phones 0.7 and bare ten digits low unless labelled', () => {
    expect(findValues(phone, '+7 (916) 123-45-67')[0]?.score).toBe(0.7);
    expect(findValues(phone, '9161234567')).toEqual([]);
    expect(findValues(phone, 'тел. 9161234567')[0]?.score).toBe(0.75);
  });

  it('notes the type and a foreign country', () => {
    expect(findValues(phone, '+7 (916) 123-45-67')[0]?.explanation.note).toBe('type: mobile');
    expect(findValues(phone, '+7 7172 123456')[0]?.explanation.note).toBe('country: KZ, type: fixed_line');
    expect(findValues(phone, '8 800 555 35 35')[0]?.explanation.note).toBe('type: toll_free');
  });
});

testDetector(phone, {
  valid: [
    // §5: the forms seen in documents
    { text: '+7 (916) 123-45-67', values: ['+7 (916) 123-45-67'] },
    { text: '8 (916) 123-45-67', values: ['8 (916) 123-45-67'] },
    { text: '8-916-123-45-67', values: ['8-916-123-45-67'] },
    { text: '89161234567', values: ['89161234567'] },
    { text: '+79161234567', values: ['+79161234567'] },
    { text: '7 916 123 45 67', values: ['7 916 123 45 67'] },
    { text: 'тел. (4752) 12-34-56', values: ['(4752) 12-34-56'] },
    { text: '+7(495)123-45-67 доб. 123', values: ['+7(495)123-45-67 доб. 123'] },
    { text: '8 800 555 35 35', values: ['8 800 555 35 35'] }, // toll-free
    { text: '+7 7172 123456', values: ['+7 7172 123456'] }, // Kazakhstan: still a phone
    { text: 'моб. +7 701 123 45 67', values: ['+7 701 123 45 67'] }, // Kazakhstan mobile
    { text: 'ИНН 500100732259; 8-800-555-35-35', values: ['8-800-555-35-35'] }, // the library drops "8-": extended
    { text: 'домашний телефон 9161234567', values: ['9161234567'] },
    { text: 'тел. 12-34-56', values: ['12-34-56'] }, // local number, label right before
    { text: 'Телефон: 123-45-67', values: ['123-45-67'] },
    { text: 'телефоны: 8-916-123-45-67, 8 (4752) 12-34-56', values: ['8-916-123-45-67', '8 (4752) 12-34-56'] },
    { text: 'тел. 89161234567 89037654321', values: ['89161234567', '89037654321'] },
    { text: 'UK office +44 20 7946 0958', values: ['+44 20 7946 0958'] },
  ],
  invalid: [
    '112-233-445 95', // СНИЛС
    '500100732259', // ИНН
    '12-34-56', // local number without a label
    'дата 12-03-85',
    'паспорт 45 03 123456',
    '2200 0000 0000 0004',
    '40817810700000000001',
  ],
  together: [
    { text: '89161234567', expect: [{ type: 'PHONE_NUMBER', value: '89161234567' }] },
    { text: 'СНИЛС 112-233-445 95', expect: [{ type: 'RU_SNILS', value: '112-233-445 95' }] },
    { text: 'тел. 8 (916) 123-45-67', expect: [{ type: 'PHONE_NUMBER', value: '8 (916) 123-45-67' }] },
    // "4722 123456" is both a Belgorod number and a passport (series 47 22): the label decides.
    { text: 'тел. 4722 123456', expect: [{ type: 'PHONE_NUMBER', value: '4722 123456' }] },
    { text: 'паспорт 4722 123456', expect: [{ type: 'RU_PASSPORT', value: '4722 123456' }] },
    { text: '4722 123456', expect: [{ type: 'RU_PASSPORT', value: '4722 123456' }] },
    { text: 'ИНН 500100732259', expect: [{ type: 'RU_INN_PERSON', value: '500100732259' }] },
    { text: 'Казахстан: +7 701 123 45 67', expect: [{ type: 'PHONE_NUMBER', value: '+7 701 123 45 67' }] },
  ],
});
