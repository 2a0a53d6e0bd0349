import type { Command } from 'commander';
import { MixdownError } from '../core/errors.js';
import {
  type CompWeights,
  CRITERIA,
  formatCompTable,
  type PhraseOptions,
  proposeComp,
  withComp,
} from '../edit/comp/index.js';
import { loadTrackTakes } from '../edit/comp/session-takes.js';
import { parseKey } from '../edit/pitch/index.js';
import { divisionBeats, GRID_DIVISIONS, type GridDivision } from '../edit/timing/index.js';
import { loadProject, SESSION_FILE, saveSession } from '../session/index.js';
import type { SessionDocument } from '../session/schema.js';
import { ExitCode } from './cli-io.js';
import { parseNumberOption } from './parse-number.js';
import type { CommandContext } from './program.js';

interface CompCliOptions {
  track?: string;
  key?: string;
  guide?: string;
  crossfadeMs: string;
  grid: string;
  phraseBars?: string;
  boundaries?: string;
  switchMargin?: string;
  weights?: string;
  dryRun?: boolean;
}

const number = (text: string, flag: string): number => parseNumberOption(text, flag);

/** "pitch=0.5,timing=0.2" → weights (the rest keep their defaults). */
function parseWeights(text: string): Partial<CompWeights> {
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (!(CRITERIA as readonly string[]).includes(name) || value === undefined) {
      throw new MixdownError(
        'invalid-argument',
        `--weights takes name=value pairs from ${CRITERIA.join(', ')} (e.g. pitch=0.5,timing=0.2), got "${part}".`,
      );
    }
    weights[name] = number(value, `--weights ${name}`);
  }
  return weights;
}

/**
 * `mixdown edit comp`: scores a track's takes phrase by phrase, writes the best comp into
 * the session (atomically) and prints the score table behind it.
 */
export function registerComp(edit: Command, context: CommandContext): void {
  edit
    .command('comp')
    .description(
      'Comp a track automatically: score every take per phrase (pitch, timing, noise/clipping, level) and keep the best.',
    )
    .argument('<session>', 'a project folder or session.json')
    .option('--track <name>', 'the track whose takes to comp')
    .option('--key <key>', 'judge pitch in this key, e.g. "A minor" (default: nearest semitone)')
    .option('--guide <take-id>', 'judge pitch and timing against this take instead')
    .option('--crossfade-ms <ms>', 'equal-power crossfade at each boundary', '20')
    .option('--grid <division>', `timing grid: ${GRID_DIVISIONS.join(' | ')}`, '1/8')
    .option('--phrase-bars <n>', 'phrases of n bars of the session tempo (default: from pauses)')
    .option('--boundaries <seconds>', 'phrase boundaries, comma-separated seconds')
    .option('--switch-margin <score>', 'total score a switch of take must gain (default 0.05)')
    .option(
      '--weights <list>',
      'criterion weights, e.g. pitch=0.35,timing=0.25,noise=0.25,level=0.15',
    )
    .option('--dry-run', 'print the scores and the comp without saving')
    .addHelpText(
      'after',
      `
Phrases are found from the pauses where no take sings, and each boundary is placed in a
pause, so the crossfade falls where nothing is sung. The comp is stored as
tracks[i].comp.regions; edit any region there to override a choice.

Examples:
  mixdown edit comp my-song --track "Lead vocal" --key "A minor"
  mixdown edit comp my-song --track "Lead vocal" --guide take1 --dry-run`,
    )
    .action(async (input: string, options: CompCliOptions) => {
      context.setExitCode(await runComp(input, options, context));
    });
}

async function runComp(
  input: string,
  options: CompCliOptions,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  if (/\.(wav|aiff?|flac|mp3|ogg|opus)$/i.test(input)) {
    throw new MixdownError(
      'invalid-argument',
      `edit comp works on a session's takes, not on a file (${input}); give a project folder or session.json.`,
    );
  }
  if (!options.track)
    throw new MixdownError('invalid-argument', 'Say which track to comp with --track "<name>".');
  if (options.phraseBars !== undefined && options.boundaries !== undefined) {
    throw new MixdownError(
      'invalid-argument',
      'Give phrases either by --phrase-bars or by --boundaries, not both.',
    );
  }
  if (!GRID_DIVISIONS.includes(options.grid as GridDivision)) {
    throw new MixdownError(
      'invalid-argument',
      `--grid must be one of ${GRID_DIVISIONS.join(', ')}, got "${options.grid}".`,
    );
  }
  const key = options.key === undefined ? undefined : parseKey(options.key);
  const crossfadeMs = number(options.crossfadeMs, '--crossfade-ms');
  const weights = options.weights === undefined ? undefined : parseWeights(options.weights);
  const switchMargin =
    options.switchMargin === undefined
      ? undefined
      : number(options.switchMargin, '--switch-margin');

  const project = await loadProject(input, { cwd: io.cwd });
  const { resolved } = project;
  const [beatsPerBar] = resolved.timeSignature;
  let phrases: PhraseOptions = { method: 'voicing' };
  if (options.phraseBars !== undefined) {
    phrases = {
      method: 'bars',
      bpm: resolved.tempoBpm,
      beatsPerBar,
      barsPerPhrase: number(options.phraseBars, '--phrase-bars'),
    };
  } else if (options.boundaries !== undefined) {
    phrases = {
      method: 'boundaries',
      boundariesSeconds: options.boundaries.split(',').map((t) => number(t, '--boundaries')),
    };
  }
  const track = await loadTrackTakes(project, options.track);
  const stepSeconds = (60 / resolved.tempoBpm) * divisionBeats(options.grid as GridDivision);
  const proposal = proposeComp(track.takes, {
    key,
    guide: options.guide,
    grid: { stepSeconds, originSeconds: 0 },
    phrases,
    weights,
    switchMargin,
    crossfadeMs,
  });

  const pitchAgainst = options.guide
    ? `take "${options.guide}"`
    : key
      ? key.label
      : 'the nearest semitone (give --key for the song’s scale)';
  const timingAgainst = options.guide
    ? `take "${options.guide}"`
    : `the ${options.grid} grid at ${resolved.tempoBpm} bpm`;
  const phraseSource = {
    voicing: 'the pauses where no take sings',
    bars: `every ${options.phraseBars} bars`,
    boundaries: 'the given boundaries',
  }[proposal.plan.method];
  io.stdout.write(
    `Comping "${track.trackName}": ${track.takes.length} takes, ${proposal.plan.phrases.length} phrases from ${phraseSource}; pitch against ${pitchAgainst}, timing against ${timingAgainst}.\n\n`,
  );
  io.stdout.write(formatCompTable(proposal));
  io.stdout.write(
    `\nComp (crossfade ${crossfadeMs} ms centred on each boundary): ${proposal.regions
      .map((r) => `${r.take} ${r.startSeconds.toFixed(3)}–${r.endSeconds.toFixed(3)} s`)
      .join(', ')}\n`,
  );
  for (const cut of proposal.cuts) {
    if (!cut.quiet)
      io.stdout.write(
        `warning: the crossfade at ${cut.seconds.toFixed(3)} s (${cut.fromTake} → ${cut.toTake}) overlaps singing; move that boundary into a pause if it is audible.\n`,
      );
  }
  const where = `tracks[${track.trackIndex}].comp.regions`;
  if (options.dryRun) {
    io.stdout.write(`Dry run: ${SESSION_FILE} is unchanged.\n`);
    return ExitCode.ok;
  }
  const document = withComp(
    project.document as { tracks?: unknown[] },
    track.trackIndex,
    proposal.regions,
    crossfadeMs,
  );
  await saveSession(project.projectDir, document as unknown as SessionDocument);
  io.stdout.write(
    `Saved ${project.fileName}: ${where}${track.hadComp ? ' (the previous comp was replaced)' : ''}. To override a choice, edit any region there (take, start, end in seconds).\n`,
  );
  return ExitCode.ok;
}
