import type { FadeShape } from '../session/resolved.js';

/**
 * Fade-in gain at position x ∈ [0, 1] of the fade; a fade-out uses the mirror, x → 1 − x.
 * Shapes (each exactly 0 at the start and 1 at the end):
 * - linear: x (a linear crossfade keeps the amplitude sum at 1: right for correlated material);
 * - equal-power: sin(πx/2) (a crossfade keeps the power sum at 1: right for uncorrelated material);
 * - s-curve: (1 − cos πx)/2, smooth at both ends;
 * - exponential: (10^(3x) − 1)/(10^3 − 1), close to a straight line in dB over 60 dB, so a
 *   fade sounds even to the ear.
 */
export function fadeInGain(shape: FadeShape, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  switch (shape) {
    case 'linear':
      return x;
    case 'equal-power':
      return Math.sin((Math.PI / 2) * x);
    case 's-curve':
      return 0.5 - 0.5 * Math.cos(Math.PI * x);
    case 'exponential':
      return (10 ** (3 * x) - 1) / 999;
  }
}

export function fadeOutGain(shape: FadeShape, x: number): number {
  return fadeInGain(shape, 1 - x);
}
