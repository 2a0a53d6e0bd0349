import { describe, expect, it } from 'vitest';
import { alignedOutput, monoResampler } from './aligned.js';
import { CONVERSIONS, khz, QUALITIES } from './conversions.js';
import { fitSine, tone, wrapRad } from './measure.js';

/**
 * Pass band, measured on sine tones through the whole converter: 24 frequencies from 20 Hz
 * to 0.9 of the lower Nyquist (log-spaced, both ends included). Each output is fitted by
 * least squares in its steady state (away from the switched-on start and end) at the known
 * frequency; gain must be within ±0.01 dB and the phase must match the input's at the same
 * instant (time-aligned output). The prototype is symmetric, so its phase is exactly linear
 * and the delay removal exact: only the Float32 rounding of the tone remains (measured
 * < 1e-6 output frames). The bound, 1e-4 output frames, is well under the smallest
 * misplacement the design could make (one prototype sample, 1/320 of an input frame here).
 */
const TONES = 24;
const AMPLITUDE = 0.5;
const PHASE_RAD = 0.3;
const FIT_FRAMES = 4096;

describe('pass band: gain and phase of sine tones', () => {
  for (const quality of QUALITIES) {
    for (const [fsIn, fsOut] of CONVERSIONS) {
      it(`${khz(fsIn)} → ${khz(fsOut)} (${quality}): ±0.01 dB and aligned, 20 Hz … 0.9 × Nyquist`, () => {
        const edgeHz = 0.9 * (Math.min(fsIn, fsOut) / 2);
        const resampler = monoResampler(fsIn, fsOut, quality);
        // The switched-on start rings for at most the filter's reach: the latency.
        const skip = resampler.latencyOutputFrames + 16;
        const outputFrames = FIT_FRAMES + 2 * skip;
        const inputFrames = Math.ceil((outputFrames * fsIn) / fsOut);
        let worstGainDb = 0;
        let worstShiftFrames = 0;
        for (let i = 0; i < TONES; i++) {
          const f = 20 * (edgeHz / 20) ** (i / (TONES - 1));
          const input = tone(inputFrames, fsIn, f, AMPLITUDE, PHASE_RAD);
          const y = alignedOutput(resampler, input, outputFrames);
          const fit = fitSine(y, skip, skip + FIT_FRAMES, f, fsOut);
          const gainDb = 20 * Math.log10(fit.amplitude / AMPLITUDE);
          const shiftFrames = wrapRad(fit.phaseRad - PHASE_RAD) / ((2 * Math.PI * f) / fsOut);
          if (Math.abs(gainDb) > Math.abs(worstGainDb)) worstGainDb = gainDb;
          if (Math.abs(shiftFrames) > Math.abs(worstShiftFrames)) worstShiftFrames = shiftFrames;
        }
        expect(Math.abs(worstGainDb)).toBeLessThan(0.01);
        expect(Math.abs(worstShiftFrames)).toBeLessThan(1e-4);
      });
    }
  }
});
