/**
 * A transient detector for drum takes: an onset is the first sample whose magnitude is
 * more than `riseRatio` times the largest magnitude of the preceding `lookbackSeconds`
 * (and above `floor`). Sharp, loud attacks trigger it within a few samples; decays and
 * steady noise never do. `refractorySeconds` keeps one hit from triggering twice.
 */
export interface OnsetOptions {
  readonly sampleRate: number;
  readonly riseRatio?: number;
  readonly lookbackSeconds?: number;
  readonly floor?: number;
  readonly refractorySeconds?: number;
}

export function detectOnsets(x: Float32Array, options: OnsetOptions): number[] {
  const fs = options.sampleRate;
  const ratio = options.riseRatio ?? 4;
  const lookback = Math.round((options.lookbackSeconds ?? 0.01) * fs);
  const floor = options.floor ?? 0.003;
  const refractory = Math.round((options.refractorySeconds ?? 0.03) * fs);
  // Sliding maximum of |x| over the lookback window, via a monotonic deque of indices.
  const deque = new Int32Array(x.length);
  let head = 0;
  let tail = 0;
  const onsets: number[] = [];
  let quietUntil = -1;
  for (let n = 0; n < x.length; n++) {
    const magnitude = Math.abs(x[n]);
    while (tail > head && deque[head] < n - lookback) head++;
    const recent = tail > head ? Math.abs(x[deque[head]]) : 0;
    if (n >= quietUntil && n >= lookback && magnitude > floor && magnitude > ratio * recent) {
      onsets.push(n);
      quietUntil = n + refractory;
    }
    while (tail > head && Math.abs(x[deque[tail - 1]]) <= magnitude) tail--;
    deque[tail++] = n;
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
