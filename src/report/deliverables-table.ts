import { badge } from './badges.js';
import { formatNumber, formatSigned, formatWithUnit } from './format.js';
import { esc, tableHead, tag } from './html.js';
import type { Deliverable } from './types.js';
import { deliverableMarginDb, deliverableVerdict } from './verdicts.js';

/**
 * The delivered files: format, loudness, true peak (and after decoding, for lossy codecs),
 * the margin left under the ceiling, and the SHA-256 that identifies exactly these bytes.
 */
export function deliverablesTable(files: readonly Deliverable[]): string {
  const rows = files.map((file) => {
    const margin = deliverableMarginDb(file);
    const decoded = file.decodedTruePeakDbtp;
    return tag(
      'tr',
      {},
      tag('th', { scope: 'row' }, esc(file.fileName)),
      tag('td', {}, esc(file.format)),
      tag('td', { class: 'num' }, esc(formatWithUnit(file.integratedLufs, 'LUFS'))),
      tag('td', { class: 'num' }, esc(formatWithUnit(file.truePeakDbtp, 'dBTP'))),
      tag(
        'td',
        { class: 'num' },
        esc(
          decoded === undefined || decoded === null ? 'lossless' : formatWithUnit(decoded, 'dBTP'),
        ),
      ),
      tag('td', { class: 'num' }, esc(`${formatSigned(margin)} dB`)),
      tag(
        'td',
        {},
        badge(
          deliverableVerdict(file),
          deliverableVerdict(file) === 'pass' ? 'Under ceiling' : 'Over ceiling',
        ),
      ),
      tag('td', { class: 'hash' }, tag('code', {}, esc(file.sha256))),
    );
  });
  const head = tableHead([
    { label: 'File' },
    { label: 'Format' },
    { label: 'Loudness', numeric: true },
    { label: 'True peak', numeric: true },
    { label: 'After codec', numeric: true },
    { label: 'Margin', numeric: true },
    { label: 'Status' },
    { label: 'SHA-256' },
  ]);
  const sizes = files.some((f) => f.sizeBytes !== undefined)
    ? tag(
        'p',
        { class: 'footnote' },
        esc(
          `Sizes: ${files.map((f) => `${f.fileName} ${f.sizeBytes === undefined ? '—' : `${formatNumber(f.sizeBytes / 1_048_576, 1)} MiB`}`).join('; ')}.`,
        ),
      )
    : '';
  return (
    tag(
      'div',
      { class: 'table-wrap' },
      tag('table', { class: 'data deliverables' }, head, tag('tbody', {}, ...rows)),
    ) +
    tag(
      'p',
      { class: 'footnote' },
      esc(
        'Margin is the ceiling minus the highest true peak, measured after decoding for lossy formats (encoders add overshoots).',
      ),
    ) +
    sizes
  );
}
