/**
 * Second-order sections: coefficients, their exact frequency response, and a multichannel
 * runtime filter with double-precision state (transposed direct form II, which keeps
 * round-off low for the pole radii audio filters use). Designs live beside their users
 * (EQ, crossovers); the RBJ "cookbook" shapes here serve utility filters such as sidechain
 * high-passes and feedback filters, where cramping near Nyquist does not matter.
 */

/** Normalised so that a0 = 1: y = b0 x + b1 x[-1] + b2 x[-2] − a1 y[-1] − a2 y[-2]. */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export const IDENTITY: BiquadCoefficients = { b0: 1, b1: 0, b2: 0, a1: 0, a2: 0 };

/** |H(e^{jω})| at `frequencyHz`, as a linear gain. */
export function biquadMagnitude(
  c: BiquadCoefficients,
  frequencyHz: number,
  sampleRate: number,
): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const cos1 = Math.cos(w);
  const sin1 = Math.sin(w);
  const cos2 = Math.cos(2 * w);
  const sin2 = Math.sin(2 * w);
  const nRe = c.b0 + c.b1 * cos1 + c.b2 * cos2;
  const nIm = -(c.b1 * sin1 + c.b2 * sin2);
  const dRe = 1 + c.a1 * cos1 + c.a2 * cos2;
  const dIm = -(c.a1 * sin1 + c.a2 * sin2);
  return Math.sqrt((nRe * nRe + nIm * nIm) / (dRe * dRe + dIm * dIm));
}

/** Magnitude of a cascade of sections, in dB. */
export function cascadeMagnitudeDb(
  sections: readonly BiquadCoefficients[],
  frequencyHz: number,
  sampleRate: number,
): number {
  let gain = 1;
  for (const s of sections) gain *= biquadMagnitude(s, frequencyHz, sampleRate);
  return 20 * Math.log10(gain);
}

export type RbjShape =
  | 'lowpass'
  | 'highpass'
  | 'bandpass'
  | 'notch'
  | 'peaking'
  | 'lowshelf'
  | 'highshelf';

/**
 * Robert Bristow-Johnson's "Audio EQ Cookbook" designs (bilinear transform with the centre
 * frequency pre-warped). `q` is the quality factor; shelves use it as the shelf Q (0.7071
 * gives the steepest monotonic slope).
 */
export function rbj(
  shape: RbjShape,
  frequencyHz: number,
  q: number,
  gainDb: number,
  sampleRate: number,
): BiquadCoefficients {
  const w0 = (2 * Math.PI * Math.min(frequencyHz, sampleRate * 0.4999)) / sampleRate;
  const cosW = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const A = 10 ** (gainDb / 40);
  let b0: number;
  let b1: number;
  let b2: number;
  let a0: number;
  let a1: number;
  let a2: number;
  switch (shape) {
    case 'lowpass':
      b0 = (1 - cosW) / 2;
      b1 = 1 - cosW;
      b2 = b0;
      a0 = 1 + alpha;
      a1 = -2 * cosW;
      a2 = 1 - alpha;
      break;
    case 'highpass':
      b0 = (1 + cosW) / 2;
      b1 = -(1 + cosW);
      b2 = b0;
      a0 = 1 + alpha;
      a1 = -2 * cosW;
      a2 = 1 - alpha;
      break;
    case 'bandpass': // constant 0 dB peak gain
      b0 = alpha;
      b1 = 0;
      b2 = -alpha;
      a0 = 1 + alpha;
      a1 = -2 * cosW;
      a2 = 1 - alpha;
      break;
    case 'notch':
      b0 = 1;
      b1 = -2 * cosW;
      b2 = 1;
      a0 = 1 + alpha;
      a1 = -2 * cosW;
      a2 = 1 - alpha;
      break;
    case 'peaking':
      b0 = 1 + alpha * A;
      b1 = -2 * cosW;
      b2 = 1 - alpha * A;
      a0 = 1 + alpha / A;
      a1 = -2 * cosW;
      a2 = 1 - alpha / A;
      break;
    case 'lowshelf': {
      const k = 2 * Math.sqrt(A) * alpha;
      b0 = A * (A + 1 - (A - 1) * cosW + k);
      b1 = 2 * A * (A - 1 - (A + 1) * cosW);
      b2 = A * (A + 1 - (A - 1) * cosW - k);
      a0 = A + 1 + (A - 1) * cosW + k;
      a1 = -2 * (A - 1 + (A + 1) * cosW);
      a2 = A + 1 + (A - 1) * cosW - k;
      break;
    }
    case 'highshelf': {
      const k = 2 * Math.sqrt(A) * alpha;
      b0 = A * (A + 1 + (A - 1) * cosW + k);
      b1 = -2 * A * (A - 1 + (A + 1) * cosW);
      b2 = A * (A + 1 + (A - 1) * cosW - k);
      a0 = A + 1 - (A - 1) * cosW + k;
      a1 = 2 * (A - 1 - (A + 1) * cosW);
      a2 = A + 1 - (A - 1) * cosW - k;
      break;
    }
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

/**
 * A cascade of biquads run on several channels, state in Float64. `setSections` may be
 * called between blocks (coefficients change, state is kept, as for smoothed parameters).
 */
export class BiquadCascade {
  private sections: BiquadCoefficients[] = [];
  /** Per channel, per section: [z1, z2]. */
  private state: Float64Array;
  private readonly channelCount: number;

  constructor(channelCount: number, maxSections: number) {
    this.channelCount = channelCount;
    this.state = new Float64Array(channelCount * maxSections * 2);
  }

  setSections(sections: readonly BiquadCoefficients[]): void {
    if (sections.length * this.channelCount * 2 > this.state.length) {
      throw new RangeError(
        `BiquadCascade holds at most ${this.state.length / this.channelCount / 2} sections`,
      );
    }
    this.sections = sections.slice();
  }

  reset(): void {
    this.state.fill(0);
  }

  /** Filters `length` samples of `data` in place as channel `channel`. */
  processChannel(channel: number, data: Float32Array, length: number): void {
    const state = this.state;
    const stride = (this.state.length / this.channelCount) | 0;
    let base = channel * stride;
    for (const c of this.sections) {
      const { b0, b1, b2, a1, a2 } = c;
      let z1 = state[base];
      let z2 = state[base + 1];
      for (let i = 0; i < length; i++) {
        const x = data[i];
        const y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        data[i] = y;
      }
      // Flush denormals: a decaying tail must not slow the CPU to a crawl.
      state[base] = Math.abs(z1) < 1e-30 ? 0 : z1;
      state[base + 1] = Math.abs(z2) < 1e-30 ? 0 : z2;
      base += 2;
    }
  }
}
