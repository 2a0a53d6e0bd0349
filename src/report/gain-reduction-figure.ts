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
import { formatNumber } from './format.js';
import type { GainReductionSeries } from './gain-reduction.js';
import { FIGURE_WIDTH_PX, plotArea, type Rect, TIME_FIGURE_MARGINS } from './layout.js';
import { bandPath, linePath } from './paths.js';
import { linearScale } from './scales.js';
import { element } from './svg.js';
import { COLORS, type SeriesStyle } from './theme.js';
import { dbTicks } from './ticks.js';
import { timeAxis } from './time-axis.js';

/**
 * Gain reduction against time, 0 dB at the top and reduction growing downwards (as a
 * compressor's meter hangs down), one filled area per dynamics stage.
 */

export interface GainReductionFigureData {
  readonly series: readonly GainReductionSeries[];
  readonly durationSeconds: number;
}

/** Stage colours in order; the first (usually the limiter) gets the most distinct one. */
export const STAGE_STYLES: readonly SeriesStyle[] = [
  { color: COLORS.reduction, widthPx: 1.25, fillOpacity: 0.45 },
  { color: COLORS.reference, widthPx: 1, fillOpacity: 0.3 },
  { color: COLORS.before, widthPx: 1, fillOpacity: 0.3 },
  { color: COLORS.afterLight, widthPx: 1, fillOpacity: 0.3 },
];

const DEFAULT_HEIGHT_PX = 260;
/** The axis shows at least this much reduction, so 0.2 dB of limiting does not fill the plot. */
const MIN_SPAN_DB = 3;

export interface GainReductionGeometry {
  readonly area: Rect;
  readonly x: Axis;
  readonly y: Axis;
}

export function deepestGainDb(series: GainReductionSeries): number {
  let lowest = 0;
  for (const v of series.gainDb) if (Number.isFinite(v) && v < lowest) lowest = v;
  return lowest;
}

export function gainReductionGeometry(
  data: GainReductionFigureData,
  options: FigureOptions = {},
): GainReductionGeometry {
  const width = options.width ?? FIGURE_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const area = plotArea(width, height, TIME_FIGURE_MARGINS);
  const deepest = Math.min(0, ...data.series.map(deepestGainDb));
  // A quarter dB of room under the deepest point, then down to the next tick, so the bottom
  // edge is labelled.
  const span = Math.max(MIN_SPAN_DB, -deepest + 0.25);
  const ticks = dbTicks(-span, 0, Math.floor(area.height / 28));
  const step = ticks.length > 1 ? ticks[1].value - ticks[0].value : 1;
  const bottom = -Math.ceil(span / step - 1e-9) * step;
  return {
    area,
    x: timeAxis(area, data.durationSeconds),
    y: {
      scale: linearScale([bottom, 0], [area.y + area.height, area.y]),
      ticks: dbTicks(bottom, 0, Math.floor(area.height / 28)),
      title: 'Gain change (dB)',
    },
  };
}

/**
 * The deepest gain per pixel column, at the column's start time: a 10-minute series at 10 ms
 * holds 60 000 points, and the figure needs only what one pixel can show.
 */
export function deepestPerColumn(
  series: GainReductionSeries,
  durationSeconds: number,
  columns: number,
): { times: Float64Array; gainDb: Float64Array } {
  const times = new Float64Array(columns + 1);
  const gainDb = new Float64Array(columns + 1).fill(Number.NaN);
  for (let c = 0; c <= columns; c++) times[c] = (c / columns) * durationSeconds;
  series.gainDb.forEach((v, i) => {
    const c = Math.min(columns, Math.floor((i * series.hopSeconds * columns) / durationSeconds));
    if (Number.isFinite(v) && !(gainDb[c] <= v)) gainDb[c] = v;
  });
  return { times, gainDb };
}

export function gainReductionFigure(
  data: GainReductionFigureData,
  options: FigureOptions = {},
): string {
  const id = options.id ?? 'gain-reduction';
  const width = options.width ?? FIGURE_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const geometry = gainReductionGeometry(data, options);
  const { area, x, y } = geometry;
  const clipId = `${id}-clip`;
  const duration = data.durationSeconds > 0 ? data.durationSeconds : 1;
  const paths: string[] = [];
  const items: LegendItem[] = [];
  // Later stages first, so the first one listed (usually the limiter) is drawn on top.
  [...data.series.entries()].reverse().forEach(([i, series]) => {
    const style = STAGE_STYLES[i % STAGE_STYLES.length];
    const { times, gainDb } = deepestPerColumn(series, duration, Math.round(area.width));
    const zero = new Float64Array(gainDb.length);
    paths.push(
      element('path', {
        'data-series': `stage-${i}-area`,
        d: bandPath(times, gainDb, zero, x.scale, y.scale),
        fill: style.color,
        'fill-opacity': style.fillOpacity,
        'clip-path': `url(#${clipId})`,
      }),
      element('path', {
        'data-series': `stage-${i}`,
        d: linePath(times, gainDb, x.scale, y.scale),
        fill: 'none',
        stroke: style.color,
        'stroke-width': style.widthPx,
        'stroke-dasharray': style.dash,
        'stroke-linejoin': 'round',
        'clip-path': `url(#${clipId})`,
      }),
    );
  });
  data.series.forEach((series, i) => {
    items.push({ label: series.label, style: STAGE_STYLES[i % STAGE_STYLES.length], kind: 'area' });
  });
  const subtitle =
    data.series.length === 0
      ? 'No dynamics stage reported gain reduction'
      : `Deepest: ${data.series.map((s) => `${s.label.toLowerCase()} ${formatNumber(-deepestGainDb(s))} dB`).join(', ')}`;
  return svgDocument({
    id,
    width,
    height,
    title: 'Gain reduction over time',
    description: `Gain reduction in dB against time, 0 dB at the top. ${subtitle}.`,
    body: [
      element('defs', {}, clipRect(clipId, area)),
      titleText(area.x, 20, 'Gain reduction over time', subtitle),
      legend(items, area.x + area.width, 54),
      gridLines(area, x, y),
      ...paths,
      axes(area, x, y),
    ].join(''),
  });
}
