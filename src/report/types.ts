import type { AnalysisReport } from '../analysis/types.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { PlatformPlayback } from '../master/platform-playback.js';
import type { MonoFoldDown } from '../master/previews/mono-fold.js';
import type { WaveformEnvelope } from './envelope.js';
import type { GainReductionSeries } from './gain-reduction.js';
import type { LongTermSpectrum } from './long-term-spectrum.js';

/**
 * What a mastering or delivery report is made from. Everything is precomputed (analysis,
 * envelopes, spectra), so rendering is cheap and pure: the same data gives the same bytes.
 * `reportSignal()` computes the envelope and spectrum of audio in memory.
 */

/** What the master was made for. */
export interface ReportTarget {
  /** Display name of the destination ("Spotify (Normal)"), if the target came from one. */
  readonly platform?: string;
  /** Integrated loudness aimed at (LUFS); null when only a ceiling was asked for. */
  readonly lufs: number | null;
  /** True-peak ceiling (dBTP). */
  readonly ceilingDbtp: number;
  /** How far from `lufs` still counts as on target (LU, default 0.5). */
  readonly toleranceLu?: number;
}

/** One signal as the report shows it: "Before" (the mix) or "After" (the master). */
export interface ReportSignal {
  /** Short name used in legends and panel labels ("Before", "After"). */
  readonly label: string;
  /** Its analysis; `series` (analyzeAudio(audio, { series: true })) feeds the loudness figure. */
  readonly analysis: AnalysisReport;
  readonly envelope?: WaveformEnvelope;
  readonly spectrum?: LongTermSpectrum;
  /** Findings about this signal (e.g. qualityWarnings(analysis)); listed under its label. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** One stage of the mastering chain and, in one line, what it did and why. */
export interface ChainStageNote {
  readonly name: string;
  readonly explanation: string;
}

/** One delivered file and its measurements after writing (and decoding, for lossy codecs). */
export interface Deliverable {
  readonly fileName: string;
  /** e.g. "FLAC 24-bit 48 kHz", "MP3 320 kbps". */
  readonly format: string;
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
  /** True peak of the decoded lossy file (dBTP); absent for lossless formats. */
  readonly decodedTruePeakDbtp?: number | null;
  /** Ceiling the file must meet (dBTP). */
  readonly ceilingDbtp: number;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  readonly sizeBytes?: number;
}

export interface MasteringReportData {
  readonly title: string;
  readonly inputFile?: string;
  readonly outputFile?: string;
  readonly target: ReportTarget;
  /** The mix before mastering; absent in a delivery report of a finished master. */
  readonly before?: ReportSignal;
  /** The master. */
  readonly after: ReportSignal;
  /** A reference track's spectrum, for tonal comparison. */
  readonly reference?: { readonly label: string; readonly spectrum: LongTermSpectrum };
  /** Gain reduction per dynamics stage, over the master's time line. */
  readonly gainReduction?: readonly GainReductionSeries[];
  readonly chain?: readonly ChainStageNote[];
  /** predictPlayback() for each destination of interest. */
  readonly playback?: readonly PlatformPlayback[];
  /** What the master loses folded to mono (monoFoldDown / MonoFoldMeter). */
  readonly monoFold?: MonoFoldDown;
  /**
   * Findings about the run as a whole (stage findings …). Findings about one signal go in its
   * `diagnostics`; platform findings come with `playback`.
   */
  readonly diagnostics?: readonly Diagnostic[];
  readonly deliverables?: readonly Deliverable[];
  /**
   * Footer text such as "mixdown 0.1.0 · 2025-01-31 14:02". Supplied by the caller, never
   * read from the clock here, so a report renders to the same bytes every time.
   */
  readonly generatedBy?: string;
}

export interface DeliveryReportData extends MasteringReportData {
  readonly deliverables: readonly Deliverable[];
}

export interface ReportFigure {
  /** File-name friendly: "waveform", "loudness", "spectrum", "gain-reduction". */
  readonly name: string;
  /** Standalone SVG document. */
  readonly svg: string;
}

export interface RenderedReport {
  readonly html: string;
  readonly figures: readonly ReportFigure[];
}
