import { BiquadCascade, rbj } from '../../../src/dsp/biquad.js';

/**
 * Schroeder's backward integration ("New method of measuring reverberation time", JASA
 * 1965): the energy decay curve EDC(t) = Σ_{n ≥ t} h[n]², in dB relative to its start.
 */
export function energyDecayDb(h: ArrayLike<number>): Float64Array {
  const edc = new Float64Array(h.length);
  let sum = 0;
  for (let n = h.length - 1; n >= 0; n--) {
    sum += h[n] * h[n];
    edc[n] = sum;
  }
  const total = edc[0];
  return edc.map((e) => 10 * Math.log10(e / total));
}

/**
 * Reverberation time as ISO 3382-1 defines T30: a least-squares line through the EDC from
 * −5 dB to −35 dB, extrapolated to a 60 dB fall (T60 = −60 / slope).
 */
export function t30Seconds(h: ArrayLike<number>, sampleRate: number): number {
  const edc = energyDecayDb(h);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < edc.length; i++) {
    const y = edc[i];
    if (y > -5) continue;
    if (y < -35) break;
    const x = i / sampleRate;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return -60 / slope;
}

/**
 * The IR in the octave band around `centreHz`: two cascaded RBJ band-passes with the
 * octave's bandwidth (Q = √2), a 4th-order band filter like an IEC 61260 octave filter's
 * skirt. Its own ringing lasts a few ms, far shorter than the decays measured.
 */
export function octaveBand(h: Float32Array, centreHz: number, sampleRate: number): Float32Array {
  const out = h.slice();
  const cascade = new BiquadCascade(1, 2);
  const section = rbj('bandpass', centreHz, Math.SQRT2, 0, sampleRate);
  cascade.setSections([section, section]);
  cascade.processChannel(0, out, out.length);
  return out;
}
