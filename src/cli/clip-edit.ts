import type { Command } from 'commander';
import { MixdownError } from '../core/errors.js';
import {
  type ClipContext,
  type ClipRef,
  moveClip,
  reverseClip,
  setClipFades,
  setClipGain,
  splitClip,
  trimClip,
} from '../edit/clip-edits.js';
import { loadProject, type Position, saveSession } from '../session/index.js';
import type { SessionDocument } from '../session/schema.js';
import { ExitCode } from './cli-io.js';
import { optionalNumber, parseClipIndex, parseNumberOption } from './parse-number.js';
import type { CommandContext } from './program.js';

type Json = Record<string, unknown>;

/** "12.5" → 12.5 seconds; "5:2" stays a bar:beat position. */
function position(text: string, flag: string): Position {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d+:\d+(\.\d+)?$/.test(text)) return text;
  throw new MixdownError(
    'invalid-argument',
    `${flag} must be seconds (12.5) or bar:beat (5:1), got "${text}".`,
  );
}

/**
 * Runs one clip edit on a session: load (so source lengths are known), change the
 * document, save atomically after validation, say what changed.
 */
async function editClip(
  target: string,
  options: { track: string; clip: string },
  change: (document: Json, ref: ClipRef, context: ClipContext) => string | string[],
  context: CommandContext,
): Promise<number> {
  const project = await loadProject(target, { cwd: context.io.cwd });
  const document = structuredClone(project.document) as Json;
  const sources = new Map(project.resolved.sources.map((s) => [s.id, s.frames / s.sampleRate]));
  const clip = parseClipIndex(options.clip, '--clip');
  const changed = change(
    document,
    { track: options.track, clip },
    {
      sampleRate: project.resolved.sampleRate,
      tempo: { bpm: project.resolved.tempoBpm, timeSignature: project.resolved.timeSignature },
      sourceSeconds: (id) => sources.get(id) ?? 0,
    },
  );
  await saveSession(project.projectDir, document as unknown as SessionDocument);
  context.io.stdout.write(`Changed ${[changed].flat().join(', ')} in ${project.fileName}.\n`);
  return ExitCode.ok;
}

/** `mixdown edit trim|split|move|gain|fade|reverse <session> --track T --clip N …`. */
export function registerClipEdits(edit: Command, context: CommandContext): void {
  const clipCommand = (name: string, description: string) =>
    edit
      .command(name)
      .description(description)
      .argument('<session>', 'project folder or session.json')
      .requiredOption('--track <name>', 'the track')
      .requiredOption('--clip <index>', "the clip (0-based, in the order of the track's clips)");

  clipCommand('trim', 'Trim a clip to a timeline range (the audio stays where it is).')
    .option('--from <position>', 'new start: seconds or bar:beat')
    .option('--to <position>', 'new end: seconds or bar:beat')
    .action(
      async (target: string, o: { track: string; clip: string; from?: string; to?: string }) => {
        context.setExitCode(
          await editClip(
            target,
            o,
            (doc, ref, ctx) =>
              trimClip(
                doc,
                ref,
                {
                  from: o.from === undefined ? undefined : position(o.from, '--from'),
                  to: o.to === undefined ? undefined : position(o.to, '--to'),
                },
                ctx,
              ),
            context,
          ),
        );
      },
    );
  clipCommand('split', 'Split a clip in two at a timeline position.')
    .requiredOption('--at <position>', 'where: seconds or bar:beat')
    .action(async (target: string, o: { track: string; clip: string; at: string }) => {
      context.setExitCode(
        await editClip(
          target,
          o,
          (doc, ref, ctx) => splitClip(doc, ref, position(o.at, '--at'), ctx),
          context,
        ),
      );
    });
  clipCommand('move', 'Move a clip to start at a new timeline position.')
    .requiredOption('--to <position>', 'new start: seconds or bar:beat')
    .action(async (target: string, o: { track: string; clip: string; to: string }) => {
      context.setExitCode(
        await editClip(
          target,
          o,
          (doc, ref, ctx) => moveClip(doc, ref, position(o.to, '--to'), ctx),
          context,
        ),
      );
    });
  clipCommand('gain', "Set a clip's gain in dB.")
    .requiredOption('--db <gain>', 'clip gain in dB')
    .action(async (target: string, o: { track: string; clip: string; db: string }) => {
      context.setExitCode(
        await editClip(
          target,
          o,
          (doc, ref) => setClipGain(doc, ref, parseNumberOption(o.db, '--db')),
          context,
        ),
      );
    });
  clipCommand('fade', "Set a clip's fade-in and fade-out.")
    .option('--in-ms <ms>', 'fade-in length in ms')
    .option('--out-ms <ms>', 'fade-out length in ms')
    .option('--shape <shape>', 'linear | exponential | s-curve | equal-power')
    .action(
      async (
        target: string,
        o: { track: string; clip: string; inMs?: string; outMs?: string; shape?: string },
      ) => {
        context.setExitCode(
          await editClip(
            target,
            o,
            (doc, ref) =>
              setClipFades(doc, ref, {
                inMs: optionalNumber(o.inMs, '--in-ms'),
                outMs: optionalNumber(o.outMs, '--out-ms'),
                shape: o.shape,
              }),
            context,
          ),
        );
      },
    );
  clipCommand('reverse', 'Play a clip backwards (run again to undo).').action(
    async (target: string, o: { track: string; clip: string }) => {
      context.setExitCode(await editClip(target, o, (doc, ref) => reverseClip(doc, ref), context));
    },
  );
}
