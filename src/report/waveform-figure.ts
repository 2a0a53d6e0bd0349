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
import { columnStartFrame, type WaveformEnvelope } from './envelope.js';
import type { FigureOptions } from './figure-options.js';
import { formatWithUnit } from './format.js';
import { FIGURE_WIDTH_PX, type Rect, TIME_FIGURE_MARGINS } from './layout.js';
import { bandPath } from './paths.js';
import { linearScale } from './scales.js';
import { element, text } from './svg.js';
import { CLASSES, COLORS, FONT_PX, textWidthPx, tint } from './theme.js';
import { linearTicks } from './ticks.js';
import { timeAxis } from './time-axis.js';

/**
 * Waveforms stacked one above the other on a shared time axis (before above after), each as
 * its min/max envelope with the RMS drawn darker inside: a squashed master shows as an RMS
 * band close to its peaks. The true-peak ceiling is drawn at ± its linear level.
 */

export interface WaveformPanel {
  readonly label: string;
  readonly envelope: WaveformEnvelope;
  readonly role: 'before' | 'after';
}

export interface WaveformFigureData {
  /** One or two panels, drawn top to bottom. */
  readonly panels: readonly WaveformPanel[];
  /** True-peak ceiling (dBTP), drawn as ± its linear level. */
  readonly ceilingDbtp?: number;
}

const PANEL_HEIGHT_PX = 130;
/** How much paler the peak envelope is than the RMS inside it. */
const PEAK_TINT = 0.55;
/** Bold glyphs run about 8 % wider than the regular average. */
const BOLD_WIDTH = 1.08;
const PANEL_GAP_PX = 16;
/** Full scale is ±1; the axis runs a little past it so a full-scale peak is not on the frame. */
const AMPLITUDE_LIMIT = 1.1;

export interface WaveformGeometry {
  readonly width: number;
  readonly height: number;
  readonly x: Axis;
  readonly panels: readonly { readonly area: Rect; readonly y: Axis }[];
}

export function waveformGeometry(
  data: WaveformFigureData,
  options: FigureOptions = {},
): WaveformGeometry {
  const width = options.width ?? FIGURE_WIDTH_PX;
  const count = Math.max(1, data.panels.length);
  const { top, bottom, left, right } = TIME_FIGURE_MARGINS;
  const height =
    options.height ?? top + count * PANEL_HEIGHT_PX + (count - 1) * PANEL_GAP_PX + bottom;
  const panelHeight = (height - top - bottom - (count - 1) * PANEL_GAP_PX) / count;
  const plotWidth = width - left - right;
  const panels = Array.from({ length: count }, (_, i) => {
    const area = {
      x: left,
      y: top + i * (panelHeight + PANEL_GAP_PX),
      width: plotWidth,
      height: panelHeight,
    };
    return {
      area,
      y: {
        scale: linearScale([-AMPLITUDE_LIMIT, AMPLITUDE_LIMIT], [area.y + area.height, area.y]),
        ticks: linearTicks(-1, 1, 5),
        title: 'Amplitude (FS)',
      },
    };
  });
  const frames = Math.max(...data.panels.map((p) => p.envelope.frames), 0);
  const sampleRate = data.panels[0]?.envelope.sampleRate ?? 48_000;
  return { width, height, x: timeAxis(panels[0].area, frames / sampleRate), panels };
}

/** Time (s) at the middle of each envelope column. */
export function columnCentreSeconds(envelope: WaveformEnvelope): Float64Array {
  const times = new Float64Array(envelope.columns);
  for (let c = 0; c < envelope.columns; c++) {
    const start = columnStartFrame(c, envelope.frames, envelope.columns);
    const end = columnStartFrame(c + 1, envelope.frames, envelope.columns);
    times[c] = (start + end) / 2 / envelope.sampleRate;
  }
  return times;
}

function panelBody(
  panel: WaveformPanel,
  area: Rect,
  x: Axis,
  y: Axis,
  clipId: string,
  index: number,
  ceilingDbtp: number | undefined,
): string {
  const color = panel.role === 'before' ? COLORS.before : COLORS.after;
  const pale = tint(color, PEAK_TINT);
  const env = panel.envelope;
  const times = columnCentreSeconds(env);
  const negativeRms = env.rms.map((v) => -v);
  const parts = [
    element('path', {
      'data-series': `${panel.role}-peak`,
      d: bandPath(times, env.min, env.max, x.scale, y.scale),
      fill: pale,
      'clip-path': `url(#${clipId})`,
    }),
    element('path', {
      'data-series': `${panel.role}-rms`,
      d: bandPath(times, negativeRms, env.rms, x.scale, y.scale),
      fill: color,
      'clip-path': `url(#${clipId})`,
    }),
  ];
  if (ceilingDbtp !== undefined && Number.isFinite(ceilingDbtp)) {
    const level = 10 ** (ceilingDbtp / 20);
    for (const sign of [1, -1]) {
      const py = y.scale.map(sign * level);
      parts.push(
        element('line', {
          'data-reference': sign > 0 ? 'ceiling-upper' : 'ceiling-lower',
          x1: area.x,
          y1: py,
          x2: area.x + area.width,
          y2: py,
          stroke: COLORS.limit,
          'stroke-width': 1.25,
          'stroke-dasharray': '4 3',
        }),
      );
    }
    parts.push(
      text(
        {
          x: area.x + area.width + 6,
          y: y.scale.map(level) + 4,
          'font-size': FONT_PX.tick,
          'font-weight': '600',
          fill: COLORS.limit,
        },
        formatWithUnit(ceilingDbtp, 'dBTP'),
      ),
    );
  }
  // The panel's name on a plate, so the ceiling line and the waveform do not run through it.
  const labelWidth = textWidthPx(panel.label, FONT_PX.label) * BOLD_WIDTH;
  parts.push(
    element('rect', {
      class: CLASSES.background,
      x: area.x + 4,
      y: area.y + 4,
      width: labelWidth + 8,
      height: 17,
      rx: 3,
      fill: COLORS.background,
      'fill-opacity': 0.9,
    }),
    text(
      {
        class: CLASSES.text,
        x: area.x + 8,
        y: area.y + 17,
        'font-size': FONT_PX.label,
        'font-weight': '600',
        fill: COLORS.text,
        'data-panel': String(index),
      },
      panel.label,
    ),
  );
  return parts.join('');
}

export function waveformFigure(data: WaveformFigureData, options: FigureOptions = {}): string {
  const id = options.id ?? 'waveform';
  const geometry = waveformGeometry(data, options);
  const { x, panels } = geometry;
  const first = panels[0].area;
  const items: LegendItem[] = [
    {
      label: 'Peak (min/max)',
      style: { color: tint(COLORS.after, PEAK_TINT), widthPx: 1, fillOpacity: 1 },
      kind: 'area',
    },
    { label: 'RMS', style: { color: COLORS.after, widthPx: 1, fillOpacity: 1 }, kind: 'area' },
  ];
  if (data.ceilingDbtp !== undefined) {
    items.push({
      label: 'Ceiling',
      style: { color: COLORS.limit, widthPx: 1.25, dash: '4 3' },
      kind: 'line',
    });
  }
  const defs: string[] = [];
  const bodies: string[] = [];
  data.panels.forEach((panel, i) => {
    const { area, y } = panels[i];
    const clipId = `${id}-clip-${i}`;
    defs.push(clipRect(clipId, area));
    const last = i === panels.length - 1;
    bodies.push(
      gridLines(area, x, y),
      panelBody(panel, area, x, y, clipId, i, data.ceilingDbtp),
      axes(area, x, y, { xLabels: last }),
    );
  });
  const subtitle =
    data.ceilingDbtp === undefined
      ? 'Sample peaks and RMS per pixel column'
      : `Sample peaks and RMS per pixel column; ceiling ${formatWithUnit(data.ceilingDbtp, 'dBTP')}`;
  return svgDocument({
    id,
    width: geometry.width,
    height: geometry.height,
    title: 'Waveform',
    description: `Waveform envelopes of ${data.panels.map((p) => p.label).join(' and ')} against time. ${subtitle}.`,
    body: [
      element('defs', {}, ...defs),
      titleText(first.x, 20, 'Waveform', subtitle),
      legend(items, first.x + first.width, 54),
      ...bodies,
    ].join(''),
  });
}
