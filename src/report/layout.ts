/** A rectangle in SVG pixels. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Default figure width (px); figures scale down in the page, so this only sets proportions. */
export const FIGURE_WIDTH_PX = 960;

/**
 * Margins shared by every figure drawn against time (waveform, loudness, gain reduction), so
 * their time axes line up one above the other in the report. The right margin holds the
 * end-of-line labels (integrated loudness, ceiling).
 */
export const TIME_FIGURE_MARGINS: Margins = { top: 62, right: 92, bottom: 46, left: 64 };

/** The plot area inside a figure of `width` × `height` with `margins`. */
export function plotArea(width: number, height: number, margins: Margins): Rect {
  return {
    x: margins.left,
    y: margins.top,
    width: width - margins.left - margins.right,
    height: height - margins.top - margins.bottom,
  };
}
