/**
 * The onset detection function: SuperFlux (Böck & Widmer, "Maximum filter vibrato
 * suppression for onset detection", DAFx 2013), the positive change of a log-compressed,
 * log-frequency magnitude spectrogram against a maximum-filtered earlier frame:
 *
 *   L(n, b) = log10(1 + λ·E(n, b))
 *   SF(n)  = Σ_b max(0, L(n, b) − max(L(n − μ, b − 1 … b + 1)))
 *
 * The log makes a soft hat count beside a loud kick; the maximum filter across bands keeps
 * vibrato and glides (a partial moving by one band) from reading as onsets. λ is set from
 * the clip's loudest band, so the function does not depend on the clip's level.
 *
 * Frames: Hann, ≈ 21 ms (1024 samples at 44.1/48 kHz), a hop of 5 ms (200 frames a second),
 * μ = 2 frames (10 ms); frame n is centred on sample n·hop.
 */
import { RealFft } from '../../core/fft.js';
import { frameSizeFor, periodicHann } from './hann.js';
import { applyFilterbank, logFilterbank } from './log-filterbank.js';

export interface OnsetEnvelope {
  /** SF(n) per frame; frame n is centred on sample n·hopSamples. */
  readonly values: Float64Array;
  readonly hopSamples: number;
  readonly frameSize: number;
  readonly sampleRate: number;
}

const FRAME_SECONDS = 0.0213;
const FRAMES_PER_SECOND = 200;
const LAG_SECONDS = 0.01;
/** λ puts the knee of log10(1 + λE) this far (dB) below the clip's loudest band. */
const KNEE_BELOW_LOUDEST_DB = 60;

export function spectralFlux(mono: Float32Array, sampleRate: number): OnsetEnvelope {
  const frameSize = frameSizeFor(FRAME_SECONDS, sampleRate);
  const hop = Math.max(1, Math.round(sampleRate / FRAMES_PER_SECOND));
  const lag = Math.max(1, Math.round((LAG_SECONDS * sampleRate) / hop));
  const bank = logFilterbank(frameSize, sampleRate, 24, 30, 17000);
  const bands = bank.bands;
  const frames = Math.floor(mono.length / hop) + 1;
  const energies = new Float32Array(frames * bands);

  const fft = new RealFft(frameSize);
  const window = periodicHann(frameSize);
  const frame = new Float64Array(frameSize);
  const spectrum = fft.createSpectrum();
  const magnitudes = new Float64Array(frameSize / 2 + 1);
  const half = frameSize / 2;
  let loudest = 0;
  for (let n = 0; n < frames; n++) {
    const start = n * hop - half;
    for (let i = 0; i < frameSize; i++) {
      const m = start + i;
      frame[i] = m >= 0 && m < mono.length ? mono[m] * window[i] : 0;
    }
    fft.forward(frame, spectrum);
    for (let k = 0; k <= half; k++) {
      const re = spectrum[2 * k];
      const im = spectrum[2 * k + 1];
      magnitudes[k] = Math.sqrt(re * re + im * im);
    }
    applyFilterbank(bank, magnitudes, energies, n * bands);
    for (let b = 0; b < bands; b++) loudest = Math.max(loudest, energies[n * bands + b]);
  }

  const values = new Float64Array(frames);
  if (loudest === 0) return { values, hopSamples: hop, frameSize, sampleRate };
  const lambda = 10 ** (KNEE_BELOW_LOUDEST_DB / 20) / loudest;
  const logs = new Float32Array(energies.length);
  for (let i = 0; i < logs.length; i++) logs[i] = Math.log10(1 + lambda * energies[i]);
  for (let n = lag; n < frames; n++) {
    const now = n * bands;
    const before = (n - lag) * bands;
    let sum = 0;
    for (let b = 0; b < bands; b++) {
      let reference = logs[before + b];
      if (b > 0 && logs[before + b - 1] > reference) reference = logs[before + b - 1];
      if (b + 1 < bands && logs[before + b + 1] > reference) reference = logs[before + b + 1];
      const rise = logs[now + b] - reference;
      if (rise > 0) sum += rise;
    }
    values[n] = sum;
  }
  return { values, hopSamples: hop, frameSize, sampleRate };
}
