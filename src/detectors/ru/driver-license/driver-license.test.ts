import { describe, expect, it } from 'vitest';
import { testDetector } from '../../../testing/detector-tester.js';
import { isDriverLicenceShape } from './checksum.js';
import driverLicense from './index.js';

// Every example of ru-pd-reference §2.5.
describe('isDriverLicenceShape (reference §2.5)', () => {
  it.each([
    ['77 АВ 123456', true],
    ['99 12 345678', true],
    ['77 ТК № 123456', true],
    ['77 AB 123456', true], // Latin look-alikes
    ['77 АВ 12345', false],
    ['7 АВ 123456', false],
    ['77 АБ 123456', false], // Б is not a plate letter
  ])('%s → %s', (value, ok) => expect(isDriverLicenceShape(value)).toBe(ok));
});

testDetector(driverLicense, {
  valid: [
    { text: '77 АВ 123456', values: ['77 АВ 123456'] }, // letters shape: reported without context
    { text: 'вод. удост. 77 ТК № 123456', values: ['77 ТК № 123456'] },
    { text: 'водительское удостоверение 9912345678', values: ['9912345678'] },
    { text: '9912 345678', values: ['9912 345678'], label: 'Водительское удостоверение' }, // column header
  ],
  invalid: ['77 АБ 123456', '9912345678', 'паспорт 45 03 123456'],
  together: [
    // §2.5: the new licence has the passport's shape; without context it is the passport, never both.
    { text: '99 12 345678', expect: [{ type: 'RU_PASSPORT', value: '99 12 345678' }] },
    { text: 'водительское удостоверение 99 12 345678', expect: [{ type: 'RU_DRIVER_LICENSE', value: '99 12 345678' }] },
    { text: 'водительское удостоверение серия 99 12 № 345678', expect: [{ type: 'RU_DRIVER_LICENSE', value: '99 12 № 345678' }] },
    { text: 'ВУ 77 АВ 123456', expect: [{ type: 'RU_DRIVER_LICENSE', value: '77 АВ 123456' }] },
  ],
});
