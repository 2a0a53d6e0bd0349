import { beforeAll, describe, expect, it } from 'vitest';
import { BiquadCascade, rbj } from '../../../src/dsp/biquad.js';
import { type PitchTrack, trackPitch } from '../../../src/edit/pitch/index.js';
import type { SungMelody } from './helpers/sung-melody.js';
import { MELODY, MELODY_BREATH, singTestMelody } from './helpers/test-melody.js';
import { scoreTrack } from './helpers/track-errors.js';

/**
 * The tracker against the melody's own pitch, known at every sample.
 *
 * - "Held" frames: 80–150 ms into each note, after the glide in and before the vibrato
 *   starts — the pitch is constant there, so nothing but the tracker can err.
 * - "Steady" frames: everything but the 80 ms after each note change. There the vowel
 *   changes too, and a moving formant shifts the phase of the harmonics it crosses, so the
 *   waveform's period really departs from the source pitch for a few frames (by up to
 *   80 cents). On the vibrato, the formant filter delays the waveform (and the period the
 *   tracker sees) by its group delay, 1–3 ms by vowel, relative to the source pitch; the
 *   error is reported both against the source and against the source delayed by the single
 *   delay that fits best.
 */
const held = (t: number) =>
  MELODY.some((n) => t >= n.startSeconds + 0.08 && t < n.startSeconds + 0.15);
const steady = (t: number) =>
  !MELODY.some((n) => t >= n.startSeconds - 0.01 && t < n.startSeconds + 0.08);

describe('pitch tracking of a sung melody (48 kHz)', () => {
  let melody: SungMelody;
  let track: PitchTrack;
  beforeAll(() => {
    melody = singTestMelody();
    track = trackPitch({ sampleRate: melody.sampleRate, channels: [melody.samples] });
  });

  it('makes no gross (octave) errors anywhere', () => {
    const all = scoreTrack(track, melody);
    console.log(
      `tracker @48 kHz: ${all.voicedFrames} voiced frames, ${all.grossErrors} gross errors (>20 %), ` +
        `RMS ${all.rmsCents.toFixed(2)} cents (max ${all.maxCents.toFixed(1)}) over all voiced frames`,
    );
    expect(all.grossErrors).toBe(0);
  });

  it('is within 1 cent RMS (3 cents max) on held pitch', () => {
    const score = scoreTrack(track, melody, held);
    console.log(
      `tracker @48 kHz, held pitch: RMS ${score.rmsCents.toFixed(2)} cents, max ${score.maxCents.toFixed(2)} on ${score.voicedFrames} frames`,
    );
    expect(score.voicedFrames).toBeGreaterThan(150);
    expect(score.rmsCents).toBeLessThan(1);
    expect(score.maxCents).toBeLessThan(3);
  });

  it('follows the vibrato within 1 cent RMS once the formant filter delay is allowed for', () => {
    const delays = Array.from({ length: 9 }, (_, i) => i * 0.0005);
    const scores = delays.map((d) => scoreTrack(track, melody, steady, d));
    const best = scores.reduce((b, s, i) => (s.rmsCents < scores[b].rmsCents ? i : b), 0);
    console.log(
      `tracker @48 kHz, ${scores[0].voicedFrames} steady frames: RMS ${scores[0].rmsCents.toFixed(2)} cents ` +
        `(max ${scores[0].maxCents.toFixed(2)}) against the source pitch, ${scores[best].rmsCents.toFixed(2)} cents ` +
        `(max ${scores[best].maxCents.toFixed(2)}) against it delayed by ${(delays[best] * 1000).toFixed(1)} ms`,
    );
    expect(scores[0].grossErrors).toBe(0);
    expect(scores[0].rmsCents).toBeLessThan(2);
    expect(delays[best]).toBeGreaterThan(0);
    expect(delays[best]).toBeLessThanOrEqual(0.003);
    expect(scores[best].rmsCents).toBeLessThan(1);
  });

  it('calls every frame voiced where the voice sounds at more than half its level', () => {
    const score = scoreTrack(track, melody);
    expect(score.voicedFrames).toBeGreaterThan(1400);
    expect(score.missedFrames).toBe(0);
  });

  it('calls silence and the breath unvoiced', () => {
    let silent = 0;
    let breath = 0;
    let wrong = 0;
    for (let f = 0; f < track.frameCount; f++) {
      const t = f * track.hopSeconds;
      if (melody.envelopeAt(t) > 0) continue;
      if (t >= MELODY_BREATH[0] && t < MELODY_BREATH[1]) breath++;
      else silent++;
      wrong += track.voiced[f];
    }
    console.log(`voicing: ${silent} silent and ${breath} breath frames, ${wrong} called voiced`);
    expect(breath).toBeGreaterThan(60);
    expect(silent).toBeGreaterThan(150);
    expect(wrong).toBe(0);
  });

  it('reads the melody as one voice', () => {
    expect(track.monophony.monophonic).toBe(true);
    expect(track.monophony.periodicity).toBeGreaterThan(0.95);
  });

  it('keeps the octave when the fundamental is filtered away (18 dB/oct high-pass at 400 Hz)', () => {
    const x = melody.samples.slice();
    const highPass = new BiquadCascade(1, 3);
    const section = rbj('highpass', 400, Math.SQRT1_2, 0, melody.sampleRate);
    highPass.setSections([section, section, section]);
    highPass.processChannel(0, x, x.length);
    const filtered = trackPitch({ sampleRate: melody.sampleRate, channels: [x] });
    const all = scoreTrack(filtered, melody);
    const score = scoreTrack(filtered, melody, held);
    console.log(
      `high-passed: ${all.grossErrors} gross errors, ${all.missedFrames} of ${all.voicedFrames} frames unvoiced, held-pitch RMS ${score.rmsCents.toFixed(2)} cents`,
    );
    expect(all.grossErrors).toBe(0);
    expect(all.missedFrames / all.voicedFrames).toBeLessThan(0.03);
    expect(score.rmsCents).toBeLessThan(1);
  });
});

describe.each([44100, 96000])('pitch tracking at %i Hz', (sampleRate) => {
  it('makes no gross errors and is within 1 cent RMS on held pitch', () => {
    const melody = singTestMelody({ sampleRate, durationSeconds: 4 });
    const track = trackPitch({ sampleRate, channels: [melody.samples] });
    const all = scoreTrack(track, melody, (t) => t < 3.9);
    const score = scoreTrack(track, melody, held);
    console.log(
      `tracker @${sampleRate} Hz: ${all.grossErrors} gross errors, held-pitch RMS ${score.rmsCents.toFixed(2)} cents (max ${score.maxCents.toFixed(2)})`,
    );
    expect(all.grossErrors).toBe(0);
    expect(all.missedFrames).toBe(0);
    expect(score.rmsCents).toBeLessThan(1);
  });
});
