import { describe, expect, it } from 'vitest';
import { stretchOperation } from '../../../src/edit/timing/stretch-operation.js';
import {
  attackSeconds,
  cents,
  hilbertEnvelope,
  matchPosition,
  toneFrequencyHz,
} from './measure.js';
import { exactDelay, hitEnvelope, melody, mono, steadyTone, voiceLike } from './signals.js';

const context = { path: 'tracks[0].clips[0].edits[0]' };

function stretch(
  x: Float32Array | Float32Array[],
  sampleRate: number,
  ratio: number,
  preserveTransients = true,
) {
  const channels = Array.isArray(x) ? x : [x];
  return stretchOperation.apply(
    { sampleRate, channels },
    { ratio, targetSeconds: 0, preserveTransients },
    context,
  ).audio.channels;
}

describe('stretch: pitch', () => {
  it.each([
    [48000, 440, 0.8],
    [48000, 440, 1.25],
    [44100, 196, 0.8],
    [44100, 196, 1.25],
  ])('%i Hz: a steady %i Hz tone keeps its pitch within 1 cent at ratio %f', (fs, hz, ratio) => {
    const x = steadyTone(fs, 1.5, hz, [1, 0.5, 0.3]);
    const [y] = stretch(x, fs, ratio);
    expect(y.length).toBe(Math.round(x.length * ratio));
    // Measured away from the ends, over 0.8 s, by a zero-padded Blackman–Harris FFT peak.
    const from = Math.round(0.2 * fs);
    const measured = toneFrequencyHz(y, fs, from, from + Math.round(0.8 * fs), hz);
    const input = toneFrequencyHz(x, fs, from, from + Math.round(0.8 * fs), hz);
    expect(Math.abs(cents(measured, input))).toBeLessThan(1);
  });

  it('keeps a sine steady in level (within ±0.2 dB) while stretching it', () => {
    const fs = 48000;
    const x = steadyTone(fs, 1.5, 440);
    for (const ratio of [0.8, 1.25]) {
      const [y] = stretch(x, fs, ratio);
      const envelope = hilbertEnvelope(y);
      let lo = Infinity;
      let hi = 0;
      for (let n = Math.round(0.1 * fs); n < y.length - 0.1 * fs; n++) {
        lo = Math.min(lo, envelope[n]);
        hi = Math.max(hi, envelope[n]);
      }
      expect(20 * Math.log10(hi / 0.5)).toBeLessThan(0.2);
      expect(20 * Math.log10(lo / 0.5)).toBeGreaterThan(-0.2);
    }
  });
});

describe('stretch: transients', () => {
  const fs = 48000;
  const spacing = Math.round(0.35 * fs);
  const lead = Math.round(0.1 * fs);
  const hitCount = 5;
  /** Tom-like hits: 180 + 420 Hz, a 2 ms raised-cosine attack, 80 ms decay. */
  function hit(): Float32Array {
    const out = new Float32Array(spacing);
    for (let i = 0; i < spacing; i++) {
      const t = i / fs;
      out[i] =
        0.5 *
        hitEnvelope(t, 0.002, 0.08) *
        (Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 420 * t));
    }
    return out;
  }
  const one = hit();
  const x = new Float32Array(lead + spacing * hitCount + fs / 4);
  for (let k = 0; k < hitCount; k++) x.set(one, lead + k * spacing);
  const attackIn = attackSeconds(hilbertEnvelope(x), fs, lead - 480, lead + 2400);

  function attacks(y: Float32Array, ratio: number): number[] {
    const envelope = hilbertEnvelope(y);
    return Array.from({ length: hitCount }, (_, k) => {
      const at = Math.round((lead + k * spacing) * ratio);
      return attackSeconds(envelope, fs, at - 960, at + 2400);
    });
  }

  it.each([0.8, 1.25])(
    'ratio %f: every attack (10→90 %%) within 20 %% of the original',
    (ratio) => {
      const [y] = stretch(x, fs, ratio);
      for (const a of attacks(y, ratio)) expect(Math.abs(a / attackIn - 1)).toBeLessThan(0.2);
    },
  );

  it('the same stretch without transient handling smears attacks (the test can fail)', () => {
    const [y] = stretch(x, fs, 1.25, false);
    const worst = Math.max(...attacks(y, 1.25).map((a) => Math.abs(a / attackIn - 1)));
    expect(worst).toBeGreaterThan(0.2);
  });

  // A rigid piece moves an attack as a whole, so which instant of a 2 ms attack the map's
  // point falls on can move the hit by at most |1 − ratio| × 2 ms.
  it.each([0.8, 1.25])(
    'ratio %f: each hit lands where the ratio sends it, within |1 − ratio| × its attack',
    (ratio) => {
      const [y] = stretch(x, fs, ratio);
      const template = one.subarray(0, Math.round(0.01 * fs));
      for (let k = 0; k < hitCount; k++) {
        const expected = (lead + k * spacing) * ratio;
        const found = matchPosition(
          y,
          template,
          Math.round(expected) - 240,
          Math.round(expected) + 240,
        );
        expect(Math.abs(found - expected)).toBeLessThan(Math.abs(1 - ratio) * 0.002 * fs);
      }
    },
  );
});

describe('stretch: engine properties', () => {
  const fs = 48000;
  const notes = melody(8, 2);
  const voice = voiceLike(fs, 2, notes, 9);

  it('ratio 1 gives the input back (to rounding)', () => {
    const [y] = stretch(voice, fs, 1);
    let worst = 0;
    for (let n = 0; n < y.length; n++) worst = Math.max(worst, Math.abs(y[n] - voice[n]));
    expect(worst).toBeLessThan(1e-6);
  });

  it('is deterministic', () => {
    const [a] = stretch(voice, fs, 1.1);
    const [b] = stretch(voice, fs, 1.1);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  it('keeps the time difference between channels (stereo image)', () => {
    const right = exactDelay(voice, 12.5);
    const [l, r] = stretch([voice, right], fs, 1.25);
    // Lag of the right channel behind the left by cross-correlation, parabolic peak.
    const score = (lag: number) => {
      let sum = 0;
      for (let n = 2000; n < l.length - 2000; n++) sum += l[n] * r[n + lag];
      return sum;
    };
    let best = 0;
    for (let lag = -30; lag <= 30; lag++) if (score(lag) > score(best)) best = lag;
    const a = score(best - 1);
    const b = score(best);
    const c = score(best + 1);
    const lag = best + (0.5 * (a - c)) / (a - 2 * b + c);
    expect(Math.abs(lag - 12.5)).toBeLessThan(0.25);
  });

  it('refuses a target length more than 4× away, naming the edit', () => {
    expect(() =>
      stretchOperation.apply(
        mono(fs, voice),
        { ratio: 1, targetSeconds: 10, preserveTransients: true },
        context,
      ),
    ).toThrow(
      'The stretch at tracks[0].clips[0].edits[0] would take the 2.000 s clip to 10 s, a ratio of 5.000; one stretch can change the length by 0.25× to 4×, so split it into steps or choose another target length.',
    );
  });

  it('stretches to a stated length and reports it', () => {
    const result = stretchOperation.apply(
      mono(fs, voice),
      { ratio: 1, targetSeconds: 2.5, preserveTransients: true },
      context,
    );
    expect(result.audio.channels[0].length).toBe(2.5 * fs);
    expect(result.findings[0].message).toMatch(
      /^Stretched by 1\.2500 \(2\.000 s → 2\.500 s\), \d+ of \d+ onsets held rigid\.$/,
    );
  });
});
