import type { Diagnostic } from '../core/diagnostics.js';
import { BASS_BAND_HZ, type MonoFoldDown } from '../master/previews/mono-fold.js';
import { badge } from './badges.js';
import { formatNumber, formatSigned, formatWithUnit } from './format.js';
import { esc, tableHead, tag } from './html.js';
import { monoFoldVerdict, type Verdict } from './verdicts.js';

/**
 * The mono fold-down check as a small table — loudness, bass and correlation of (L + R)/2 —
 * and one verdict line. Which figure needs checking is decided by the check itself (its
 * diagnostics), so the table and the command-line summary never disagree.
 */

interface Row {
  readonly name: string;
  readonly value: string;
  /** Diagnostic codes that put this row under "Check". */
  readonly codes: readonly string[];
  readonly meaning: string;
}

export function monoFoldTable(fold: MonoFoldDown): string {
  if (fold.correlation === null) {
    return tag('p', { class: 'verdict' }, esc(monoFoldVerdictLine(fold)));
  }
  const [lo, hi] = BASS_BAND_HZ;
  const rows: Row[] = [
    {
      name: 'Loudness in mono',
      value: `${formatSigned(fold.loudnessChangeDb)} dB (${formatWithUnit(fold.stereoLufs, 'LUFS')} → ${formatWithUnit(fold.monoLufs, 'LUFS')})`,
      codes: ['mono-loudness-loss'],
      meaning: '0 dB when both sides are the same; −3 dB when they are unrelated',
    },
    {
      name: `Bass ${lo}–${hi} Hz in mono`,
      value: `${formatSigned(fold.bassChangeDb)} dB`,
      codes: ['mono-bass-cancellation'],
      meaning: 'energy of the folded bass against the mean of left and right',
    },
    {
      name: 'Correlation of L and R',
      value: formatSigned(fold.correlation, 2),
      codes: ['negative-correlation'],
      meaning: '+1 mono, 0 unrelated, below 0 parts cancel',
    },
  ];
  const body = rows.map((row) => {
    const verdict: Verdict = fold.diagnostics.some((d) => row.codes.includes(d.code))
      ? 'check'
      : 'pass';
    return tag(
      'tr',
      {},
      tag('th', { scope: 'row' }, esc(row.name)),
      tag('td', { class: 'num' }, esc(row.value)),
      tag('td', {}, badge(verdict, verdict === 'pass' ? 'Holds' : 'Check')),
      tag('td', { class: 'notes' }, esc(row.meaning)),
    );
  });
  const head = tableHead([
    { label: 'Fold-down (L + R)/2' },
    { label: 'Measured', numeric: true },
    { label: 'Status' },
    { label: 'Reads' },
  ]);
  return (
    tag(
      'div',
      { class: 'table-wrap' },
      tag('table', { class: 'data mono-fold' }, head, tag('tbody', {}, ...body)),
    ) + tag('p', { class: 'verdict' }, esc(monoFoldVerdictLine(fold)))
  );
}

/** One sentence: mono-compatible, or what to check (the check's own findings). */
export function monoFoldVerdictLine(fold: MonoFoldDown): string {
  if (fold.correlation === null) return 'Mono: the master is mono, nothing to fold down.';
  const worries = fold.diagnostics.filter((d: Diagnostic) => d.severity !== 'info');
  const notes = fold.diagnostics.filter((d: Diagnostic) => d.severity === 'info');
  if (monoFoldVerdict(fold) === 'pass') {
    const extra = notes.length > 0 ? ` ${notes.map((d) => d.message).join(' ')}` : '';
    return `Mono: holds up — ${formatNumber(-fold.loudnessChangeDb)} dB quieter folded to mono, nothing cancels.${extra}`;
  }
  return `Mono: check — ${worries.map((d) => d.message).join(' ')}`;
}
