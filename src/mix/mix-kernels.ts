/**
 * The per-sample loops of a strip's fader, pan and outgoing connections, fused: one pass
 * reads the processed input once, writes the post-fader output and adds it, scaled, into
 * the first destination (a track's or bus's main output), saving a pass that re-reads the
 * output and pays the loop's typed-array checks again (4.1 against 6.9 ns/frame for a
 * stereo fader, pan and one add, in a micro-benchmark).
 *
 * Gains arrive as plain number arguments and arrays as parameters, never as property
 * reads, so the loops hold nothing but loads, multiply-adds and stores. Results are the
 * same bits as the separate passes: the output sample is rounded to Float32 (as storing
 * it did) before it is scaled into a destination, and each destination sees its adds in
 * the same order per sample as it did per pass.
 */

/** Destinations for one strip's block: stereo pairs and the gain each receives. */
export class MixTargets {
  count = 0;
  readonly left: Float32Array[] = [];
  readonly right: Float32Array[] = [];
  readonly gains: number[] = [];

  clear(): void {
    this.count = 0;
  }

  add(left: Float32Array, right: Float32Array, gain: number): void {
    const k = this.count++;
    // Slots are reused block after block, so nothing is allocated once they exist.
    if (k === this.left.length) {
      this.left.push(left);
      this.right.push(right);
      this.gains.push(gain);
      return;
    }
    this.left[k] = left;
    this.right[k] = right;
    this.gains[k] = gain;
  }
}

/**
 * out = in·(gl, gr) over frames [0, n), then out·gain added into every target. The first
 * shares the fader's pass; later ones are added from the output afterwards, still in target
 * order. (Fusing a second and third saved only 0.5 and 1.3 ns/frame in a micro-benchmark,
 * not worth more copies of the loop.)
 */
export function faderPanMix(
  inL: Float32Array,
  inR: Float32Array,
  gl: number,
  gr: number,
  outL: Float32Array,
  outR: Float32Array,
  n: number,
  targets: MixTargets,
): void {
  const { count, left: l, right: r, gains: g } = targets;
  if (count === 0) scaleStereo(inL, inR, gl, gr, outL, outR, n);
  else {
    mixOne(inL, inR, gl, gr, outL, outR, n, l[0], r[0], g[0]);
    for (let k = 1; k < count; k++) addStereoScaled(l[k], r[k], outL, outR, n, g[k]);
  }
}

/** out = in·(gl, gr). */
function scaleStereo(
  inL: Float32Array,
  inR: Float32Array,
  gl: number,
  gr: number,
  outL: Float32Array,
  outR: Float32Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    outL[i] = inL[i] * gl;
    outR[i] = inR[i] * gr;
  }
}

/** dst += src·gain over frames [0, n), both channels. */
export function addStereoScaled(
  dL: Float32Array,
  dR: Float32Array,
  sL: Float32Array,
  sR: Float32Array,
  n: number,
  gain: number,
): void {
  for (let i = 0; i < n; i++) {
    dL[i] += sL[i] * gain;
    dR[i] += sR[i] * gain;
  }
}

function mixOne(
  inL: Float32Array,
  inR: Float32Array,
  gl: number,
  gr: number,
  outL: Float32Array,
  outR: Float32Array,
  n: number,
  aL: Float32Array,
  aR: Float32Array,
  ga: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = Math.fround(inL[i] * gl);
    const y = Math.fround(inR[i] * gr);
    outL[i] = x;
    outR[i] = y;
    aL[i] += x * ga;
    aR[i] += y * ga;
  }
}
