import { beforeAll, describe, expect, it } from 'vitest';
import { recordVocalTakes, type VocalTakes } from '../../src/demo/synth/vocals.js';
import { type NotePitch, notePitch } from './helpers/note-pitch.js';
import { PitchTracker } from './helpers/pitch-track.js';
import { fullSongContext } from './helpers/vocal-context.js';

/** The three clean vocal takes, and the pitch of every sung note measured with YIN. */
const ctx = fullSongContext(1);
const melody = ctx.arrangement.melody;
let vocals: VocalTakes;
let measured: Map<string, NotePitch[]>;
const audio = (name: string) => vocals.takes.find((t) => t.name === name)!.audio;

beforeAll(() => {
  vocals = recordVocalTakes(ctx, false);
  const tracker = new PitchTracker({ sampleRate: ctx.sampleRate, minHz: 60, maxHz: 500 });
  measured = new Map(
    vocals.truth.map((take) => [
      take.take,
      take.notes.map((note) => notePitch(tracker, audio(take.take), note, take.style)),
    ]),
  );
});

describe('the lead vocal follows the melody', () => {
  it('take 1 sings every note within ±10 cents of the melody (median error under 3 cents)', () => {
    const errors = measured.get('06-lead-vocal-take1')!.map((m) => m.cents);
    expect(errors).toHaveLength(melody.length);
    for (const [i, e] of errors.entries()) expect(Math.abs(e), `note ${i}`).toBeLessThan(10);
    const sorted = errors.map(Math.abs).sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeLessThan(3);
  });

  it('is voiced throughout every note (the tracker finds a pitch in every frame)', () => {
    for (const notes of measured.values()) {
      for (const m of notes) expect(m.voicedFrames).toBe(m.frames);
    }
  });

  it('takes 2 and 3 sing each note at their own stated offset (±10 cents), which differs from the lead', () => {
    for (const take of vocals.truth.slice(1)) {
      const pitches = measured.get(take.take)!;
      take.notes.forEach((note, i) => {
        expect(
          Math.abs(pitches[i].cents - note.centsOffset),
          `${take.take} note ${i}`,
        ).toBeLessThan(10);
      });
      // The natural spread is audible, not zero: some notes sit more than 2 cents off.
      expect(take.notes.filter((n) => Math.abs(n.centsOffset) > 2).length).toBeGreaterThan(10);
    }
  });
});

describe('vibrato', () => {
  it('develops on long notes at the stated rate (±0.15 Hz) and depth (±10 %)', () => {
    for (const take of vocals.truth) {
      const fits = measured.get(take.take)!.flatMap((m) => (m.vibrato ? [m.vibrato] : []));
      expect(fits.length, take.take).toBeGreaterThanOrEqual(10);
      for (const fit of fits) {
        expect(Math.abs(fit.frequencyHz - take.style.vibratoRateHz)).toBeLessThan(0.15);
        expect(Math.abs(fit.amplitude / take.style.vibratoDepthCents - 1)).toBeLessThan(0.1);
      }
    }
  });

  it('is absent before its onset: short notes hold their pitch (frame-to-frame spread under 4 cents RMS)', () => {
    const tracker = new PitchTracker({ sampleRate: ctx.sampleRate, minHz: 60, maxHz: 500 });
    const take = vocals.truth[0];
    const x = audio(take.take);
    const short = take.notes.filter((n) => n.endSeconds - n.startSeconds <= 0.26);
    expect(short.length).toBeGreaterThanOrEqual(10);
    for (const note of short) {
      const cents = tracker
        .track(x, note.startSeconds + 0.08, note.endSeconds - 0.05, 0.005)
        .map(([, f]) => 1200 * Math.log2(f));
      const mean = cents.reduce((a, b) => a + b, 0) / cents.length;
      const spread = Math.sqrt(cents.reduce((a, c) => a + (c - mean) ** 2, 0) / cents.length);
      // Jitter alone (0.2 % per glottal cycle) leaves a cent or two; a full vibrato would leave ~28.
      expect(spread).toBeLessThan(4);
    }
  });
});
