/**
 * Glottal airflow through one vocal-fold cycle, after A. E. Rosenberg, "Effect of glottal
 * pulse shape on the quality of natural vowels" (JASA 49, 1971), his preferred shape "C":
 * the folds open over `openingQuotient` of the period (half a raised cosine), snap shut
 * over `closingQuotient` (a quarter cosine) and stay closed for the rest. The flow is
 * continuous with a kink at closure, so its spectrum falls at 12 dB/octave and a naive
 * sampled version barely aliases; differentiating it afterwards (lip radiation) gives the
 * familiar −6 dB/octave voice source.
 */
export const OPENING_QUOTIENT = 0.4;
export const CLOSING_QUOTIENT = 0.16;

/** Flow (0…1) at `phase` in [0, 1) of the glottal cycle. */
export function rosenbergFlow(
  phase: number,
  openingQuotient = OPENING_QUOTIENT,
  closingQuotient = CLOSING_QUOTIENT,
): number {
  if (phase < openingQuotient) return 0.5 * (1 - Math.cos((Math.PI * phase) / openingQuotient));
  const closing = phase - openingQuotient;
  if (closing < closingQuotient) return Math.cos((0.5 * Math.PI * closing) / closingQuotient);
  return 0;
}
