/**
 * A transient detector for drum takes: an onset is the first sample whose magnitude is
 * more than `riseRatio` times the largest magnitude in the `lookbackSeconds` that end
 * `gapSeconds` before it (and above `floor`). The gap lets an attack that takes a few
 * samples to rise still be compared with what came before the hit; decays and steady
 * noise never trigger it. `refractorySeconds` keeps one hit from triggering twice.
 */
export interface OnsetOptions {
  readonly sampleRate: number;
  readonly riseRatio?: number;
  readonly lookbackSeconds?: number;
  readonly gapSeconds?: number;
  readonly floor?: number;
  readonly refractorySeconds?: number;
}

/**
 * The first difference x[n] − x[n−1]: it keeps a drum's attack (broadband) and drops its
 * low ringing (a kick's 48 Hz tail falls by 2π·48/48000, about 44 dB), so a hit is seen
 * even when it lands on the previous one's tail.
 */
export function firstDifference(x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  for (let n = 1; n < x.length; n++) y[n] = x[n] - x[n - 1];
  return y;
}

export function detectOnsets(x: Float32Array, options: OnsetOptions): number[] {
  const fs = options.sampleRate;
  const ratio = options.riseRatio ?? 4;
  const lookback = Math.round((options.lookbackSeconds ?? 0.01) * fs);
  const gap = Math.round((options.gapSeconds ?? 0.001) * fs);
  const floor = options.floor ?? 0.003;
  const refractory = Math.round((options.refractorySeconds ?? 0.03) * fs);
  // Sliding maximum of |x| over [n − gap − lookback, n − gap), a monotonic deque of indices.
  const deque = new Int32Array(x.length);
  let head = 0;
  let tail = 0;
  const onsets: number[] = [];
  let quietUntil = -1;
  for (let n = 0; n < x.length; n++) {
    const entering = n - gap - 1;
    if (entering >= 0) {
      const m = Math.abs(x[entering]);
      while (tail > head && Math.abs(x[deque[tail - 1]]) <= m) tail--;
      deque[tail++] = entering;
    }
    while (tail > head && deque[head] < n - gap - lookback) head++;
    const before = tail > head ? Math.abs(x[deque[head]]) : 0;
    const magnitude = Math.abs(x[n]);
    if (n >= quietUntil && magnitude > floor && magnitude > ratio * before) {
      onsets.push(n);
      quietUntil = n + refractory;
    }
  }
  return onsets;
}

/**
 * For each expected onset, the signed error (samples) of the nearest detection; and the
 * detections farther than `windowSamples` from every expected onset.
 */
export function matchOnsets(
  expected: readonly number[],
  detected: readonly number[],
  windowSamples: number,
): { errors: number[]; unmatchedDetections: number[] } {
  const errors = expected.map((e) => {
    let best = Number.POSITIVE_INFINITY;
    for (const d of detected) if (Math.abs(d - e) < Math.abs(best)) best = d - e;
    return best;
  });
  const unmatchedDetections = detected.filter(
    (d) => !expected.some((e) => Math.abs(d - e) <= windowSamples),
  );
  return { errors, unmatchedDetections };
}
