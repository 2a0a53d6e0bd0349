/**
 * Text formatting for the command line: numbers with their unit conventions, durations, and
 * plain aligned tables. Non-finite levels print as "-inf", never "NaN".
 */

export function formatLevel(
  value: number | null | undefined,
  decimals = 1,
  signed = false,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === Number.POSITIVE_INFINITY) return '+inf';
  const text = value.toFixed(decimals);
  // "-0.0" reads as a sign error; show it as 0.0 (or +0.0 when signed).
  const normalised = Number(text) === 0 ? (0).toFixed(decimals) : text;
  return signed && !normalised.startsWith('-') ? `+${normalised}` : normalised;
}

/** 184.25 → "3:04.3"; 3725 → "1:02:05.0". */
export function formatDuration(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const hours = Math.floor(tenths / 36000);
  const minutes = Math.floor((tenths % 36000) / 600);
  const secs = (tenths % 600) / 10;
  const secText = secs.toFixed(1).padStart(4, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${secText}`
    : `${minutes}:${secText}`;
}

export function formatSampleRate(hz: number): string {
  return hz % 1000 === 0 ? `${hz / 1000} kHz` : `${(hz / 1000).toFixed(1)} kHz`;
}

export function formatChannels(count: number): string {
  switch (count) {
    case 1:
      return 'mono';
    case 2:
      return 'stereo';
    case 6:
      return '5.1';
    default:
      return `${count} ch`;
  }
}

export type Align = 'left' | 'right';

/** Columns padded to their widest cell, separated by two spaces. */
export function renderTable(header: string[], rows: string[][], align: Align[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
