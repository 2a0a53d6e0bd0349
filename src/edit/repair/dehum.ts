/**
 * De-hum: detects mains hum (hum-detect.ts), tracks its frequency (hum-track.ts) and
 * subtracts a synthesised copy of the fundamental and its harmonics (hum-cancel.ts). With no
 * hum found the audio is returned unchanged.
 */
import type { AudioData } from '../../core/audio.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostics.js';
import { finiteOrNull, powerToDb } from '../../core/units.js';
import { choice, num, type ParamValues } from '../../dsp/params.js';
import { cancelHum } from './hum-cancel.js';
import { detectHum, MIN_HUM_SECONDS } from './hum-detect.js';
import { trackHum } from './hum-track.js';
import type { RepairOperation, RepairReportBase, RepairResult } from './operation.js';
import { checkAudio, resolveSettings } from './settings.js';

/** Highest harmonic considered. */
export const MAX_HUM_HARMONIC = 20;

export const dehumSettings = {
  mainsHz: choice({
    name: 'Mains frequency',
    choices: ['auto', '50', '60'],
    default: 'auto',
    description:
      'the mains frequency of the hum: "auto" decides between 50 and 60 Hz from the audio; either way ±1 Hz of drift is followed',
  }),
  harmonics: num({
    name: 'Harmonics',
    unit: 'none',
    min: 0,
    max: MAX_HUM_HARMONIC,
    default: 0,
    integer: true,
    smoothingMs: 0,
    automatable: false,
    description:
      'highest harmonic removed (1 = the fundamental only); 0 removes up to the highest one detected',
  }),
  thresholdDb: num({
    name: 'Detection threshold',
    unit: 'dB',
    min: 3,
    max: 30,
    default: 6,
    smoothingMs: 0,
    automatable: false,
    description: 'how far a hum line must stand above the spectrum around it to count as detected',
  }),
  fitMs: num({
    name: 'Fit window',
    unit: 'ms',
    min: 100,
    max: 4000,
    default: 500,
    scale: 'log',
    smoothingMs: 0,
    automatable: false,
    description:
      'span over which each hum line’s amplitude and phase are averaged (robustly): longer ignores music passing over a line better, shorter follows hum that changes faster',
  }),
} as const;

export type DehumSettings = ParamValues<typeof dehumSettings>;

export interface HumHarmonicReport {
  readonly harmonic: number;
  readonly frequencyHz: number;
  /** RMS level of the removed line, dBFS (mean over channels' power). */
  readonly levelDbfs: number | null;
  /** How far the line stood above its neighbourhood, dB. */
  readonly excessDb: number;
}

export interface DehumReport extends RepairReportBase {
  readonly operation: 'dehum';
  readonly found: boolean;
  readonly mainsHz: 50 | 60 | null;
  /** Mean tracked fundamental, Hz. */
  readonly fundamentalHz: number | null;
  /** Lowest and highest tracked fundamental, Hz. */
  readonly fundamentalRangeHz: readonly [number, number] | null;
  /** Harmonics with an excess at or above the threshold (the fundamental counts as 1). */
  readonly detectedHarmonics: readonly number[];
  /** Harmonics removed. */
  readonly removed: readonly HumHarmonicReport[];
  /** RMS level of all removed lines together, dBFS. */
  readonly humLevelDbfs: number | null;
}

export function dehum(
  audio: AudioData,
  settings: Readonly<Record<string, unknown>> = {},
): RepairResult<DehumReport> {
  checkAudio('dehum', audio);
  const values = resolveSettings('dehum', dehumSettings, settings);
  const fs = audio.sampleRate;
  const detection = detectHum(
    audio.channels,
    fs,
    values.mainsHz,
    MAX_HUM_HARMONIC,
    values.thresholdDb,
  );
  const forced = values.mainsHz !== 'auto' && values.harmonics > 0;
  if (!detection) {
    const seconds = (audio.channels[0].length / fs).toFixed(2);
    return unchanged(
      audio,
      `The clip is ${seconds} s long, too short to tell hum from music (de-hum needs at least ${MIN_HUM_SECONDS.toFixed(1)} s); the audio is unchanged.`,
      false,
    );
  }
  if (!(detection.present || forced)) {
    return unchanged(audio, 'No mains hum found; the audio is unchanged.', true);
  }
  const detected = detection.lines.filter((l) => l.detected).map((l) => l.harmonic);
  const highest = values.harmonics > 0 ? values.harmonics : Math.max(...detected);
  const nyquistLimit = Math.floor((fs / 2 - 100) / detection.fundamentalHz);
  const harmonics: number[] = [];
  for (let h = 1; h <= Math.min(highest, nyquistLimit); h++) harmonics.push(h);
  const track = trackHum(
    audio.channels,
    fs,
    detection.fundamentalHz,
    detection.lines
      .filter((l) => l.detected)
      .map((l) => ({ harmonic: l.harmonic, lineToNoise: 10 ** (l.excessDb / 10) - 1 })),
  );
  const blockSamples = Math.round((values.fitMs / 1000) * fs);
  const power = new Float64Array(harmonics.length);
  const subtracted = new Array<boolean>(harmonics.length).fill(false);
  const channels = audio.channels.map((x) => {
    const { output, fitted } = cancelHum(x, track, harmonics, blockSamples, new Set(detected));
    fitted.forEach((f, i) => {
      power[i] += (f.rms * f.rms) / audio.channels.length;
      subtracted[i] ||= f.subtracted;
    });
    return output;
  });
  const meanHz = track.meanHz;
  // Only the lines actually subtracted (on any channel) are reported as removed.
  const removed: HumHarmonicReport[] = harmonics.flatMap((h, i) =>
    subtracted[i]
      ? [
          {
            harmonic: h,
            frequencyHz: h * meanHz,
            levelDbfs: finiteOrNull(powerToDb(power[i])),
            excessDb: detection.lines[h - 1]?.excessDb ?? 0,
          },
        ]
      : [],
  );
  const total = power.reduce((a, b) => a + b, 0);
  const humLevelDbfs = finiteOrNull(powerToDb(total));
  const diagnostics: Diagnostic[] = [];
  if (!detection.present) {
    diagnostics.push(
      diagnostic(
        'hum-forced',
        'info',
        `No hum stood out, but ${values.mainsHz} Hz and ${highest} harmonics were set, so they were removed anyway.`,
      ),
    );
  }
  const others = removed.filter((l) => l.harmonic > 1).length;
  const top = removed.length > 0 ? removed[removed.length - 1].frequencyHz : meanHz;
  return {
    audio: { sampleRate: fs, channels },
    report: {
      operation: 'dehum',
      summary: `Hum at ${meanHz.toFixed(2)} Hz with ${others} harmonic${others === 1 ? '' : 's'} (up to ${top.toFixed(0)} Hz), ${humLevelDbfs === null ? 'silent' : `${humLevelDbfs.toFixed(1)} dBFS`}; removed.`,
      changed: true,
      diagnostics,
      found: detection.present,
      mainsHz: detection.mainsHz,
      fundamentalHz: meanHz,
      fundamentalRangeHz: [track.minHz, track.maxHz],
      detectedHarmonics: detected,
      removed,
      humLevelDbfs,
    },
  };
}

export const dehumOperation: RepairOperation<typeof dehumSettings, DehumReport> = {
  id: 'dehum',
  name: 'De-hum',
  description:
    'Find mains hum (50 or 60 Hz and harmonics) and subtract it, leaving music beside the hum lines alone; needs a clip of at least 1.4 s.',
  settings: dehumSettings,
  run: dehum,
};

function unchanged(audio: AudioData, summary: string, looked: boolean): RepairResult<DehumReport> {
  return {
    audio: { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.slice()) },
    report: {
      operation: 'dehum',
      summary,
      changed: false,
      diagnostics: [
        looked
          ? diagnostic('no-hum', 'info', summary)
          : diagnostic('hum-clip-too-short', 'warning', summary),
      ],
      found: false,
      mainsHz: null,
      fundamentalHz: null,
      fundamentalRangeHz: null,
      detectedHarmonics: [],
      removed: [],
      humLevelDbfs: null,
    },
  };
}
