import type { CompProposal } from './propose.js';
import type { TakePhraseScore } from './score-phrases.js';

/**
 * The score table as text: per phrase, one row per take with each criterion's score and
 * raw measure, the total, the chosen take marked with *, and the one-line reason.
 */
export function formatCompTable(proposal: CompProposal): string {
  const w = proposal.weights;
  const lines: string[] = [
    `Scores are 0–1 with the raw measure beside each; total = ${w.pitch.toFixed(2)}·pitch + ${w.timing.toFixed(2)}·timing + ${w.noise.toFixed(2)}·noise + ${w.level.toFixed(2)}·level; * marks the chosen take.`,
  ];
  const header = ['', 'take', 'pitch', 'timing', 'noise / clipping', 'level', 'total'];
  for (const [p, phrase] of proposal.scores.entries()) {
    const choice = proposal.choices[p];
    const { startSeconds, endSeconds } = phrase.phrase;
    lines.push('');
    lines.push(`Phrase ${p + 1}: sung ${startSeconds.toFixed(2)}–${endSeconds.toFixed(2)} s`);
    const rows = phrase.takes.map((s) => [
      s.take === choice.take ? '*' : '',
      s.take,
      pitchCell(s),
      timingCell(s),
      noiseCell(s),
      levelCell(s),
      s.total.toFixed(2),
    ]);
    lines.push(...columns([header, ...rows]).map((l) => `  ${l}`));
    lines.push(`  why: ${choice.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function pitchCell(s: TakePhraseScore): string {
  const c = s.pitch.meanAbsCents;
  return `${s.pitch.score.toFixed(2)} ${c === null ? '–' : `${c.toFixed(1)} ct`}`;
}

function timingCell(s: TakePhraseScore): string {
  const ms = s.timing.meanAbsMs;
  return `${s.timing.score.toFixed(2)} ${ms === null ? '–' : `${ms.toFixed(1)} ms`}`;
}

function noiseCell(s: TakePhraseScore): string {
  const n = s.noise;
  const parts: string[] = [];
  if (n.clippedSamples > 0) parts.push(`${n.clippedSamples} clipped`);
  if (n.clicks > 0) parts.push(`${n.clicks} click${n.clicks === 1 ? '' : 's'}`);
  if (parts.length === 0) parts.push(n.snrDb === null ? 'clean' : `SNR ${n.snrDb.toFixed(0)} dB`);
  return `${n.score.toFixed(2)} ${parts.join(', ')}`;
}

function levelCell(s: TakePhraseScore): string {
  const d = s.level.deviationLu;
  return `${s.level.score.toFixed(2)} ${d === null ? '–' : `${d >= 0 ? '+' : ''}${d.toFixed(1)} LU`}`;
}

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
}
