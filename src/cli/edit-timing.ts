import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import {
  alignMultitrack,
  estimateOffset,
  estimateTempo,
  estimateWarp,
  GRID_DIVISIONS,
  type GridDivision,
  quantizeWarp,
} from '../edit/timing/index.js';
import { trackAudio } from '../edit/track-audio.js';
import { readAudio } from '../io/index.js';
import { loadProject, saveSession } from '../session/index.js';
import type { SessionDocument } from '../session/schema.js';
import { TEMPO_PARAMS } from '../session/strip-params.js';
import { ExitCode } from './cli-io.js';
import { addTargetOptions, runEdit } from './edit.js';
import { parseNumberInRange, parseNumberOption } from './parse-number.js';
import type { CommandContext } from './program.js';

function percent(text: string | undefined, flag: string): number {
  return text === undefined ? 100 : parseNumberInRange(text, flag, 0, 100, '%');
}

function fraction(text: string, flag: string): number {
  const value = parseNumberOption(text, flag, 'a number between 0 and 1');
  if (!(value > 0 && value < 1))
    throw new MixdownError('invalid-argument', `${flag} must be between 0 and 1, got "${text}".`);
  return value;
}

async function isSessionInput(input: string): Promise<boolean> {
  return input.endsWith('.json') || !/\.(wav|aiff?|flac|mp3|ogg|opus)$/i.test(input);
}

/** The guide: a file beside a file input, or a track of the session. */
async function guideAudio(input: string, guide: string, cwd: string): Promise<AudioData> {
  if (await isSessionInput(input))
    return trackAudio(await loadProject(input, { cwd }), guide, true);
  return readAudio(resolve(cwd, guide));
}

async function takeAudio(
  input: string,
  track: string | undefined,
  cwd: string,
): Promise<AudioData> {
  if (!(await isSessionInput(input))) return readAudio(resolve(cwd, input));
  if (!track)
    throw new MixdownError(
      'invalid-argument',
      `Say which track of ${input} to align with --track "<name>".`,
    );
  return trackAudio(await loadProject(input, { cwd }), track, true);
}

interface AlignOptions {
  guide?: string;
  mode: string;
  strength?: string;
  multitrack?: string;
  output?: string;
  track?: string;
  clip?: string;
  take?: string;
}

/**
 * `mixdown edit align`: line an overdub or double up with a guide — a constant offset
 * (GCC-PHAT, sub-sample) or a time-varying warp (DTW) — stored as a `shift` or `warp` edit;
 * or a whole drum recording by its overhead/close-mic relationship (`--multitrack`).
 */
function registerAlign(edit: Command, context: CommandContext): void {
  addTargetOptions(
    edit
      .command('align')
      .description(
        'Align an overdub or double to a guide (offset or warp), or a multitrack drum recording.',
      ),
  )
    .option(
      '--guide <file-or-track>',
      'the guide: an audio file (file input) or a track name (session input)',
    )
    .option('--mode <mode>', 'offset | warp (warp also removes the offset first)', 'offset')
    .option('--strength <percent>', 'warp strength, 0–100 % (default 100)')
    .option(
      '--multitrack <tracks>',
      'session only: comma-separated tracks to align to --guide (e.g. close mics to overheads): delay and polarity',
    )
    .addHelpText(
      'after',
      `
Examples:
  mixdown edit align double.wav --guide lead.wav -o double-aligned.wav
  mixdown edit align my-song --track "vocal double" --guide "Lead vocal" --mode warp
  mixdown edit align my-song --guide Overheads --multitrack Kick,Snare,Hats`,
    )
    .action(async (input: string, options: AlignOptions) => {
      const { io } = context;
      if (!options.guide)
        throw new MixdownError('invalid-argument', 'Say what to align to with --guide.');
      if (options.multitrack) {
        context.setExitCode(
          await alignDrums(
            input,
            options.guide,
            options.multitrack.split(',').map((t) => t.trim()),
            context,
          ),
        );
        return;
      }
      if (options.mode !== 'offset' && options.mode !== 'warp') {
        throw new MixdownError(
          'invalid-argument',
          `--mode must be offset or warp, got "${options.mode}".`,
        );
      }
      const guide = await guideAudio(input, options.guide, io.cwd);
      const take = await takeAudio(input, options.track, io.cwd);
      // A constant offset first: for an overdub of the same part it is the whole answer; for
      // a different performance (a double) the takes may not correlate as a whole, and the
      // warp alone aligns them.
      let offset = { seconds: 0, confidence: 0 };
      try {
        offset = estimateOffset(guide, take);
        io.stdout.write(
          `The take is ${(offset.seconds * 1000).toFixed(2)} ms ${offset.seconds >= 0 ? 'late' : 'early'} against the guide (correlation ${offset.confidence.toFixed(2)}).\n`,
        );
      } catch (error) {
        if (options.mode === 'offset') throw error;
        io.stdout.write(
          'No constant offset found (the performances differ); aligning by warp alone.\n',
        );
      }
      if (options.mode === 'offset') {
        context.setExitCode(
          await runEdit(input, options, { op: 'shift', offsetSeconds: -offset.seconds }, context),
        );
        return;
      }
      // Warp after removing the constant offset, so DTW sees two nearly aligned signals.
      const shifted = shiftCopy(take, -offset.seconds);
      const points = estimateWarp(guide, shifted, {
        strength: percent(options.strength, '--strength'),
      });
      const composed = points.map((p) => ({
        sourceSeconds: p.sourceSeconds + offset.seconds,
        targetSeconds: p.targetSeconds,
      }));
      io.stdout.write(`Warp: ${composed.length} points.\n`);
      context.setExitCode(await runEdit(input, options, { op: 'warp', points: composed }, context));
    });
}

/** A whole-sample shifted copy (analysis only; the rendered shift is band-limited). */
function shiftCopy(audio: AudioData, seconds: number): AudioData {
  const n = Math.round(seconds * audio.sampleRate);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => {
      const out = new Float32Array(c.length);
      for (let i = 0; i < c.length; i++) {
        const j = i - n;
        if (j >= 0 && j < c.length) out[i] = c[j];
      }
      return out;
    }),
  };
}

async function alignDrums(
  input: string,
  reference: string,
  tracks: string[],
  context: CommandContext,
): Promise<number> {
  if (!(await isSessionInput(input)))
    throw new MixdownError('invalid-argument', '--multitrack works on a session.');
  const project = await loadProject(input, { cwd: context.io.cwd });
  const guide = await trackAudio(project, reference, true);
  const others = await Promise.all(tracks.map((t) => trackAudio(project, t, true)));
  const alignments = alignMultitrack(guide, others);
  const document = structuredClone(project.document) as { tracks: Record<string, unknown>[] };
  alignments.forEach((a, i) => {
    const track = document.tracks.find((t) => t.name === tracks[i])!;
    const clips = (track.clips ?? []) as { edits?: unknown[] }[];
    // Delay the close mic to the reference (the overheads hear the kit later).
    for (const clip of clips)
      clip.edits = [...(clip.edits ?? []), { op: 'shift', offsetSeconds: -a.delaySeconds }];
    if (a.polarityInverted) track.polarity = !track.polarity;
    context.io.stdout.write(
      `${tracks[i]}: ${(a.delaySeconds * 1000).toFixed(3)} ms${a.polarityInverted ? ', polarity flipped' : ''} (correlation ${a.confidence.toFixed(2)})\n`,
    );
  });
  await saveSession(project.projectDir, document as unknown as SessionDocument);
  context.io.stdout.write(`Saved ${project.fileName}.\n`);
  return ExitCode.ok;
}

interface QuantizeOptions {
  bpm?: string;
  grid: string;
  strength?: string;
  threshold?: string;
  output?: string;
  track?: string;
  clip?: string;
  take?: string;
}

/** `mixdown edit quantize`: transients toward the grid by a strength, stored as a `warp` edit. */
function registerQuantize(edit: Command, context: CommandContext): void {
  addTargetOptions(
    edit
      .command('quantize')
      .description(
        'Move transients toward the tempo grid, rendered with a transient-preserving stretch.',
      ),
  )
    .option('--bpm <tempo>', 'tempo (default: the session tempo, or estimated from the audio)')
    .option('--grid <division>', `${GRID_DIVISIONS.join(' | ')}`, '1/16')
    .option('--strength <percent>', '0–100 % of the way to the grid (default 100)')
    .option(
      '--threshold <value>',
      'onset sensitivity, 0–1: higher ignores weaker transients (default 0.05)',
    )
    .action(async (input: string, options: QuantizeOptions) => {
      const { io } = context;
      if (!GRID_DIVISIONS.includes(options.grid as GridDivision)) {
        throw new MixdownError(
          'invalid-argument',
          `--grid must be one of ${GRID_DIVISIONS.join(', ')}, got "${options.grid}".`,
        );
      }
      const session = await isSessionInput(input);
      const audio = session
        ? await trackAudio(await loadProject(input, { cwd: io.cwd }), options.track ?? '', true)
        : await readAudio(resolve(io.cwd, input));
      let bpm =
        options.bpm === undefined
          ? undefined
          : parseNumberInRange(
              options.bpm,
              '--bpm',
              TEMPO_PARAMS.bpm.min,
              TEMPO_PARAMS.bpm.max,
              'bpm',
            );
      if (bpm === undefined && session)
        bpm = (await loadProject(input, { cwd: io.cwd })).resolved.tempoBpm;
      let firstBeatSeconds = 0;
      if (bpm === undefined) {
        const tempo = estimateTempo(audio);
        bpm = tempo.bpm;
        firstBeatSeconds = tempo.firstBeatSeconds;
        io.stdout.write(
          `Tempo ${bpm.toFixed(2)} bpm, first beat at ${firstBeatSeconds.toFixed(3)} s (confidence ${tempo.confidence.toFixed(2)}).\n`,
        );
      }
      const points = quantizeWarp(audio, {
        bpm,
        firstBeatSeconds,
        division: options.grid as GridDivision,
        strength: percent(options.strength, '--strength'),
        ...(options.threshold === undefined
          ? {}
          : { threshold: fraction(options.threshold, '--threshold') }),
      });
      context.setExitCode(await runEdit(input, options, { op: 'warp', points }, context));
    });
}

export const timingEditCommands = [registerAlign, registerQuantize];
