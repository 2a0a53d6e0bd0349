import { LoudnessMeter, TruePeakMeter } from '../analysis/index.js';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { gainToDb } from '../core/units.js';
import type { InsertDocument, ParsedInsert } from '../session/schema.js';
import type { MixAnalysis } from './assistant/index.js';
import { buildProcessors, CHAIN_BLOCK_FRAMES, ChainRunner, parseInserts } from './chain.js';
import { chooseChain, type MasteringReference } from './choose-chain.js';
import { defaultChain } from './default-chain.js';
import { forEachBlock, memoryWorkspace, type Programme, type Workspace } from './programme.js';
import type { MatchOptions, ReferenceMatch } from './reference/index.js';
import {
  type ProgrammeLevels,
  Staging,
  type TargetingPass,
  type TargetingResult,
  targetLoudness,
} from './targeting.js';
import type { MasteringTarget } from './targets.js';

/**
 * Mastering as named stages (STYLE.md §15): choose the chain (given, or `chooseChain`: the
 * assistant's analysis of the mix) → run its stages before the limiter, latency compensated → target the
 * loudness through the final true-peak limiter → report. The chain handed back is exactly
 * what ran (every parameter written out, the limiter's drive and ceiling included), so saving
 * it and mastering again with it gives the same bytes.
 *
 * Targeting owns the end of the chain: its last insert, which must be a true-peak limiter (one
 * is added when it is not), and a `gain` insert directly before it (the trim targeting adds
 * when the drive exceeds the limiter's input-gain range). Their drive and ceiling are set by
 * targeting; the limiter's other settings are kept.
 */

export interface MasterOptions {
  readonly target: MasteringTarget;
  /** The chain to use; chosen by `chooseChain` (the assistant) when absent. */
  readonly chain?: readonly ParsedInsert[];
  /** References to match when the chain is chosen (tonal balance, loudness, width). */
  readonly references?: readonly MasteringReference[];
  readonly matchAmounts?: MatchOptions;
  /**
   * No loudness was asked for: with references, the target's loudness becomes the match's
   * (`matchLoudnessPercent` of the way from the mix to the references); its ceiling stays.
   */
  readonly loudnessFromReferences?: boolean;
  readonly maxLimitingDb?: number;
  readonly workspace?: Workspace;
  /** Audio of the chain's file parameters, keyed by the path as written. */
  readonly files?: ReadonlyMap<string, AudioData>;
  /** How the chain's paths are named in messages: "chain" or "mastering.chain". */
  readonly prefix?: string;
  /** Progress: a stage name as each stage starts, and each targeting pass. */
  readonly onStage?: (stage: string) => void;
  readonly onPass?: (pass: TargetingPass, index: number) => void;
}

export interface MasterResult {
  /** The target mastered to: the one given, or its loudness taken from the references. */
  readonly target: MasteringTarget;
  /** The chain as run, parameters in full. */
  readonly chain: ParsedInsert[];
  /** Why the chain is as it is (the default chain's notes, or the chain file's). */
  readonly notes: readonly string[];
  /** One sentence per decision taken while mastering. */
  readonly decisions: readonly string[];
  readonly targeting: TargetingResult;
  readonly output?: Programme;
  /** The mix as the assistant measured it (when it chose the chain). */
  readonly analysis?: MixAnalysis;
  readonly match?: ReferenceMatch;
}

/** Splits off the inserts targeting owns (see the module comment). */
export function splitChain(chain: readonly ParsedInsert[]): {
  pre: ParsedInsert[];
  limiter?: ParsedInsert;
  decisions: string[];
} {
  const decisions: string[] = [];
  const last = chain.at(-1);
  if (last?.type !== 'limiter' || last.bypass) {
    decisions.push(
      'The chain does not end in an active true-peak limiter: one is added at the end, as loudness targeting needs it to hold the ceiling.',
    );
    return { pre: [...chain], decisions };
  }
  let pre = chain.slice(0, -1);
  const beforeLast = pre.at(-1);
  if (beforeLast?.type === 'gain' && !beforeLast.bypass) {
    pre = pre.slice(0, -1);
    decisions.push(
      'The gain directly before the final limiter is the trim loudness targeting sets; it was recomputed.',
    );
  }
  return { pre, limiter: last, decisions };
}

export async function masterProgramme(
  mix: Programme,
  options: MasterOptions,
): Promise<MasterResult> {
  const result = await masterWithChain(mix, options);
  const target = result.target;
  // The loudness target is the requirement; the assistant's tonal and stereo moves are
  // choices. When they cost more limiting than the budget allows, master again with the
  // delivery chain alone (high-pass, clipper when needed, limiter) and say so.
  if (!options.chain && result.targeting.outcome === 'limiting-budget') {
    const plain = defaultChain(
      {
        sampleRate: mix.sampleRate,
        channels: mix.channels,
        frames: mix.frames,
        integratedLufs: result.analysis?.dynamics.integratedLufs ?? Number.NEGATIVE_INFINITY,
        truePeakDbtp: result.analysis?.dynamics.truePeakDbtp ?? Number.NEGATIVE_INFINITY,
      },
      target,
    );
    const retry = await masterWithChain(mix, {
      ...options,
      target,
      chain: parseInserts(plain.chain, options.prefix ?? 'chain'),
    });
    const note = `The assistant's chain reached only ${result.targeting.integratedLufs.toFixed(2)} LUFS within the limiting budget; mastered again with the delivery chain alone (no tonal or stereo moves).`;
    return {
      ...retry,
      notes: [note, ...plain.notes],
      decisions: [
        ...target.decisions,
        note,
        ...plain.notes,
        ...retry.decisions.slice(target.decisions.length + 1),
      ],
      ...(result.analysis ? { analysis: result.analysis } : {}),
    };
  }
  return result;
}

async function masterWithChain(mix: Programme, options: MasterOptions): Promise<MasterResult> {
  if (mix.channels > 2) {
    throw new MixdownError(
      'unsupported-format',
      `The mix has ${mix.channels} channels; mixdown masters mono or stereo, so fold it down to stereo first.`,
    );
  }
  const workspace = options.workspace ?? memoryWorkspace();
  const prefix = options.prefix ?? 'chain';
  // What happened, after the target's own decisions (known once the chain is chosen).
  const decisions: string[] = [];
  let target = options.target;
  let chain: ParsedInsert[];
  let notes: string[];
  let analysis: MixAnalysis | undefined;
  let match: ReferenceMatch | undefined;
  if (options.chain) {
    chain = [...options.chain];
    notes = [];
    decisions.push(`Chain given: ${chain.length} inserts.`);
  } else {
    options.onStage?.('analyse');
    const chosen = await chooseChain(
      mix,
      options.target,
      options.references,
      options.matchAmounts,
      options.loudnessFromReferences,
    );
    if (chosen.targetLufs !== undefined && chosen.match) {
      target = referencesTarget(options.target, chosen.targetLufs, chosen.match);
    }
    chain = parseInserts(chosen.chain, prefix);
    notes = chosen.notes;
    decisions.push(...chosen.notes);
    analysis = chosen.analysis;
    match = chosen.match;
  }
  if (mix.channels === 1) {
    decisions.push(
      'Mono mix: mastered as mono, its loudness measured as one channel (BS.1770); stereo tools pass it through.',
    );
  }
  const split = splitChain(chain);
  decisions.push(...split.decisions);

  options.onStage?.('chain');
  const prepared =
    split.pre.length > 0
      ? await runStages(mix, split.pre, options.files, prefix, workspace)
      : { programme: mix, levels: undefined };
  options.onStage?.('target');
  try {
    const targeting = await targetLoudness(prepared.programme, {
      lufs: target.lufs,
      ceilingDbtp: target.ceilingDbtp,
      maxLimitingDb: options.maxLimitingDb,
      limiter: split.limiter,
      workspace,
      measured: prepared.levels,
      onPass: options.onPass,
    });
    const tail = parseInserts(targeting.tail, prefix);
    return {
      target,
      chain: [...split.pre, ...tail],
      notes,
      decisions: [...target.decisions, ...decisions],
      targeting,
      ...(targeting.output ? { output: targeting.output } : {}),
      ...(analysis ? { analysis } : {}),
      ...(match ? { match } : {}),
    };
  } finally {
    if (prepared.programme !== mix) await prepared.programme.dispose();
  }
}

/** The target when its loudness comes from the references: the match's, under the same ceiling. */
function referencesTarget(
  given: MasteringTarget,
  lufs: number,
  match: ReferenceMatch,
): MasteringTarget {
  const { inputLufs, referenceLufs, targetLufs } = match.loudness;
  const share =
    referenceLufs === inputLufs ? 1 : (targetLufs - inputLufs) / (referenceLufs - inputLufs);
  const clamped =
    lufs !== targetLufs ? `, held to ${lufs} LUFS, the nearest target mastering allows` : '';
  return {
    lufs,
    ceilingDbtp: given.ceilingDbtp,
    name: 'the references',
    uncertain: false,
    decisions: [
      `No loudness target given: ${Math.round(share * 100)} % of the way from the mix's ${inputLufs.toFixed(1)} LUFS to the references' ${referenceLufs.toFixed(1)} LUFS is ${targetLufs.toFixed(1)} LUFS${clamped}; ceiling ${given.ceilingDbtp} dBTP.`,
    ],
  };
}

/** Runs the stages before the limiter over the whole mix, storing and measuring the result. */
async function runStages(
  mix: Programme,
  inserts: readonly ParsedInsert[],
  files: ReadonlyMap<string, AudioData> | undefined,
  prefix: string,
  workspace: Workspace,
): Promise<{ programme: Programme; levels: ProgrammeLevels }> {
  const { sampleRate, channels, frames } = mix;
  const runner = new ChainRunner(buildProcessors(inserts, { prefix, files }), {
    sampleRate,
    maxBlockSize: CHAIN_BLOCK_FRAMES,
    channels,
  });
  const loudness = new LoudnessMeter({ sampleRate, channels });
  const peak = new TruePeakMeter({ sampleRate, channels });
  const store = await workspace.createStore(sampleRate, channels, frames);
  const staging = new Staging(channels);
  const take = async () => {
    loudness.push(staging.channels, staging.frames);
    peak.push(staging.channels, staging.frames);
    await store.write(staging.channels, 0, staging.frames);
    staging.clear();
  };
  try {
    await forEachBlock(mix, async (block, n) => {
      runner.push(block, n, staging.emit);
      await take();
    });
    runner.finish(staging.emit);
    await take();
    return {
      programme: await store.finish(),
      levels: {
        integratedLufs: loudness.result().integratedLufs,
        truePeakDbtp: gainToDb(Math.max(...peak.result().truePeaks)),
      },
    };
  } catch (error) {
    await store.discard();
    throw error;
  }
}

/** One line describing an insert as it ran, e.g. "limiter: ceiling −1.0 dBTP, drive +6.3 dB". */
export function describeInsert(insert: InsertDocument): string {
  const v = insert as Record<string, unknown>;
  const signed = (x: unknown) => `${Number(x) >= 0 ? '+' : ''}${Number(x).toFixed(1)}`;
  const off = insert.bypass ? ' (bypassed)' : '';
  switch (insert.type) {
    case 'limiter':
      return `limiter: true-peak ceiling ${Number(v.ceilingDbtp).toFixed(1)} dBTP, drive ${signed(v.inputGainDb)} dB, look-ahead ${v.lookaheadMs} ms, release ${v.releaseMs} ms${off}`;
    case 'gain':
      return `gain: ${signed(v.gainDb)} dB${off}`;
    case 'clipper':
      return `clipper: input ${signed(v.inputGainDb)} dB, ceiling ${Number(v.ceilingDb).toFixed(1)} dB, softness ${v.softness} %, ${v.oversampling} oversampled${off}`;
    case 'multiband': {
      const bands = v.bands as { crossoverHz: number; thresholdDb: number; ratio: number }[];
      const edges = bands.slice(0, -1).map((b) => b.crossoverHz);
      return `multiband: ${bands.length} bands split at ${edges.join(' / ')} Hz, ratios ${bands.map((b) => `${b.ratio}:1`).join(' / ')}${off}`;
    }
    case 'eq': {
      const bands = (v.bands as { type: string; freqHz: number }[]).map(
        (b) => `${b.type} ${b.freqHz} Hz`,
      );
      return `eq (${v.phase} phase): ${bands.join(', ') || 'no bands'}${off}`;
    }
    case 'stereo':
      return `stereo: widths ${v.lowWidthPercent} / ${v.midWidthPercent} / ${v.highWidthPercent} %, mono below ${v.monoBelowHz || 'off'}${v.monoBelowHz ? ' Hz' : ''}, mid ${signed(v.midGainDb)} dB, side ${signed(v.sideGainDb)} dB${off}`;
    default:
      return `${insert.type}${off}`;
  }
}
