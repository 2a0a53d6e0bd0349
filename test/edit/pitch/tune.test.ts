import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import {
  hzToMidi,
  midiToHz,
  moveNote,
  type Note,
  parseKey,
  planTuning,
  segmentNotes,
  setVibrato,
  trackPitch,
  tuneOperation,
  tuneValues,
} from '../../../src/edit/pitch/index.js';
import { meanPitchHz, pitchShape } from './helpers/phase-pitch.js';
import type { SungNote } from './helpers/sung-melody.js';
import { MELODY, MELODY_KEY, singTestMelody, steadyWindow } from './helpers/test-melody.js';

/**
 * Ground truth by construction: the melody is sung detuned by known amounts (−45…+40
 * cents), analysed, planned to its key and tuned; the result is measured with an estimator
 * that shares nothing with the tracker (mean instantaneous frequency of harmonics 1–3 from
 * narrow-band analytic signals, helpers/phase-pitch.ts), over whole vibrato cycles centred
 * on each note, or over the held part before the vibrato on notes too short for a cycle.
 */
const fs = 48000;
const VIBRATO_HZ = 5.5;
const options = (note: SungNote) => ({ sampleRate: fs, guessHz: midiToHz(note.midi) });
const measuredMidi = (x: Float32Array, note: SungNote) => {
  const [a, b] = steadyWindow(note, VIBRATO_HZ);
  return hzToMidi(meanPitchHz(x, a, b, options(note)));
};
/** Where the vibrato is developed: from 0.3 s into the note to just before its end. */
const developed = (note: SungNote): [number, number] => [
  note.startSeconds + 0.3,
  note.endSeconds - 0.03,
];
/** Notes long enough for two vibrato cycles in that span. */
const LONG = MELODY.map((n, k) => [n, k] as const).filter(
  ([n]) => n.endSeconds - n.startSeconds >= 0.7,
);

describe('tune: the detuned melody comes back in tune', () => {
  let audio: AudioData;
  let notes: Note[];
  let tuned: Float32Array;
  beforeAll(() => {
    const melody = singTestMelody();
    audio = { sampleRate: fs, channels: [melody.samples] };
    notes = segmentNotes(trackPitch(audio), { key: parseKey(MELODY_KEY) });
    const plan = planTuning(notes, { key: MELODY_KEY });
    tuned = tuneOperation.apply(audio, tuneValues(plan), { path: 'test' }).audio.channels[0];
  });

  it('the independent estimator reads the sung (detuned) notes within 0.5 cents', () => {
    let worst = 0;
    MELODY.forEach((note) => {
      const error = (measuredMidi(audio.channels[0], note) - note.midi) * 100 - note.detuneCents;
      worst = Math.max(worst, Math.abs(error));
    });
    console.log(`estimator on the input: worst error ${worst.toFixed(2)} cents`);
    expect(worst).toBeLessThan(0.5);
  });

  it('plans each note to its scale note with the opposite of its detuning (±1.5 cents)', () => {
    const plan = planTuning(notes, { key: MELODY_KEY });
    plan.notes.forEach((note, k) => {
      expect(note.targetMidi).toBe(MELODY[k].midi);
      expect(Math.abs(note.shiftCents + MELODY[k].detuneCents), `note ${k}`).toBeLessThan(1.5);
    });
  });

  it('puts every note within ±5 cents of its scale note', () => {
    const errors = MELODY.map((note) => (measuredMidi(tuned, note) - note.midi) * 100);
    const worst = Math.max(...errors.map(Math.abs));
    const rms = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    const before = MELODY.map((n) => Math.abs(n.detuneCents));
    console.log(
      `tune: ${errors.length} notes detuned by up to ${Math.max(...before)} cents; after: worst ${worst.toFixed(2)} cents, RMS ${rms.toFixed(2)} ` +
        `(${errors.map((e) => e.toFixed(1)).join(', ')})`,
    );
    errors.forEach((e, k) => {
      expect(Math.abs(e), `note ${k}`).toBeLessThan(5);
    });
  });

  it('keeps the vibrato (depth within ±5 % of the sung depth)', () => {
    for (const [note, k] of LONG) {
      const [a, b] = developed(note);
      const before = pitchShape(audio.channels[0], a, b, VIBRATO_HZ, options(note));
      const after = pitchShape(tuned, a, b, VIBRATO_HZ, options(note));
      console.log(
        `tune: note ${k} vibrato ${before.vibratoDepthCents.toFixed(1)} → ${after.vibratoDepthCents.toFixed(1)} cents`,
      );
      expect(Math.abs(before.vibratoDepthCents / 35 - 1)).toBeLessThan(0.05);
      expect(Math.abs(after.vibratoDepthCents / before.vibratoDepthCents - 1)).toBeLessThan(0.05);
    }
  });

  it('removes at least 80 % of the vibrato when keepVibrato is false, still in tune', () => {
    const plan = planTuning(notes, { key: MELODY_KEY, keepVibrato: false });
    const out = tuneOperation.apply(audio, tuneValues(plan), { path: 'test' }).audio.channels[0];
    for (const [note, k] of LONG) {
      const [a, b] = developed(note);
      const after = pitchShape(out, a, b, VIBRATO_HZ, options(note));
      const centre = after.centreCents - 1200 * Math.log2(midiToHz(note.midi));
      console.log(
        `tune without vibrato: note ${k} depth ${after.vibratoDepthCents.toFixed(1)} cents, centre ${centre.toFixed(2)} cents off`,
      );
      expect(after.vibratoDepthCents).toBeLessThan(0.2 * 35);
      expect(Math.abs(centre)).toBeLessThan(5);
    }
  });

  it('humanize 0 flattens drift: drifting notes keep under 30 % of it, held ones gain under 10 cents/s', () => {
    const plan = planTuning(notes, { key: MELODY_KEY, humanize: 0 });
    const out = tuneOperation.apply(audio, tuneValues(plan), { path: 'test' }).audio.channels[0];
    for (const [note, k] of LONG) {
      const [a, b] = developed(note);
      const before = pitchShape(audio.channels[0], a, b, VIBRATO_HZ, options(note));
      const after = pitchShape(out, a, b, VIBRATO_HZ, options(note));
      const sung = (note.driftCents ?? 0) / (note.endSeconds - note.startSeconds);
      console.log(
        `tune, drift flattened: note ${k} sung ${sung.toFixed(1)}, read ${before.driftCentsPerSecond.toFixed(1)} → ${after.driftCentsPerSecond.toFixed(1)} cents/s`,
      );
      expect(Math.abs(before.driftCentsPerSecond - sung)).toBeLessThan(2);
      if (sung !== 0) {
        expect(Math.abs(after.driftCentsPerSecond)).toBeLessThan(0.3 * Math.abs(sung));
      } else {
        expect(Math.abs(after.driftCentsPerSecond)).toBeLessThan(10);
      }
    }
  });

  it('note edits: a note moved up a semitone lands there; doubled vibrato doubles (±10 %)', () => {
    const plan = planTuning(notes, { key: MELODY_KEY });
    let values = moveNote(tuneValues(plan), 3, { semitones: 1 });
    values = setVibrato(values, 10, 200);
    const out = tuneOperation.apply(audio, values, { path: 'test' }).audio.channels[0];
    const moved = (measuredMidi(out, MELODY[3]) - (MELODY[3].midi + 1)) * 100;
    const [a, b] = developed(MELODY[10]);
    const before = pitchShape(audio.channels[0], a, b, VIBRATO_HZ, options(MELODY[10]));
    const after = pitchShape(out, a, b, VIBRATO_HZ, options(MELODY[10]));
    console.log(
      `note edits: moved note ${moved.toFixed(2)} cents from its new target; vibrato ${before.vibratoDepthCents.toFixed(1)} → ${after.vibratoDepthCents.toFixed(1)} cents`,
    );
    expect(Math.abs(moved)).toBeLessThan(5);
    expect(Math.abs(after.vibratoDepthCents / before.vibratoDepthCents - 2)).toBeLessThan(0.2);
  });

  it('retune time: 0 ms corrects a note from its start, 200 ms still leaves part of the error 80–150 ms in', () => {
    const note = MELODY[0]; // E3 sung 35 cents sharp after silence, no drift
    const early = (x: Float32Array) =>
      (hzToMidi(meanPitchHz(x, note.startSeconds + 0.08, note.startSeconds + 0.15, options(note))) -
        note.midi) *
      100;
    const render = (retuneMs: number) => {
      const plan = planTuning(notes, { key: MELODY_KEY, retuneMs, humanize: 100 });
      return tuneOperation.apply(audio, tuneValues(plan), { path: 'test' }).audio.channels[0];
    };
    const snapped = early(render(0));
    const slow = early(render(200));
    console.log(
      `retune: 0 ms → ${snapped.toFixed(1)} cents, 200 ms → ${slow.toFixed(1)} cents (sung ${note.detuneCents})`,
    );
    expect(Math.abs(snapped)).toBeLessThan(5);
    expect(slow).toBeGreaterThan(0.25 * note.detuneCents);
    expect(slow).toBeLessThan(0.75 * note.detuneCents);
  });
});
