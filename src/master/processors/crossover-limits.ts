/**
 * Crossover frequencies a session may ask for (up to 20 kHz) can lie above Nyquist at low
 * sample rates. Each is capped just below 0.45·fs, the caps rising by 1 % per crossover
 * from the lowest up: capped frequencies stay strictly ascending whenever the requested ones
 * were (a lower crossover's cap is always below a higher one's), so a 2–4 band split keeps
 * all its bands at any rate.
 */
export const CROSSOVER_CAP_OF_SAMPLE_RATE = 0.45;

export function highestCrossoversHz(wantedHz: readonly number[], sampleRate: number): number[] {
  const top = CROSSOVER_CAP_OF_SAMPLE_RATE * sampleRate;
  const last = wantedHz.length - 1;
  return wantedHz.map((f, k) => Math.min(f, top / 1.01 ** (last - k)));
}
