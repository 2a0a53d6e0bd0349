import {
  type Axis,
  axes,
  clipRect,
  gridLines,
  type LegendItem,
  legend,
  svgDocument,
  titleText,
} from './chart.js';
import type { FigureOptions } from './figure-options.js';
import { FIGURE_WIDTH_PX, plotArea, type Rect } from './layout.js';
import {
  averageLevelDb,
  type LongTermSpectrum,
  SPECTRUM_MAX_HZ,
  SPECTRUM_MIN_HZ,
} from './long-term-spectrum.js';
import { linePath } from './paths.js';
import { linearScale, logScale } from './scales.js';
import { element } from './svg.js';
import { COLORS, type SeriesStyle } from './theme.js';
import { dbTicks, logFrequencyTicks } from './ticks.js';

/**
 * Long-term spectra on a log-frequency axis (20 Hz – 20 kHz): before, after and a reference
 * (any of them may be absent). By default each curve is shifted so its average level over the
 * grid (in dB) is 0, so a louder master does not simply sit higher: what differs is tonal
 * balance.
 */

export type SpectrumRole = 'before' | 'after' | 'reference';

export interface SpectrumCurve {
  readonly label: string;
  readonly role: SpectrumRole;
  readonly spectrum: LongTermSpectrum;
}

export interface SpectrumFigureData {
  readonly curves: readonly SpectrumCurve[];
  /** 'matched' (default): each curve relative to its average level; 'absolute': dBFS. */
  readonly levels?: 'matched' | 'absolute';
}

export const SPECTRUM_STYLES: Record<SpectrumRole, SeriesStyle> = {
  before: { color: COLORS.before, widthPx: 2, dash: '7 4' },
  after: { color: COLORS.after, widthPx: 2.5 },
  reference: { color: COLORS.reference, widthPx: 2, dash: '10 3 2 3' },
};

const DEFAULT_HEIGHT_PX = 380;
const SPECTRUM_SPAN_DB = 60;
const MARGINS = { top: 62, right: 32, bottom: 46, left: 64 };

export interface SpectrumGeometry {
  readonly area: Rect;
  readonly x: Axis;
  readonly y: Axis;
  /** dB subtracted from each curve (same order as data.curves); 0 for 'absolute'. */
  readonly offsetsDb: readonly number[];
}

export function spectrumGeometry(
  data: SpectrumFigureData,
  options: FigureOptions = {},
): SpectrumGeometry {
  const width = options.width ?? FIGURE_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const area = plotArea(width, height, MARGINS);
  const matched = (data.levels ?? 'matched') === 'matched';
  const offsetsDb = data.curves.map((c) => {
    const mean = matched ? averageLevelDb(c.spectrum) : 0;
    return Number.isFinite(mean) ? mean : 0;
  });
  let loudest = Number.NEGATIVE_INFINITY;
  data.curves.forEach((curve, i) => {
    for (const level of curve.spectrum.levelsDb) {
      if (Number.isFinite(level)) loudest = Math.max(loudest, level - offsetsDb[i]);
    }
  });
  const top = Number.isFinite(loudest) ? Math.ceil((loudest + 3) / 6) * 6 : 0;
  const domain: [number, number] = [top - SPECTRUM_SPAN_DB, top];
  const { major, minor } = logFrequencyTicks(SPECTRUM_MIN_HZ, SPECTRUM_MAX_HZ);
  return {
    area,
    x: {
      scale: logScale([SPECTRUM_MIN_HZ, SPECTRUM_MAX_HZ], [area.x, area.x + area.width]),
      ticks: major,
      minor,
      title: 'Frequency (Hz)',
    },
    y: {
      scale: linearScale(domain, [area.y + area.height, area.y]),
      ticks: dbTicks(domain[0], domain[1], Math.floor(area.height / 28)),
      title: matched ? 'Relative level (dB)' : 'Band level (dBFS)',
    },
    offsetsDb,
  };
}

export function spectrumFigure(data: SpectrumFigureData, options: FigureOptions = {}): string {
  const id = options.id ?? 'spectrum';
  const width = options.width ?? FIGURE_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const geometry = spectrumGeometry(data, options);
  const { area, x, y, offsetsDb } = geometry;
  const clipId = `${id}-clip`;
  // Draw the reference first and the master last, so the master is on top.
  const order: SpectrumRole[] = ['reference', 'before', 'after'];
  const indexed = data.curves.map((curve, i) => ({ curve, i }));
  indexed.sort((a, b) => order.indexOf(a.curve.role) - order.indexOf(b.curve.role));
  const paths = indexed.map(({ curve, i }) => {
    const style = SPECTRUM_STYLES[curve.role];
    const shifted = curve.spectrum.levelsDb.map((v) => v - offsetsDb[i]);
    return element('path', {
      'data-series': curve.role,
      d: linePath(curve.spectrum.frequenciesHz, shifted, x.scale, y.scale),
      fill: 'none',
      stroke: style.color,
      'stroke-width': style.widthPx,
      'stroke-dasharray': style.dash,
      'stroke-linejoin': 'round',
      'clip-path': `url(#${clipId})`,
    });
  });
  const items: LegendItem[] = data.curves.map((c) => ({
    label: c.label,
    style: SPECTRUM_STYLES[c.role],
    kind: 'line',
  }));
  const smoothing = data.curves[0]?.spectrum.smoothingOctaves ?? 1 / 6;
  const bands = `1/${Math.round(1 / smoothing)}-octave bands`;
  const subtitle =
    (data.levels ?? 'matched') === 'matched'
      ? `Average spectrum, ${bands}; curves level-matched, so differences are tonal balance, not loudness`
      : `Average spectrum, ${bands}; absolute band levels`;
  return svgDocument({
    id,
    width,
    height,
    title: 'Long-term spectrum',
    description: `Long-term average spectra of ${data.curves.map((c) => c.label).join(', ')} from 20 Hz to 20 kHz. ${subtitle}.`,
    body: [
      element('defs', {}, clipRect(clipId, area)),
      titleText(area.x, 20, 'Long-term spectrum', subtitle),
      legend(items, area.x + area.width, 54),
      gridLines(area, x, y),
      ...paths,
      axes(area, x, y),
    ].join(''),
  });
}
