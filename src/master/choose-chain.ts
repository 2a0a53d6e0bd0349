import { isMixdownError } from '../core/errors.js';
import type { InsertDocument } from '../session/schema.js';
import { analyzeProgramme, assistMastering, type MixAnalysis } from './assistant/index.js';
import { MAX_TARGET_LUFS, MIN_TARGET_LUFS } from './chain.js';
import { defaultChain } from './default-chain.js';
import type { Programme } from './programme.js';
import {
  combineReferences,
  type MatchOptions,
  matchReferences,
  profileProgramme,
  type ReferenceMatch,
} from './reference/index.js';

/** Targets with less than this between loudness and ceiling (dB) count as loud. */
const LOUD_TARGET_CREST_DB = 9;

/** Dynamics processors the assistant may propose. */
const COMPRESSORS = new Set(['glue', 'compressor', 'multiband']);

/** The default chain's frame for a mix the assistant cannot analyse (silence). */
function silentChoice(
  mix: Programme,
  target: { readonly lufs: number; readonly ceilingDbtp: number },
): ChainChoice {
  const chosen = defaultChain(
    {
      sampleRate: mix.sampleRate,
      channels: mix.channels,
      frames: mix.frames,
      integratedLufs: Number.NEGATIVE_INFINITY,
      truePeakDbtp: Number.NEGATIVE_INFINITY,
    },
    target,
  );
  return { chain: chosen.chain, notes: chosen.notes };
}

/** A reference track for matching, with its weight among several. */
export interface MasteringReference {
  readonly programme: Programme;
  readonly name: string;
  readonly weight: number;
}

export interface ChainChoice {
  readonly chain: InsertDocument[];
  /** One line per decision. */
  readonly notes: string[];
  /** Absent for a silent mix. */
  readonly analysis?: MixAnalysis;
  readonly match?: ReferenceMatch;
  /** The loudness the chain was chosen for, when it came from the references (LUFS). */
  readonly targetLufs?: number;
}

/**
 * The chain `mixdown master` uses when none is given: the assistant's musical decisions
 * (tonal balance against the balanced curve or the references, sibilance, dynamics, stereo),
 * framed by the delivery safeguards of the default chain — the subsonic high-pass first, and
 * the soft clipper before the limiter when the target's peak-to-loudness ratio asks for more
 * than a limiter should do alone. The limiter comes last; loudness targeting sets it.
 */
export async function chooseChain(
  mix: Programme,
  requested: { readonly lufs: number; readonly ceilingDbtp: number },
  references: readonly MasteringReference[] = [],
  amounts: MatchOptions = {},
  /** No loudness was asked for: aim for the match's (matchLoudnessPercent of the way). */
  loudnessFromReferences = false,
): Promise<ChainChoice> {
  let target = requested;
  let analysis: MixAnalysis;
  try {
    analysis = await analyzeProgramme(mix);
  } catch (error) {
    // A silent mix has nothing to analyse; targeting reports it in its own words.
    if (isMixdownError(error) && error.code === 'no-audio') return silentChoice(mix, target);
    throw error;
  }
  let match: ReferenceMatch | undefined;
  if (references.length > 0) {
    const profiles = [];
    for (const r of references) {
      profiles.push({
        profile: await profileProgramme(r.programme),
        weight: r.weight,
        name: r.name,
      });
    }
    match = matchReferences(analysis.profile, combineReferences(profiles), amounts);
    // Decided before the chain is: whether boosts fit and a clipper is needed depend on it.
    if (loudnessFromReferences) {
      const lufs = Math.min(MAX_TARGET_LUFS, Math.max(MIN_TARGET_LUFS, match.loudness.targetLufs));
      target = { ...requested, lufs };
    }
  }
  const assisted = assistMastering(analysis, { target, ...(match ? { match } : {}) });
  const safety = defaultChain(
    {
      sampleRate: mix.sampleRate,
      channels: mix.channels,
      frames: mix.frames,
      integratedLufs: analysis.dynamics.integratedLufs,
      truePeakDbtp: analysis.dynamics.truePeakDbtp,
    },
    target,
  );
  const [highpass, ...rest] = safety.chain;
  const clipper = rest.filter((insert) => insert.type === 'clipper');
  const limiter = rest.find((insert) => insert.type === 'limiter')!;
  // When the target needs peaks shaved, a compressor works against it: its attack lets the
  // transients through while it lowers the body, raising the crest the clipper must remove.
  const shaving = clipper.length > 0;
  const dropped = shaving ? assisted.chain.filter((insert) => COMPRESSORS.has(insert.type)) : [];
  // A loud target leaves no headroom for boosts: they feed the limiter, which then cannot
  // reach the loudness within its budget. Cuts are kept.
  const targetCrestDb = target.ceilingDbtp - target.lufs;
  const loud = targetCrestDb < LOUD_TARGET_CREST_DB;
  let boostsLeftOut = 0;
  const musical = assisted.chain
    .filter((insert) => insert.type !== 'limiter' && !dropped.includes(insert))
    .flatMap((insert) => {
      if (!loud || insert.type !== 'eq') return [insert];
      const bands = (insert.bands as { gainDb?: number }[]).filter((b) => !((b.gainDb ?? 0) > 0));
      boostsLeftOut += (insert.bands as unknown[]).length - bands.length;
      return bands.length > 0 ? [{ ...insert, bands }] : [];
    });
  const safetyNotes = safety.notes.filter((note) => /^(eq|clipper|No clipper)/.test(note));
  const reasons = assisted.decisions
    .filter((d) => d.stage !== 'limiter' && !(dropped.length > 0 && d.stage === 'dynamics'))
    .map((d) => d.reason);
  if (boostsLeftOut > 0) {
    reasons.push(
      `${boostsLeftOut} EQ boost${boostsLeftOut === 1 ? '' : 's'} left out: a target of ${target.lufs} LUFS under ${target.ceilingDbtp} dBTP leaves ${targetCrestDb.toFixed(1)} dB between loudness and peaks, and a boost would spend it in the limiter; cuts are kept.`,
    );
  }
  if (dropped.length > 0) {
    reasons.push(
      `No ${dropped.map((d) => d.type).join(', ')}: the target asks for peaks to be shaved, which a compressor's attack works against; the clipper and the limiter do it.`,
    );
  }
  return {
    chain: [highpass, ...musical, ...clipper, limiter],
    notes: [
      ...reasons,
      ...safetyNotes,
      'limiter: true-peak, 2 ms look-ahead, adaptive release; loudness targeting sets its ceiling and drive.',
    ],
    analysis,
    ...(match ? { match } : {}),
    ...(target !== requested ? { targetLufs: target.lufs } : {}),
  };
}
