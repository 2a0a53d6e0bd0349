import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../../src/analysis/index.js';
import { predictPlayback } from '../../../src/master/platform-playback.js';
import { findPlatform } from '../../../src/master/platforms.js';
import { cutExcerpt, renderPlatformPreview } from '../../../src/master/previews/index.js';
import { fromMidSide, shapedNoise } from '../reference/signals.js';

/**
 * A platform preview is the excerpt with the platform's normalisation gain — the gain
 * predictPlayback gives for the whole master — and, when the platform raises a track into
 * its own limiter (Spotify Loud), that limiter at its ceiling.
 */
const FS = 48000;
const FRAMES = 2 ** 18;
const master = (rmsDb: number) => ({
  sampleRate: FS,
  channels: fromMidSide(
    shapedNoise(FRAMES, FS, () => 0, 61, rmsDb),
    shapedNoise(FRAMES, FS, () => 0, 62, rmsDb - 10),
  ),
});
const excerpt = { startFrame: 48000, frames: 96000 };

describe('platform previews', () => {
  it('turns a loud master down by exactly the predicted gain (Spotify, −14 LUFS)', () => {
    const loud = master(-9);
    const report = analyzeAudio(loud);
    const spotify = findPlatform('spotify')!;
    const preview = renderPlatformPreview(loud, spotify, { excerpt });
    // Ground truth: Spotify's target minus the measured loudness.
    expect(preview.gainDb).toBeCloseTo(-14 - report.integratedLufs, 6);
    expect(preview.playback).toEqual(predictPlayback(spotify, report));
    const g = 10 ** (preview.gainDb / 20);
    const cut = cutExcerpt(loud, excerpt);
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < excerpt.frames; i += 97) {
        expect(preview.audio.channels[c][i]).toBeCloseTo(cut.channels[c][i] * g, 7);
      }
    }
    expect(preview.limited).toBe(false);
  });

  it('leaves a quiet master as it is where the platform never turns up (YouTube)', () => {
    const quiet = master(-26);
    const preview = renderPlatformPreview(quiet, findPlatform('youtube')!, { excerpt });
    expect(preview.gainDb).toBe(0);
    expect(preview.audio.channels[0]).toEqual(cutExcerpt(quiet, excerpt).channels[0]);
  });

  it("raises a quiet master into the platform's own limiter (Spotify Loud, −1 dB)", () => {
    // Noise with one loud 10 ms tone burst inside the excerpt: a PLR the lift cannot clear.
    const quiet = master(-24);
    for (const channel of quiet.channels) {
      for (let i = 0; i < 480; i++) channel[60000 + i] += 0.4 * Math.sin((2 * Math.PI * i) / 48);
    }
    const report = analyzeAudio(quiet);
    expect(report.truePeakDbtp + (-11 - report.integratedLufs)).toBeGreaterThan(0);
    const preview = renderPlatformPreview(quiet, findPlatform('spotify-loud')!, { excerpt });
    expect(preview.gainDb).toBeCloseTo(-11 - report.integratedLufs, 6);
    expect(preview.limited).toBe(true);
    // The limiter holds its −1 dB ceiling (measured at 4× oversampling).
    expect(analyzeAudio(preview.audio).truePeakDbtp).toBeLessThan(-1 + 0.1);
  });
});
