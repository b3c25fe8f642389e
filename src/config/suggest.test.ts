import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../detectors/types.js';
import { closest, editDistance } from './suggest.js';

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one, ignoring case', () => {
    expect(editDistance('exclude', 'exlcude')).toBe(1);
    expect(editDistance('minScore', 'MINSCORE')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests a close type, or the only one a short form belongs to', () => {
    expect(closest('RU_SNILZ', ENTITY_TYPES)).toBe('RU_SNILS');
    expect(closest('PHONE', ENTITY_TYPES)).toBe('PHONE_NUMBER');
    expect(closest('SNILS', ENTITY_TYPES)).toBe('RU_SNILS');
  });

  it('stays silent when nothing is close or the short form is ambiguous', () => {
    expect(closest('verbosity', ['types', 'exclude', 'jobs'])).toBeUndefined();
    expect(closest('ORG', ['ORG_ADDRESS', 'ORG_NAME'])).toBeUndefined();
    expect(closest('RU', ENTITY_TYPES)).toBeUndefined();
  });
});
