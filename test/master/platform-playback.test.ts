import { describe, expect, it } from 'vitest';
import { predictPlayback } from '../../src/master/platform-playback.js';
import { findPlatform, PLATFORMS } from '../../src/master/platforms.js';

const platform = (id: string) => {
  const p = findPlatform(id);
  if (!p) throw new Error(`no platform ${id}`);
  return p;
};

describe('platform table', () => {
  it('has every destination the analyser promises, each with a source', () => {
    const ids = PLATFORMS.map((p) => p.id);
    for (const id of [
      'spotify',
      'spotify-loud',
      'spotify-quiet',
      'apple',
      'youtube',
      'amazon',
      'tidal',
      'deezer',
      'soundcloud',
      'broadcast',
      'atsc',
      'podcast',
      'cd',
    ]) {
      expect(ids).toContain(id);
    }
    for (const p of PLATFORMS) expect(p.source.length).toBeGreaterThan(5);
  });

  it('carries the reference figures (loudness.md §4)', () => {
    expect(platform('spotify').targetLufs).toBe(-14);
    expect(platform('spotify-loud').targetLufs).toBe(-11);
    expect(platform('spotify-quiet').targetLufs).toBe(-19);
    expect(platform('broadcast').targetLufs).toBe(-23);
    expect(platform('atsc').targetLufs).toBe(-24);
    expect(platform('deezer').targetLufs).toBe(-15);
    expect(platform('apple').uncertain).toBe(true);
    expect(platform('spotify').uncertain).toBe(false);
  });

  it('understands aliases', () => {
    expect(platform('club').id).toBe('cd');
    expect(platform('EBU').id).toBe('broadcast');
    expect(findPlatform('napster')).toBeUndefined();
  });
});

describe('predictPlayback', () => {
  it('turns a loud master down to the target', () => {
    const p = predictPlayback(platform('spotify'), { integratedLufs: -9.8, truePeakDbtp: -1.5 });
    expect(p.gainDb).toBeCloseTo(-4.2, 10);
    expect(p.playbackLufs).toBeCloseTo(-14, 10);
    expect(p.playbackTruePeakDbtp).toBeCloseTo(-5.7, 10);
    expect(p.summary).toBe('Spotify (Normal) will turn this down by 4.2 dB.');
    // Louder than the target with peaks above −2 dBTP: Spotify's stricter ceiling applies.
    expect(p.diagnostics.map((d) => d.code)).toContain('true-peak-over-ceiling');
  });

  it("raises a quiet track only until its true peak reaches −1 dBTP (Spotify's rule)", () => {
    // loudness.md §4: a −20 LUFS track peaking at −5 dBTP is lifted only to −16.
    const p = predictPlayback(platform('spotify'), { integratedLufs: -20, truePeakDbtp: -5 });
    expect(p.gainDb).toBeCloseTo(4, 10);
    expect(p.playbackLufs).toBeCloseTo(-16, 10);
    expect(p.playbackTruePeakDbtp).toBeCloseTo(-1, 10);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['raise-limited-by-peak']);
  });

  it('does not raise a quiet track whose peak is already above the limit', () => {
    const p = predictPlayback(platform('spotify'), { integratedLufs: -18, truePeakDbtp: -0.5 });
    expect(p.gainDb).toBe(0);
  });

  it('Spotify Loud raises regardless and its limiter holds the peak at −1 dB', () => {
    const p = predictPlayback(platform('spotify-loud'), { integratedLufs: -16, truePeakDbtp: -2 });
    expect(p.gainDb).toBeCloseTo(5, 10);
    expect(p.playbackTruePeakDbtp).toBe(-1);
    expect(p.diagnostics.map((d) => d.code)).toContain('playback-limiter');
  });

  it('turn-down-only platforms leave quiet tracks quiet', () => {
    const p = predictPlayback(platform('youtube'), { integratedLufs: -18, truePeakDbtp: -3 });
    expect(p.gainDb).toBe(0);
    expect(p.playbackLufs).toBe(-18);
    expect(p.summary).toBe('YouTube will play it as it is.');
  });

  it('non-normalising destinations play it as mastered', () => {
    const p = predictPlayback(platform('cd'), { integratedLufs: -8, truePeakDbtp: -0.2 });
    expect(p.gainDb).toBe(0);
    expect(p.playbackLufs).toBe(-8);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['true-peak-over-ceiling']);
  });

  it('flags a broadcast delivery outside ±1 LU of −23', () => {
    const ok = predictPlayback(platform('broadcast'), { integratedLufs: -23.4, truePeakDbtp: -3 });
    const loud = predictPlayback(platform('broadcast'), { integratedLufs: -20, truePeakDbtp: -3 });
    expect(ok.diagnostics).toEqual([]);
    expect(loud.diagnostics.map((d) => d.code)).toEqual(['outside-delivery-tolerance']);
  });

  it('says plainly when a silent track cannot be predicted, without NaN', () => {
    const p = predictPlayback(platform('spotify'), {
      integratedLufs: Number.NEGATIVE_INFINITY,
      truePeakDbtp: Number.NEGATIVE_INFINITY,
    });
    expect(p.gainDb).toBeNull();
    expect(p.playbackLufs).toBeNull();
    expect(p.summary).toMatch(/below the loudness gate/);
  });
});
