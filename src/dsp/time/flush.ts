/**
 * Below this magnitude a recirculating signal is replaced by zero. Feedback tails decay
 * exponentially and would otherwise end in subnormal numbers, which cost x86 CPUs up to a
 * hundred times more per operation and are forbidden in processor output (the contract
 * suite). 1e-30 is −600 dBFS: far below any audible or measurable level, far above the
 * Float32 subnormal range (< 1.18e-38), so products with gains down to 1e-6 stay normal.
 */
export const FLUSH_FLOOR = 1e-30;

/** `x`, or exactly 0 when |x| < FLUSH_FLOOR. Per sample, so results never depend on blocks. */
export function flushTiny(x: number): number {
  return x < FLUSH_FLOOR && x > -FLUSH_FLOOR ? 0 : x;
}
