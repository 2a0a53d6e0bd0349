/**
 * Speed of pitch tracking and of the `tune` and `pitch-shift` renders on three minutes of
 * vocal-like material (the test melody sung 20 times at different transpositions, mono,
 * 48 kHz), as multiples of real time. A measurement to read, not a test (DESIGN.md: tests
 * never assert on time); run with `npx tsx test/edit/pitch/measure-speed.ts`.
 */
import {
  parseKey,
  pitchShiftOperation,
  planTuning,
  segmentNotes,
  trackPitch,
  tuneOperation,
  tuneValues,
} from '../../../src/edit/pitch/index.js';
import { singMelody } from './helpers/sung-melody.js';
import { MELODY } from './helpers/test-melody.js';

const fs = 48000;
const REPEATS = 20;
const PHRASE_SECONDS = 9;
const notes = Array.from({ length: REPEATS }, (_, r) =>
  MELODY.map((n) => ({
    ...n,
    midi: n.midi + (r % 5) - 2,
    startSeconds: n.startSeconds + r * PHRASE_SECONDS,
    endSeconds: n.endSeconds + r * PHRASE_SECONDS,
  })),
).flat();
const audio = {
  sampleRate: fs,
  channels: [singMelody(notes, { durationSeconds: REPEATS * PHRASE_SECONDS }).samples],
};
const seconds = audio.channels[0].length / fs;

/**
 * Wall time and this process's CPU time: on a shared machine the CPU time is the fairer
 * figure (the wall clock also counts time the scheduler gave to others).
 */
function time<T>(label: string, run: () => T): T {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = run();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${elapsed.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU for ${seconds.toFixed(0)} s of audio = ` +
      `${(seconds / elapsed).toFixed(1)} × real time (${(seconds / cpuSeconds).toFixed(1)} × on CPU time)`,
  );
  return result;
}

const track = time('trackPitch', () => trackPitch(audio));
const found = time('segmentNotes', () => segmentNotes(track, { key: parseKey('C major') }));
const plan = time('planTuning', () => planTuning(found, { key: 'C major' }));
console.log(`${found.length} notes planned`);
time('tune (track + PSOLA)', () => tuneOperation.apply(audio, tuneValues(plan), { path: 'speed' }));
time('pitch-shift +3 semitones', () =>
  pitchShiftOperation.apply(
    audio,
    { semitones: 3, cents: 0, formants: 'preserve' },
    { path: 'speed' },
  ),
);
