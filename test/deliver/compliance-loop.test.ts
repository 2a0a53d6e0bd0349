import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { MixdownError } from '../../src/core/errors.js';
import {
  RETRY_MARGIN_DB,
  type RenderSpec,
  renderCompliant,
} from '../../src/deliver/compliance-loop.js';
import { NOISE_SHAPING_DESIGNS } from '../../src/deliver/noise-shaping.js';
import { convertRate } from '../../src/deliver/rate-conversion.js';
import { decodeAudioBytes } from '../../src/io/index.js';
import { hotMaster } from './helpers/master.js';
import { truePeakDbtp } from './helpers/true-peak.js';

/**
 * The closed loop on a hot master — true peak at the −1 dBTP ceiling before anything else
 * happens — delivered as MP3 320 (after 48 → 44.1 kHz conversion) and as a 16-bit 44.1 kHz
 * WAV. The decoded files are measured again here, at 8× oversampling, straight from the
 * bytes: they must be at or under the ceiling. Conversion pushes the master over it, so the
 * loop limits from the first pass; MP3 encoding raises the peaks again, so it must also retry.
 */

const CEILING_DBTP = -1;
const master = hotMaster(48000, 3, CEILING_DBTP);
const at44k = convertRate(master, 44100);
const MP3_320: RenderSpec = {
  format: 'mp3',
  mp3Mode: 'cbr320',
  sampleRate: 44100,
  channels: 2,
  ditherSeed: 1,
};

async function deliveredPeak(bytes: Uint8Array) {
  const decoded = await decodeAudioBytes(bytes, 'deliverable');
  return { decoded, truePeakDbtp: truePeakDbtp(decoded, 8) };
}

describe('closed loop: a master at the ceiling', () => {
  it('is at the ceiling to start with (within 0.05 dB), and conversion alone pushes it over', () => {
    const peak = truePeakDbtp(master, 8);
    expect(peak).toBeLessThanOrEqual(CEILING_DBTP);
    expect(peak).toBeGreaterThan(CEILING_DBTP - 0.05);
    expect(truePeakDbtp(at44k, 8)).toBeGreaterThan(CEILING_DBTP);
  });

  it.each<[string, RenderSpec]>([
    ['MP3 320, 44.1 kHz', MP3_320],
    [
      'WAV 16-bit, 44.1 kHz, Lipshitz',
      {
        format: 'wav',
        bitDepth: 16,
        sampleRate: 44100,
        channels: 2,
        ditherSeed: 2,
        noiseShaping: NOISE_SHAPING_DESIGNS.lipshitz,
      },
    ],
  ])(
    '%s: decoded true peak ≤ ceiling after the loop; the over-ceiling source is limited from pass 1',
    async (_, spec) => {
      const render = await renderCompliant(at44k, spec, CEILING_DBTP);
      const { decoded, truePeakDbtp: delivered } = await deliveredPeak(render.bytes);
      expect(delivered).toBeLessThanOrEqual(CEILING_DBTP);
      // The record agrees with the independent reading of the bytes.
      expect(render.passes.at(-1)!.deliveredTruePeakDbtp).toBeCloseTo(delivered, 6);
      // The converted source is over the ceiling, so encoding it as it is could only fail:
      // pass 1 already limits it, RETRY_MARGIN_DB under the ceiling; every later pass lower.
      expect(render.passes[0].preEncodeCeilingDbtp).toBe(CEILING_DBTP - RETRY_MARGIN_DB);
      for (const [i, pass] of render.passes.entries()) {
        expect(pass.preEncodeTruePeakDbtp).toBeLessThanOrEqual(pass.preEncodeCeilingDbtp!);
        if (i > 0) {
          expect(pass.preEncodeCeilingDbtp!).toBeLessThanOrEqual(
            render.passes[i - 1].preEncodeCeilingDbtp! - RETRY_MARGIN_DB,
          );
        }
      }
      // Why limit rather than turn down: lowering the peaks by Δ dB with a gain change would cost
      // Δ LU of loudness; limiting costs well under half of that. Both measured here against
      // the converted source itself.
      const peakReductionDb = truePeakDbtp(at44k, 8) - render.passes.at(-1)!.preEncodeTruePeakDbtp;
      const loudnessCostLu =
        analyzeAudio(at44k).integratedLufs - analyzeAudio(decoded).integratedLufs;
      expect(peakReductionDb).toBeGreaterThan(0);
      expect(loudnessCostLu).toBeLessThan(0.5 * peakReductionDb);
    },
  );

  it('MP3: a limited first pass still overshoots after encoding, and the loop measures it and aims lower', async () => {
    const render = await renderCompliant(at44k, MP3_320, CEILING_DBTP);
    expect(render.passes.length).toBeGreaterThan(1);
    const [first, second] = render.passes;
    expect(first.deliveredTruePeakDbtp).toBeGreaterThan(CEILING_DBTP);
    // The next aim takes off the codec's measured overshoot plus the margin.
    const overshootDb = first.deliveredTruePeakDbtp - first.preEncodeTruePeakDbtp;
    expect(second.preEncodeCeilingDbtp!).toBeCloseTo(
      Math.min(
        CEILING_DBTP - Math.max(0, overshootDb) - RETRY_MARGIN_DB,
        first.preEncodeCeilingDbtp! - RETRY_MARGIN_DB,
      ),
      12,
    );
  });

  it('a file already under its ceiling passes at once, untouched by the limiter', async () => {
    const spec: RenderSpec = {
      format: 'flac',
      bitDepth: 24,
      sampleRate: 48000,
      channels: 2,
      ditherSeed: 3,
    };
    const render = await renderCompliant(master, spec, -0.5);
    expect(render.passes).toHaveLength(1);
    expect(render.dithered).toBe(true);
    const { decoded } = await deliveredPeak(render.bytes);
    // Only the 24-bit dither separates it from the master: at most 1.5 LSB.
    let worst = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < decoded.channels[c].length; i++) {
        worst = Math.max(worst, Math.abs(decoded.channels[c][i] - master.channels[c][i]));
      }
    }
    expect(worst).toBeLessThanOrEqual(1.5 * 2 ** -23);
  });

  it('copies audio already on the target grid bit for bit: no dither noise where nothing is reduced', async () => {
    const onGrid = {
      sampleRate: 48000,
      channels: master.channels.map((x) => x.map((v) => Math.round(v * 2 ** 23) / 2 ** 23)),
    };
    const spec: RenderSpec = {
      format: 'wav',
      bitDepth: 24,
      sampleRate: 48000,
      channels: 2,
      ditherSeed: 4,
    };
    const render = await renderCompliant(onGrid, spec, -0.5);
    expect(render.dithered).toBe(false);
    expect((await decodeAudioBytes(render.bytes, 'wav')).channels).toEqual(onGrid.channels);
    // Digital silence stays digital silence, even at 16 bits with noise shaping.
    const silence = { sampleRate: 44100, channels: [new Float32Array(4410)] };
    const quiet = await renderCompliant(
      silence,
      {
        ...spec,
        bitDepth: 16,
        sampleRate: 44100,
        channels: 1,
        noiseShaping: NOISE_SHAPING_DESIGNS.lipshitz,
      },
      -1,
    );
    expect((await decodeAudioBytes(quiet.bytes, 'wav')).channels[0].every((v) => v === 0)).toBe(
      true,
    );
  });

  it('gives up with one sentence when the ceiling is beyond the limiter’s reach', async () => {
    const attempt = renderCompliant(at44k, MP3_320, -11.95);
    await expect(attempt).rejects.toBeInstanceOf(MixdownError);
    await expect(attempt).rejects.toMatchObject({ code: 'unreachable-target' });
    await expect(attempt).rejects.toThrow(
      /^The MP3 320 kbit\/s, 44\.1 kHz deliverable still decodes at [^\n]*ceiling;[^\n]*\.$/,
    );
  });
});
