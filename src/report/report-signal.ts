import type { AnalysisReport } from '../analysis/types.js';
import type { AudioData } from '../core/audio.js';
import { DEFAULT_ENVELOPE_COLUMNS, waveformEnvelope } from './envelope.js';
import { type LongTermSpectrumOptions, longTermSpectrum } from './long-term-spectrum.js';
import type { ReportSignal } from './types.js';

export interface ReportSignalOptions {
  readonly envelopeColumns?: number;
  readonly spectrum?: LongTermSpectrumOptions;
}

/**
 * A report signal from audio in memory and its analysis (which should carry `series`): the
 * waveform envelope and long-term spectrum are measured here.
 */
export function reportSignal(
  label: string,
  audio: AudioData,
  analysis: AnalysisReport,
  options: ReportSignalOptions = {},
): ReportSignal {
  return {
    label,
    analysis,
    envelope: waveformEnvelope(audio, options.envelopeColumns ?? DEFAULT_ENVELOPE_COLUMNS),
    spectrum: longTermSpectrum(audio, options.spectrum),
  };
}
