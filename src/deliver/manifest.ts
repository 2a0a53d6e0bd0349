import type { EncodeFormat } from '../io/index.js';
import type { PassRecord } from './compliance-loop.js';
import type { DestinationId } from './deliverable-sets.js';
import type { ReleaseTags } from './tags.js';

/**
 * The machine-readable record of a delivery, written last as `manifest.json` in the output
 * folder. Every figure is a measurement of the file as written (decoded back by mixdown's
 * readers), with units in the field names; levels that do not exist (silence) are null.
 * Numbers are rounded to 1e-4 so the bytes do not depend on the last bit of a floating-point
 * library. No timestamps: delivering the same master twice gives the same manifest.
 */

export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE_NAME = 'manifest.json';

export interface MeasuredFigures {
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly durationSeconds: number;
  readonly integratedLufs: number | null;
  readonly loudnessRangeLu: number | null;
  readonly truePeakDbtp: number | null;
  readonly samplePeakDbfs: number | null;
}

export interface ManifestMaster extends MeasuredFigures {
  /** The master's file name (not its folder, which differs between machines). */
  readonly file: string;
  readonly sha256: string;
  readonly format: string;
  readonly codec: string;
  readonly bitDepth: number | null;
}

export interface DitherRecord {
  readonly type: 'tpdf';
  /** Error-feedback design id, or null for flat TPDF. */
  readonly noiseShaping: string | null;
  readonly seed: number;
}

export interface CodecSettings {
  /** e.g. "MP3 320 kbit/s, 44.1 kHz". */
  readonly description: string;
  readonly bitDepth: number | null;
  readonly sampleFormat: 'int' | 'float' | null;
  readonly mp3Mode: 'cbr320' | 'v0' | null;
  readonly vorbisQuality: number | null;
  /** Null when nothing was dithered (float, lossy, or audio already on the target grid). */
  readonly dither: DitherRecord | null;
}

export interface ComplianceRecord {
  readonly ceilingDbtp: number;
  /** How far under the ceiling the delivered true peak is (dB, ≥ 0). */
  readonly marginDb: number;
  /** First pass: delivered true peak minus ceiling when positive, else null. */
  readonly firstPassOvershootDb: number | null;
  /** 'none': the file is the source as it was; 're-limited': it was limited under the ceiling first. */
  readonly action: 'none' | 're-limited';
  readonly passes: readonly PassRecord[];
  /** The conversion made before the first pass, if any. */
  readonly sampleRateConversion: { readonly fromHz: number; readonly toHz: number } | null;
  readonly clippedSamples: number;
}

export interface ManifestFile extends MeasuredFigures {
  /** Relative to the output folder, '/'-separated. */
  readonly path: string;
  /** The platform, or 'formats' for a file asked for by format. */
  readonly platform: DestinationId;
  readonly purpose: string;
  readonly format: EncodeFormat;
  readonly codec: CodecSettings;
  readonly bitDepth: number | null;
  readonly bytes: number;
  readonly sha256: string;
  readonly tags: ReleaseTags;
  readonly compliance: ComplianceRecord;
}

export interface ManifestPlatform {
  readonly id: DestinationId;
  readonly name: string;
  readonly targetLufs: number | null;
  /** The ceiling every file of this platform was held to (dBTP). */
  readonly ceilingDbtp: number;
  readonly ceilingReason: string;
  readonly rationale: string;
}

export interface DeliveryManifest {
  readonly manifestVersion: typeof MANIFEST_VERSION;
  readonly tool: 'mixdown';
  readonly command: 'deliver';
  readonly measurement: {
    readonly loudness: string;
    readonly truePeakOversampling: number;
  };
  readonly master: ManifestMaster;
  readonly tags: ReleaseTags;
  readonly platforms: readonly ManifestPlatform[];
  readonly files: readonly ManifestFile[];
}

/** The manifest as JSON text: rounded numbers, null for non-finite ones, two-space indent. */
export function manifestJson(manifest: DeliveryManifest): string {
  const text = JSON.stringify(
    manifest,
    (_key, value: unknown) => {
      if (typeof value !== 'number') return value;
      if (!Number.isFinite(value)) return null;
      return Number.isInteger(value) ? value : Math.round(value * 1e4) / 1e4;
    },
    2,
  );
  return `${text}\n`;
}
