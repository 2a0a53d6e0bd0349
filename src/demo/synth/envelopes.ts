/**
 * Envelope shapes as pure functions of time since a note's start. Every shape reaches
 * exactly zero at a known time, so the song's tail is truly silent (room noise only),
 * which the tests use as the stretch to measure the noise floor in.
 */

/** 0 below 0, 1 above 1, smooth (zero slope) at both ends. */
export function smoothstep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}

export interface AdsrShape {
  readonly attackSeconds: number;
  readonly decaySeconds: number;
  /** Level held after the decay, 0…1. */
  readonly sustainLevel: number;
  readonly releaseSeconds: number;
}

/**
 * Gain at `t` seconds after note-on for a note held `lengthSeconds`: smooth attack,
 * exponential-like decay to the sustain level, and a smooth release that ends at exactly
 * `lengthSeconds + releaseSeconds`.
 */
export function adsrGain(t: number, lengthSeconds: number, shape: AdsrShape): number {
  if (t < 0) return 0;
  let release = 1;
  if (t > lengthSeconds) {
    const r = (t - lengthSeconds) / shape.releaseSeconds;
    if (r >= 1) return 0;
    release = 1 - smoothstep(r);
    t = lengthSeconds; // the release starts from wherever the held note had got to
  }
  if (t < shape.attackSeconds) return release * smoothstep(t / shape.attackSeconds);
  const sinceAttack = t - shape.attackSeconds;
  const decayed =
    shape.sustainLevel + (1 - shape.sustainLevel) * Math.exp(-sinceAttack / shape.decaySeconds);
  return release * decayed;
}

/**
 * A percussive decay: a `attackSeconds` smooth rise, then exp(−t/τ), faded smoothly to
 * zero over the last third before `endSeconds` so nothing rings past it.
 */
export function decayGain(
  t: number,
  attackSeconds: number,
  tauSeconds: number,
  endSeconds: number,
): number {
  if (t < 0 || t >= endSeconds) return 0;
  const rise = attackSeconds > 0 ? smoothstep(t / attackSeconds) : 1;
  const fadeStart = (endSeconds * 2) / 3;
  const fade = t < fadeStart ? 1 : 1 - smoothstep((t - fadeStart) / (endSeconds - fadeStart));
  return rise * Math.exp(-t / tauSeconds) * fade;
}
