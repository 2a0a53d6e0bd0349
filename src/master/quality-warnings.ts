import type { AnalysisReport } from '../analysis/types.js';
import { type Diagnostic, diagnostic } from '../core/diagnostics.js';
import { gainToDb } from '../core/units.js';

/** A DC offset at or above this fraction of full scale (−60 dBFS) deserves a high-pass. */
const DC_OFFSET_LIMIT = 0.001;
/** Below this loudness range a programme is heavily compressed (LU). */
const LOW_LOUDNESS_RANGE_LU = 3;
/** LRA is unstable on short material (Tech 3342 2016 revision flags the first 60 s). */
const LOUDNESS_RANGE_MIN_SECONDS = 60;

const CHANNEL_NAMES = ['L', 'R', 'C', 'LFE', 'Ls', 'Rs', 'Lb', 'Rb'];

/**
 * Problems in a file that hold whatever the destination: clipping, inter-sample overs, DC
 * offset, a squashed loudness range, silence. Platform-specific findings live in
 * platform-playback.ts.
 */
export function qualityWarnings(report: AnalysisReport): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (!Number.isFinite(report.integratedLufs)) {
    found.push(
      diagnostic(
        'silent',
        'warning',
        'The audio is silent or below the −70 LUFS gate, so it has no integrated loudness.',
      ),
    );
  }
  if (report.clippedSamples > 0) {
    found.push(
      diagnostic(
        'clipping',
        'warning',
        `${report.clippedSamples} samples sit in runs at full scale (clipping); lower the level before the limiter, or repair with a de-clipper.`,
      ),
    );
  }
  if (report.truePeakDbtp > 0) {
    found.push(
      diagnostic(
        'inter-sample-overs',
        'warning',
        `True peak is ${report.truePeakDbtp.toFixed(2)} dBTP: it will clip on playback, sample-rate conversion or lossy encoding; use a true-peak limiter.`,
      ),
    );
  }
  report.perChannel.forEach((channel, index) => {
    if (Math.abs(channel.dcOffset) >= DC_OFFSET_LIMIT) {
      const name = report.channels <= 8 ? CHANNEL_NAMES[index] : `${index + 1}`;
      const label = report.channels === 1 ? 'The channel' : `Channel ${name}`;
      found.push(
        diagnostic(
          'dc-offset',
          'warning',
          `${label} has a DC offset of ${gainToDb(Math.abs(channel.dcOffset)).toFixed(1)} dBFS; apply a high-pass filter around 20 Hz.`,
        ),
      );
    }
  });
  if (
    report.durationSeconds >= LOUDNESS_RANGE_MIN_SECONDS &&
    Number.isFinite(report.integratedLufs) &&
    report.loudnessRangeLu < LOW_LOUDNESS_RANGE_LU
  ) {
    found.push(
      diagnostic(
        'low-loudness-range',
        'warning',
        `Loudness range is only ${report.loudnessRangeLu.toFixed(1)} LU: the dynamics are heavily compressed.`,
      ),
    );
  }
  return found;
}
