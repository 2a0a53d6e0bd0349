import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { AudioData } from '../core/audio.js';
import { createAudio, frameCount } from '../core/audio.js';
import type { ProcessSpec } from '../core/block.js';
import { isMixdownError, MixdownError } from '../core/errors.js';
import { Bypassable } from '../dsp/bypass.js';
import { valuesFromSettings } from '../dsp/params.js';
import type { Processor, ProcessorDefinition } from '../dsp/processor.js';
import { findProcessor, PROCESSORS } from '../dsp/registry.js';
import { resampleAudio } from '../dsp/resample/index.js';
import { readAudio } from '../io/index.js';
import { SessionError, type SessionIssue } from '../session/issues.js';
import { type InsertDocument, insertSchema, type ParsedInsert } from '../session/schema.js';
import { parseWithIssues } from '../session/zod-issues.js';

/**
 * Aims: a mastering chain is a list of inserts in exactly the session's insert format (one
 * zod schema, `insertSchema`, so a chain file and a session's `mastering.chain` are
 * interchangeable), run offline over a whole mix with every stage's latency compensated: the
 * output is aligned with the input sample for sample and has its length.
 *
 * Compensation is per stage: each stage drops its first `latency` output frames and is
 * flushed with `latency` frames of silence at the end, so the next stage sees exactly the
 * previous stage's aligned output, cut to the mix's length. The last stage (the true-peak
 * limiter) therefore sees the very audio it hands out, followed by silence, which is how the
 * analyser reads it: nothing after the end can push a true peak over the ceiling.
 * Tails longer than the latency (a reverb's) are cut at the mix's end, as a master keeps
 * the mix's length.
 */

export const CHAIN_FORMAT = 'mixdown-chain';
export const CHAIN_VERSION = 1;
/** Loudness targets a chain or a command may ask for (the session schema's limits). */
export const MIN_TARGET_LUFS = -40;
export const MAX_TARGET_LUFS = -3;
export const MIN_CEILING_DBTP = -12;
export const MAX_CEILING_DBTP = 0;

/** The target part of a chain file, in the session's `mastering.target` shape. */
export interface ChainTarget {
  platform?: string;
  lufs?: number;
  ceilingDbtp?: number;
}

/** A chain file as written. */
export interface ChainDocument {
  $schema?: string;
  format: typeof CHAIN_FORMAT;
  version: typeof CHAIN_VERSION;
  chain: InsertDocument[];
  target?: ChainTarget;
  notes?: string[];
}

/** A chain file after parsing: every insert's parameters filled in. */
export interface ParsedChain {
  readonly chain: ParsedInsert[];
  readonly target?: ChainTarget;
  readonly notes: string[];
}

const targetSchema = z
  .strictObject({
    platform: z.string().min(1).optional().describe('a platform preset, e.g. "spotify"'),
    lufs: z
      .number()
      .min(MIN_TARGET_LUFS)
      .max(MAX_TARGET_LUFS)
      .optional()
      .describe('integrated loudness target (LUFS)'),
    ceilingDbtp: z
      .number()
      .min(MIN_CEILING_DBTP)
      .max(MAX_CEILING_DBTP)
      .optional()
      .describe('true-peak ceiling (dBTP)'),
  })
  .describe('loudness target the master is brought to');

export function chainDocumentSchema(processors: readonly ProcessorDefinition[] = PROCESSORS) {
  return z.strictObject({
    $schema: z.string().optional(),
    format: z.literal(CHAIN_FORMAT),
    version: z.literal(CHAIN_VERSION).describe('chain format version'),
    chain: z
      .array(insertSchema(processors))
      .default([])
      .describe('mastering processors in signal order; the same inserts as in a session'),
    target: targetSchema.optional(),
    notes: z.array(z.string()).default([]).describe('free text: why the chain is as it is'),
  });
}

const schemas = new WeakMap<
  readonly ProcessorDefinition[],
  ReturnType<typeof chainDocumentSchema>
>();

function schemaFor(processors: readonly ProcessorDefinition[]) {
  let schema = schemas.get(processors);
  if (!schema) {
    schema = chainDocumentSchema(processors);
    schemas.set(processors, schema);
  }
  return schema;
}

/**
 * Problems a schema cannot see in a list of inserts: a sidechain (a master has no other
 * strips to listen to) and settings a processor refuses when created (e.g. multiband
 * crossovers out of order). Paths start with `prefix` ("chain", "mastering.chain").
 */
export function chainIssues(
  inserts: readonly ParsedInsert[],
  prefix: string,
  processors: readonly ProcessorDefinition[] = PROCESSORS,
): SessionIssue[] {
  const issues: SessionIssue[] = [];
  inserts.forEach((insert, i) => {
    const path = `${prefix}[${i}]`;
    if (insert.sidechain !== undefined) {
      issues.push({
        path: `${path}.sidechain`,
        message: 'must be left out: a mastering chain has no other tracks or buses to listen to',
        code: 'schema',
      });
    }
    const definition = processors.find((p) => p.type === insert.type);
    if (!definition || hasFileParams(definition)) return;
    try {
      definition.create(valuesFromSettings(definition.params, insert));
    } catch (error) {
      if (!isMixdownError(error)) throw error;
      issues.push({ path, message: error.message.replace(/\.$/, ''), code: 'schema' });
    }
  });
  return issues;
}

function hasFileParams(definition: ProcessorDefinition): boolean {
  return Object.values(definition.params).some((p) => p.kind === 'file');
}

/** Parses a chain document (already read from JSON); throws a SessionError naming paths. */
export function parseChainDocument(
  raw: unknown,
  fileName: string,
  processors: readonly ProcessorDefinition[] = PROCESSORS,
): ParsedChain {
  const parsed = parseWithIssues(schemaFor(processors), raw);
  if (!parsed.ok) throw new SessionError(fileName, parsed.issues);
  const chain = parsed.value.chain as ParsedInsert[];
  const issues = chainIssues(chain, 'chain', processors);
  if (issues.length > 0) throw new SessionError(fileName, issues);
  return {
    chain,
    ...(parsed.value.target ? { target: parsed.value.target } : {}),
    notes: parsed.value.notes,
  };
}

/** Reads and parses a chain file; every problem is one sentence naming the file. */
export async function readChainFile(path: string): Promise<ParsedChain> {
  const name = basename(path);
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MixdownError(
      code === 'ENOENT' ? 'file-not-found' : 'unreadable',
      code === 'ENOENT'
        ? `${path} does not exist; check the --chain path.`
        : `${path} could not be read (${(error as Error).message}).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MixdownError(
      'invalid-session',
      `${name} is not valid JSON (${(error as Error).message}); fix the syntax or write it again with "mixdown master".`,
    );
  }
  return parseChainDocument(raw, name);
}

/** The document a chain is saved as (parameters in full, so nothing depends on defaults). */
export function chainDocument(
  chain: readonly InsertDocument[],
  target: ChainTarget | undefined,
  notes: readonly string[],
): ChainDocument {
  return {
    format: CHAIN_FORMAT,
    version: CHAIN_VERSION,
    chain: chain.map((insert) => ({ ...insert })),
    ...(target ? { target: { ...target } } : {}),
    notes: [...notes],
  };
}

/**
 * Parses a list of inserts exactly as a chain file's would be (defaults filled in); problems
 * name their paths under `prefix` ("mastering.chain[1].ratio") in a SessionError for `fileName`.
 */
export function parseInserts(
  inserts: readonly unknown[],
  prefix = 'chain',
  fileName = `(${prefix})`,
): ParsedInsert[] {
  try {
    return parseChainDocument(
      { format: CHAIN_FORMAT, version: CHAIN_VERSION, chain: inserts },
      fileName,
    ).chain;
  } catch (error) {
    if (!(error instanceof SessionError) || prefix === 'chain') throw error;
    throw new SessionError(
      fileName,
      error.issues.map((issue) => ({
        ...issue,
        path: issue.path.replace(/^chain/, prefix),
      })),
    );
  }
}

// ---- running a chain ----------------------------------------------------------------

/**
 * Processors for the inserts, each in a Bypassable (a bypassed insert keeps its latency).
 * `files` holds the audio of file parameters, keyed by the path as written.
 */
export function buildProcessors(
  inserts: readonly ParsedInsert[],
  options: { prefix?: string; files?: ReadonlyMap<string, AudioData> } = {},
): Processor[] {
  const prefix = options.prefix ?? 'chain';
  return inserts.map((insert, i) => {
    const definition = findProcessor(insert.type);
    if (!definition) {
      throw new MixdownError(
        'invalid-session',
        `${prefix}[${i}].type: unknown processor "${insert.type}".`,
      );
    }
    try {
      const values = valuesFromSettings(definition.params, insert);
      return new Bypassable(
        definition.create(values, { files: options.files ?? new Map() }),
        insert.bypass,
      );
    } catch (error) {
      if (isMixdownError(error)) {
        throw new MixdownError(error.code, `${prefix}[${i}]: ${error.message}`);
      }
      throw error;
    }
  });
}

/** Called with aligned output: frames `offset … offset + frames` of `channels`. */
export type Emit = (channels: readonly Float32Array[], offset: number, frames: number) => void;

/** One processor with its latency taken off the front and flushed at the end. */
class CompensatedStage {
  private readonly work: Float32Array[];
  private readonly block: { channels: Float32Array[]; length: number };
  private toDrop: number;
  readonly latency: number;

  constructor(
    private readonly processor: Processor,
    private readonly spec: ProcessSpec,
  ) {
    processor.prepare(spec);
    processor.reset();
    this.latency = processor.latency;
    this.toDrop = this.latency;
    this.work = Array.from({ length: spec.channels }, () => new Float32Array(spec.maxBlockSize));
    this.block = { channels: this.work, length: 0 };
  }

  push(channels: readonly Float32Array[], offset: number, frames: number, emit: Emit): void {
    const size = this.spec.maxBlockSize;
    for (let done = 0; done < frames; done += size) {
      const n = Math.min(size, frames - done);
      for (let c = 0; c < this.work.length; c++) {
        this.work[c].set(channels[c].subarray(offset + done, offset + done + n));
      }
      this.run(n, emit);
    }
  }

  /** Feeds `latency` frames of silence so the last input frames come out. */
  flush(emit: Emit): void {
    const size = this.spec.maxBlockSize;
    for (let done = 0; done < this.latency; done += size) {
      const n = Math.min(size, this.latency - done);
      for (const w of this.work) w.fill(0, 0, n);
      this.run(n, emit);
    }
  }

  private run(n: number, emit: Emit): void {
    this.block.length = n;
    this.processor.process(this.block);
    const skip = Math.min(this.toDrop, n);
    this.toDrop -= skip;
    if (n > skip) emit(this.work, skip, n - skip);
  }
}

/**
 * Runs processors in series over a programme pushed in blocks of any size; `emit` receives
 * the output aligned with the input (the sum of the stages' latencies removed) and, after
 * `finish`, exactly as many frames as were pushed. Deterministic: the same input in any
 * block sizes gives the same output.
 */
export class ChainRunner {
  private readonly stages: CompensatedStage[];
  private readonly emits: Emit[];
  private output: Emit = () => {};

  constructor(processors: readonly Processor[], spec: ProcessSpec) {
    this.stages = processors.map((p) => new CompensatedStage(p, spec));
    // Stage k hands its aligned output to stage k + 1; the last one to the caller.
    this.emits = this.stages.map((_, k) =>
      k + 1 < this.stages.length
        ? (channels, offset, frames) =>
            this.stages[k + 1].push(channels, offset, frames, this.emits[k + 1])
        : (channels, offset, frames) => this.output(channels, offset, frames),
    );
  }

  /** Total latency the runner removes (samples). */
  get latency(): number {
    return this.stages.reduce((sum, s) => sum + s.latency, 0);
  }

  push(channels: readonly Float32Array[], frames: number, emit: Emit): void {
    this.output = emit;
    if (this.stages.length === 0) {
      emit(channels, 0, frames);
      return;
    }
    this.stages[0].push(channels, 0, frames, this.emits[0]);
  }

  /** Flushes every stage in order (each one's last frames pass through the later ones). */
  finish(emit: Emit): void {
    this.output = emit;
    for (const [k, stage] of this.stages.entries()) stage.flush(this.emits[k]);
  }
}

/** Block size the chain runs at. */
export const CHAIN_BLOCK_FRAMES = 1024;

/** Runs `processors` over `audio` in memory: the aligned output, of the same length. */
export function runChain(processors: readonly Processor[], audio: AudioData): AudioData {
  const frames = frameCount(audio);
  const out = createAudio(audio.sampleRate, audio.channels.length, frames);
  const runner = new ChainRunner(processors, {
    sampleRate: audio.sampleRate,
    maxBlockSize: CHAIN_BLOCK_FRAMES,
    channels: audio.channels.length,
  });
  let position = 0;
  const collect: Emit = (channels, offset, n) => {
    for (let c = 0; c < channels.length; c++) {
      out.channels[c].set(channels[c].subarray(offset, offset + n), position);
    }
    position += n;
  };
  runner.push(audio.channels, frames, collect);
  runner.finish(collect);
  return out;
}

/**
 * Loads the audio of every file parameter (impulse responses), paths relative to
 * `baseDir`, at `sampleRate`; keyed by the path as written.
 */
export async function loadChainFiles(
  inserts: readonly ParsedInsert[],
  baseDir: string,
  sampleRate: number,
  prefix = 'chain',
): Promise<Map<string, AudioData>> {
  const files = new Map<string, AudioData>();
  for (const [i, insert] of inserts.entries()) {
    const definition = findProcessor(insert.type);
    if (!definition) continue;
    for (const [id, spec] of Object.entries(definition.params)) {
      const path = insert[id];
      if (spec.kind !== 'file' || typeof path !== 'string' || files.has(path)) continue;
      try {
        const audio = await readAudio(isAbsolute(path) ? path : join(baseDir, path));
        files.set(path, audio.sampleRate === sampleRate ? audio : resampleAudio(audio, sampleRate));
      } catch (error) {
        if (isMixdownError(error)) {
          throw new MixdownError(error.code, `${prefix}[${i}].${id}: ${error.message}`);
        }
        throw error;
      }
    }
  }
  return files;
}
