import { WholeSampleDelay } from '../whole-sample-delay.js';
import { MeterInterpolant } from './meter-interpolant.js';
import { Oversampler, type OversamplerQuality } from './oversampler.js';
import { parabolicUnderReadDb, scanRefinedPeaks } from './parabolic-peak.js';

/**
 * Streaming inter-sample peak estimate for the limiter's side chain: per base-rate frame, the
 * larger of two readings, each on an 8× grid refined by parabolas (parabolic-peak.ts):
 *
 * 1. the band-limited waveform, reconstructed by a half-band cascade flat to 0.48·fs (23 kHz at
 *    48 kHz, 21.2 kHz at 44.1 kHz) with 70 dB image rejection: close to the ideal
 *    reconstruction for everything below 0.48·fs;
 * 2. the waveform as the project's true-peak meter reconstructs it (meter-interpolant.ts).
 *
 * Limits, stated: a tone up to fs/2 is read low by at most `DETECTOR_UNDER_READ_DB`
 * (parabola on the 8× grid) plus the reconstruction's ripple (70 dB: ×(1 ± 3.2e-4)); the
 * limiter lowers its target by both. Content within 0.02·fs of Nyquist is where reconstructions
 * legitimately differ — an ideal one needs ever longer filters as content nears fs/2 — so there
 * the guarantee is the project meter's reading, not the ideal one.
 */

export const DETECTION_FACTOR = 8;

/** Side chain reconstruction: wide pass band; 70 dB is plenty for a level estimate. */
export const DETECTION_QUALITY: OversamplerQuality = { passbandEdge: 0.48, stopbandDb: 70 };

/** Worst under-read of the 8× grid with parabolas, for any tone up to fs/2 (~0.005 dB). */
export const DETECTOR_UNDER_READ_DB = parabolicUnderReadDb(0.5, DETECTION_FACTOR);

export class TruePeakDetector {
  readonly oversampler: Oversampler;
  /**
   * Frame i's estimate covers the waveform between base samples i − `lowOffset` and
   * i − `highOffset` (inclusive), counted from the last reset.
   */
  readonly lowOffset: number;
  readonly highOffset: number;
  /** Dividing the ceiling by this (≥ 1) covers the stated under-read. */
  readonly underReadGain: number;

  private readonly meter: MeterInterpolant;
  /** Delays the meter's (shorter-latency) readings to line up with the half-band ones. */
  private readonly meterAlign: WholeSampleDelay;
  private readonly top: Float64Array;
  private readonly meterPeaks: Float64Array;
  /** Last two grid magnitudes per channel and reading (parabola state across blocks). */
  private readonly carry: Float64Array;

  constructor(channels: number, maxBlockSize: number) {
    const F = DETECTION_FACTOR;
    this.oversampler = new Oversampler(F, channels, maxBlockSize, DETECTION_QUALITY);
    this.meter = new MeterInterpolant(channels, maxBlockSize);
    this.top = new Float64Array(maxBlockSize * F);
    this.meterPeaks = new Float64Array(maxBlockSize);
    this.carry = new Float64Array(4 * channels);

    // A grid point q of frame i shows base time i − delay + j/F; the parabola found at q
    // describes a crest in (q − 2, q) grid steps. So frame i covers base samples from
    // floor(i − delay − 2/F) to ceil(i − delay + (F − 1)/F).
    const span = (delaySamples: number) => ({
      low: Math.ceil(delaySamples + 2 / F),
      high: Math.floor(delaySamples - (F - 1) / F),
    });
    const halfBand = span(this.oversampler.upsampleDelay);
    const meter = span(this.meter.delay);
    const align = Math.max(0, halfBand.low - meter.low);
    this.meterAlign = new WholeSampleDelay(channels, align);
    this.lowOffset = Math.max(halfBand.low, meter.low + align);
    this.highOffset = Math.min(halfBand.high, meter.high + align);

    const ripple = 10 ** (-DETECTION_QUALITY.stopbandDb / 20);
    this.underReadGain = 10 ** (DETECTOR_UNDER_READ_DB / 20) * (1 + ripple);
  }

  reset(): void {
    this.oversampler.reset();
    this.meter.reset();
    this.meterAlign.reset();
    this.carry.fill(0);
  }

  /** Writes, for each of `length` frames of `input`, the larger refined peak of both grids. */
  detect(channel: number, input: ArrayLike<number>, length: number, peaks: Float64Array): void {
    const F = DETECTION_FACTOR;
    const { top, meterPeaks, carry } = this;
    this.oversampler.upsample(channel, input, length, top);
    scanRefinedPeaks(top, length, F, carry, 4 * channel, peaks);
    this.meter.process(channel, input, length, top);
    scanRefinedPeaks(top, length, F, carry, 4 * channel + 2, meterPeaks);
    this.meterAlign.process(channel, meterPeaks, length, meterPeaks);
    for (let i = 0; i < length; i++) if (meterPeaks[i] > peaks[i]) peaks[i] = meterPeaks[i];
  }
}
