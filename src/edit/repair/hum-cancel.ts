/**
 * Hum cancellation by subtracting a synthesised copy of it (adaptive sinusoidal
 * cancellation). In Hann-weighted blocks overlapping by half, each harmonic's complex
 * amplitude is the weighted least-squares fit of a sinusoid following the tracked phase
 * h·Φ(n):  â = 2·Σ w(n)·x(n)·e^{−jhΦ(n)} / Σ w(n)  (harmonics 50 Hz apart are orthogonal
 * over a block of ≥ 0.1 s, so they are fitted one at a time). The fitted sinusoids are
 * overlap-added with the same Hann window (which sums to one at a hop of half a block), so
 * amplitudes glide from block to block, and subtracted from the input.
 *
 * Unlike a notch, which removes everything within its bandwidth for as long as it rings,
 * the fit removes only what is coherent with the hum over the whole block: music a few hertz
 * from a line falls on the window's side lobes and stays (Hann: −31 dB first side lobe,
 * −18 dB per octave after). No filter is run, so there is no delay and no phase shift.
 */
import type { HumTrack } from './hum-track.js';

export interface CancelledHarmonic {
  readonly harmonic: number;
  /** RMS amplitude of the fitted sinusoid over the clip (linear, full scale = 1). */
  readonly rms: number;
}

/**
 * Subtracts harmonics `harmonics` of the tracked hum from `x`, fitting over blocks of
 * `blockSamples` (even). Returns the output and each harmonic's fitted RMS amplitude.
 */
export function cancelHum(
  x: Float32Array,
  track: HumTrack,
  harmonics: readonly number[],
  blockSamples: number,
): { output: Float32Array; fitted: CancelledHarmonic[] } {
  const n = x.length;
  const block = Math.max(2, blockSamples & ~1);
  const hop = block / 2;
  const window = new Float64Array(block);
  for (let i = 0; i < block; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / block);

  const out = Float64Array.from(x);
  const phase = new Float64Array(block);
  const baseRe = new Float64Array(block);
  const baseIm = new Float64Array(block);
  const powRe = new Float64Array(block);
  const powIm = new Float64Array(block);
  const power = new Float64Array(harmonics.length);
  let blocks = 0;
  const top = Math.max(...harmonics);
  const wanted = new Uint8Array(top + 1);
  for (const h of harmonics) wanted[h] = 1;
  // Blocks start half a block before the clip so every sample lies under two of them.
  for (let start = -hop; start < n; start += hop) {
    const from = Math.max(0, -start);
    const to = Math.min(block, n - start);
    track.fillPhase(start + from, phase.subarray(from, to));
    let weight = 0;
    for (let i = from; i < to; i++) {
      baseRe[i] = Math.cos(phase[i]);
      baseIm[i] = Math.sin(phase[i]);
      powRe[i] = 1;
      powIm[i] = 0;
      weight += window[i];
    }
    if (weight <= 0) continue;
    let slot = 0;
    for (let h = 1; h <= top; h++) {
      // e^{jhΦ} = e^{j(h−1)Φ}·e^{jΦ}
      for (let i = from; i < to; i++) {
        const r = powRe[i] * baseRe[i] - powIm[i] * baseIm[i];
        powIm[i] = powRe[i] * baseIm[i] + powIm[i] * baseRe[i];
        powRe[i] = r;
      }
      if (wanted[h] === 0) continue;
      let accRe = 0;
      let accIm = 0;
      for (let i = from; i < to; i++) {
        const v = window[i] * x[start + i];
        accRe += v * powRe[i];
        accIm -= v * powIm[i];
      }
      // x ≈ Re{a·e^{jhΦ}} with a = 2·(accRe + j·accIm)/Σw.
      const aRe = (2 * accRe) / weight;
      const aIm = (2 * accIm) / weight;
      for (let i = from; i < to; i++) {
        out[start + i] -= window[i] * (aRe * powRe[i] - aIm * powIm[i]);
      }
      power[slot] += 0.5 * (aRe * aRe + aIm * aIm);
      slot++;
    }
    blocks++;
  }
  const fitted: CancelledHarmonic[] = [];
  let slot = 0;
  for (let h = 1; h <= top; h++) {
    if (wanted[h] === 0) continue;
    fitted.push({ harmonic: h, rms: Math.sqrt(power[slot] / Math.max(1, blocks)) });
    slot++;
  }
  return { output: Float32Array.from(out), fitted };
}
