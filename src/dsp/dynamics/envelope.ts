import { onePoleCoefficient } from '../../core/units.js';

/**
 * Envelope smoothing for dynamics processors.
 *
 * Time-constant definition used throughout mixdown's dynamics: a time τ (attackMs,
 * releaseMs …) is the time a one-pole smoother takes to cover 1 − 1/e ≈ 63.2 % of a step,
 * α = exp(−1 / (τ · fs)), as in Giannoulis et al. 2012. The 10–90 % rise time is
 * ln 9 · τ ≈ 2.2 τ. Time 0 gives α = 0: the smoother follows its input instantly.
 */
export function smoothingCoefficient(timeMs: number, sampleRate: number): number {
  return onePoleCoefficient(timeMs, sampleRate);
}

/**
 * One step of the "smooth branching" peak detector of Giannoulis et al. (2012): the
 * state moves toward `target` with coefficient `rise` when the target is above it and
 * with `fall` otherwise. Run on gain reduction in dB (log domain, after the gain
 * computer), rise is the compressor's attack and fall its release; a gate smooths its
 * attenuation the other way round. Written as t + α(y − t), so that a zero target decays
 * by exactly α·y.
 */
export function branchingStep(state: number, target: number, rise: number, fall: number): number {
  const coefficient = target > state ? rise : fall;
  return target + coefficient * (state - target);
}

/**
 * `branchingStep` without a branch, for per-sample loops where the target crosses the
 * state every few samples (peak detection follows the waveform) and a branch would
 * mispredict: with d = state − target, the step is target + α·d, α = rise for d < 0 and
 * fall otherwise, i.e. target + m·d + h·|d| with m = (rise + fall)/2, h = (fall − rise)/2
 * (`mean` and `half` below). It differs from branchingStep only by rounding (a few ulp).
 */
export function branchFreeStep(state: number, target: number, mean: number, half: number): number {
  const d = state - target;
  return target + mean * d + half * Math.abs(d);
}

/**
 * Below this many dB a decaying gain reduction is set to exactly 0 (1e-9 dB is a gain
 * change of 1.2e-10, invisible in Float32). It keeps the state out of subnormal numbers
 * (which slow the CPU) and lets the idle path skip the dB → gain conversion.
 */
export const REDUCTION_FLOOR_DB = 1e-9;

/** Attack/release coefficients for one smoother, from times in ms. */
export interface SmootherCoefficients {
  rise: number;
  fall: number;
}

export function smootherCoefficients(
  riseMs: number,
  fallMs: number,
  sampleRate: number,
): SmootherCoefficients {
  return {
    rise: smoothingCoefficient(riseMs, sampleRate),
    fall: smoothingCoefficient(fallMs, sampleRate),
  };
}
