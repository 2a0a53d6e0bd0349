import { badge } from './badges.js';
import { formatNumber, formatSigned, formatWithUnit } from './format.js';
import { esc, tag } from './html.js';
import type { MasteringReportData } from './types.js';
import {
  DEFAULT_TARGET_TOLERANCE_LU,
  deliverableVerdict,
  loudnessVerdict,
  platformVerdict,
  truePeakVerdict,
  type Verdict,
} from './verdicts.js';

/**
 * The top of the report: one sentence a producer can read out ("Master: −14.0 LUFS,
 * −1.2 dBTP — ready for Spotify, Apple Music …"), pass/fail badges, and the four numbers
 * that matter with what they were before.
 */

function list(names: readonly string[]): string {
  return names.join(', ');
}

export function headline(data: MasteringReportData): string {
  const { analysis } = data.after;
  const level = `Master: ${formatWithUnit(analysis.integratedLufs, 'LUFS')}, ${formatWithUnit(analysis.truePeakDbtp, 'dBTP', 1)}`;
  const clauses: string[] = [];
  const playback = data.playback ?? [];
  if (playback.length > 0) {
    const by = (verdict: Verdict) =>
      playback.filter((p) => platformVerdict(p) === verdict).map((p) => p.platformName);
    if (by('pass').length > 0) clauses.push(`ready for ${list(by('pass'))}`);
    if (by('check').length > 0) clauses.push(`check ${list(by('check'))}`);
    if (by('fail').length > 0) clauses.push(`over the ceiling for ${list(by('fail'))}`);
  } else {
    const loud = loudnessVerdict(data.target, analysis.integratedLufs);
    const peak = truePeakVerdict(data.target, analysis.truePeakDbtp);
    clauses.push(loud !== 'fail' && peak === 'pass' ? 'on target' : 'not on target');
  }
  const files = data.deliverables ?? [];
  if (files.length > 0) {
    const failing = files.filter((f) => deliverableVerdict(f) === 'fail');
    clauses.push(
      failing.length === 0
        ? `${files.length} ${files.length === 1 ? 'file' : 'files'} delivered, all under the ceiling`
        : `${failing.length} of ${files.length} files over the ceiling (${list(failing.map((f) => f.fileName))})`,
    );
  }
  return `${level} — ${clauses.join('; ')}.`;
}

function targetBadges(data: MasteringReportData): string[] {
  const { target } = data;
  const { analysis } = data.after;
  const badges: string[] = [];
  const loud = loudnessVerdict(target, analysis.integratedLufs);
  if (loud !== null && target.lufs !== null) {
    const tolerance = target.toleranceLu ?? DEFAULT_TARGET_TOLERANCE_LU;
    badges.push(
      badge(
        loud,
        `Loudness ${formatNumber(analysis.integratedLufs)} LUFS (target ${formatNumber(target.lufs)} ±${formatNumber(tolerance)})`,
      ),
    );
  }
  badges.push(
    badge(
      truePeakVerdict(target, analysis.truePeakDbtp),
      `True peak ${formatNumber(analysis.truePeakDbtp)} dBTP (ceiling ${formatNumber(target.ceilingDbtp)})`,
    ),
  );
  if (analysis.clippedSamples > 0)
    badges.push(badge('fail', `${analysis.clippedSamples} clipped samples`));
  return badges;
}

interface Stat {
  readonly name: string;
  readonly unit: string;
  readonly after: number;
  readonly before?: number;
}

function statTile(stat: Stat): string {
  const was =
    stat.before === undefined
      ? ''
      : tag(
          'div',
          { class: 'was' },
          esc(
            Number.isFinite(stat.before) && Number.isFinite(stat.after)
              ? `was ${formatNumber(stat.before)} (${formatSigned(stat.after - stat.before)})`
              : `was ${formatNumber(stat.before)}`,
          ),
        );
  return tag(
    'div',
    { class: 'stat' },
    tag('dt', {}, esc(stat.name)),
    tag(
      'dd',
      {},
      tag('span', { class: 'value' }, esc(formatNumber(stat.after))),
      tag('span', { class: 'unit' }, esc(stat.unit)),
      was,
    ),
  );
}

export function summarySection(data: MasteringReportData): string {
  const a = data.after.analysis;
  const b = data.before?.analysis;
  const stats: Stat[] = [
    {
      name: 'Integrated loudness',
      unit: 'LUFS',
      after: a.integratedLufs,
      before: b?.integratedLufs,
    },
    { name: 'True peak', unit: 'dBTP', after: a.truePeakDbtp, before: b?.truePeakDbtp },
    { name: 'Loudness range', unit: 'LU', after: a.loudnessRangeLu, before: b?.loudnessRangeLu },
    { name: 'Peak-to-loudness ratio', unit: 'dB', after: a.plrDb, before: b?.plrDb },
  ];
  const platformBadges = (data.playback ?? []).map((p) =>
    badge(platformVerdict(p), p.platformName, p.summary),
  );
  return tag(
    'section',
    { id: 'summary', class: 'summary', 'aria-labelledby': 'summary-title' },
    tag('h2', { id: 'summary-title', class: 'visually-hidden' }, 'Summary'),
    tag('p', { class: 'headline' }, esc(headline(data))),
    tag(
      'ul',
      { class: 'badges', 'aria-label': 'Target checks' },
      ...targetBadges(data).map((x) => tag('li', {}, x)),
    ),
    platformBadges.length > 0
      ? tag(
          'ul',
          { class: 'badges', 'aria-label': 'Platforms' },
          ...platformBadges.map((x) => tag('li', {}, x)),
        )
      : '',
    tag('dl', { class: 'stats' }, ...stats.map(statTile)),
  );
}
