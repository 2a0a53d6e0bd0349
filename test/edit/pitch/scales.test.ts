import { describe, expect, it } from 'vitest';
import { isMixdownError } from '../../../src/core/errors.js';
import {
  centsBetween,
  hzToMidi,
  makeKey,
  midiName,
  midiToHz,
  nearestScaleMidi,
  parseKey,
} from '../../../src/edit/pitch/index.js';

describe('keys and scales', () => {
  it('reads keys as people write them', () => {
    expect(parseKey('C major').pitchClasses).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(parseKey('A minor').pitchClasses).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(parseKey('a natural minor').label).toBe('A minor');
    expect(parseKey('F# minor').pitchClasses).toEqual([1, 2, 4, 6, 8, 9, 11]); // F# G# A B C# D E
    expect(parseKey('Bb').label).toBe('Bb major');
    expect(parseKey('Am').scale).toBe('minor');
    expect(parseKey('E harmonic minor').pitchClasses).toContain(3); // D#
    expect(parseKey('D', 'dorian').pitchClasses).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(parseKey('chromatic').pitchClasses).toHaveLength(12);
    expect(parseKey('G blues').pitchClasses).toEqual([0, 1, 2, 5, 7, 10]);
  });

  it('refuses what it cannot read, with one sentence', () => {
    for (const [text, scale] of [
      ['H major', undefined],
      ['C lydianish', undefined],
      ['C major', 'minor'],
    ] as const) {
      try {
        parseKey(text, scale);
        throw new Error('expected a refusal');
      } catch (error) {
        expect(isMixdownError(error) && error.code).toBe('invalid-argument');
        expect((error as Error).message).toMatch(/^The key "[^"]+" /);
      }
    }
  });

  it('finds the nearest scale note (ties go down)', () => {
    const c = parseKey('C major');
    expect(nearestScaleMidi(60.49, c)).toBe(60);
    expect(nearestScaleMidi(61, c)).toBe(60); // C#: halfway between C and D
    expect(nearestScaleMidi(61.01, c)).toBe(62);
    expect(nearestScaleMidi(65.6, c)).toBe(65); // F# is not in C major: F
    expect(nearestScaleMidi(66.6, c)).toBe(67);
    const pentatonic = makeKey(0, 'major-pentatonic'); // C D E G A
    expect(nearestScaleMidi(65.4, pentatonic)).toBe(64);
    expect(nearestScaleMidi(65.6, pentatonic)).toBe(67);
    expect(nearestScaleMidi(70.4, pentatonic)).toBe(69);
    expect(nearestScaleMidi(70.6, pentatonic)).toBe(72);
  });

  it('converts pitch units exactly', () => {
    expect(midiToHz(69)).toBe(440);
    expect(hzToMidi(261.6255653005986)).toBeCloseTo(60, 12);
    expect(centsBetween(440, 880)).toBeCloseTo(1200, 12);
    expect(midiName(61.4)).toBe('C#4');
    expect(midiName(47.6)).toBe('C3');
  });
});
