import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { estimateWarp } from '../../../src/edit/timing/estimate-warp.js';
import { PiecewiseLinearMap, type WarpPoint } from '../../../src/edit/timing/time-map.js';
import { warpOperation } from '../../../src/edit/timing/warp-operation.js';
import { melody, mono, voiceLike } from './signals.js';

const FS = 48000;
const SECONDS = 6;
const notes = melody(21, SECONDS);
const guide = voiceLike(FS, SECONDS, notes, 1);

/** The performance's time for a score time: ±30 ms, a slow sinusoid (period 3.1 s). */
const AMPLITUDE = 0.03;
const PERIOD = 3.1;
const performed = (s: number) => s + AMPLITUDE * Math.sin((2 * Math.PI * s) / PERIOD);
/** Its inverse by Newton's method (6 steps: below 1e-12 s): the guide time for take time τ. */
function scoreTime(tau: number): number {
  let s = tau;
  for (let k = 0; k < 6; k++) {
    const slope = 1 + ((AMPLITUDE * 2 * Math.PI) / PERIOD) * Math.cos((2 * Math.PI * s) / PERIOD);
    s -= (performed(s) - tau) / slope;
  }
  return s;
}

/** Worst |estimated − true| (seconds) over the sung part of the take, every 10 ms. */
function worstError(points: readonly WarpPoint[], truth: (tau: number) => number): number {
  const map = PiecewiseLinearMap.fromPoints(points);
  const first = performed(notes[0].startSeconds);
  const last = performed(notes[notes.length - 1].startSeconds + notes[notes.length - 1].seconds);
  let worst = 0;
  for (let tau = first; tau <= last; tau += 0.01) {
    worst = Math.max(worst, Math.abs(map.forward(tau) - truth(tau)));
  }
  return worst;
}

describe('estimateWarp (DTW)', () => {
  it('gives the identity for a take equal to the guide', () => {
    const points = estimateWarp(mono(FS, guide), mono(FS, guide));
    expect(worstError(points, (tau) => tau)).toBeLessThan(0.0001);
  });

  // The same performance through the warp (the seed fixes phases, vibrato and breath).
  const warpedTake = voiceLike(FS, SECONDS, notes, 1, scoreTime);

  it('recovers a ±30 ms sinusoidal warp of the same performance within 5 ms', () => {
    const take = warpedTake;
    const points = estimateWarp(mono(FS, guide), mono(FS, take));
    expect(worstError(points, scoreTime)).toBeLessThan(0.005);
  });

  it('recovers the same warp applied by the stretch engine within 5 ms', () => {
    const truePoints = Array.from({ length: 121 }, (_, k) => ({
      sourceSeconds: k * 0.05,
      targetSeconds: performed(k * 0.05),
    }));
    const take = warpOperation.apply(
      mono(FS, guide),
      { points: truePoints, preserveTransients: true },
      { path: 'test' },
    ).audio;
    const points = estimateWarp(mono(FS, guide), take);
    expect(worstError(points, scoreTime)).toBeLessThan(0.005);
  });

  it('recovers it within 5 ms from a different performance of the same notes', () => {
    // Another seed: other oscillator and vibrato phases, other breath noise.
    const take = voiceLike(FS, SECONDS, notes, 2, scoreTime);
    const points = estimateWarp(mono(FS, guide), mono(FS, take));
    expect(worstError(points, scoreTime)).toBeLessThan(0.005);
  });

  it('follows per-note timing (each note ±25 ms, a different performance) within 5 ms', () => {
    const prng = new Prng(21);
    const starts = notes.map((n) => n.startSeconds);
    const performance = new PiecewiseLinearMap(
      [0, ...starts, SECONDS],
      [0, ...starts.map((s) => s + prng.uniform(-0.025, 0.025)), SECONDS],
    );
    const take = voiceLike(FS, SECONDS, notes, 2, (tau) => performance.inverse(tau));
    const points = estimateWarp(mono(FS, guide), mono(FS, take));
    const map = PiecewiseLinearMap.fromPoints(points);
    let worst = 0;
    const last = notes[notes.length - 1];
    for (let s = notes[0].startSeconds; s <= last.startSeconds + last.seconds; s += 0.01) {
      const tau = performance.forward(s);
      worst = Math.max(worst, Math.abs(map.forward(tau) - s));
    }
    expect(worst).toBeLessThan(0.005);
  });

  it('at 50 % strength moves half way (within 2.5 ms of the half-way map)', () => {
    const take = warpedTake;
    const points = estimateWarp(mono(FS, guide), mono(FS, take), { strength: 50 });
    expect(worstError(points, (tau) => tau + 0.5 * (scoreTime(tau) - tau))).toBeLessThan(0.0025);
  });
});
