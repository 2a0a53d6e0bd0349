/** Size and id options every figure takes. */
export interface FigureOptions {
  /** Total width in px (default FIGURE_WIDTH_PX). */
  readonly width?: number;
  /** Total height in px (each figure has its own default). */
  readonly height?: number;
  /** Prefix for ids inside the SVG (default: the figure's name); unique per page. */
  readonly id?: string;
}
