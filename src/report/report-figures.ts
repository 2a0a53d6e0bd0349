import { gainReductionFigure } from './gain-reduction-figure.js';
import { loudnessFigure } from './loudness-figure.js';
import { type SpectrumCurve, spectrumFigure } from './spectrum-figure.js';
import type { MasteringReportData, ReportFigure } from './types.js';
import { type WaveformPanel, waveformFigure } from './waveform-figure.js';

/** A figure with the note printed under it in the report. */
export interface AnnotatedFigure extends ReportFigure {
  readonly howToRead: string;
}

const HOW_TO_READ: Record<string, string> = {
  waveform:
    'Each panel shows the highest and lowest sample in every slice of time (pale outer band) and the RMS level (strong inner band). ' +
    'An inner band that nearly fills the outer one means little dynamic range is left; peaks held flat at the dashed ceiling lines are the limiter at work, and nothing should cross them.',
  loudness:
    'Loudness as an EBU R128 meter shows it: the thin line is momentary loudness (400 ms window), the thick line short-term (3 s). ' +
    'The dashed line is the target and the triangles at the right mark integrated loudness — the single number streaming services normalise by. ' +
    'Gaps are silence (no measurable loudness).',
  spectrum:
    'Average level in narrow bands from 20 Hz (left) to 20 kHz (right). The curves are level-matched, so where they part the tonal balance changed: ' +
    'a curve higher on the left has more bass, higher on the right more presence and air. Where a reference is shown, following it closely means a similar tonal balance.',
  'gain-reduction':
    'How far each dynamics stage turned the level down, moment by moment (deeper is more). ' +
    'A few dB on the loudest hits is transparent limiting; deep reduction held for long stretches flattens transients and can pump.',
};

/** The figures a report's data supports, in reading order, each with its "how to read this". */
export function reportFigures(data: MasteringReportData): AnnotatedFigure[] {
  const figures: AnnotatedFigure[] = [];
  const add = (name: string, svg: string) =>
    figures.push({ name, svg, howToRead: HOW_TO_READ[name] });
  const { before, after } = data;
  const duration = Math.max(after.analysis.durationSeconds, before?.analysis.durationSeconds ?? 0);

  const panels: WaveformPanel[] = [];
  if (before?.envelope)
    panels.push({
      label: withFile(before.label, data.inputFile),
      envelope: before.envelope,
      role: 'before',
    });
  if (after.envelope)
    panels.push({
      label: withFile(after.label, data.outputFile),
      envelope: after.envelope,
      role: 'after',
    });
  if (panels.length > 0)
    add('waveform', waveformFigure({ panels, ceilingDbtp: data.target.ceilingDbtp }));

  if (after.analysis.series) {
    add(
      'loudness',
      loudnessFigure({
        after: {
          label: after.label,
          series: after.analysis.series,
          integratedLufs: after.analysis.integratedLufs,
        },
        before: before?.analysis.series
          ? {
              label: before.label,
              series: before.analysis.series,
              integratedLufs: before.analysis.integratedLufs,
            }
          : undefined,
        targetLufs: data.target.lufs,
        durationSeconds: duration,
      }),
    );
  }

  const curves: SpectrumCurve[] = [];
  if (data.reference)
    curves.push({
      label: data.reference.label,
      role: 'reference',
      spectrum: data.reference.spectrum,
    });
  if (before?.spectrum)
    curves.push({ label: before.label, role: 'before', spectrum: before.spectrum });
  if (after.spectrum) curves.push({ label: after.label, role: 'after', spectrum: after.spectrum });
  if (curves.length > 0) add('spectrum', spectrumFigure({ curves }));

  if (data.gainReduction && data.gainReduction.length > 0) {
    add(
      'gain-reduction',
      gainReductionFigure({ series: data.gainReduction, durationSeconds: duration }),
    );
  }
  return figures;
}

function withFile(label: string, file: string | undefined): string {
  return file === undefined ? label : `${label} · ${file}`;
}
