import type { LoudnessSeries } from '../analysis/types.js';
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
import { formatNumber, formatWithUnit } from './format.js';
import { FIGURE_WIDTH_PX, plotArea, type Rect, TIME_FIGURE_MARGINS } from './layout.js';
import { linePath } from './paths.js';
import { linearScale } from './scales.js';
import { coord, element, text } from './svg.js';
import { COLORS, FONT_PX, type SeriesStyle } from './theme.js';
import { dbTicks } from './ticks.js';
import { timeAxis, windowEndTimes } from './time-axis.js';

/**
 * Loudness over time (EBU R128 meter view): momentary (400 ms) as a thin line, short-term
 * (3 s) as a thick one, the target as a dashed horizontal line, and each signal's integrated
 * loudness as a marker at the right edge. Points sit at the end of their window, where a
 * meter shows them.
 */

export interface LoudnessTrace {
  readonly label: string;
  readonly series: LoudnessSeries;
  readonly integratedLufs: number;
}

export interface LoudnessFigureData {
  readonly after: LoudnessTrace;
  /** Drawn as its short-term line only, so the master stays readable on top. */
  readonly before?: LoudnessTrace;
  readonly targetLufs?: number | null;
  readonly durationSeconds: number;
}

export const LOUDNESS_STYLES = {
  afterMomentary: { color: COLORS.afterLight, widthPx: 1 },
  afterShortTerm: { color: COLORS.after, widthPx: 2.5 },
  beforeShortTerm: { color: COLORS.before, widthPx: 2, dash: '7 4' },
  target: { color: COLORS.limit, widthPx: 1.5, dash: '4 3' },
} as const satisfies Record<string, SeriesStyle>;

/** LU shown on the y axis: R128's "EBU +18" scale shows 27; a little more keeps quiet intros. */
const LOUDNESS_SPAN_LU = 36;
const DEFAULT_HEIGHT_PX = 340;

export interface LoudnessGeometry {
  readonly area: Rect;
  readonly x: Axis;
  readonly y: Axis;
}

function finiteMax(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  return max;
}

/**
 * The axes: time across, LUFS up, the top a few LU above the loudest value (or the target)
 * rounded up to 6 LU, and LOUDNESS_SPAN_LU below that.
 */
export function loudnessGeometry(
  data: LoudnessFigureData,
  options: FigureOptions = {},
): LoudnessGeometry {
  const width = options.width ?? FIGURE_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const area = plotArea(width, height, TIME_FIGURE_MARGINS);
  const loudest = finiteMax([
    finiteMax(data.after.series.momentaryLufs),
    finiteMax(data.before?.series.shortTermLufs ?? []),
    data.targetLufs ?? Number.NEGATIVE_INFINITY,
    data.after.integratedLufs,
    data.before?.integratedLufs ?? Number.NEGATIVE_INFINITY,
  ]);
  const top = Number.isFinite(loudest) ? Math.ceil((loudest + 2) / 6) * 6 : 0;
  const domain: [number, number] = [top - LOUDNESS_SPAN_LU, top];
  return {
    area,
    x: timeAxis(area, data.durationSeconds),
    y: {
      scale: linearScale(domain, [area.y + area.height, area.y]),
      ticks: dbTicks(domain[0], domain[1], Math.floor(area.height / 28)),
      title: 'Loudness (LUFS)',
    },
  };
}

function seriesPath(
  name: string,
  values: Float64Array,
  hopSeconds: number,
  geometry: LoudnessGeometry,
  style: SeriesStyle,
  clipId: string,
): string {
  const d = linePath(
    windowEndTimes(values.length, hopSeconds),
    values,
    geometry.x.scale,
    geometry.y.scale,
  );
  if (d === '') return '';
  return element('path', {
    'data-series': name,
    d,
    fill: 'none',
    stroke: style.color,
    'stroke-width': style.widthPx,
    'stroke-dasharray': style.dash,
    'stroke-linejoin': 'round',
    'stroke-linecap': 'round',
    'clip-path': `url(#${clipId})`,
  });
}

/** Integrated-loudness markers in the right margin, nudged apart when they would overlap. */
function integratedMarkers(
  geometry: LoudnessGeometry,
  markers: { name: string; lufs: number; color: string }[],
): string {
  const { area, y } = geometry;
  const placed: number[] = [];
  const parts: string[] = [];
  const right = area.x + area.width;
  for (const marker of markers) {
    if (!Number.isFinite(marker.lufs)) continue;
    const exact = Math.min(Math.max(y.scale.map(marker.lufs), area.y), area.y + area.height);
    let labelY = exact;
    for (const other of placed) if (Math.abs(labelY - other) < 14) labelY = other + 14;
    placed.push(labelY);
    parts.push(
      element(
        'g',
        { 'data-marker': marker.name },
        element('path', {
          d: `M${coord(right + 1)} ${coord(exact)}l8 -5v10z`,
          fill: marker.color,
        }),
        text(
          {
            x: right + 12,
            y: labelY + 4,
            'font-size': FONT_PX.tick,
            'font-weight': '600',
            fill: marker.color,
          },
          `I ${formatNumber(marker.lufs)}`,
        ),
      ),
    );
  }
  return parts.join('');
}

function targetLine(geometry: LoudnessGeometry, targetLufs: number): string {
  const { area, y } = geometry;
  const py = y.scale.map(targetLufs);
  if (py < area.y || py > area.y + area.height) return '';
  const style = LOUDNESS_STYLES.target;
  return element(
    'g',
    { 'data-reference': 'target' },
    element('line', {
      x1: area.x,
      y1: py,
      x2: area.x + area.width,
      y2: py,
      stroke: style.color,
      'stroke-width': style.widthPx,
      'stroke-dasharray': style.dash,
    }),
    text(
      {
        class: 'mx-halo',
        x: area.x + 6,
        y: py - 5,
        'font-size': FONT_PX.tick,
        'font-weight': '600',
        fill: style.color,
        stroke: COLORS.background,
        'stroke-width': 3,
        'paint-order': 'stroke',
      },
      `Target ${formatWithUnit(targetLufs, 'LUFS')}`,
    ),
  );
}

export function loudnessFigure(data: LoudnessFigureData, options: FigureOptions = {}): string {
  const id = options.id ?? 'loudness';
  const width = options.width ?? FIGURE_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const geometry = loudnessGeometry(data, options);
  const { area } = geometry;
  const clipId = `${id}-clip`;
  const { after, before } = data;
  const target = data.targetLufs ?? null;

  const items: LegendItem[] = [
    { label: `${after.label} momentary`, style: LOUDNESS_STYLES.afterMomentary, kind: 'line' },
    { label: `${after.label} short-term`, style: LOUDNESS_STYLES.afterShortTerm, kind: 'line' },
  ];
  if (before)
    items.push({
      label: `${before.label} short-term`,
      style: LOUDNESS_STYLES.beforeShortTerm,
      kind: 'line',
    });
  if (target !== null) items.push({ label: 'Target', style: LOUDNESS_STYLES.target, kind: 'line' });

  const integrated = before
    ? `Integrated: ${before.label.toLowerCase()} ${formatWithUnit(before.integratedLufs, 'LUFS')} → ${after.label.toLowerCase()} ${formatWithUnit(after.integratedLufs, 'LUFS')}`
    : `Integrated: ${formatWithUnit(after.integratedLufs, 'LUFS')}`;
  const subtitle =
    target === null ? integrated : `${integrated}; target ${formatWithUnit(target, 'LUFS')}`;

  const body = [
    element('defs', {}, clipRect(clipId, area)),
    titleText(area.x, 20, 'Loudness over time', subtitle),
    legend(items, area.x + area.width, 54),
    gridLines(area, geometry.x, geometry.y),
    before
      ? seriesPath(
          'before-short-term',
          before.series.shortTermLufs,
          before.series.hopSeconds,
          geometry,
          LOUDNESS_STYLES.beforeShortTerm,
          clipId,
        )
      : '',
    seriesPath(
      'after-momentary',
      after.series.momentaryLufs,
      after.series.hopSeconds,
      geometry,
      LOUDNESS_STYLES.afterMomentary,
      clipId,
    ),
    seriesPath(
      'after-short-term',
      after.series.shortTermLufs,
      after.series.hopSeconds,
      geometry,
      LOUDNESS_STYLES.afterShortTerm,
      clipId,
    ),
    target !== null ? targetLine(geometry, target) : '',
    axes(area, geometry.x, geometry.y),
    integratedMarkers(geometry, [
      { name: 'after-integrated', lufs: after.integratedLufs, color: COLORS.after },
      ...(before
        ? [{ name: 'before-integrated', lufs: before.integratedLufs, color: COLORS.before }]
        : []),
    ]),
  ].join('');

  return svgDocument({
    id,
    width,
    height,
    title: 'Loudness over time',
    description: `Momentary and short-term loudness in LUFS against time. ${subtitle}.`,
    body,
  });
}
