import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { isEmailAddress } from './checksum.js';
import email from './index.js';

describe('isEmailAddress', () => {
  it.each([
    ['ivanov.ivan@mail.ru', true],
    ['иван@почта.рф', true], // Cyrillic domain
    ['a.b+tag@sub.example.com', true],
    ['user@xn--80a1acny.xn--p1ai', true], // punycode
    ['ivan@localhost', false],
    ['.ivan@mail.ru', false],
    ['iv..an@mail.ru', false],
    ['ivan@-mail.ru', false],
    ['ivan@mail.r', false],
    ['logo@2x.png', false],
  ])('%s → %s', (address, ok) => expect(isEmailAddress(address)).toBe(ok));
});

testDetector(email, {
  valid: [
    { text: 'Email: Ivan.Petrov-1985@yandex.ru', values: ['Ivan.Petrov-1985@yandex.ru'] },
    { text: 'почта ivan@mail.ru.', values: ['ivan@mail.ru'] }, // no trailing dot
    { text: '<a href="mailto:io2005@mail.ru">', values: ['io2005@mail.ru'] },
    { text: 'ivan@mail.ru, petr@mail.ru', values: ['ivan@mail.ru', 'petr@mail.ru'] },
    { text: 'ящик: секретарь@школа.рф', values: ['секретарь@школа.рф'] },
  ],
  invalid: ['@mail.ru', 'ivan@', 'ivan@mail', 'ivan@.ru', 'ivan@@mail.ru'],
  together: [{ text: 'e-mail: ivanov.ivan@mail.ru', expect: [{ type: 'EMAIL_ADDRESS', value: 'ivanov.ivan@mail.ru' }] }],
});
