/**
 * The built-in "balanced" tonal curve the assistant compares a mix with when no reference is
 * given: band power in 1/3-octave bands (what SpectralProfile measures), relative, in dB:
 *
 *   f < 50 Hz:          −6 dB/octave below 50 Hz (the sub-bass falls away)
 *   50 Hz ≤ f ≤ 200 Hz: 0 dB (the bass plateau: kick and bass carry the most energy)
 *   f > 200 Hz:         −4.5 dB/octave (−30 dB at 20 kHz)
 *
 * Source and honesty: this is an engineering approximation, not a fit to data. Studies of
 * the long-term average spectrum of large sets of commercial popular music (Elowsson &
 * Friberg, "Long-term average spectrum in popular music and its relation to the level of
 * the percussion", AES Convention Paper 9762, 2017; Pestana et al., "Spectral characteristics
 * of popular commercial recordings 1950–2010", AES 135th Convention, 2013; Hove, Vuust &
 * Stupacher, JASA 2019, on the growth of bass) agree that the mean spectrum of well-balanced
 * modern masters peaks in the bass and falls steadily with frequency, steeper than pink
 * noise (0 dB/octave on this scale) — the "gentle downward tilt" mastering analysers show as
 * their target. The numbers above (plateau edges, −4.5 dB/octave) are this project's
 * round-figure reading of that shape; they were not taken from those papers' tables (only
 * their abstracts were at hand, and Pestana et al. from memory). That
 * is why the assistant only acts on broad regions that deviate by several dB, with median
 * levelling, so a different but reasonable curve would lead to the same moves.
 */
export function balancedCurveDb(frequencyHz: number): number {
  if (frequencyHz < 50) return -6 * Math.log2(50 / frequencyHz);
  if (frequencyHz <= 200) return 0;
  return -4.5 * Math.log2(frequencyHz / 200);
}

export const BALANCED_CURVE_DESCRIPTION =
  'built-in balanced curve: flat 50–200 Hz, −4.5 dB/octave above, −6 dB/octave below 50 Hz (1/3-octave band power)';
