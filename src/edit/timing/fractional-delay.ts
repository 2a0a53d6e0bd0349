/**
 * Delay by any number of samples, whole or fractional, with a Kaiser-windowed sinc
 * interpolator (Laakso et al., "Splitting the unit delay", IEEE Signal Processing Magazine
 * 1996, §3.2: windowed ideal fractional delay h[k] = sinc(k − d)·w(k − d)).
 *
 * 64 taps under a Kaiser window with β = 10. Measured over every fraction in steps of 1/64
 * (test/edit/timing/fractional-delay.test.ts): the complex error |H(ω) − e^{−iωd}| stays
 * below −98 dB up to 0.40·fs (19.2 kHz at 48 kHz) and below −92 dB up to 0.45·fs. A whole
 * number of samples is an exact copy.
 */
import { besselI0 } from '../../dsp/resample/kaiser.js';

export const FRACTIONAL_DELAY_HALF_TAPS = 32;
const KAISER_BETA = 10;

/**
 * Taps for a delay of `fraction` ∈ [0, 1): tap j multiplies x[n − whole − k] with
 * k = j − HALF_TAPS + 1 (k from −31 to 32), normalised to unity gain at DC.
 */
export function fractionalDelayTaps(fraction: number): Float64Array {
  const half = FRACTIONAL_DELAY_HALF_TAPS;
  const taps = new Float64Array(2 * half);
  const i0Beta = besselI0(KAISER_BETA);
  let sum = 0;
  for (let j = 0; j < taps.length; j++) {
    const u = j - half + 1 - fraction;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const position = u / half;
    const window =
      Math.abs(position) >= 1
        ? 0
        : besselI0(KAISER_BETA * Math.sqrt(1 - position * position)) / i0Beta;
    taps[j] = sinc * window;
    sum += taps[j];
  }
  for (let j = 0; j < taps.length; j++) taps[j] /= sum;
  return taps;
}

/**
 * `x` delayed by `delaySamples` (negative = earlier), same length: what moves past either
 * end is dropped and silence moves in.
 */
export function delaySignal(x: Float32Array, delaySamples: number): Float32Array {
  const y = new Float32Array(x.length);
  const whole = Math.floor(delaySamples);
  const fraction = delaySamples - whole;
  if (fraction === 0) {
    // Exact: a copy moved by whole samples.
    for (let n = Math.max(0, whole); n < y.length && n - whole < x.length; n++) {
      y[n] = x[n - whole];
    }
    return y;
  }
  const taps = fractionalDelayTaps(fraction);
  const half = FRACTIONAL_DELAY_HALF_TAPS;
  const last = taps.length - 1;
  for (let n = 0; n < y.length; n++) {
    // Tap j reads x[base − j].
    const base = n - whole + half - 1;
    let acc = 0;
    if (base - last >= 0 && base < x.length) {
      for (let j = 0; j <= last; j++) acc += taps[j] * x[base - j];
    } else {
      const jFrom = Math.max(0, base - x.length + 1);
      const jTo = Math.min(last, base);
      for (let j = jFrom; j <= jTo; j++) acc += taps[j] * x[base - j];
    }
    y[n] = acc;
  }
  return y;
}
