import type { AnalysisReport } from '../analysis/types.js';
import { formatNumber, formatSigned } from './format.js';
import { esc, tableHead, tag } from './html.js';

/**
 * Before / after / change for every headline measurement in an AnalysisReport, so a reader
 * can see what the master changed beyond loudness (range, crest, correlation).
 */

interface Row {
  readonly name: string;
  readonly unit: string;
  readonly decimals: number;
  readonly value: (report: AnalysisReport) => number | null;
  /** Unit of a change (a difference of LUFS is in dB); null where a difference means nothing. */
  readonly changeUnit: string | null;
}

const ROWS: readonly Row[] = [
  {
    name: 'Integrated loudness',
    unit: 'LUFS',
    decimals: 1,
    value: (r) => r.integratedLufs,
    changeUnit: 'LU',
  },
  {
    name: 'Loudness range',
    unit: 'LU',
    decimals: 1,
    value: (r) => r.loudnessRangeLu,
    changeUnit: 'LU',
  },
  {
    name: 'Max short-term',
    unit: 'LUFS',
    decimals: 1,
    value: (r) => r.maxShortTermLufs,
    changeUnit: 'LU',
  },
  {
    name: 'Max momentary',
    unit: 'LUFS',
    decimals: 1,
    value: (r) => r.maxMomentaryLufs,
    changeUnit: 'LU',
  },
  { name: 'True peak', unit: 'dBTP', decimals: 2, value: (r) => r.truePeakDbtp, changeUnit: 'dB' },
  {
    name: 'Sample peak',
    unit: 'dBFS',
    decimals: 2,
    value: (r) => r.samplePeakDbfs,
    changeUnit: 'dB',
  },
  {
    name: 'Peak-to-loudness ratio',
    unit: 'dB',
    decimals: 1,
    value: (r) => r.plrDb,
    changeUnit: 'dB',
  },
  {
    name: 'Crest factor',
    unit: 'dB',
    decimals: 1,
    value: (r) => r.crestFactorDb,
    changeUnit: 'dB',
  },
  { name: 'RMS', unit: 'dBFS', decimals: 1, value: (r) => r.rmsDbfs, changeUnit: 'dB' },
  {
    name: 'Stereo correlation',
    unit: '',
    decimals: 2,
    value: (r) => r.stereoCorrelation,
    changeUnit: '',
  },
  {
    name: 'Clipped samples',
    unit: '',
    decimals: 0,
    value: (r) => r.clippedSamples,
    changeUnit: null,
  },
  { name: 'Duration', unit: 's', decimals: 2, value: (r) => r.durationSeconds, changeUnit: null },
];

function cell(value: number | null, row: Row): string {
  const text = formatNumber(value, row.decimals);
  return row.unit === '' || text === '—' ? text : `${text} ${row.unit}`;
}

export function measurementsTable(
  after: AnalysisReport,
  before?: AnalysisReport,
  labels = { before: 'Before', after: 'After' },
): string {
  const head = tableHead(
    before
      ? [
          { label: 'Measurement' },
          { label: labels.before, numeric: true },
          { label: labels.after, numeric: true },
          { label: 'Change', numeric: true },
        ]
      : [{ label: 'Measurement' }, { label: labels.after, numeric: true }],
  );
  const rows = ROWS.map((row) => {
    const a = row.value(after);
    const cells = [tag('th', { scope: 'row' }, esc(row.name))];
    if (before) {
      const b = row.value(before);
      const change =
        row.changeUnit !== null &&
        a !== null &&
        b !== null &&
        Number.isFinite(a) &&
        Number.isFinite(b)
          ? `${formatSigned(a - b, row.decimals)}${row.changeUnit === '' ? '' : ` ${row.changeUnit}`}`
          : '—';
      cells.push(tag('td', { class: 'num' }, esc(cell(b, row))));
      cells.push(tag('td', { class: 'num' }, esc(cell(a, row))));
      cells.push(tag('td', { class: 'num' }, esc(change)));
    } else {
      cells.push(tag('td', { class: 'num' }, esc(cell(a, row))));
    }
    return tag('tr', {}, ...cells);
  });
  return tag(
    'div',
    { class: 'table-wrap' },
    tag('table', { class: 'data measurements' }, head, tag('tbody', {}, ...rows)),
  );
}
