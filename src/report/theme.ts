/**
 * The figures' look in one place. Series colours are the Okabe–Ito palette, chosen to stay
 * distinguishable with the common colour-vision deficiencies; every pair that must be told
 * apart also differs in line width or dash, so a grey print still reads.
 * (Okabe & Ito, "Color Universal Design", 2008.)
 *
 * Figures carry these colours as presentation attributes, so a standalone SVG file looks the
 * same in any viewer or editor; the HTML report's stylesheet overrides the neutral ones by
 * class name for dark mode (a CSS rule beats a presentation attribute).
 */
export const COLORS = {
  before: '#E69F00',
  after: '#0072B2',
  afterLight: '#56B4E9',
  reference: '#009E73',
  limit: '#D55E00',
  reduction: '#CC79A7',
  text: '#1b1b1b',
  muted: '#595959',
  grid: '#e6e6e6',
  axis: '#8c8c8c',
  background: '#ffffff',
} as const;

/** Class names the report's stylesheet restyles for dark mode. */
export const CLASSES = {
  figure: 'mx-fig',
  background: 'mx-bg',
  text: 'mx-text',
  muted: 'mx-muted',
  grid: 'mx-grid',
  axis: 'mx-axis',
} as const;

/** System fonts only: the report must render offline, with nothing fetched. */
export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const FONT_PX = { title: 15, label: 12, tick: 11, legend: 12 } as const;

/** Average glyph advance as a fraction of the font size, for laying out legends. */
export const GLYPH_WIDTH_EM = 0.56;

export function textWidthPx(content: string, fontPx: number): number {
  return content.length * fontPx * GLYPH_WIDTH_EM;
}

/**
 * `hex` mixed with white: 0 keeps the colour, 1 is white. Opaque tints rather than
 * transparency keep "paler = outer envelope" true on a dark page as well as a light one.
 */
export function tint(hex: string, amount: number): string {
  const channel = (i: number) => {
    const value = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(value + (255 - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`.toUpperCase();
}

/** How one series is drawn. `dash` is an SVG dash array ("6 3"). */
export interface SeriesStyle {
  readonly color: string;
  readonly widthPx: number;
  readonly dash?: string;
  /** Fill opacity for areas (envelopes, reduction), 0–1. */
  readonly fillOpacity?: number;
}
