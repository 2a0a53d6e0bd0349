/**
 * A noise profile learned from a region the user chose, and the check that the region holds
 * only noise. Background noise is steady: its level barely moves from one 40 ms slice to the
 * next, and it sits at the clip's noise floor. Programme (music, voice) is far above that
 * floor and rises and falls with notes and syllables. A region that fails either test would
 * teach the denoiser to remove the programme, so it is refused.
 */
import { STFT_OVERLAP } from './stft.js';

/** A region more than this far above the clip's own noise floor holds programme. */
export const REGION_MAX_EXCESS_DB = 10;
/**
 * A region this far above the floor whose level moves by more than
 * REGION_MAX_SPREAD_DB (standard deviation of 4-frame slices) holds programme.
 */
export const REGION_UNSTEADY_EXCESS_DB = 3;
export const REGION_MAX_SPREAD_DB = 2;
/** Fewest whole frames a region must hold for a profile (≈ 0.12 s at 48 kHz). */
export const REGION_MIN_FRAMES = 8;

export class NoiseRegion {
  readonly startSample: number;
  readonly endSample: number;
  private readonly sum: Float64Array;
  private readonly frameEnergies: number[] = [];

  constructor(binCount: number, startSample: number, endSample: number) {
    this.startSample = startSample;
    this.endSample = endSample;
    this.sum = new Float64Array(binCount);
  }

  /** Whether a frame spanning [frameStart, frameStart + size) lies wholly in the region. */
  contains(frameStart: number, size: number): boolean {
    return frameStart >= this.startSample && frameStart + size <= this.endSample;
  }

  add(powers: Float64Array): void {
    let energy = 0;
    for (let k = 0; k < this.sum.length; k++) {
      this.sum[k] += powers[k];
      energy += powers[k];
    }
    this.frameEnergies.push(energy);
  }

  get frameCount(): number {
    return this.frameEnergies.length;
  }

  /** Mean power per bin over the region's frames. */
  profile(): Float64Array {
    const n = Math.max(1, this.frameEnergies.length);
    return this.sum.map((s) => s / n);
  }

  /**
   * Level of the region above a reference noise floor (dB, broadband), and the standard
   * deviation (dB) of its level over consecutive, non-overlapping slices of four frames.
   */
  assess(floor: Float64Array): { excessDb: number; spreadDb: number } {
    let regionTotal = 0;
    let floorTotal = 0;
    for (let k = 0; k < this.sum.length; k++) {
      regionTotal += this.sum[k];
      floorTotal += floor[k];
    }
    regionTotal /= Math.max(1, this.frameEnergies.length);
    const excessDb = 10 * Math.log10(Math.max(regionTotal, 1e-300) / Math.max(floorTotal, 1e-300));
    const slices: number[] = [];
    for (let f = 0; f + STFT_OVERLAP <= this.frameEnergies.length; f += STFT_OVERLAP) {
      let e = 0;
      for (let i = 0; i < STFT_OVERLAP; i++) e += this.frameEnergies[f + i];
      slices.push(10 * Math.log10(Math.max(e, 1e-300)));
    }
    const mean = slices.reduce((a, b) => a + b, 0) / Math.max(1, slices.length);
    const variance = slices.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, slices.length);
    return { excessDb, spreadDb: Math.sqrt(variance) };
  }
}

/** Whether an assessed region holds programme rather than noise. */
export function regionHoldsProgramme(excessDb: number, spreadDb: number): boolean {
  return (
    excessDb > REGION_MAX_EXCESS_DB ||
    (excessDb > REGION_UNSTEADY_EXCESS_DB && spreadDb > REGION_MAX_SPREAD_DB)
  );
}
