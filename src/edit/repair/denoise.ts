/**
 * Spectral denoising of a whole clip (offline). The clip is split into two bands that add
 * back exactly (band-split.ts), each with its own STFT (long frames below the crossover,
 * short above). Two passes over each STFT with exact overlap-add (stft.ts): the first gathers each bin's power into a histogram, from which a
 * stationary noise profile is estimated (noise-profile.ts) unless the user chose a noise
 * region (noise-region.ts, refused when it holds programme); the second applies
 * decision-directed Wiener gains (spectral-gain.ts) and resynthesises. The STFT frames are
 * placed so that the output lines up with the input sample for sample.
 */
import type { AudioData } from '../../core/audio.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostics.js';
import { MixdownError } from '../../core/errors.js';
import { dbToGain, dbToPower, finiteOrNull, powerToDb } from '../../core/units.js';
import { choice, num, type ParamValues } from '../../dsp/params.js';
import { splitBands } from './band-split.js';
import { BinPowerHistogram, medianAcrossFrequency, noiseLevelDbfs } from './noise-profile.js';
import { NoiseReductionMeter } from './noise-reduction.js';
import {
  measureRegion,
  REGION_MIN_FRAMES,
  type RegionSamples,
  regionHoldsProgramme,
} from './noise-region.js';
import type { RepairOperation, RepairReportBase, RepairResult } from './operation.js';
import { checkAudio, resolveSettings } from './settings.js';
import { WienerGain } from './spectral-gain.js';
import { binPowers, denoiseFftSize, Stft } from './stft.js';

export const denoiseSettings = {
  profile: choice({
    name: 'Noise profile',
    choices: ['auto', 'region'],
    default: 'auto',
    description:
      'where the noise is learned: "auto" estimates the steady noise floor of the whole clip, "region" learns it from profileStartSeconds…profileEndSeconds',
  }),
  profileStartSeconds: num({
    name: 'Profile start',
    unit: 's',
    min: 0,
    max: 86_400,
    default: 0,
    smoothingMs: 0,
    automatable: false,
    description: 'start of the noise-only region (profile "region"), from the clip start',
  }),
  profileEndSeconds: num({
    name: 'Profile end',
    unit: 's',
    min: 0,
    max: 86_400,
    default: 0,
    smoothingMs: 0,
    automatable: false,
    description: 'end of the noise-only region (profile "region"), from the clip start',
  }),
  strengthDb: num({
    name: 'Strength',
    unit: 'dB',
    min: -6,
    max: 20,
    default: 0,
    smoothingMs: 0,
    automatable: false,
    description:
      'how hard noise is removed: the gain treats the noise as this much above its profile (over-subtraction); higher removes more noise and more quiet detail',
  }),
  floorDb: num({
    name: 'Floor',
    unit: 'dB',
    min: -60,
    max: 0,
    default: -24,
    smoothingMs: 0,
    automatable: false,
    description:
      'largest attenuation any time–frequency cell may receive (the most noise can be reduced); 0 leaves the audio unchanged',
  }),
} as const;

export type DenoiseSettings = ParamValues<typeof denoiseSettings>;

export interface DenoiseReport extends RepairReportBase {
  readonly operation: 'denoise';
  readonly profile: 'auto' | 'region';
  /** RMS level of the estimated noise (dBFS, power mean over channels); null for silence. */
  readonly noiseFloorDbfs: number | null;
  readonly channelNoiseFloorDbfs: readonly (number | null)[];
  /**
   * How far the gains lower the noise's energy (dB, positive = quieter), measured on a
   * surrogate of the profiled noise put through the same gains (noise-reduction.ts).
   */
  readonly noiseReductionDb: number;
  /** The region the profile came from, in seconds (profile "region" only). */
  readonly profileRegion?: { readonly startSeconds: number; readonly endSeconds: number };
}

/** Other signals put through exactly the gains computed for the input (for measurement). */
export interface DenoiseShadowResult extends RepairResult<DenoiseReport> {
  readonly shadows: AudioData[];
}

export function denoise(
  audio: AudioData,
  settings: Readonly<Record<string, unknown>> = {},
): RepairResult<DenoiseReport> {
  return denoiseWithShadows(audio, settings, []);
}

/**
 * Denoises `audio` and applies the very same time–frequency gains to each of `shadows`
 * (same shape as `audio`). The STFT is linear for fixed gains, so for input = clean + noise
 * the output is exactly shadow(clean) + shadow(noise): the way to measure how much of the
 * clean signal survives and how much noise remains ("shadow filtering").
 */
export function denoiseWithShadows(
  audio: AudioData,
  settings: Readonly<Record<string, unknown>>,
  shadows: readonly AudioData[],
): DenoiseShadowResult {
  checkAudio('denoise', audio);
  const values = resolveSettings('denoise', denoiseSettings, settings);
  const fs = audio.sampleRate;
  const frames = audio.channels[0].length;
  const lowStft = new Stft(denoiseFftSize(fs, LOW_BAND_FRAME_SECONDS));
  const highStft = new Stft(denoiseFftSize(fs));
  // The longer frames set how short a region may be.
  const region =
    values.profile === 'region' ? regionSamples(values, fs, frames, lowStft) : undefined;

  const outChannels: Float32Array[] = [];
  const shadowChannels: Float32Array[][] = shadows.map(() => []);
  const floors: number[] = [];
  let noiseIn = 0;
  let noiseOut = 0;
  audio.channels.forEach((x, c) => {
    const split = (y: Float32Array) => splitBands(y, fs, CROSSOVER_HZ);
    const bands = split(x);
    const shadowBands = shadows.map((s) => split(s.channels[c]));
    const output = new Float32Array(x.length);
    const shadowOutput = shadows.map(() => new Float32Array(x.length));
    let floorPower = 0;
    for (const [band, stft] of [
      ['low', lowStft],
      ['high', highStft],
    ] as const) {
      const noise = learnNoise(stft, bands[band], fs, region, c, audio.channels.length);
      floorPower += dbToPower(noiseLevelDbfs(noise, stft.window));
      const run = applyGains(
        stft,
        bands[band],
        noise,
        values,
        shadowBands.map((s) => s[band]),
        c,
      );
      addInto(output, run.output);
      run.shadows.forEach((s, i) => {
        addInto(shadowOutput[i], s);
      });
      noiseIn += run.noiseIn;
      noiseOut += run.noiseOut;
    }
    floors.push(powerToDb(floorPower));
    outChannels.push(output);
    shadowOutput.forEach((s, i) => {
      shadowChannels[i].push(s);
    });
  });

  const meanPower = floors.reduce((a, f) => a + dbToPower(f), 0) / floors.length;
  const floorDbfs = finiteOrNull(powerToDb(meanPower));
  const reductionDb = noiseIn > 0 && noiseOut > 0 ? 10 * Math.log10(noiseIn / noiseOut) : 0;
  const changed = values.floorDb < 0;
  const where =
    region !== undefined
      ? `the region ${formatSeconds(region.startSample / fs)}–${formatSeconds(region.endSample / fs)} s`
      : 'the whole clip (auto)';
  const diagnostics: Diagnostic[] = [];
  if (!changed) {
    diagnostics.push(
      diagnostic('denoise-off', 'info', 'The floor is 0 dB, so no noise was removed.'),
    );
  }
  const report: DenoiseReport = {
    operation: 'denoise',
    summary: `Noise floor ${floorDbfs === null ? 'silent' : `${floorDbfs.toFixed(1)} dBFS`} learned from ${where}; noise reduced by ${reductionDb.toFixed(1)} dB.`,
    changed,
    diagnostics,
    profile: values.profile,
    noiseFloorDbfs: floorDbfs,
    channelNoiseFloorDbfs: floors.map(finiteOrNull),
    noiseReductionDb: reductionDb,
    ...(region !== undefined
      ? {
          profileRegion: {
            startSeconds: region.startSample / fs,
            endSeconds: region.endSample / fs,
          },
        }
      : {}),
  };
  return {
    audio: { sampleRate: fs, channels: outChannels },
    report,
    shadows: shadowChannels.map((channels) => ({ sampleRate: fs, channels })),
  };
}

export const denoiseOperation: RepairOperation<typeof denoiseSettings, DenoiseReport> = {
  id: 'denoise',
  name: 'Denoise',
  description:
    'Remove steady background noise (hiss, air, room tone) with spectral gains learned from the clip or a noise-only region.',
  settings: denoiseSettings,
  run: denoise,
};

/**
 * Multi-resolution: below the crossover, frames of ≈ 170 ms (5.9 Hz bins at 48 kHz), so
 * the main lobes of low partials open the gain over a quarter of the bandwidth that 43 ms
 * frames would, which matters most where pink or room noise is strongest; above it, 43 ms
 * frames keep onsets and consonants sharp. Measured on tonal and voice material over pink
 * noise (test/edit/repair/denoise.test.ts), single 43 ms frames left the 125–1000 Hz
 * octaves only 3–8 dB quieter.
 */
const CROSSOVER_HZ = 1500;
const LOW_BAND_FRAME_SECONDS = 0.17;

function addInto(sum: Float32Array, part: Float32Array): void {
  for (let i = 0; i < sum.length; i++) sum[i] += part[i];
}

function formatSeconds(s: number): string {
  return s.toFixed(2);
}

function regionSamples(
  values: DenoiseSettings,
  fs: number,
  frames: number,
  stft: Stft,
): RegionSamples {
  const start = values.profileStartSeconds;
  const end = values.profileEndSeconds;
  const name = `${formatSeconds(start)}–${formatSeconds(end)} s`;
  const clipSeconds = frames / fs;
  if (end <= start) {
    throw new MixdownError(
      'invalid-argument',
      `The noise profile region ${name} is empty: profileEndSeconds must be after profileStartSeconds; choose a region of background noise only.`,
    );
  }
  if (end > clipSeconds + 1e-9) {
    throw new MixdownError(
      'invalid-argument',
      `The noise profile region ${name} ends after the clip, which lasts ${formatSeconds(clipSeconds)} s; choose a region inside the clip.`,
    );
  }
  const startSample = Math.round(start * fs);
  const endSample = Math.round(end * fs);
  const minSeconds = ((REGION_MIN_FRAMES - 1) * stft.hop + stft.fftSize) / fs;
  if (endSample - startSample < minSeconds * fs) {
    throw new MixdownError(
      'invalid-argument',
      `The noise profile region ${name} is too short: it needs at least ${minSeconds.toFixed(2)} s; choose a longer region of background noise.`,
    );
  }
  return { startSample, endSample };
}

/** Pass 1: the noise profile of one channel. */
function learnNoise(
  stft: Stft,
  x: Float32Array,
  fs: number,
  region: RegionSamples | undefined,
  channel: number,
  channelCount: number,
): Float64Array {
  const histogram = new BinPowerHistogram(stft.binCount);
  const spectrum = stft.createSpectrum();
  const powers = new Float64Array(stft.binCount);
  const count = stft.frameCount(x.length);
  for (let j = 0; j < count; j++) {
    const start = stft.frameStart(j);
    // Frames that reach past either end are partly zero padding: they would read low.
    if (start < 0 || start + stft.fftSize > x.length) continue;
    stft.analyze(x, j, spectrum);
    binPowers(spectrum, powers);
    let total = 0;
    for (let k = 0; k < powers.length; k++) total += powers[k];
    if (total > 1e-20) histogram.add(powers);
  }
  const floor = histogram.estimateNoise();
  if (!region) return medianAcrossFrequency(floor, fs, stft.fftSize, histogram.steadyBins());
  const measured = measureRegion(stft, x, region, floor);
  if (regionHoldsProgramme(measured)) {
    const name = `${formatSeconds(region.startSample / fs)}–${formatSeconds(region.endSample / fs)} s`;
    const which = channelCount > 1 ? ` on channel ${channel + 1}` : '';
    throw new MixdownError(
      'invalid-argument',
      `The noise profile region ${name} holds programme, not just noise${which}: it stands ${measured.excessDb.toFixed(1)} dB above the clip's noise floor and its level varies by ${measured.spreadDb.toFixed(1)} dB; choose a region of background noise only (a pause or the lead-in) or use profile "auto".`,
    );
  }
  return measured.profile;
}

/**
 * Pass 2: gains applied to the channel (and its shadows), resynthesised; the reduction of
 * a surrogate of the profiled noise under the same gains is measured on the way.
 */
function applyGains(
  stft: Stft,
  x: Float32Array,
  noise: Float64Array,
  values: DenoiseSettings,
  shadows: readonly Float32Array[],
  channel: number,
): { output: Float32Array; shadows: Float32Array[]; noiseIn: number; noiseOut: number } {
  const gainRule = new WienerGain(
    stft.binCount,
    dbToPower(values.strengthDb),
    dbToGain(values.floorDb),
  );
  const spectrum = stft.createSpectrum();
  const shadowSpectrum = stft.createSpectrum();
  const powers = new Float64Array(stft.binCount);
  const gains = new Float64Array(stft.binCount);
  const out = new Float64Array(x.length);
  const shadowOut = shadows.map(() => new Float64Array(x.length));
  const count = stft.frameCount(x.length);
  const meter = new NoiseReductionMeter(stft, count, noise, channel);
  for (let j = 0; j < count; j++) {
    stft.analyze(x, j, spectrum);
    binPowers(spectrum, powers);
    gainRule.compute(powers, noise, gains);
    meter.frame(j, gains);
    stft.applyGains(spectrum, gains);
    stft.synthesizeAdd(spectrum, j, out);
    shadows.forEach((s, i) => {
      stft.analyze(s, j, shadowSpectrum);
      stft.applyGains(shadowSpectrum, gains);
      stft.synthesizeAdd(shadowSpectrum, j, shadowOut[i]);
    });
  }
  return {
    output: Float32Array.from(out),
    shadows: shadowOut.map((s) => Float32Array.from(s)),
    noiseIn: meter.energyIn,
    noiseOut: meter.energyOut,
  };
}
