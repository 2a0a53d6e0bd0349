import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { formatIsrc, normaliseIsrc, validateTags } from '../../src/deliver/tags.js';

/** Tag validation: ISRC per ISO 3901 (CC-XXX-YY-NNNNN), year, track number, text fields. */

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MixdownError);
    expect((error as MixdownError).code).toBe('invalid-argument');
    return (error as MixdownError).message;
  }
  throw new Error('expected a refusal');
}

describe('ISRC', () => {
  it('accepts the printed and the compact form, any case, and stores the 12 characters', () => {
    for (const text of ['GB-ABC-24-00012', 'gbabc2400012', ' GB-ABC-24-00012 ']) {
      expect(normaliseIsrc(text)).toBe('GBABC2400012');
    }
    expect(normaliseIsrc('US-S1Z-99-00001')).toBe('USS1Z9900001'); // registrant may hold digits
    expect(formatIsrc('GBABC2400012')).toBe('GB-ABC-24-00012');
  });

  it.each([
    ['GB-AB-24-00012', 'registrant of two characters'],
    ['G1-ABC-24-00012', 'digit in the country code'],
    ['GB-ABC-2A-00012', 'letter in the year'],
    ['GB-ABC-24-0012', 'designation of four digits'],
    ['GB-ABC-24-000123', 'designation of six digits'],
    ['GB_ABC_24_00012', 'wrong separators'],
  ])('refuses %s (%s) with one sentence that shows the form', (text) => {
    const message = refusal(() => validateTags({ isrc: text }));
    expect(message).toContain(`"${text}" is not an ISRC`);
    expect(message).toContain('CC-XXX-YY-NNNNN');
    expect(message).not.toMatch(/\n/);
    expect(message.endsWith('.')).toBe(true);
  });
});

describe('other tags', () => {
  it('trims text, drops empty values, keeps valid year and track', () => {
    expect(
      validateTags({ title: '  Song ', artist: '', year: '2024', track: '3/12', album: undefined }),
    ).toEqual({ title: 'Song', year: '2024', track: '3/12' });
  });

  it.each([
    [{ year: '24' }, 'The year must be four digits'],
    [{ track: '0' }, 'The track number must look like 3 or 3/12'],
    [{ track: '5/3' }, 'The track number must look like 3 or 3/12'],
    [{ title: 'a\u0007b' }, 'The title contains control characters'],
    [{ album: 'x'.repeat(300) }, 'The album is 300 characters long'],
  ])('refuses %j', (input, expected) => {
    expect(refusal(() => validateTags(input))).toContain(expected);
  });
});
