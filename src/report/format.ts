/**
 * Text for people: levels, frequencies and times as a report prints them. A typographic minus
 * (U+2212) rather than a hyphen, a fixed number of decimals, and "−∞" / "—" instead of
 * "-Infinity" or "NaN" (DESIGN.md, "Honest numbers": a silent file has no loudness, and the
 * report says so rather than printing a broken number).
 */

export const MINUS = '\u2212';

/** `value` with `decimals` decimals and a typographic minus; "−∞", "+∞" or "—" when not finite. */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === Number.NEGATIVE_INFINITY) return `${MINUS}∞`;
  if (value === Number.POSITIVE_INFINITY) return '+∞';
  const text = value.toFixed(decimals);
  // toFixed keeps the sign of values that round to zero ("-0.0"); a reader sees plain zero.
  if (Number(text) === 0) return text.replace('-', '');
  return text.replace('-', MINUS);
}

/** Like formatNumber, with an explicit "+" on positive values (gains, deltas). */
export function formatSigned(value: number | null | undefined, decimals = 1): string {
  const text = formatNumber(value, decimals);
  if (value === null || value === undefined || !Number.isFinite(value)) return text;
  return Number(value.toFixed(decimals)) > 0 ? `+${text}` : text;
}

/** "−14.0 LUFS", "−∞ LUFS", "— LUFS" never; a missing value is a bare "—". */
export function formatWithUnit(
  value: number | null | undefined,
  unit: string,
  decimals = 1,
): string {
  const text = formatNumber(value, decimals);
  return text === '—' ? text : `${text} ${unit}`;
}

/** Frequency tick text: "20", "500", "1k", "2.5k", "20k". */
export function formatHz(hz: number): string {
  if (hz >= 1000) {
    const k = hz / 1000;
    return `${Number.isInteger(k) ? k.toFixed(0) : k.toFixed(1)}k`;
  }
  return Number.isInteger(hz) ? hz.toFixed(0) : hz.toFixed(1);
}

/** Time tick text: "m:ss" (whole seconds), e.g. 75 → "1:15". */
export function formatClock(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole - 60 * minutes;
  return `${minutes}:${rest.toString().padStart(2, '0')}`;
}

/** Escape text for XML and HTML content and attribute values (both quote kinds). */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
