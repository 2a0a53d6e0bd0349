import { type Diagnostic, diagnostic } from '../core/diagnostics.js';
import type { PlatformTarget } from './platforms.js';

/** What a destination does to a track when it plays it, predicted from the track's analysis. */
export interface PlatformPlayback {
  readonly platform: PlatformTarget['id'];
  readonly platformName: string;
  /** Gain the destination applies (dB); 0 where it does not normalise; null if unmeasurable. */
  readonly gainDb: number | null;
  /** Integrated loudness heard after that gain (LUFS); null if unmeasurable. */
  readonly playbackLufs: number | null;
  /** True peak after that gain (dBTP), after the destination's own limiter where it has one. */
  readonly playbackTruePeakDbtp: number | null;
  /** The true-peak ceiling this master should meet here (the stricter one for loud masters). */
  readonly ceilingDbtp: number;
  /** True when the master's true peak is above `ceilingDbtp`. */
  readonly overCeiling: boolean;
  /** One sentence, e.g. "Spotify (Normal) will turn this down by 4.2 dB." */
  readonly summary: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface MeasuredLevels {
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
}

/** Changes smaller than this are reported as "plays it as it is". */
const NEGLIGIBLE_GAIN_DB = 0.05;

export function predictPlayback(
  platform: PlatformTarget,
  measured: MeasuredLevels,
): PlatformPlayback {
  const { integratedLufs, truePeakDbtp } = measured;
  const name = platform.name;
  const diagnostics: Diagnostic[] = [];

  const ceiling =
    platform.loudMasterCeilingDbtp !== undefined &&
    platform.targetLufs !== null &&
    integratedLufs > platform.targetLufs
      ? platform.loudMasterCeilingDbtp
      : platform.ceilingDbtp;
  const overCeiling = truePeakDbtp > ceiling;
  const common = { platform: platform.id, platformName: name, ceilingDbtp: ceiling, overCeiling };
  if (overCeiling) {
    diagnostics.push(
      diagnostic(
        'true-peak-over-ceiling',
        'warning',
        `True peak ${fmt(truePeakDbtp)} dBTP is above ${name}'s recommended ${fmt(ceiling)} dBTP; ` +
          'lossy encoding may distort it — limit to the ceiling.',
      ),
    );
  }

  if (platform.targetLufs === null) {
    return {
      ...common,
      gainDb: 0,
      playbackLufs: finite(integratedLufs),
      playbackTruePeakDbtp: finite(truePeakDbtp),
      summary: `${name} plays it as mastered (no loudness normalisation).`,
      diagnostics,
    };
  }

  if (!Number.isFinite(integratedLufs)) {
    return {
      ...common,
      gainDb: null,
      playbackLufs: null,
      playbackTruePeakDbtp: null,
      summary: `${name}: cannot predict, the track is below the loudness gate (silent).`,
      diagnostics,
    };
  }

  const wanted = platform.targetLufs - integratedLufs;
  let gainDb = wanted;
  let playbackTruePeakDbtp = truePeakDbtp + wanted;
  if (wanted > 0) {
    switch (platform.upwardGain) {
      case 'none':
        gainDb = 0;
        playbackTruePeakDbtp = truePeakDbtp;
        if (wanted < NEGLIGIBLE_GAIN_DB) break;
        diagnostics.push(
          diagnostic(
            'not-raised',
            'info',
            `${name} does not raise quiet tracks: it plays ${fmt(wanted)} dB below its ${fmt(platform.targetLufs)} LUFS reference.`,
          ),
        );
        break;
      case 'peak-limited': {
        const limit = platform.upwardPeakLimitDbtp ?? platform.ceilingDbtp;
        gainDb = Math.max(0, Math.min(wanted, limit - truePeakDbtp));
        playbackTruePeakDbtp = truePeakDbtp + gainDb;
        if (gainDb < wanted - NEGLIGIBLE_GAIN_DB) {
          diagnostics.push(
            diagnostic(
              'raise-limited-by-peak',
              'info',
              `${name} raises it only to ${fmt(integratedLufs + gainDb)} LUFS, not ${fmt(platform.targetLufs)}, ` +
                `because its true peak would pass ${fmt(limit)} dBTP; more limiting would let it play louder.`,
            ),
          );
        }
        break;
      }
      case 'limited': {
        const limiter = platform.playbackLimiterDb ?? platform.ceilingDbtp;
        if (playbackTruePeakDbtp > limiter) {
          diagnostics.push(
            diagnostic(
              'playback-limiter',
              'info',
              `${name}'s own limiter will reduce peaks by up to ${fmt(playbackTruePeakDbtp - limiter)} dB when it raises this track.`,
            ),
          );
          playbackTruePeakDbtp = limiter;
        }
        break;
      }
      case 'full':
        break;
    }
  }

  if (platform.toleranceLu !== undefined) {
    const error = integratedLufs - platform.targetLufs;
    if (Math.abs(error) > platform.toleranceLu) {
      diagnostics.push(
        diagnostic(
          'outside-delivery-tolerance',
          'warning',
          `${name} delivery must measure ${fmt(platform.targetLufs)} ±${platform.toleranceLu} LUFS; this measures ${fmt(integratedLufs)}.`,
        ),
      );
    }
  }

  return {
    ...common,
    gainDb,
    playbackLufs: integratedLufs + gainDb,
    playbackTruePeakDbtp,
    summary: summarise(name, gainDb),
    diagnostics,
  };
}

function summarise(name: string, gainDb: number): string {
  if (Math.abs(gainDb) < NEGLIGIBLE_GAIN_DB) return `${name} will play it as it is.`;
  return gainDb < 0
    ? `${name} will turn this down by ${(-gainDb).toFixed(1)} dB.`
    : `${name} will turn this up by ${gainDb.toFixed(1)} dB.`;
}

function fmt(value: number): string {
  return value.toFixed(1);
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
