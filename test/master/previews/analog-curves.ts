import type { DeviceProfile } from '../../../src/master/previews/index.js';

/**
 * The device curves as their bands' analog prototypes (RBJ bell and shelves, Butterworth
 * high/low-pass), written out from the textbook formulas: the ground truth previews are
 * measured against.
 */

export interface Band {
  type: string;
  freqHz: number;
  gainDb?: number;
  q?: number;
  slopeDbPerOct?: string;
}

/** |H(j·f/f0)|² of one band's analog prototype. */
export function bandPowerGain(b: Band, f: number): number {
  const w = f / b.freqHz;
  const q = b.q ?? Math.SQRT1_2;
  const a = 10 ** ((b.gainDb ?? 0) / 40);
  const ratio = (nRe: number, nIm: number, dRe: number, dIm: number) =>
    (nRe * nRe + nIm * nIm) / (dRe * dRe + dIm * dIm);
  const order = Number(b.slopeDbPerOct ?? '12') / 6;
  switch (b.type) {
    case 'bell':
      return ratio(1 - w * w, (a / q) * w, 1 - w * w, w / (a * q));
    case 'lowshelf': // A·(s² + (√A/Q)s + A) / (A·s² + (√A/Q)s + 1)
      return (
        a * a * ratio(a - w * w, (Math.sqrt(a) / q) * w, 1 - a * w * w, (Math.sqrt(a) / q) * w)
      );
    case 'highshelf': // A·(A·s² + (√A/Q)s + 1) / (s² + (√A/Q)s + A)
      return (
        a * a * ratio(1 - a * w * w, (Math.sqrt(a) / q) * w, a - w * w, (Math.sqrt(a) / q) * w)
      );
    case 'highpass':
      return 1 / (1 + w ** (-2 * order));
    case 'lowpass':
      return 1 / (1 + w ** (2 * order));
    default:
      throw new Error(`no prototype for ${b.type}`);
  }
}

/** A device's eq bands, in order. */
export function deviceBands(device: DeviceProfile): Band[] {
  return device.inserts.filter((i) => i.type === 'eq').flatMap((i) => i.bands as Band[]);
}

/** |H|² of the whole curve at f. */
export function curvePowerGain(bands: readonly Band[], f: number): number {
  return bands.reduce((g, b) => g * bandPowerGain(b, f), 1);
}

export function statedDb(bands: readonly Band[], f: number): number {
  return 10 * Math.log10(curvePowerGain(bands, f));
}
