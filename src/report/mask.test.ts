import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, maskTail, scrubMessage } from './mask.js';

describe('masks keep the shape and hide the value', () => {
  it.each([
    ['112-233-445 95', 2, '***-***-*** 95'],
    ['4503 123456', 2, '**** ****56'],
    ['2200 0000 0000 0004', 4, '**** **** **** 0004'],
    ['АК 1234567', 2, '** *****67'],
  ])('tail %j keep %d → %j', (value, keep, masked) => expect(maskTail(value, keep)).toBe(masked));

  it.each([
    ['+7 (916) 123-45-67', '+7 (9**) ***-**-67'],
    ['8 (4752) 12-34-56', '8 (4***) **-**-56'],
    ['9161234567', '9*******67'],
  ])('phone %j → %j', (value, masked) => expect(maskPhone(value)).toBe(masked));

  it('e-mail keeps first letters and the top-level domain', () => {
    expect(maskEmail('ivan.petrov@mail.ru')).toBe('i*** ******@m***.ru'.replace(' ', '.'));
    expect(maskEmail('пётр@почта.рф')).toBe('п***@п****.рф');
  });

  it('scrubs digit runs and addresses from third-party messages', () => {
    const scrubbed = scrubMessage('bad value 112-233-445 95 near ivan@mail.ru at byte 7');
    expect(scrubbed).not.toContain('112-233');
    expect(scrubbed).not.toContain('ivan@');
    expect(scrubbed).toContain('byte 7');
  });
});
