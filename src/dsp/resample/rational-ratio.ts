/**
 * The conversion ratio as a reduced fraction: fs_out / fs_in = up / down with
 * gcd(up, down) = 1, e.g. 44100 → 48000 is 160/147 and 96000 → 48000 is 1/2. A polyphase
 * resampler upsamples by `up` (conceptually), filters once, and keeps every `down`-th sample;
 * `up` is also the number of filter phases it stores.
 */
export interface RationalRatio {
  readonly up: number;
  readonly down: number;
}

/** Greatest common divisor of two non-negative integers (Euclid). */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** fs_out / fs_in reduced to lowest terms; both rates must be positive integers. */
export function conversionRatio(inputRateHz: number, outputRateHz: number): RationalRatio {
  const divisor = gcd(inputRateHz, outputRateHz);
  return { up: outputRateHz / divisor, down: inputRateHz / divisor };
}
