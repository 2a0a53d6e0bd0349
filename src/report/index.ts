/**
 * Public API of the report module: plots as SVG, the mastering / delivery report as one
 * self-contained HTML file, and the measurements behind them (waveform envelopes, long-term
 * spectra, gain-reduction series) for reuse elsewhere (mastering assistant, compare).
 */
export {
  type Axis,
  axes,
  clipRect,
  gridLines,
  type LegendItem,
  legend,
  svgDocument,
  titleText,
} from './chart.js';
export { deliverablesTable } from './deliverables-table.js';
export {
  columnStartFrame,
  DEFAULT_ENVELOPE_COLUMNS,
  type WaveformEnvelope,
  WaveformEnvelopeMeter,
  waveformEnvelope,
} from './envelope.js';
export type { FigureOptions } from './figure-options.js';
export {
  escapeMarkup,
  formatClock,
  formatHz,
  formatNumber,
  formatSigned,
  formatWithUnit,
} from './format.js';
export {
  DEFAULT_GAIN_HOP_SECONDS,
  type GainReductionSeries,
  gainReductionSeries,
} from './gain-reduction.js';
export {
  deepestGainDb,
  type GainReductionFigureData,
  gainReductionFigure,
  gainReductionGeometry,
} from './gain-reduction-figure.js';
export {
  FIGURE_WIDTH_PX,
  type Margins,
  plotArea,
  type Rect,
  TIME_FIGURE_MARGINS,
} from './layout.js';
export {
  averageLevelDb,
  bandLevelsOnLogGrid,
  type LogGridOptions,
  type LongTermSpectrum,
  type LongTermSpectrumOptions,
  logFrequencyGrid,
  longTermSpectrum,
  SPECTRUM_MAX_HZ,
  SPECTRUM_MIN_HZ,
} from './long-term-spectrum.js';
export {
  type LoudnessFigureData,
  type LoudnessTrace,
  loudnessFigure,
  loudnessGeometry,
} from './loudness-figure.js';
export { measurementsTable } from './measurements-table.js';
export { monoFoldTable, monoFoldVerdictLine } from './mono-fold-table.js';
export { bandPath, linePath } from './paths.js';
export { platformTable } from './platform-table.js';
export { renderDeliveryReport, renderMasteringReport } from './render-report.js';
export { type AnnotatedFigure, reportFigures } from './report-figures.js';
export { type ReportSignalOptions, reportSignal } from './report-signal.js';
export { linearScale, logScale, type Scale } from './scales.js';
export {
  type SpectrumCurve,
  type SpectrumFigureData,
  spectrumFigure,
  spectrumGeometry,
} from './spectrum-figure.js';
export { headline } from './summary.js';
export { COLORS, type SeriesStyle } from './theme.js';
export { dbTicks, linearTicks, logFrequencyTicks, type Tick, timeTicks } from './ticks.js';
export type * from './types.js';
export {
  deliverableMarginDb,
  deliverableVerdict,
  loudnessVerdict,
  monoFoldVerdict,
  platformVerdict,
  truePeakVerdict,
  type Verdict,
} from './verdicts.js';
export {
  type WaveformFigureData,
  type WaveformPanel,
  waveformFigure,
  waveformGeometry,
} from './waveform-figure.js';
export {
  type PowerSpectralDensity,
  periodicHann,
  WelchAccumulator,
  type WelchOptions,
} from './welch.js';
export { writeReport } from './write-report.js';
