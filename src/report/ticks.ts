import { formatClock, formatHz, formatNumber } from './format.js';

/** A tick: where it sits (data units) and what it says. */
export interface Tick {
  readonly value: number;
  readonly label: string;
}

/** Decimal "nice" steps: 1, 2, 5 × 10ⁿ. */
export const DECIMAL_STEPS = [1, 2, 5] as const;
/** Level steps read naturally in dB: 1, 2, 3, 6, 12, 24 … (6 dB is a doubling of amplitude). */
export const DB_STEPS = [1, 2, 3, 6, 12, 24, 48] as const;
/** Time steps in seconds that land on the clock: 1 s … 10 min. */
export const SECONDS_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600] as const;

/**
 * The smallest step from `steps` (decimal steps are scaled by powers of ten) that puts at most
 * `maxTicks` ticks on [min, max].
 */
export function niceStep(
  min: number,
  max: number,
  maxTicks: number,
  steps: readonly number[] = DECIMAL_STEPS,
  scaleByDecades = true,
): number {
  const span = Math.abs(max - min);
  if (!(span > 0)) return 1;
  const rough = span / Math.max(1, maxTicks - 1);
  if (!scaleByDecades) {
    return (
      steps.find((s) => s >= rough) ??
      steps[steps.length - 1] * Math.ceil(rough / steps[steps.length - 1])
    );
  }
  const decade = 10 ** Math.floor(Math.log10(rough));
  for (const s of steps) if (s * decade >= rough * (1 - 1e-9)) return s * decade;
  return 10 * decade;
}

/** Multiples of `step` inside [min, max] (both ends included when they fall on a multiple). */
export function stepTicks(min: number, max: number, step: number): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const values: number[] = [];
  // Multiply rather than accumulate, so 0.1-steps do not drift (0.30000000000000004).
  for (let i = first; i <= last; i++) values.push(Number((i * step).toPrecision(12)));
  return values;
}

/** Decimal ticks with labels to as many decimals as the step needs. */
export function linearTicks(min: number, max: number, maxTicks: number): Tick[] {
  const step = niceStep(min, max, maxTicks);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return stepTicks(min, max, step).map((value) => ({
    value,
    label: formatNumber(value, decimals),
  }));
}

/** Level ticks in whole dB on 1-2-3-6-12 steps. */
export function dbTicks(min: number, max: number, maxTicks: number): Tick[] {
  const step = niceStep(min, max, maxTicks, DB_STEPS, false);
  return stepTicks(min, max, step).map((value) => ({ value, label: formatNumber(value, 0) }));
}

/** Log-frequency ticks: labelled 1-2-5 per decade, unlabelled grid at the other integers. */
export function logFrequencyTicks(
  minHz: number,
  maxHz: number,
): { major: Tick[]; minor: number[] } {
  const major: Tick[] = [];
  const minor: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(minHz)); decade <= maxHz; decade *= 10) {
    for (let m = 1; m <= 9; m++) {
      const hz = m * decade;
      if (hz < minHz * (1 - 1e-9) || hz > maxHz * (1 + 1e-9)) continue;
      if (m === 1 || m === 2 || m === 5) major.push({ value: hz, label: formatHz(hz) });
      else minor.push(hz);
    }
  }
  return { major, minor };
}

/** Time ticks in seconds ("12") under a minute, on the clock ("1:30") from a minute up. */
export function timeTicks(
  durationSeconds: number,
  maxTicks: number,
): { ticks: Tick[]; unit: string } {
  const clock = durationSeconds >= 60;
  const step =
    durationSeconds >= 1
      ? niceStep(0, durationSeconds, maxTicks, SECONDS_STEPS, false)
      : niceStep(0, durationSeconds, maxTicks);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = stepTicks(0, durationSeconds, step).map((value) => ({
    value,
    label: clock ? formatClock(value) : formatNumber(value, decimals),
  }));
  return { ticks, unit: clock ? 'm:ss' : 's' };
}
