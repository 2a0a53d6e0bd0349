import { nextPowerOfTwo, RealFft } from '../../core/fft.js';

/**
 * The spectrum of a voiced frame against the harmonic series of its tracked pitch — the
 * last two tests of "one voice" (monophony.ts). A single voice at f0 has a peak at every
 * harmonic k·f0 under a smooth envelope (the vocal tract's resonances: neighbouring
 * harmonics differ by a few dB, rarely by 25) and nothing tonal in between. Several voices
 * break this in one of two ways:
 *
 * - holes: the tracker follows a period the voices share (a major third repeats two
 *   octaves below its lower note), a subharmonic, and most of its harmonics are empty;
 * - inharmonic peaks: the tracker follows one voice, and the others' partials stand
 *   between its harmonics (a fifth below G4 puts C4's partials a third of the way between).
 *
 * The frame is eight periods under a Hann window (main lobe ±f0/4, so a partial a third of
 * the harmonic spacing away from a harmonic is resolved), zero-padded four times.
 */
export interface HarmonicPattern {
  /**
   * Share of the judged harmonics that are holes; undefined above about 400 Hz, where too
   * few harmonics lie below HIGHEST_HZ and the valley between a high voice's formants
   * (an /i/ sung at C5) can hold a hole of its own. A subharmonic of several voices is low.
   */
  readonly holes: number | undefined;
  /** Energy of peaks between harmonics over energy of harmonic peaks. */
  readonly inharmonicRatio: number;
}

const PERIODS = 8;
const HIGHEST_HZ = 3500;
/** A harmonic this far below the strongest harmonic within two on either side is a hole. */
const HOLE_DB = 25;
/** Harmonics and peaks this far below the frame's strongest are not judged. */
const FLOOR_DB = 40;
/** Fewest harmonics below HIGHEST_HZ for the peak test, and judged ones for the hole test. */
const MIN_HARMONICS = 3;
const MIN_HOLE_HARMONICS = 8;
/** Peaks within this share of the spacing of a harmonic belong to it; beyond INHARMONIC_AT, between. */
const HARMONIC_WITHIN = 0.2;
const INHARMONIC_AT = 0.25;

export class HarmonicPatternMeter {
  private readonly buffers = new Map<
    number,
    { fft: RealFft; input: Float64Array; spectrum: Float64Array }
  >();

  constructor(
    private readonly signal: Float32Array,
    private readonly sampleRate: number,
  ) {}

  /** The pattern of the frame centred at `centre` (samples) for pitch `f0Hz`. */
  measure(centre: number, f0Hz: number): HarmonicPattern | undefined {
    const fs = this.sampleRate;
    const count = Math.min(Math.floor(HIGHEST_HZ / f0Hz), Math.floor((0.45 * fs) / f0Hz));
    if (count < MIN_HARMONICS) return undefined;
    const length = Math.round((PERIODS * fs) / f0Hz);
    const size = nextPowerOfTwo(4 * length);
    let buffer = this.buffers.get(size);
    if (!buffer) {
      const fft = new RealFft(size);
      buffer = { fft, input: new Float64Array(size), spectrum: fft.createSpectrum() };
      this.buffers.set(size, buffer);
    }
    const { fft, input, spectrum } = buffer;
    input.fill(0);
    const start = Math.round(centre - length / 2);
    for (let n = 0; n < length; n++) {
      const i = start + n;
      const x = i >= 0 && i < this.signal.length ? this.signal[i] : 0;
      input[n] = x * (0.5 - 0.5 * Math.cos((2 * Math.PI * (n + 0.5)) / length));
    }
    fft.forward(input, spectrum);
    const binHz = fs / size;
    const top = Math.min(size / 2 - 1, Math.ceil((count + 0.5) * (f0Hz / binHz)));
    const db = new Float64Array(top + 2);
    for (let k = 0; k <= top + 1; k++) {
      db[k] = 10 * Math.log10(spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2 + 1e-30);
    }

    // Harmonic levels: the highest bin within ±HARMONIC_WITHIN of each k·f0.
    const harmonicDb = new Float64Array(count + 1);
    let strongest = Number.NEGATIVE_INFINITY;
    for (let h = 1; h <= count; h++) {
      const lo = Math.max(1, Math.floor(((h - HARMONIC_WITHIN) * f0Hz) / binHz));
      const hi = Math.min(top, Math.ceil(((h + HARMONIC_WITHIN) * f0Hz) / binHz));
      let best = Number.NEGATIVE_INFINITY;
      for (let k = lo; k <= hi; k++) best = Math.max(best, db[k]);
      harmonicDb[h] = best;
      strongest = Math.max(strongest, best);
    }
    let judged = 0;
    let holes = 0;
    for (let h = 1; h <= count; h++) {
      let neighbours = Number.NEGATIVE_INFINITY;
      for (let j = Math.max(1, h - 2); j <= Math.min(count, h + 2); j++) {
        if (j !== h) neighbours = Math.max(neighbours, harmonicDb[j]);
      }
      if (neighbours < strongest - FLOOR_DB) continue;
      judged++;
      if (harmonicDb[h] < neighbours - HOLE_DB) holes++;
    }

    // Peaks: local maxima above the floor, sorted into harmonic and in-between.
    let harmonicEnergy = 0;
    let inharmonicEnergy = 0;
    const lowest = Math.max(1, Math.floor((0.5 * f0Hz) / binHz));
    for (let k = lowest; k <= top; k++) {
      if (!(db[k] > db[k - 1] && db[k] >= db[k + 1]) || db[k] < strongest - FLOOR_DB) continue;
      const position = (k * binHz) / f0Hz;
      const offset = Math.abs(position - Math.round(position));
      const energy = 10 ** (db[k] / 10);
      if (offset <= HARMONIC_WITHIN) harmonicEnergy += energy;
      else if (offset >= INHARMONIC_AT) inharmonicEnergy += energy;
    }
    return {
      holes: judged >= MIN_HOLE_HARMONICS ? holes / judged : undefined,
      inharmonicRatio: harmonicEnergy > 0 ? inharmonicEnergy / harmonicEnergy : 0,
    };
  }
}
