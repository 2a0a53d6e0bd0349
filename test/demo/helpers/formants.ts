import { RealFft } from '../../../src/core/fft.js';

/**
 * Formant frequencies of a voiced excerpt, read off its harmonics: the level of each
 * harmonic k·f0 (the strongest spectrum bin within ±f0/3 of it, Hann window), then each
 * local maximum of those levels refined by a parabola through it and its two neighbours
 * (in dB against harmonic number). A voice's harmonics sample its vocal-tract envelope
 * every f0 Hz, so this resolves formants to a fraction of f0.
 */
export interface HarmonicLevel {
  readonly harmonic: number;
  readonly frequencyHz: number;
  readonly levelDb: number;
}

export function harmonicLevels(
  x: Float32Array,
  start: number,
  length: number,
  f0: number,
  sampleRate: number,
  maxHz: number,
): HarmonicLevel[] {
  let size = 2;
  while (size < 4 * length) size *= 2;
  const fft = new RealFft(size);
  const frame = new Float64Array(size);
  for (let j = 0; j < length; j++) {
    frame[j] = x[start + j] * (0.5 - 0.5 * Math.cos((2 * Math.PI * j) / (length - 1)));
  }
  const spectrum = fft.createSpectrum();
  fft.forward(frame, spectrum);
  const binHz = sampleRate / size;
  const levels: HarmonicLevel[] = [];
  for (let k = 1; k * f0 <= maxHz; k++) {
    const lo = Math.max(1, Math.floor((k * f0 - f0 / 3) / binHz));
    const hi = Math.ceil((k * f0 + f0 / 3) / binHz);
    let peak = 0;
    for (let bin = lo; bin <= hi; bin++) {
      peak = Math.max(peak, Math.hypot(spectrum[2 * bin], spectrum[2 * bin + 1]));
    }
    levels.push({ harmonic: k, frequencyHz: k * f0, levelDb: 20 * Math.log10(peak + 1e-30) });
  }
  return levels;
}

/** Frequencies of the envelope's peaks (local maxima of the harmonic levels, refined). */
export function envelopePeaksHz(levels: readonly HarmonicLevel[], f0: number): number[] {
  const peaks: number[] = [];
  for (let i = 1; i + 1 < levels.length; i++) {
    const [y0, y1, y2] = [levels[i - 1].levelDb, levels[i].levelDb, levels[i + 1].levelDb];
    if (y1 > y0 && y1 >= y2) {
      const shift = (0.5 * (y0 - y2)) / (y0 - 2 * y1 + y2);
      peaks.push(levels[i].frequencyHz + shift * f0);
    }
  }
  return peaks;
}
