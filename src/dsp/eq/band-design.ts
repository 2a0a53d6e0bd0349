import {
  type BandType,
  bandpassPrototype,
  bellPrototype,
  createAnalogSection,
  highpassPrototype,
  highShelfPrototype,
  lowpassPrototype,
  lowShelfPrototype,
  notchPrototype,
} from './analog-prototypes.js';
import { butterworthSectionQ } from './butterworth.js';
import { COEFFICIENTS_PER_SECTION, MatchedDesigner } from './matched-designs.js';

/** Most sections one band uses (a 48 dB/octave Butterworth filter). */
export const MAX_SECTIONS_PER_BAND = 4;

/** Highest centre frequency designed, as a fraction of the sample rate (just below Nyquist). */
export const MAX_DESIGN_FRACTION = 0.49;

export interface BandDesign {
  type: BandType;
  freqHz: number;
  gainDb: number;
  q: number;
  /** Second-order sections of a highpass/lowpass band (slope / 12 dB per octave). */
  butterworthSections: number;
}

/**
 * Turns one band's settings into digital second-order sections (matched-designs.ts).
 *
 * Boosts are designed directly and cuts as their exact inverses: the analog bell and shelves
 * satisfy H(−g) = 1/H(+g) (and highshelf(g) = 10^(g/20)·lowshelf(−g)), so every design puts
 * the analog poles that lie *below* the zeros (a boost's narrow resonance, a shelf's lower
 * corner) through the pole matching, where z = e^{s} is most faithful, and leaves the other
 * pair to the least-squares numerator. Designing a cut directly gives overdamped poles far
 * above f0 that alias under z = e^{s} (measured: errors of several dB near 10 kHz at 44.1 kHz).
 */
export class BandDesigner {
  private readonly matched = new MatchedDesigner();
  private readonly analog = createAnalogSection();

  /** Writes the band's sections at `offset` and returns how many it wrote. */
  design(band: BandDesign, sampleRate: number, out: Float64Array, offset: number): number {
    const freqHz = Math.min(band.freqHz, MAX_DESIGN_FRACTION * sampleRate);
    const w0 = (2 * Math.PI * freqHz) / sampleRate;
    const { q, gainDb } = band;
    const h = this.analog;
    const m = this.matched;
    switch (band.type) {
      case 'bell':
        if (gainDb >= 0) m.design(bellPrototype(w0, q, gainDb, h), w0, q, out, offset);
        else {
          m.design(bellPrototype(w0, q, -gainDb, h), w0, q, out, offset);
          if (!invertSection(out, offset, 1)) {
            m.design(bellPrototype(w0, q, gainDb, h), w0, q, out, offset);
          }
        }
        return 1;
      case 'lowshelf':
        if (gainDb >= 0) m.design(lowShelfPrototype(w0, q, gainDb, h), w0, q, out, offset);
        else {
          m.design(lowShelfPrototype(w0, q, -gainDb, h), w0, q, out, offset);
          if (!invertSection(out, offset, 1)) {
            m.design(lowShelfPrototype(w0, q, gainDb, h), w0, q, out, offset);
          }
        }
        return 1;
      case 'highshelf': {
        const gain = 10 ** (gainDb / 20);
        m.design(lowShelfPrototype(w0, q, Math.abs(gainDb), h), w0, q, out, offset);
        if (gainDb <= 0) scaleNumerator(out, offset, gain);
        else if (!invertSection(out, offset, gain)) {
          m.design(highShelfPrototype(w0, q, gainDb, h), w0, q, out, offset);
        }
        return 1;
      }
      case 'notch':
        m.design(notchPrototype(w0, q, h), w0, q, out, offset);
        return 1;
      case 'bandpass':
        m.design(bandpassPrototype(w0, q, h), w0, q, out, offset);
        return 1;
      case 'lowpass':
      case 'highpass': {
        const n = band.butterworthSections;
        for (let k = 0; k < n; k++) {
          const qk = butterworthSectionQ(k, n);
          const proto =
            band.type === 'lowpass' ? lowpassPrototype(w0, qk, h) : highpassPrototype(w0, qk, h);
          m.design(proto, w0, qk, out, offset + k * COEFFICIENTS_PER_SECTION);
        }
        return n;
      }
    }
  }
}

function scaleNumerator(c: Float64Array, o: number, gain: number): void {
  c[o] *= gain;
  c[o + 1] *= gain;
  c[o + 2] *= gain;
}

/**
 * Replaces the section by gain/H(z); false (section untouched) when the inverse would be
 * unstable, i.e. the zeros were not inside the unit circle.
 */
function invertSection(c: Float64Array, o: number, gain: number): boolean {
  const b0 = c[o];
  const b1 = c[o + 1];
  const b2 = c[o + 2];
  const a1 = c[o + 3];
  const a2 = c[o + 4];
  const na1 = b1 / b0;
  const na2 = b2 / b0;
  if (!(Math.abs(na2) < 1 && Math.abs(na1) < 1 + na2)) return false;
  const k = gain / b0;
  c[o] = k;
  c[o + 1] = a1 * k;
  c[o + 2] = a2 * k;
  c[o + 3] = na1;
  c[o + 4] = na2;
  return true;
}
