import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import { isMixdownError } from '../../../src/core/errors.js';
import { defaultValues, describeParams, validateParams } from '../../../src/dsp/params.js';
import {
  flattenDrift,
  hzToMidi,
  midiToHz,
  moveNote,
  PITCH_SHIFT_PARAMS,
  parseKey,
  pitchShiftOperation,
  planTuning,
  segmentNotes,
  setVibrato,
  TUNE_PARAMS,
  type TuneValues,
  trackPitch,
  tuneOperation,
  tuneValues,
} from '../../../src/edit/pitch/index.js';
import { meanPitchHz } from './helpers/phase-pitch.js';
import {
  MELODY,
  MELODY_BREATH,
  MELODY_KEY,
  singTestMelody,
  steadyWindow,
} from './helpers/test-melody.js';

/** The first 4.5 s of the melody (six notes and the breath), mono and as a stereo pair. */
const fs = 48000;
const NOTES = MELODY.filter((n) => n.endSeconds < 4.45);
let mono: AudioData;
let stereo: AudioData;
let planned: TuneValues;
const context = { path: 'tracks[0].clips[0].edits[0]' };
const hash = (audio: AudioData) => {
  const h = createHash('sha256');
  for (const c of audio.channels) h.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
  return h.digest('hex');
};

beforeAll(() => {
  const melody = singTestMelody({ durationSeconds: 4.45 });
  mono = { sampleRate: fs, channels: [melody.samples] };
  const right = melody.samples.map((v) => 0.5 * v);
  stereo = { sampleRate: fs, channels: [melody.samples, right] };
  const notes = segmentNotes(trackPitch(mono), { key: parseKey(MELODY_KEY) });
  planned = tuneValues(planTuning(notes, { key: MELODY_KEY }));
});

describe('tune and pitch-shift keep the clip in place', () => {
  it('same length, rate and channels; the input is not modified', () => {
    const before = hash(stereo);
    for (const result of [
      tuneOperation.apply(stereo, planned, context),
      pitchShiftOperation.apply(stereo, { semitones: -2, cents: 30, formants: 'shift' }, context),
    ]) {
      expect(result.audio.sampleRate).toBe(fs);
      expect(result.audio.channels).toHaveLength(2);
      for (const c of result.audio.channels) expect(c.length).toBe(stereo.channels[0].length);
    }
    expect(hash(stereo)).toBe(before);
  });

  it('an edit that changes nothing returns the clip bit for bit', () => {
    const unchanged: TuneValues = {
      ...planned,
      notes: planned.notes.map((n) => ({
        ...n,
        shiftCents: 0,
        flattenDriftPercent: 0,
        vibratoPercent: 100,
      })),
    };
    expect(hash(tuneOperation.apply(stereo, unchanged, context).audio)).toBe(hash(stereo));
    const zero = pitchShiftOperation.apply(
      stereo,
      { semitones: 0, cents: 0, formants: 'preserve' },
      context,
    );
    expect(hash(zero.audio)).toBe(hash(stereo));
  });

  it('leaves silence, the breath and every voiced phrase without a changed note untouched, bit for bit', () => {
    const onlyFirst: TuneValues = {
      ...planned,
      notes: planned.notes.map((n, i) =>
        i === 0 ? n : { ...n, shiftCents: 0, flattenDriftPercent: 0, vibratoPercent: 100 },
      ),
    };
    const out = tuneOperation.apply(mono, onlyFirst, context).audio.channels[0];
    const x = mono.channels[0];
    // Notes 0–2 are one legato phrase (0.30–1.91 s); everything after it must be exact.
    const from = Math.round(1.95 * fs);
    let differing = 0;
    for (let i = from; i < x.length; i++) if (out[i] !== x[i]) differing++;
    expect(differing).toBe(0);
    const breath = [Math.round(MELODY_BREATH[0] * fs), Math.round(MELODY_BREATH[1] * fs)];
    expect(Array.from(out.subarray(breath[0], breath[1]))).toEqual(
      Array.from(x.subarray(breath[0], breath[1])),
    );
    expect(Array.from(out.subarray(0, Math.round(0.25 * fs)))).toEqual(
      Array.from(x.subarray(0, Math.round(0.25 * fs))),
    );
    // …and the first note did change.
    let changed = 0;
    for (let i = Math.round(0.5 * fs); i < Math.round(0.8 * fs); i++)
      if (out[i] !== x[i]) changed++;
    expect(changed).toBeGreaterThan(0.9 * 0.3 * fs);
  });

  it('adds no latency: every note after a rest starts at the same sample (±0.5 ms) after a +3 semitone shift', () => {
    const out = pitchShiftOperation.apply(
      mono,
      { semitones: 3, cents: 0, formants: 'preserve' },
      context,
    ).audio.channels[0];
    const onset = (x: Float32Array, from: number) => {
      // First sample, from the note's start, where the 1 ms RMS reaches 10 % of the note's peak RMS.
      const w = Math.round(0.001 * fs);
      const level = (i: number) => {
        let s = 0;
        for (let j = i; j < i + w; j++) s += x[j] * x[j];
        return Math.sqrt(s / w);
      };
      const start = Math.round(from * fs);
      let peak = 0;
      for (let i = start; i < start + Math.round(0.3 * fs); i += w) peak = Math.max(peak, level(i));
      for (let i = start; ; i++) if (level(i) >= 0.1 * peak) return i;
    };
    let worst = 0;
    for (const note of NOTES.filter((n) => !n.legato)) {
      const lag =
        onset(out, note.startSeconds - 0.02) - onset(mono.channels[0], note.startSeconds - 0.02);
      worst = Math.max(worst, Math.abs(lag));
    }
    console.log(`pitch-shift onsets: worst offset ${worst} samples`);
    expect(worst).toBeLessThanOrEqual(0.0005 * fs);
  });

  it('is deterministic: the same edit renders the same bytes', () => {
    const a = hash(tuneOperation.apply(mono, planned, context).audio);
    const b = hash(tuneOperation.apply(mono, planned, context).audio);
    expect(a).toBe(b);
  });
});

describe('pitch-shift', () => {
  it.each([3, -5])(
    'moves every note by %i semitones (±2 cents, independent estimator)',
    (semitones) => {
      const out = pitchShiftOperation.apply(
        mono,
        { semitones, cents: 0, formants: 'preserve' },
        context,
      ).audio.channels[0];
      let worst = 0;
      for (const note of NOTES) {
        const [a, b] = steadyWindow(note);
        const guess = midiToHz(note.midi);
        const before = hzToMidi(
          meanPitchHz(mono.channels[0], a, b, { sampleRate: fs, guessHz: guess }),
        );
        const after = hzToMidi(
          meanPitchHz(out, a, b, { sampleRate: fs, guessHz: guess * 2 ** (semitones / 12) }),
        );
        worst = Math.max(worst, Math.abs((after - before - semitones) * 100));
      }
      console.log(`pitch-shift ${semitones} semitones: worst error ${worst.toFixed(2)} cents`);
      expect(worst).toBeLessThan(2);
    },
  );

  it('shifts both channels of a stereo clip alike', () => {
    const out = pitchShiftOperation.apply(
      stereo,
      { semitones: 3, cents: 0, formants: 'preserve' },
      context,
    ).audio;
    let worst = 0;
    for (let i = 0; i < out.channels[0].length; i++) {
      worst = Math.max(worst, Math.abs(out.channels[1][i] - 0.5 * out.channels[0][i]));
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('edit values', () => {
  it('are declared data: the planned values validate, defaults are empty, help lists every field', () => {
    expect(validateParams(TUNE_PARAMS, planned)).toEqual([]);
    expect(defaultValues(TUNE_PARAMS).notes).toEqual([]);
    expect(describeParams(TUNE_PARAMS).join('\n')).toMatch(
      /vibratoPercent[\s\S]*retuneMs[\s\S]*formants/,
    );
    expect(validateParams(PITCH_SHIFT_PARAMS, { semitones: 30 })[0].path).toBe('semitones');
  });

  it('note edits return new values and refuse what the declaration does not allow', () => {
    const moved = moveNote(planned, 1, { semitones: -1, cents: 5 });
    expect(moved.notes[1].shiftCents).toBeCloseTo(planned.notes[1].shiftCents - 95, 9);
    expect(planned.notes[1].shiftCents).not.toBe(moved.notes[1].shiftCents);
    expect(flattenDrift(planned, 0, 80).notes[0].flattenDriftPercent).toBe(80);
    expect(setVibrato(planned, 0, 0).notes[0].vibratoPercent).toBe(0);
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(isMixdownError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refused(() => moveNote(planned, 99, { cents: 10 }))).toMatch(/There is no note 99/);
    expect(refused(() => setVibrato(planned, 0, 250))).toMatch(
      /vibratoPercent would be 250, outside 0…200/,
    );
  });

  it('a note that ends before it starts, or unreadable audio, is refused naming where', () => {
    const bad: TuneValues = {
      ...planned,
      notes: [{ ...planned.notes[0], endSeconds: 0.1, startSeconds: 0.2 }],
    };
    expect(() => tuneOperation.apply(mono, bad, context)).toThrow(
      /tracks\[0\]\.clips\[0\]\.edits\[0\]\.notes\[0\] ends at 0\.1 s, not after its start at 0\.2 s/,
    );
    const nan = { sampleRate: fs, channels: [Float32Array.from([0, Number.NaN, 0])] };
    expect(() =>
      pitchShiftOperation.apply(nan, { semitones: 1, cents: 0, formants: 'preserve' }, context),
    ).toThrow(/non-finite sample \(channel 1, sample 1\)/);
  });

  it('reports what it did', () => {
    // Planning leaves the drift of notes under 0.5 s alone; asking for it anyway is reported.
    expect(planned.notes[2].flattenDriftPercent).toBe(0);
    const { findings } = tuneOperation.apply(mono, flattenDrift(planned, 2, 100), context);
    expect(findings[0].code).toBe('tune-rendered');
    expect(findings[0].message).toMatch(
      /^6 of 6 notes retuned \(largest shift 4\d\.\d cents\), formants preserved\.$/,
    );
    const short = findings.find((f) => f.code === 'tune-drift-unmeasured');
    expect(short?.message).toMatch(
      /^tracks\[0\]\.clips\[0\]\.edits\[0\]\.notes\[2\] lasts 0\.3\d s, too short to measure its drift/,
    );
  });
});
