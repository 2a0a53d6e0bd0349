/**
 * De-hum under a bass line whose notes sit beside the hum lines (G1 = 49.0 Hz a hertz under
 * 50 Hz, G#1 = 51.9 Hz, G2 = 98.0 Hz two under 100 Hz, partials at 196 Hz four under 200 Hz),
 * as on a bass DI that picked up mains hum. Ground truth by construction: a synthesised bass
 * line (saw-like partials, 4 ms attack, decay to a sustain, 60 ms release, almost no rests)
 * plus known hum whose fundamental drifts slowly (50 ± 0.04 Hz over 8 s, at most 0.03 Hz/s)
 * at the demo's levels, and a −80 dBFS noise floor; 16 s at 48 kHz.
 *  - Residual hum at each line: the output's error (output − clean bass) projected on the
 *    line's known phase h·Φ(t) over the whole clip, against the hum's own projection: how far
 *    the line itself fell. Required ≥ 30 dB (the requirement).
 *  - Damage: the error's power within ±5 Hz of each line (residual hum and any bass removed
 *    with it, e.g. a G1 taken for hum) against the hum's power there before. Required at least
 *    20 dB below: whatever de-hum leaves wrong near a line is a tenth of the hum it removed.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { dehum } from '../../../src/edit/repair/dehum.js';
import { bandPower, powerSpectrum } from './measure.js';
import { whiteNoise } from './signals.js';

const FS = 48000;
const SECONDS = 16;
const N = SECONDS * FS;
/** Peak levels (dBFS) of the hum's lines 1–6, as on the demo's bass DI. */
const HUM_DBFS = [-46, -58, -52, -64, -58, -66];
const BEAT = 60 / 100;

/** Bar roots (MIDI): G1, E1, G#1, C2, G1, A1, D2, F#1; each bar's last eighth an octave up. */
const ROOTS = [31, 28, 32, 36, 31, 33, 38, 30];
const BAR: readonly (readonly [number, number, number])[] = [
  [0, 0.9, 0],
  [1, 0.45, 0],
  [1.5, 0.45, 0],
  [2, 0.9, 0],
  [3, 0.45, 0],
  [3.5, 0.45, 12],
];

function bassLine(): Float64Array {
  const out = new Float64Array(N);
  const prng = new Prng(91);
  for (let bar = 0; bar * 4 * BEAT < SECONDS; bar++) {
    for (const [beat, length, octave] of BAR) {
      const start = Math.round((bar * 4 + beat) * BEAT * FS);
      const hz = 440 * 2 ** ((ROOTS[bar % ROOTS.length] + octave - 69) / 12);
      note(out, start, length * BEAT, hz, prng.uniform(0.7, 1), prng.uniform(0, 2 * Math.PI));
    }
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  const gain = 10 ** (-8 / 20) / peak;
  return out.map((v) => v * gain);
}

/** One note: partials 1–8 at 1/p, attack 4 ms, decay (0.25 s) to 0.7, release 60 ms. */
function note(
  out: Float64Array,
  start: number,
  seconds: number,
  hz: number,
  level: number,
  phase: number,
) {
  const hold = Math.round(seconds * FS);
  const release = Math.round(0.06 * FS);
  for (let i = 0; i < hold + release && start + i < N; i++) {
    const t = i / FS;
    const body = t < 0.004 ? t / 0.004 : 0.7 + 0.3 * Math.exp(-(t - 0.004) / 0.25);
    const env = i < hold ? body : body * (1 - (i - hold) / release);
    let s = 0;
    for (let p = 1; p <= 8; p++) s += Math.sin(p * (2 * Math.PI * hz * t + phase)) / p;
    out[start + i] += level * env * s;
  }
}

/** The hum's fundamental phase Φ(n), drifting 50 ± 0.04 Hz with an 8 s period. */
function humPhase(): Float64Array {
  const phase = new Float64Array(N);
  for (let n = 1; n < N; n++) {
    const hz = 50 + 0.04 * Math.sin((2 * Math.PI * n) / FS / 8);
    phase[n] = phase[n - 1] + (2 * Math.PI * hz) / FS;
  }
  return phase;
}

const bass = bassLine();
const floor = whiteNoise(N, 1e-4, 92);
const clean = bass.map((v, i) => v + floor[i]);
const phi = humPhase();
const prng = new Prng(93);
const hum = new Float64Array(N);
HUM_DBFS.forEach((db, i) => {
  const a = 10 ** (db / 20);
  const offset = prng.uniform(0, 2 * Math.PI);
  for (let n = 0; n < N; n++) hum[n] += a * Math.sin((i + 1) * phi[n] + offset);
});
const input = Float32Array.from(clean, (v, i) => v + hum[i]);

/** |Σ x(n)·e^{−jhΦ(n)}|: the component of x that follows line h's phase over the clip. */
function onLine(x: ArrayLike<number>, h: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < N; n++) {
    re += x[n] * Math.cos(h * phi[n]);
    im -= x[n] * Math.sin(h * phi[n]);
  }
  return Math.hypot(re, im);
}

const HUM_SPECTRUM = powerSpectrum(hum, FS);

function score(output: Float32Array) {
  const error = Float64Array.from(output, (v, i) => v - clean[i]);
  const spectrum = powerSpectrum(error, FS);
  return HUM_DBFS.slice(0, 4).map((_, i) => {
    const h = i + 1;
    const band = (s: typeof spectrum) => bandPower(s, 50 * h - 5, 50 * h + 5);
    return {
      removalDb: 20 * Math.log10(onLine(hum, h) / onLine(error, h)),
      errorBelowHumDb: 10 * Math.log10(band(HUM_SPECTRUM) / band(spectrum)),
    };
  });
}

// Known failure (issue 5, open): today auto finds no hum, and a named 50 Hz tracks the
// hum at 49.2–50.9 Hz, removes −29 dBFS of bass at line 1 (error 19.7 dB over the hum) and
// nothing at lines 2–4. `it.fails` keeps the suite green while recording that; it turns red
// once de-hum meets the requirement, and `.fails` must then be dropped.
describe('dehum under a bass line playing beside the hum lines', () => {
  for (const mainsHz of ['auto', '50']) {
    it.fails(`mainsHz ${mainsHz}: every line falls ≥ 30 dB, the error within ±5 Hz of lines 1–4 is ≥ 20 dB under the hum`, () => {
      const result = dehum({ sampleRate: FS, channels: [input] }, { mainsHz });
      const lines = score(result.audio.channels[0]);
      console.info(
        `dehum under bass (${mainsHz}): ${result.report.summary} removal ${lines.map((l) => l.removalDb.toFixed(1)).join(', ')} dB; error under hum ${lines.map((l) => l.errorBelowHumDb.toFixed(1)).join(', ')} dB`,
      );
      expect(result.report.found).toBe(true);
      for (const l of lines) {
        expect(l.removalDb).toBeGreaterThanOrEqual(30);
        expect(l.errorBelowHumDb).toBeGreaterThanOrEqual(20);
      }
    });
  }
});
