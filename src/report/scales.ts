/**
 * Maps from data values to pixels and back. A scale maps its domain [d0, d1] onto the pixel
 * range [r0, r1]; either may run backwards (a y axis grows downwards on screen).
 */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly kind: 'linear' | 'log';
  /** Pixel position of a data value (values outside the domain map outside the range). */
  map(value: number): number;
  /** Data value at a pixel position. */
  invert(pixel: number): number;
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (!(d1 !== d0) || !Number.isFinite(d0) || !Number.isFinite(d1)) {
    throw new RangeError(`A linear scale needs two different finite ends, got ${d0} and ${d1}`);
  }
  const slope = (r1 - r0) / (d1 - d0);
  return {
    domain,
    range,
    kind: 'linear',
    map: (value) => r0 + (value - d0) * slope,
    invert: (pixel) => d0 + (pixel - r0) / slope,
  };
}

/** Logarithmic scale (frequency axes): equal ratios take equal widths. */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (!(d0 > 0 && d1 > 0 && d0 !== d1) || !Number.isFinite(d0) || !Number.isFinite(d1)) {
    throw new RangeError(`A log scale needs two different positive ends, got ${d0} and ${d1}`);
  }
  const l0 = Math.log(d0);
  const slope = (r1 - r0) / (Math.log(d1) - l0);
  return {
    domain,
    range,
    kind: 'log',
    map: (value) => r0 + (Math.log(value) - l0) * slope,
    invert: (pixel) => Math.exp(l0 + (pixel - r0) / slope),
  };
}
