import type { PlatformPlayback } from '../master/platform-playback.js';
import { findPlatform } from '../master/platforms.js';
import { badge } from './badges.js';
import { formatSigned, formatWithUnit } from './format.js';
import { esc, tableHead, tag } from './html.js';
import { platformVerdict, type Verdict } from './verdicts.js';

const STATUS_LABEL: Record<Verdict, string> = {
  pass: 'Ready',
  check: 'Check',
  fail: 'Over ceiling',
};

/**
 * What each destination will do with the master (from predictPlayback): its target, the gain
 * it applies, the loudness and true peak a listener then gets, the ceiling, and any warning.
 * Figures the destination has not confirmed itself are marked "≈" with a footnote.
 */
export function platformTable(playback: readonly PlatformPlayback[]): string {
  let anyUncertain = false;
  const rows = playback.map((p) => {
    const platform = findPlatform(p.platform);
    const uncertain = platform?.uncertain ?? false;
    anyUncertain ||= uncertain;
    const mark = uncertain ? '≈ ' : '';
    const target =
      platform === undefined
        ? '—'
        : platform.targetLufs === null
          ? 'none'
          : `${mark}${formatWithUnit(platform.targetLufs, 'LUFS')}`;
    const notes = [p.summary, ...p.diagnostics.map((d) => d.message)];
    return tag(
      'tr',
      {},
      tag('th', { scope: 'row' }, esc(p.platformName)),
      tag('td', { class: 'num' }, esc(target)),
      tag('td', { class: 'num' }, esc(p.gainDb === null ? '—' : `${formatSigned(p.gainDb)} dB`)),
      tag('td', { class: 'num' }, esc(formatWithUnit(p.playbackLufs, 'LUFS'))),
      tag('td', { class: 'num' }, esc(formatWithUnit(p.playbackTruePeakDbtp, 'dBTP'))),
      tag('td', { class: 'num' }, esc(formatWithUnit(p.ceilingDbtp, 'dBTP'))),
      tag('td', {}, badge(platformVerdict(p), STATUS_LABEL[platformVerdict(p)])),
      tag('td', { class: 'notes' }, notes.map((n) => tag('div', {}, esc(n))).join('')),
    );
  });
  const head = tableHead([
    { label: 'Platform' },
    { label: 'Target', numeric: true },
    { label: 'Gain applied', numeric: true },
    { label: 'Plays at', numeric: true },
    { label: 'Peak as played', numeric: true },
    { label: 'Ceiling', numeric: true },
    { label: 'Status' },
    { label: 'Notes' },
  ]);
  const table = tag('table', { class: 'data platforms' }, head, tag('tbody', {}, ...rows));
  const note = anyUncertain
    ? tag(
        'p',
        { class: 'footnote' },
        esc(
          '≈ marks figures the destination has not published itself (third-party measurements); treat them as estimates.',
        ),
      )
    : '';
  return tag('div', { class: 'table-wrap' }, table) + note;
}
