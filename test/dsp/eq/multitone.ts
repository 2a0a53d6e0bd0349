import { RealFft } from '../../../src/core/fft.js';
import { Prng } from '../../../src/core/prng.js';
import type { Processor } from '../../../src/dsp/processor.js';
import { FLOOR_DB, logSpaced, SPEC_TOP } from './measure.js';

/**
 * Measuring a filter's magnitude through process() with a real signal: a multi-tone of 32
 * tones on exact DFT bins (log-spaced from 20 Hz to 0.45·fs, seeded random phases, period
 * 2^16 samples). A periodic signal through a linear filter in steady state comes out as the
 * same tones, each scaled by the response at its frequency, so |Y(k)/X(k)| over one period
 * is the magnitude exactly, with no window and no leakage.
 */

export const PERIOD = 1 << 16;
const TONES = 32;

export interface Tones {
  bins: number[];
  period: Float32Array;
  spectrum: Float64Array;
}

export function multiTone(sampleRate: number, seed: number): Tones {
  const bins = [
    ...new Set(
      logSpaced(20, SPEC_TOP * sampleRate, TONES).map((f) => Math.round((f * PERIOD) / sampleRate)),
    ),
  ];
  const prng = new Prng(seed);
  const phases = bins.map(() => 2 * Math.PI * prng.next());
  const period = new Float32Array(PERIOD);
  for (let i = 0; i < PERIOD; i++) {
    let s = 0;
    for (let t = 0; t < bins.length; t++)
      s += Math.cos((2 * Math.PI * bins[t] * i) / PERIOD + phases[t]);
    period[i] = s / bins.length;
  }
  return { bins, period, spectrum: spectrumOf(period) };
}

function spectrumOf(x: Float32Array): Float64Array {
  const fft = new RealFft(PERIOD);
  const spec = fft.createSpectrum();
  fft.forward(Float64Array.from(x), spec);
  return spec;
}

/**
 * Feeds `total` samples of the periodic tones (mono) through `p` in seeded random block sizes
 * up to `maxBlock`, calling `before(position)` ahead of every block (automation); returns the
 * spectrum of the last period.
 */
export function runTones(
  p: Processor,
  tones: Tones,
  total: number,
  seed: number,
  maxBlock: number,
  before?: (position: number) => void,
): Float64Array {
  const block = new Float32Array(maxBlock);
  const out = new Float32Array(PERIOD);
  const prng = new Prng(seed);
  const last = total - PERIOD;
  for (let pos = 0; pos < total; ) {
    const n = Math.min(1 + Math.floor(prng.next() * maxBlock), total - pos);
    before?.(pos);
    for (let i = 0; i < n; i++) block[i] = tones.period[(pos + i) % PERIOD];
    p.process({ channels: [block], length: n });
    for (let i = 0; i < n; i++) if (pos + i >= last) out[pos + i - last] = block[i];
    pos += n;
  }
  return spectrumOf(out);
}

/** The worst |measured − target| in dB over the tones where the target is above −60 dB. */
export function compareTones(
  tones: Tones,
  y: Float64Array,
  sampleRate: number,
  targetDb: (f: number) => number,
): { worst: number; at: number } {
  let worst = 0;
  let at = 0;
  const x = tones.spectrum;
  for (const k of tones.bins) {
    const f = (k * sampleRate) / PERIOD;
    const t = targetDb(f);
    if (t < FLOOR_DB) continue;
    const gain = Math.hypot(y[2 * k], y[2 * k + 1]) / Math.hypot(x[2 * k], x[2 * k + 1]);
    const e = Math.abs(20 * Math.log10(gain) - t);
    if (e > worst) {
      worst = e;
      at = f;
    }
  }
  return { worst, at };
}
