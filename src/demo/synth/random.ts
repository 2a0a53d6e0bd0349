import { Prng } from '../../core/prng.js';

/**
 * Named random streams: each part of the synthesiser draws from its own generator, seeded
 * by the song's seed and a label ("kick", "vocal take 2 phrase 3"…). Adding a new part or
 * drawing one more number in one part then leaves every other part's sound unchanged.
 */
export function prngFor(seed: number, label: string): Prng {
  // FNV-1a over the label's UTF-16 code units, folded with the seed.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return new Prng(hash ^ Math.imul(seed >>> 0, 0x9e3779b1));
}

/** Uniform white noise in [−1, 1). */
export function whiteSample(prng: Prng): number {
  return prng.next() * 2 - 1;
}

/**
 * Fills `out` with uniform white noise in [−1, 1), four samples from each 32-bit draw
 * (8 bits each). Every use here filters or mixes the noise far below full scale, where a
 * 256-level white source is as white as a finer one, and the generator is the cost.
 */
export function fillWhiteNoise(out: Float32Array, prng: Prng): Float32Array {
  const scale = 1 / 128;
  const offset = 1 - 1 / 256; // centre the 256 levels on zero
  let i = 0;
  for (; i + 3 < out.length; i += 4) {
    const bits = prng.nextUint32();
    out[i] = (bits >>> 24) * scale - offset;
    out[i + 1] = ((bits >>> 16) & 0xff) * scale - offset;
    out[i + 2] = ((bits >>> 8) & 0xff) * scale - offset;
    out[i + 3] = (bits & 0xff) * scale - offset;
  }
  for (; i < out.length; i++) out[i] = whiteSample(prng);
  return out;
}
