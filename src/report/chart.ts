import { escapeMarkup } from './format.js';
import type { Rect } from './layout.js';
import type { Scale } from './scales.js';
import { element, text } from './svg.js';
import { CLASSES, COLORS, FONT_FAMILY, FONT_PX, type SeriesStyle, textWidthPx } from './theme.js';
import type { Tick } from './ticks.js';

/**
 * The parts every figure shares: the document, title, grid, axes with tick labels and unit
 * titles, reference lines and the legend. Figures compose these; none of them draws data.
 */

export interface Axis {
  readonly scale: Scale;
  readonly ticks: readonly Tick[];
  /** Unlabelled grid positions (e.g. 30, 40 … Hz on a log axis). */
  readonly minor?: readonly number[];
  /** Axis title with its unit, e.g. "Loudness (LUFS)". */
  readonly title: string;
}

export interface FigureDocument {
  /** Prefix for the ids inside this SVG; unique per figure so several can share a page. */
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Accessible name; also drawn as the visible title by `titleText`. */
  readonly title: string;
  /** One sentence for screen readers: what the figure shows. */
  readonly description: string;
  readonly body: string;
}

/**
 * A complete standalone SVG document (with xmlns, for files). The HTML report strips the
 * namespace attribute when it inlines one, as HTML does not need it.
 */
export function svgDocument(doc: FigureDocument): string {
  const titleId = `${doc.id}-title`;
  const descId = `${doc.id}-desc`;
  return element(
    'svg',
    {
      xmlns: SVG_NAMESPACE,
      class: CLASSES.figure,
      width: doc.width,
      height: doc.height,
      viewBox: `0 0 ${doc.width} ${doc.height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'font-family': FONT_FAMILY,
    },
    element('title', { id: titleId }, escapeMarkup(doc.title)),
    element('desc', { id: descId }, escapeMarkup(doc.description)),
    element('rect', {
      class: CLASSES.background,
      x: 0,
      y: 0,
      width: doc.width,
      height: doc.height,
      fill: COLORS.background,
    }),
    doc.body,
  );
}

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** The visible figure title (and an optional smaller subtitle beside it). */
export function titleText(x: number, y: number, title: string, subtitle?: string): string {
  const main = text(
    {
      class: CLASSES.text,
      x,
      y,
      'font-size': FONT_PX.title,
      'font-weight': '600',
      fill: COLORS.text,
    },
    title,
  );
  if (subtitle === undefined || subtitle === '') return main;
  return (
    main +
    text(
      {
        class: CLASSES.muted,
        x,
        y: y + 17,
        'font-size': FONT_PX.tick,
        fill: COLORS.muted,
      },
      subtitle,
    )
  );
}

/** Grid lines at the ticks of both axes, drawn first so data sits on top. */
export function gridLines(area: Rect, x: Axis | undefined, y: Axis | undefined): string {
  const parts: string[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number, minor: boolean) =>
    element('line', {
      class: CLASSES.grid,
      x1,
      y1,
      x2,
      y2,
      stroke: COLORS.grid,
      'stroke-width': minor ? 0.5 : 1,
    });
  for (const axis of [x, y]) {
    if (axis === undefined) continue;
    const horizontal = axis === y;
    const positions = [
      ...(axis.minor ?? []).map((v) => ({ v, minor: true })),
      ...axis.ticks.map((t) => ({ v: t.value, minor: false })),
    ];
    for (const { v, minor } of positions) {
      const p = axis.scale.map(v);
      if (horizontal) {
        if (p < area.y - 0.01 || p > area.y + area.height + 0.01) continue;
        parts.push(line(area.x, p, area.x + area.width, p, minor));
      } else {
        if (p < area.x - 0.01 || p > area.x + area.width + 0.01) continue;
        parts.push(line(p, area.y, p, area.y + area.height, minor));
      }
    }
  }
  return element('g', { 'shape-rendering': 'crispEdges' }, ...parts);
}

export interface AxesOptions {
  /** Draw the x tick labels and title (false for an upper panel that shares its x axis). */
  readonly xLabels?: boolean;
}

/** Plot frame, tick marks, tick labels and axis titles. */
export function axes(area: Rect, x: Axis, y: Axis, options: AxesOptions = {}): string {
  const parts: string[] = [];
  const bottom = area.y + area.height;
  parts.push(
    element('rect', {
      class: CLASSES.axis,
      x: area.x,
      y: area.y,
      width: area.width,
      height: area.height,
      fill: 'none',
      stroke: COLORS.axis,
      'stroke-width': 1,
      'shape-rendering': 'crispEdges',
    }),
  );
  const tickStyle = { class: CLASSES.muted, 'font-size': FONT_PX.tick, fill: COLORS.muted };
  if (options.xLabels !== false) {
    for (const tick of x.ticks) {
      const px = x.scale.map(tick.value);
      if (px < area.x - 0.01 || px > area.x + area.width + 0.01) continue;
      parts.push(
        text({ ...tickStyle, x: px, y: bottom + 16, 'text-anchor': 'middle' }, tick.label),
      );
    }
    parts.push(
      text(
        {
          class: CLASSES.text,
          x: area.x + area.width / 2,
          y: bottom + 36,
          'text-anchor': 'middle',
          'font-size': FONT_PX.label,
          fill: COLORS.text,
        },
        x.title,
      ),
    );
  }
  for (const tick of y.ticks) {
    const py = y.scale.map(tick.value);
    if (py < area.y - 0.01 || py > bottom + 0.01) continue;
    parts.push(text({ ...tickStyle, x: area.x - 7, y: py + 4, 'text-anchor': 'end' }, tick.label));
  }
  const cy = area.y + area.height / 2;
  parts.push(
    text(
      {
        class: CLASSES.text,
        x: area.x - 46,
        y: cy,
        'text-anchor': 'middle',
        'font-size': FONT_PX.label,
        fill: COLORS.text,
        transform: `rotate(-90 ${(area.x - 46).toFixed(1)} ${cy.toFixed(1)})`,
      },
      y.title,
    ),
  );
  return parts.join('');
}

/** A clip path for the plot area, so data outside the axes' range is cut at the frame. */
export function clipRect(id: string, area: Rect): string {
  return element(
    'clipPath',
    { id },
    element('rect', { x: area.x, y: area.y, width: area.width, height: area.height }),
  );
}

export interface LegendItem {
  readonly label: string;
  readonly style: SeriesStyle;
  /** 'line' draws a stroke sample, 'area' a filled swatch. */
  readonly kind: 'line' | 'area';
}

const LEGEND_SWATCH_PX = 22;
const LEGEND_GAP_PX = 18;

/** The legend as one right-aligned row ending at `rightX`, baseline at `y`. */
export function legend(items: readonly LegendItem[], rightX: number, y: number): string {
  const widths = items.map(
    (item) => LEGEND_SWATCH_PX + 6 + textWidthPx(item.label, FONT_PX.legend),
  );
  const total = widths.reduce((a, b) => a + b, 0) + LEGEND_GAP_PX * Math.max(0, items.length - 1);
  let x = rightX - total;
  const parts: string[] = [];
  items.forEach((item, i) => {
    const mid = y - 4;
    if (item.kind === 'line') {
      parts.push(
        element('line', {
          x1: x,
          y1: mid,
          x2: x + LEGEND_SWATCH_PX,
          y2: mid,
          stroke: item.style.color,
          'stroke-width': Math.max(1.5, item.style.widthPx),
          'stroke-dasharray': item.style.dash,
        }),
      );
    } else {
      parts.push(
        element('rect', {
          x,
          y: mid - 5,
          width: LEGEND_SWATCH_PX,
          height: 10,
          fill: item.style.color,
          'fill-opacity': item.style.fillOpacity ?? 0.5,
          stroke: item.style.color,
          'stroke-width': 1,
        }),
      );
    }
    parts.push(
      text(
        {
          class: CLASSES.text,
          x: x + LEGEND_SWATCH_PX + 6,
          y,
          'font-size': FONT_PX.legend,
          fill: COLORS.text,
        },
        item.label,
      ),
    );
    x += widths[i] + LEGEND_GAP_PX;
  });
  return element('g', { class: 'mx-legend' }, ...parts);
}
