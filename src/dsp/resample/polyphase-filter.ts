import { MixdownError } from '../../core/errors.js';
import { besselI0, kaiserBeta, kaiserOrder, kaiserWindowAt } from './kaiser.js';
import { QUALITY_PRESETS, type ResampleQuality } from './quality.js';
import { conversionRatio } from './rational-ratio.js';

/**
 * The anti-alias / anti-image low-pass of a rational resampler, as a polyphase table.
 *
 * Model (Crochiere & Rabiner, "Multirate Digital Signal Processing", 1983, ch. 2–3): insert
 * up − 1 zeros between input samples (rate up·fs_in, the "prototype rate"), low-pass with one
 * prototype h, keep every down-th sample. Output m then only touches the input samples
 * x[q − j] with coefficients h(j·up + phase − centre), where m·down = q·up + phase; storing
 * h split by phase ("polyphase") makes each output a dot product of tapsPerPhase terms.
 *
 * The prototype is a Kaiser-windowed sinc whose centre is a whole number of *output*
 * samples (centre = latencyOutputFrames · down prototype samples). It is symmetric about
 * that centre, so the delay is exact and frequency-independent, and a whole number of
 * output frames removes it.
 */
export interface PolyphaseFilter {
  readonly inputRateHz: number;
  readonly outputRateHz: number;
  /** fs_out / fs_in = upFactor / downFactor in lowest terms; upFactor = number of phases. */
  readonly upFactor: number;
  readonly downFactor: number;
  readonly tapsPerPhase: number;
  /** Output m reads input frames q − oldestTap … q − newestTap (both ≥ 0: causal). */
  readonly oldestTap: number;
  readonly newestTap: number;
  /**
   * upFactor × tapsPerPhase coefficients, phase-major; within a phase from the oldest input
   * sample to the newest, so the dot product walks both arrays forwards.
   */
  readonly coefficients: Float64Array;
  /** Group delay in output frames (an integer by construction). */
  readonly latencyOutputFrames: number;
  /** The same delay in input frames: latencyOutputFrames · fs_in / fs_out (may be fractional). */
  readonly latencyInputFrames: number;
  readonly design: FilterDesign;
}

/** What was designed, in physical units, for reports and tests. */
export interface FilterDesign {
  /** 'identity' when the rates are equal: no filter, the input passes bit-exact. */
  readonly kind: 'kaiser-windowed-sinc' | 'identity';
  readonly quality: ResampleQuality;
  readonly rejectionDb: number;
  readonly designAttenuationDb: number;
  readonly kaiserBeta: number;
  readonly passbandEdgeHz: number;
  readonly stopbandEdgeHz: number;
  /** −6 dB point of the windowed sinc: the middle of the transition band. */
  readonly cutoffHz: number;
  readonly transitionHz: number;
  /** Half the window length, in seconds (the same for every pair with the same lower rate). */
  readonly halfLengthSeconds: number;
  /** Non-zero taps of the prototype at the prototype rate up·fs_in. */
  readonly prototypeTaps: number;
}

/**
 * Largest polyphase table we agree to build (coefficients, 8 bytes each: 32 MiB). Common rate
 * pairs need at most a few hundred thousand (e.g. 32 kHz → 44.1 kHz: 441 phases); a ratio
 * like 44100 → 48001 would need 48001 phases and is refused instead of silently eating memory.
 */
export const MAX_TABLE_COEFFICIENTS = 1 << 22;

export function designPolyphaseFilter(
  inputRateHz: number,
  outputRateHz: number,
  quality: ResampleQuality = 'standard',
): PolyphaseFilter {
  for (const [name, rate] of [
    ['input', inputRateHz],
    ['output', outputRateHz],
  ] as const) {
    if (!Number.isInteger(rate) || rate <= 0 || rate > 10_000_000) {
      throw new MixdownError(
        'invalid-argument',
        `The ${name} sample rate ${rate} is not a whole number of hertz between 1 and 10 MHz; use a standard rate such as 44100 or 48000.`,
      );
    }
  }
  const preset = QUALITY_PRESETS[quality];
  if (preset === undefined) {
    throw new MixdownError(
      'invalid-argument',
      `Unknown resampling quality "${quality}"; use "standard" or "mastering".`,
    );
  }
  const { up, down } = conversionRatio(inputRateHz, outputRateHz);
  const lowerNyquistHz = Math.min(inputRateHz, outputRateHz) / 2;
  const passbandEdgeHz = preset.passbandEdge * lowerNyquistHz;
  const stopbandEdgeHz = preset.stopbandEdge * lowerNyquistHz;

  if (up === 1 && down === 1) {
    return {
      inputRateHz,
      outputRateHz,
      upFactor: 1,
      downFactor: 1,
      tapsPerPhase: 1,
      oldestTap: 0,
      newestTap: 0,
      coefficients: Float64Array.of(1),
      latencyOutputFrames: 0,
      latencyInputFrames: 0,
      design: {
        kind: 'identity',
        quality,
        rejectionDb: Number.POSITIVE_INFINITY,
        designAttenuationDb: Number.POSITIVE_INFINITY,
        kaiserBeta: 0,
        passbandEdgeHz: lowerNyquistHz,
        stopbandEdgeHz: lowerNyquistHz,
        cutoffHz: lowerNyquistHz,
        transitionHz: 0,
        halfLengthSeconds: 0,
        prototypeTaps: 1,
      },
    };
  }

  const prototypeRateHz = up * inputRateHz;
  const transitionHz = stopbandEdgeHz - passbandEdgeHz;
  const cutoffHz = (passbandEdgeHz + stopbandEdgeHz) / 2;
  const attenuationDb = preset.designAttenuationDb;
  const beta = kaiserBeta(attenuationDb);
  // Kaiser's order is the window length − 1; half of it is the reach either side of the centre.
  const halfLength = kaiserOrder(attenuationDb, (2 * Math.PI * transitionHz) / prototypeRateHz) / 2;
  const reach = Math.floor(halfLength); // |s| ≤ reach: the non-zero taps, in prototype samples
  // The centre sits on a whole output sample, at least `reach` prototype samples in, so that no
  // tap reads an input frame newer than the one the output is due at (q): the filter is causal.
  const latencyOutputFrames = Math.ceil(reach / down);
  const centre = latencyOutputFrames * down;
  // Taps j with some phase in 0 … up − 1 landing inside |j·up + phase − centre| ≤ reach.
  const newestTap = Math.ceil((centre - reach - (up - 1)) / up);
  const oldestTap = Math.floor((centre + reach) / up);
  const tapsPerPhase = oldestTap - newestTap + 1;
  if (up * tapsPerPhase > MAX_TABLE_COEFFICIENTS) {
    throw new MixdownError(
      'invalid-argument',
      `Converting ${inputRateHz} Hz to ${outputRateHz} Hz needs a ${up}-phase filter table, more than this resampler builds; convert through a standard rate (e.g. 48000 Hz) instead.`,
    );
  }

  // h(s) = (2·fc / fs_in) · sinc(2·fc·s / (up·fs_in)) · w(s / halfLength): the ideal
  // low-pass at fc, scaled by `up` so that zero-stuffing keeps unity gain.
  const i0OfBeta = besselI0(beta);
  const sincScale = (2 * cutoffHz) / prototypeRateHz;
  const coefficients = new Float64Array(up * tapsPerPhase);
  let sum = 0;
  for (let phase = 0; phase < up; phase++) {
    for (let t = 0; t < tapsPerPhase; t++) {
      const s = (oldestTap - t) * up + phase - centre;
      if (Math.abs(s) > reach) continue;
      const x = sincScale * s;
      const sinc = s === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const h = up * sincScale * sinc * kaiserWindowAt(s / halfLength, beta, i0OfBeta);
      coefficients[phase * tapsPerPhase + t] = h;
      sum += h;
    }
  }
  // Exact unity gain at DC: the prototype's taps sum to `up` (each phase to ≈ 1).
  const gain = up / sum;
  for (let i = 0; i < coefficients.length; i++) coefficients[i] *= gain;

  return {
    inputRateHz,
    outputRateHz,
    upFactor: up,
    downFactor: down,
    tapsPerPhase,
    oldestTap,
    newestTap,
    coefficients,
    latencyOutputFrames,
    latencyInputFrames: centre / up,
    design: {
      kind: 'kaiser-windowed-sinc',
      quality,
      rejectionDb: preset.rejectionDb,
      designAttenuationDb: attenuationDb,
      kaiserBeta: beta,
      passbandEdgeHz,
      stopbandEdgeHz,
      cutoffHz,
      transitionHz,
      halfLengthSeconds: halfLength / prototypeRateHz,
      prototypeTaps: 2 * reach + 1,
    },
  };
}
