import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MixdownError } from '../core/errors.js';
import { readAudio } from '../io/index.js';
import { type Comparison, compareAudio } from '../master/compare/index.js';
import { ExitCode } from './cli-io.js';
import { formatLevel, renderTable } from './format.js';
import { toJson } from './json.js';
import { parseNumberOption } from './parse-number.js';
import type { CommandContext } from './program.js';

interface CompareOptions {
  json?: boolean;
  maxOffset?: string;
  bands?: string;
}

export function registerCompare(program: Command, context: CommandContext): void {
  program
    .command('compare')
    .description(
      'Compare two versions of a song at matched loudness: loudness, true peak, LRA, PLR, width, the spectrum difference by band, and a null test after sub-sample alignment.',
    )
    .argument('<a>', 'the first version (WAV, AIFF, FLAC, MP3, Ogg)')
    .argument('<b>', 'the second version')
    .option('--json', 'print machine-readable JSON (units in the field names)')
    .option('--bands <kind>', 'spectrum table: octave or third', 'octave')
    .option(
      '--max-offset <seconds>',
      'largest time offset between the versions the null test searches, either way',
      '1',
    )
    .addHelpText(
      'after',
      `
Spectrum differences are b minus a after b is brought to a's integrated loudness: louder
sounds better, so only at matched loudness does a difference in balance show as what it is.
The null test aligns b to a (to a fraction of a sample), matches its level and polarity,
subtracts, and reports what is left relative to a: −∞ dB for identical audio, below −90 dB
for the same audio apart from level and timing, above −30 dB for audibly different processing.

Examples:
  mixdown compare mix-v3.wav mix-v4.wav
  mixdown compare --bands third --json master.wav reference-master.flac`,
    )
    .action(async (a: string, b: string, options: CompareOptions) => {
      context.setExitCode(await compareCommand(a, b, options, context));
    });
}

async function compareCommand(
  a: string,
  b: string,
  options: CompareOptions,
  context: CommandContext,
): Promise<number> {
  const expected = 'a number of seconds above 0 and at most 60';
  const maxOffsetSeconds = parseNumberOption(options.maxOffset ?? '1', '--max-offset', expected);
  if (!(maxOffsetSeconds > 0 && maxOffsetSeconds <= 60)) {
    throw new MixdownError(
      'invalid-argument',
      `--max-offset must be ${expected}, got "${options.maxOffset}".`,
    );
  }
  const bands = options.bands ?? 'octave';
  if (bands !== 'octave' && bands !== 'third') {
    throw new MixdownError('invalid-argument', `--bands must be octave or third, got "${bands}".`);
  }
  const io = context.io;
  const [audioA, audioB] = [
    await readAudio(resolve(io.cwd, a)),
    await readAudio(resolve(io.cwd, b)),
  ];
  const comparison = compareAudio(audioA, audioB, { maxOffsetSeconds });
  if (options.json) {
    io.stdout.write(
      `${toJson({ tool: 'mixdown', command: 'compare', files: { a, b }, ...comparison })}\n`,
    );
  } else {
    io.stdout.write(`${formatComparison(a, b, comparison, bands)}\n`);
  }
  return ExitCode.ok;
}

/** The readable report: figures side by side, the band table, then the findings. */
export function formatComparison(
  nameA: string,
  nameB: string,
  c: Comparison,
  bands: 'octave' | 'third',
): string {
  const row = (label: string, unit: string, x: number | null, y: number | null, decimals = 1) => [
    label,
    unit,
    formatLevel(x, decimals),
    formatLevel(y, decimals),
    x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)
      ? '—'
      : formatLevel(y - x, decimals, true),
  ];
  const figures = renderTable(
    ['', '', 'a', 'b', 'b − a'],
    [
      row('integrated loudness', 'LUFS', c.a.integratedLufs, c.b.integratedLufs),
      row('true peak', 'dBTP', c.a.truePeakDbtp, c.b.truePeakDbtp),
      row('loudness range', 'LU', c.a.loudnessRangeLu, c.b.loudnessRangeLu),
      row('peak-to-loudness', 'dB', c.a.plrDb, c.b.plrDb),
      row('crest factor', 'dB', c.a.crestFactorDb, c.b.crestFactorDb),
      row('width (side/mid)', 'dB', c.a.sideToMidDb, c.b.sideToMidDb),
      row('correlation', '', c.a.correlation, c.b.correlation, 2),
    ],
    ['left', 'left', 'right', 'right', 'right'],
  );
  const list = bands === 'octave' ? c.octaveBands : c.thirdOctaveBands;
  const label = (hz: number) =>
    hz >= 1000 ? `${Number((hz / 1000).toFixed(1))}k` : `${Math.round(hz)}`;
  const spectrum = renderTable(
    list.map((band) => label(band.centreHz)),
    [list.map((band) => formatLevel(band.differenceDb, 1, true))],
    list.map(() => 'right'),
  );
  const n = c.nullTest;
  const nullLine = n.done
    ? `null test: offset ${formatLevel(n.offsetSamples, 2, true)} samples (${formatLevel(n.offsetMs, 3, true)} ms), gain ${formatLevel(n.gainDb, 2, true)} dB${n.polarityInverted ? ', polarity inverted' : ''}, residual ${formatLevel(n.residualDb)} dB re a`
    : `null test: not done (${n.reason})`;
  return [
    `a: ${nameA} (${c.a.sampleRate} Hz, ${c.a.channels} ch, ${c.a.durationSeconds.toFixed(1)} s)`,
    `b: ${nameB} (${c.b.sampleRate} Hz, ${c.b.channels} ch, ${c.b.durationSeconds.toFixed(1)} s)`,
    '',
    figures,
    '',
    `spectrum, b − a in dB after matching b's loudness to a (${formatLevel(c.loudnessMatchGainDb, 1, true)} dB), ${bands === 'octave' ? 'octave' : 'third-octave'} bands (Hz):`,
    spectrum,
    '',
    nullLine,
    ...n.notes.map((note) => `  note: ${note}`),
    '',
    ...c.findings.map((f) => `• ${f}`),
  ].join('\n');
}
