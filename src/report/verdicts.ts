import type { Diagnostic } from '../core/diagnostics.js';
import type { PlatformPlayback } from '../master/platform-playback.js';
import type { Deliverable, ReportTarget } from './types.js';

/**
 * Pass / check / fail for each thing a report judges. One place decides, so the summary's
 * badges and the tables never disagree.
 */
export type Verdict = 'pass' | 'check' | 'fail';

/** Fails over the ceiling; "check" when the destination raised a warning; else passes. */
export function platformVerdict(playback: PlatformPlayback): Verdict {
  if (playback.overCeiling) return 'fail';
  if (playback.diagnostics.some((d) => d.severity !== 'info')) return 'check';
  return 'pass';
}

export const DEFAULT_TARGET_TOLERANCE_LU = 0.5;

/** Integrated loudness within the target's tolerance; null when there is no loudness target. */
export function loudnessVerdict(target: ReportTarget, integratedLufs: number): Verdict | null {
  if (target.lufs === null) return null;
  if (!Number.isFinite(integratedLufs)) return 'fail';
  const tolerance = target.toleranceLu ?? DEFAULT_TARGET_TOLERANCE_LU;
  return Math.abs(integratedLufs - target.lufs) <= tolerance ? 'pass' : 'fail';
}

export function truePeakVerdict(target: ReportTarget, truePeakDbtp: number): Verdict {
  return truePeakDbtp <= target.ceilingDbtp ? 'pass' : 'fail';
}

/** The true peak that matters for a delivered file: after decoding, for a lossy one. */
export function deliverableWorstPeakDbtp(file: Deliverable): number {
  const decoded = file.decodedTruePeakDbtp;
  return decoded !== undefined && decoded !== null && Number.isFinite(decoded)
    ? Math.max(decoded, file.truePeakDbtp)
    : file.truePeakDbtp;
}

/** Headroom left under the ceiling (dB); negative when the file is over it. */
export function deliverableMarginDb(file: Deliverable): number {
  return file.ceilingDbtp - deliverableWorstPeakDbtp(file);
}

export function deliverableVerdict(file: Deliverable): Verdict {
  return deliverableMarginDb(file) >= 0 ? 'pass' : 'fail';
}

export const VERDICT_TEXT: Record<Verdict, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Ready' },
  check: { icon: '!', word: 'Check' },
  fail: { icon: '✗', word: 'Fails' },
};

/** Mono fold-down: "check" when the check warns (a loss or cancellation a listener hears), else pass. */
export function monoFoldVerdict(fold: { readonly diagnostics: readonly Diagnostic[] }): Verdict {
  return fold.diagnostics.some((d) => d.severity !== 'info') ? 'check' : 'pass';
}
