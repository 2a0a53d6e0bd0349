import type { Processor } from '../../../src/dsp/processor.js';
import { run } from '../contract.js';

const FS = 48000;

export interface Aliasing {
  /** Non-harmonic power up to 20 kHz, relative to the fundamental, dB. */
  readonly audioBandDb: number;
  /** Non-harmonic power up to 24 kHz, relative to the fundamental, dB. */
  readonly fullBandDb: number;
}

/**
 * Aliasing of a 0.5 FS, 5 kHz sine through `p` (prepared for 48 kHz, one channel). The input
 * repeats every 48 samples, so after the filters settle the output does too: one period,
 * averaged over the last 0.9 s, holds the whole spectrum on 1 kHz bins (a 48-point DFT, no
 * window, no leakage). Harmonics of 5 kHz sit on bins 5, 10, 15, 20; every other bin is
 * aliasing (|k·5000 − m·48000|). Bins 21–24 kHz lie above the oversampler's pass band, where
 * its half-band filters let some folded energy through by design (Vaidyanathan 1993, §4.6.1):
 * they count in `fullBandDb` only.
 */
export function aliasingOf5kHz(p: Processor): Aliasing {
  const x = new Float32Array(FS);
  for (let i = 0; i < FS; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 5000 * i) / FS);
  const y = run(p, [x], 512)[0];
  const period = new Float64Array(48);
  let periods = 0;
  for (let s = 4800; s + 48 <= FS; s += 48, periods++) {
    for (let i = 0; i < 48; i++) period[i] += y[s + i];
  }
  const power: number[] = [];
  for (let k = 0; k <= 24; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < 48; i++) {
      re += (period[i] / periods) * Math.cos((2 * Math.PI * k * i) / 48);
      im += (period[i] / periods) * Math.sin((2 * Math.PI * k * i) / 48);
    }
    power.push(re * re + im * im);
  }
  let audio = 0;
  let full = 0;
  for (let k = 0; k <= 24; k++) {
    if (k % 5 === 0 && k !== 0) continue;
    full += power[k];
    if (k <= 20) audio += power[k];
  }
  return {
    audioBandDb: 10 * Math.log10(audio / power[5]),
    fullBandDb: 10 * Math.log10(full / power[5]),
  };
}
