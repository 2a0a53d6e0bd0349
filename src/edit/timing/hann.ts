/**
 * The periodic Hann window w[n] = ½ − ½·cos(2πn/N): its copies at hops of N/4 sum (squared)
 * to exactly 3/2, so analysis and synthesis with it reconstruct perfectly (Allen & Rabiner,
 * "A unified approach to short-time Fourier analysis and synthesis", Proc. IEEE 1977).
 */
export function periodicHann(size: number): Float64Array {
  const w = new Float64Array(size);
  for (let n = 0; n < size; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / size);
  return w;
}

/** Power-of-two frame size nearest (in octaves) to `seconds` at `sampleRate`. */
export function frameSizeFor(seconds: number, sampleRate: number): number {
  return 2 ** Math.max(6, Math.round(Math.log2(seconds * sampleRate)));
}
