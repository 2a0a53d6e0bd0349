import type { InsertDocument } from '../session/schema.js';
import type { Programme } from './programme.js';
import { measureProgramme } from './targeting.js';

/**
 * The chain `mixdown master` uses when none is given: `defaultChain(profile, target)`, one
 * function a smarter assistant can replace (it returns inserts in the session's format, and
 * one note per choice). `profileMix` measures what it needs in one pass over the mix.
 *
 * Deliberately conservative — it fixes levels and peaks, not the music:
 * 1. `eq`: a 20 Hz 24 dB/oct high-pass (minimum phase), removing subsonic energy that only
 *    costs headroom;
 * 2. `clipper`, only when the target asks for a peak-to-loudness ratio more than
 *    EASY_CREST_REDUCTION_DB below the mix's: an oversampled soft clipper that shaves the
 *    highest peaks (by up to MAX_CLIP_DB) so that the limiter is not left to take it all —
 *    a true-peak limiter doing more than that starts to pump, a few dB of clipped transients
 *    are far less audible. Compressors do not help here: with attack times they let
 *    transients through and raise the crest factor;
 * 3. `limiter`: the true-peak limiter; targeting sets its ceiling and drive.
 * No multiband compression, EQ moves or stereo processing: those are choices about the music
 * (the assistant's job), not about delivery.
 */

/** Crest (peak-to-loudness) reduction the limiter alone handles gracefully (dB). */
export const EASY_CREST_REDUCTION_DB = 3.5;
/** The most the default clipper shaves off the highest peaks (dB). */
export const MAX_CLIP_DB = 5;
/** Below this much shaving the clipper is left out. */
const MIN_CLIP_DB = 0.5;
/** Level the clipper's input is brought to (peaks, dBTP), whatever the mix level. */
const CLIPPER_INPUT_PEAK_DBTP = -1;

export interface MixProfile {
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly integratedLufs: number;
  /** True peak at the analyser's default 4× (dBTP). */
  readonly truePeakDbtp: number;
}

/** One pass over the mix: integrated loudness and true peak. */
export async function profileMix(mix: Programme): Promise<MixProfile> {
  const levels = await measureProgramme(mix);
  return {
    sampleRate: mix.sampleRate,
    channels: mix.channels,
    frames: mix.frames,
    ...levels,
  };
}

export interface DefaultChain {
  readonly chain: InsertDocument[];
  /** One sentence per choice, for the chain file's notes and the command's output. */
  readonly notes: string[];
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The default mastering chain for a mix and a target (see the module comment). */
export function defaultChain(
  profile: MixProfile,
  target: { readonly lufs: number; readonly ceilingDbtp: number },
): DefaultChain {
  const notes: string[] = [
    'Default chain (defaultChain, src/master/default-chain.ts): subsonic high-pass, a soft clipper only when the target needs it, true-peak limiter.',
    'eq: 20 Hz high-pass, 24 dB/oct, minimum phase: removes subsonic energy that only costs headroom.',
  ];
  const chain: InsertDocument[] = [
    {
      type: 'eq',
      phase: 'minimum',
      bands: [{ type: 'highpass', freqHz: 20, slopeDbPerOct: '24' }],
    },
  ];
  const mixCrest = profile.truePeakDbtp - profile.integratedLufs;
  const targetCrest = target.ceilingDbtp - target.lufs;
  const excess = mixCrest - targetCrest;
  const clipDb = round1(Math.min(MAX_CLIP_DB, excess - EASY_CREST_REDUCTION_DB));
  if (Number.isFinite(clipDb) && clipDb >= MIN_CLIP_DB) {
    const inputGainDb = round1(
      Math.min(24, Math.max(-12, CLIPPER_INPUT_PEAK_DBTP - profile.truePeakDbtp)),
    );
    const ceilingDb = round1(CLIPPER_INPUT_PEAK_DBTP - clipDb);
    chain.push({ type: 'clipper', inputGainDb, ceilingDb, softness: 50, oversampling: '4x' });
    notes.push(
      `clipper: the target's peak-to-loudness ratio (${targetCrest.toFixed(1)} dB) is ${excess.toFixed(1)} dB below the mix's (${mixCrest.toFixed(1)} dB), so the highest peaks are shaved by up to ${clipDb.toFixed(1)} dB (input ${inputGainDb >= 0 ? '+' : ''}${inputGainDb.toFixed(1)} dB to put peaks at ${CLIPPER_INPUT_PEAK_DBTP} dBTP, ceiling ${ceilingDb.toFixed(1)} dB, 4× oversampled) before the limiter.`,
    );
  } else if (Number.isFinite(excess)) {
    notes.push(
      `No clipper: the mix's peak-to-loudness ratio (${mixCrest.toFixed(1)} dB) is within ${EASY_CREST_REDUCTION_DB} dB of what the target allows (${targetCrest.toFixed(1)} dB); the limiter handles it.`,
    );
  }
  chain.push({
    type: 'limiter',
    ceilingDbtp: target.ceilingDbtp,
    lookaheadMs: 2,
    releaseMs: 100,
    adaptiveRelease: true,
  });
  notes.push(
    'limiter: true-peak, 2 ms look-ahead, 100 ms adaptive release; loudness targeting sets its ceiling and drive.',
  );
  return { chain, notes };
}
