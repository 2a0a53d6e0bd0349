import { dbToPower, powerToDb } from '../core/units.js';

/**
 * BS.1770 loudness of a channel-weighted mean square z: L = −0.691 + 10·log10(z)
 * (loudness.md §1.3). The −0.691 dB offset cancels the K-filter's +0.691 dB gain near 1 kHz,
 * so a 997 Hz sine at X dBFS peak in one front channel reads X − 3.01 LUFS.
 */
export const LOUDNESS_OFFSET_DB = -0.691;

/** Absolute gate for integrated loudness and loudness range, LUFS (BS.1770-4, Tech 3342). */
export const ABSOLUTE_GATE_LUFS = -70;

/** LUFS of a mean-square energy; 0 (silence) gives -Infinity, never NaN. */
export function energyToLufs(energy: number): number {
  return energy > 0 ? LOUDNESS_OFFSET_DB + powerToDb(energy) : Number.NEGATIVE_INFINITY;
}

/** Mean-square energy of a loudness in LUFS (inverse of `energyToLufs`). */
export function lufsToEnergy(lufs: number): number {
  return dbToPower(lufs - LOUDNESS_OFFSET_DB);
}
