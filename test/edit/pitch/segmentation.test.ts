import { beforeAll, describe, expect, it } from 'vitest';
import { type Note, parseKey, segmentNotes, trackPitch } from '../../../src/edit/pitch/index.js';
import { DEFAULT_VOICE, type SungNote, singMelody } from './helpers/sung-melody.js';
import { MELODY, MELODY_BREATH, MELODY_KEY, singTestMelody } from './helpers/test-melody.js';

/**
 * Where a note should begin and end, from how the generator sings it: a legato note
 * changes half-way through the glide into it; a note after a rest becomes voiced half-way
 * through its attack; a re-sung note on the same pitch starts at its new attack; a note
 * before a rest ends when its release has died away.
 */
function expectedSpan(k: number): [number, number] {
  const v = DEFAULT_VOICE;
  const note = MELODY[k];
  const previous = MELODY[k - 1];
  const next = MELODY[k + 1];
  const resung = (n: SungNote, before: SungNote | undefined) =>
    before !== undefined && !n.legato && n.startSeconds - before.endSeconds < 0.1;
  const start = note.legato
    ? note.startSeconds + v.portamentoSeconds / 2
    : resung(note, previous)
      ? note.startSeconds
      : note.startSeconds + v.attackSeconds / 2;
  const end = next?.legato
    ? next.startSeconds + v.portamentoSeconds / 2
    : next && resung(next, note)
      ? next.startSeconds
      : note.endSeconds + v.releaseSeconds;
  return [start, end];
}

const BOUNDARY_TOLERANCE_SECONDS = 0.025;

describe('note segmentation of the sung melody', () => {
  let notes: Note[];
  beforeAll(() => {
    const melody = singTestMelody();
    const track = trackPitch({ sampleRate: melody.sampleRate, channels: [melody.samples] });
    notes = segmentNotes(track, { key: parseKey(MELODY_KEY) });
  });

  it('finds every note and no other (glides, the breath and the re-sung note included)', () => {
    expect(notes).toHaveLength(MELODY.length);
    expect(
      notes.some((n) => n.startSeconds < MELODY_BREATH[1] && n.endSeconds > MELODY_BREATH[0]),
    ).toBe(false);
  });

  it(`places every boundary within ${BOUNDARY_TOLERANCE_SECONDS * 1000} ms of where it is sung`, () => {
    let worst = 0;
    notes.forEach((note, k) => {
      const [start, end] = expectedSpan(k);
      worst = Math.max(worst, Math.abs(note.startSeconds - start), Math.abs(note.endSeconds - end));
      expect(Math.abs(note.startSeconds - start), `note ${k} start`).toBeLessThan(
        BOUNDARY_TOLERANCE_SECONDS,
      );
      expect(Math.abs(note.endSeconds - end), `note ${k} end`).toBeLessThan(
        BOUNDARY_TOLERANCE_SECONDS,
      );
    });
    console.log(
      `segmentation: ${notes.length} notes, worst boundary error ${(worst * 1000).toFixed(1)} ms`,
    );
  });

  it('measures each centre within 1.5 cents and names the key note and the deviation', () => {
    let worst = 0;
    notes.forEach((note, k) => {
      const truth = MELODY[k];
      const error = (note.pitchMidi - (truth.midi + truth.detuneCents / 100)) * 100;
      worst = Math.max(worst, Math.abs(error));
      expect(Math.abs(error), `note ${k}`).toBeLessThan(1.5);
      expect(note.nearestMidi).toBe(truth.midi);
      expect(Math.abs(note.deviationCents - truth.detuneCents), `note ${k}`).toBeLessThan(1.5);
    });
    console.log(`segmentation: worst centre error ${worst.toFixed(2)} cents`);
  });

  it('measures the vibrato of the longer notes: 5.5 Hz ± 0.15, 35 cents ± 10 %', () => {
    const long = notes.filter((n) => n.endSeconds - n.startSeconds >= 0.6);
    expect(long.length).toBeGreaterThanOrEqual(7);
    for (const note of long) {
      expect(Math.abs(note.vibratoRateHz - 5.5)).toBeLessThan(0.15);
      expect(Math.abs(note.vibratoDepthCents / 35 - 1)).toBeLessThan(0.1);
    }
  });

  it('measures drift across notes of 0.5 s or more within 10 cents, and leaves shorter ones at 0', () => {
    let worst = 0;
    notes.forEach((note, k) => {
      const truth = MELODY[k];
      const length = note.endSeconds - note.startSeconds;
      if (length < 0.5) {
        expect(note.driftCentsPerSecond).toBe(0);
        return;
      }
      const sung = (truth.driftCents ?? 0) / (truth.endSeconds - truth.startSeconds);
      const acrossCents = Math.abs(note.driftCentsPerSecond - sung) * length;
      worst = Math.max(worst, acrossCents);
      expect(acrossCents, `note ${k}`).toBeLessThan(10);
    });
    console.log(`segmentation: worst drift error across a note ${worst.toFixed(1)} cents`);
  });
});

describe('note segmentation without vibrato', () => {
  it('reports no vibrato and the sung pitch on plain held notes', () => {
    const plain: SungNote[] = [
      { midi: 57, detuneCents: 12, startSeconds: 0.2, endSeconds: 1.0, vowel: 'a' },
      { midi: 62, detuneCents: -18, startSeconds: 1.0, endSeconds: 1.8, vowel: 'o', legato: true },
    ];
    const melody = singMelody(plain, { vibratoDepthCents: 0 });
    const track = trackPitch({ sampleRate: melody.sampleRate, channels: [melody.samples] });
    const notes = segmentNotes(track, { key: parseKey('D major') });
    expect(notes).toHaveLength(2);
    notes.forEach((note, k) => {
      expect(note.vibratoDepthCents).toBe(0);
      expect(note.vibratoRateHz).toBe(0);
      expect(Math.abs(note.deviationCents - plain[k].detuneCents)).toBeLessThan(0.5);
    });
  });
});
