import { beforeAll, describe, expect, it } from 'vitest';
import { CLICK_SHAPE, timeWarpDelayMs } from '../../src/demo/synth/index.js';
import { recordVocalTakes, type VocalTakes } from '../../src/demo/synth/vocals.js';
import { lagOf } from './helpers/cross-correlation.js';
import { notePitch } from './helpers/note-pitch.js';
import { PitchTracker } from './helpers/pitch-track.js';
import { fullSongContext } from './helpers/vocal-context.js';

const ctx = fullSongContext(1);
const fs = ctx.sampleRate;
const phrases = ctx.arrangement.phrases;
let vocals: VocalTakes;
const take = (name: string) => vocals.takes.find((t) => t.name === name)!.audio;
const reference = (name: string) => vocals.references.get(name)!;

beforeAll(() => {
  vocals = recordVocalTakes(ctx, true);
});

/** The first index in [start, end) where a and b differ, or −1. */
function firstDifference(a: Float32Array, b: Float32Array, start: number, end: number): number {
  for (let n = start; n < end; n++) if (a[n] !== b[n]) return n;
  return -1;
}

/** Sample range of a phrase, with room for its breath before and its release after. */
function phraseRange(index: number): [number, number] {
  const p = phrases[index];
  return [Math.floor((p.startSeconds - 0.6) * fs), Math.ceil((p.endSeconds + 0.3) * fs)];
}

describe('clipping (take 1, phrase 2)', () => {
  it('hard-clips the stated number of samples at exactly ±clipLevel, all inside the loud burst', () => {
    const clip = vocals.flaws!.clipping;
    expect(clip.take).toBe('06-lead-vocal-take1');
    expect(clip.clipLevelDbfs).toBeCloseTo(-2, 5);
    const x = take(clip.take);
    const ramp = Math.ceil(0.03 * fs);
    const atLevel: number[] = [];
    for (let n = 0; n < x.length; n++) if (Math.abs(x[n]) === clip.clipLevel) atLevel.push(n);
    expect(atLevel.length).toBe(clip.clippedSampleCount);
    expect(atLevel[0]).toBeGreaterThanOrEqual(clip.startSample - ramp);
    expect(atLevel[atLevel.length - 1]).toBeLessThan(clip.endSample + ramp);
    // Nothing exceeds the level but the clicks (at most 0.3) riding on quiet singing.
    const over = x.filter((v) => Math.abs(v) > clip.clipLevel);
    expect(over.length).toBe(0);
    expect(clip.clippedSampleCount).toBeGreaterThan(1000);
  });

  it('keeps the unclipped original as the reference: exactly the clipped samples exceed the level there', () => {
    const clip = vocals.flaws!.clipping;
    const original = reference(clip.take);
    const over = original.reduce((count, v) => count + (Math.abs(v) > clip.clipLevel ? 1 : 0), 0);
    expect(over).toBe(clip.clippedSampleCount);
    const peak = original.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(20 * Math.log10(peak)).toBeGreaterThan(clip.clipLevelDbfs + 1); // it really overshot
  });
});

describe('clicks (take 1, phrase 4)', () => {
  it('add the stated shape at the stated samples and amplitudes; elsewhere outside the clip the take is its reference', () => {
    const truth = vocals.flaws!.clicks;
    const x = take(truth.take);
    const original = reference(truth.take);
    const clip = vocals.flaws!.clipping;
    const found: { sample: number; amplitude: number }[] = [];
    for (let n = 0; n < x.length; n++) {
      const residual = x[n] - original[n];
      if (Math.abs(original[n]) > clip.clipLevel) continue; // clipped samples differ by design
      if (Math.abs(residual) > 1e-6 && !found.some((c) => n - c.sample < CLICK_SHAPE.length)) {
        found.push({ sample: n, amplitude: residual });
      }
    }
    expect(found.map((c) => c.sample)).toEqual(truth.clicks.map((c) => c.sample));
    found.forEach((c, i) => {
      expect(c.amplitude).toBeCloseTo(truth.clicks[i].amplitude, 5);
    });
    for (const c of truth.clicks) {
      expect(c.seconds).toBeGreaterThan(phrases[truth.phrase].startSeconds);
      expect(c.seconds).toBeLessThan(phrases[truth.phrase].endSeconds);
    }
  });

  it('stand out: each click’s second difference is over 4× the largest elsewhere in the phrase', () => {
    const truth = vocals.flaws!.clicks;
    const x = take(truth.take);
    const [start, end] = phraseRange(truth.phrase);
    const d2 = (n: number) => Math.abs(x[n] - 2 * x[n - 1] + x[n - 2]);
    const nearClick = (n: number) =>
      truth.clicks.some((c) => n >= c.sample && n < c.sample + CLICK_SHAPE.length + 2);
    let background = 0;
    for (let n = start; n < end; n++) if (!nearClick(n)) background = Math.max(background, d2(n));
    for (const c of truth.clicks) {
      let peak = 0;
      for (let n = c.sample; n < c.sample + CLICK_SHAPE.length + 2; n++)
        peak = Math.max(peak, d2(n));
      expect(peak).toBeGreaterThan(4 * background);
    }
  });
});

describe('the pitchy take (take 2, phrases 1 and 3)', () => {
  it('sings each detuned note at its stated offset (±6 cents), 20–45 cents off the melody', () => {
    const truth = vocals.flaws!.pitchy;
    const sung = vocals.truth.find((t) => t.take === truth.take)!;
    const tracker = new PitchTracker({ sampleRate: fs, minHz: 60, maxHz: 500 });
    expect(truth.notes.length).toBe(
      ctx.arrangement.melody.filter((n) => truth.phrases.includes(n.phrase)).length,
    );
    for (const { melodyIndex, detuneCents } of truth.notes) {
      expect(Math.abs(detuneCents)).toBeGreaterThanOrEqual(20);
      expect(Math.abs(detuneCents)).toBeLessThanOrEqual(45);
      const note = sung.notes[melodyIndex];
      const measured = notePitch(tracker, take(truth.take), note, sung.style).cents;
      expect(Math.abs(measured - note.centsOffset), `note ${melodyIndex}`).toBeLessThan(6);
      // The take's own small spread (±5 cents) never hides the detune.
      expect(Math.abs(measured), `note ${melodyIndex}`).toBeGreaterThan(14);
    }
  });
});

describe('timing flaws', () => {
  it('take 3 sings phrase 3 the stated 80 ms (3840 samples) late, and the other phrases exactly as its reference', () => {
    const late = vocals.flaws!.latePhrase;
    expect(late).toEqual({ take: '08-lead-vocal-take3', phrase: 2, lateMs: 80 });
    const [start, end] = phraseRange(late.phrase);
    const lag = lagOf(reference(late.take), take(late.take), start, end - start, 6000);
    expect(Math.abs(lag - 3840)).toBeLessThan(1);
    const x = take(late.take);
    const original = reference(late.take);
    expect(firstDifference(x, original, 0, start)).toBe(-1);
    expect(firstDifference(x, original, end + 3840, x.length)).toBe(-1);
  });

  it('the double (take 2) drifts behind its reference by the stated delay at each phrase start (±1 ms)', () => {
    const warp = vocals.flaws!.timeWarp;
    expect(warp.take).toBe('07-lead-vocal-take2');
    const onset = (x: Float32Array, from: number) => {
      // First 5 ms window whose RMS passes −28 dBFS: the note, not the breath before it.
      const window = Math.round(0.005 * fs);
      const threshold = 10 ** (-28 / 20);
      let sum = 0;
      for (let n = from; n < x.length; n++) {
        sum += x[n] * x[n];
        if (n - window >= from) sum -= x[n - window] * x[n - window];
        if (n - from >= window && Math.sqrt(sum / window) > threshold) return n;
      }
      return -1;
    };
    for (const p of phrases) {
      const from = Math.round((p.startSeconds - 0.2) * fs);
      const early = onset(reference(warp.take), from);
      const drifted = onset(take(warp.take), from);
      const statedMs = timeWarpDelayMs(warp, early / fs);
      expect(statedMs).toBeGreaterThanOrEqual(5);
      expect(statedMs).toBeLessThanOrEqual(25);
      expect(
        Math.abs(((drifted - early) / fs) * 1000 - statedMs),
        `phrase ${p.index}`,
      ).toBeLessThan(1);
    }
  });
});

describe('the comp table', () => {
  it('names the clean takes of each phrase and the one to use', () => {
    const table = vocals.flaws!.comp.map((c) => [
      c.phrase,
      c.flaws.map((f) => `${f.take}:${f.kind}`),
      c.cleanTakes,
      c.bestTake,
    ]);
    expect(table).toEqual([
      [
        0,
        ['07-lead-vocal-take2:pitchy'],
        ['06-lead-vocal-take1', '08-lead-vocal-take3'],
        '06-lead-vocal-take1',
      ],
      [
        1,
        ['06-lead-vocal-take1:clipped'],
        ['08-lead-vocal-take3', '07-lead-vocal-take2'],
        '08-lead-vocal-take3',
      ],
      [
        2,
        ['07-lead-vocal-take2:pitchy', '08-lead-vocal-take3:late'],
        ['06-lead-vocal-take1'],
        '06-lead-vocal-take1',
      ],
      [
        3,
        ['06-lead-vocal-take1:clicks'],
        ['08-lead-vocal-take3', '07-lead-vocal-take2'],
        '08-lead-vocal-take3',
      ],
    ]);
  });

  it('agrees with the audio: the best take of each phrase has no clipped sample and is its reference there', () => {
    const clip = vocals.flaws!.clipping;
    for (const row of vocals.flaws!.comp) {
      const [start, end] = phraseRange(row.phrase);
      const x = take(row.bestTake);
      let clipped = 0;
      for (let n = start; n < end; n++) if (Math.abs(x[n]) >= clip.clipLevel) clipped++;
      expect(clipped).toBe(0);
      if (row.bestTake !== '07-lead-vocal-take2') {
        expect(firstDifference(x, reference(row.bestTake), start, end)).toBe(-1);
      }
    }
  });
});
