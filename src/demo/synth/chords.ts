import { beatsToSeconds } from './arrangement.js';
import { type AdsrShape, adsrGain } from './envelopes.js';
import { polyBlep } from './oscillators.js';
import { centsToRatio, midiToHz } from './pitch.js';
import { prngFor } from './random.js';
import { StateVariableFilter } from './state-variable-filter.js';
import type { ChordEvent } from './types.js';

/**
 * Keys: a soft analogue-style pad. Each chord note is three saws detuned by about −9, +1
 * and +8 cents (their slow beating is what makes a pad sound wide), the outer two panned
 * apart, through a low-pass that closes from ~3.3 kHz to 1.8 kHz after the attack.
 */
const DETUNE_CENTS = [-9, 1, 8];
/** [left, right] gains of each detuned voice. */
const PAN_LEFT = [0.9, 0.65, 0.4];
const PAN_RIGHT = [0.4, 0.65, 0.9];
const AMP: AdsrShape = {
  attackSeconds: 0.03,
  decaySeconds: 0.8,
  sustainLevel: 0.6,
  releaseSeconds: 0.35,
};
/** Envelope and cutoff are computed every this many samples and ramped in between. */
const CONTROL_FRAMES = 32;
/** Chords are released this long before the next bar, so each bar is re-struck audibly. */
const GAP_SECONDS = 0.05;

export function recordKeys(
  chords: readonly ChordEvent[],
  tempoBpm: number,
  frames: number,
  sampleRate: number,
  seed: number,
): [Float32Array, Float32Array] {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const prng = prngFor(seed, 'keys');
  for (const chord of chords) {
    const onset = Math.round(beatsToSeconds(chord.startBeat, tempoBpm) * sampleRate);
    const lengthSeconds = beatsToSeconds(chord.lengthBeats, tempoBpm) - GAP_SECONDS;
    const end = Math.min(
      frames,
      onset + Math.ceil((lengthSeconds + AMP.releaseSeconds) * sampleRate),
    );
    const count = chord.voicingMidi.length * DETUNE_CENTS.length;
    const increments = new Float64Array(count);
    const phases = new Float64Array(count);
    const panLeft = new Float64Array(count);
    const panRight = new Float64Array(count);
    chord.voicingMidi.forEach((midi, n) => {
      DETUNE_CENTS.forEach((cents, v) => {
        const i = n * DETUNE_CENTS.length + v;
        // ±2 cents of drift per voice: no two bars beat in exactly the same way.
        increments[i] = (midiToHz(midi) * centsToRatio(cents + prng.uniform(-2, 2))) / sampleRate;
        phases[i] = prng.next();
        panLeft[i] = PAN_LEFT[v];
        panRight[i] = PAN_RIGHT[v];
      });
    });
    const filterLeft = new StateVariableFilter(3300, 0.7, sampleRate);
    const filterRight = new StateVariableFilter(3300, 0.7, sampleRate);
    const gain = 1 / count;
    let amp = 0;
    let ampStep = 0;
    for (let i = onset; i < end; i++) {
      if ((i - onset) % CONTROL_FRAMES === 0) {
        const t = (i - onset) / sampleRate;
        const cutoff = 1800 + 1500 * Math.exp(-t / 0.3);
        filterLeft.setCutoff(cutoff, 0.7, sampleRate);
        filterRight.setCutoff(cutoff, 0.7, sampleRate);
        amp = gain * adsrGain(t, lengthSeconds, AMP);
        ampStep =
          (gain * adsrGain(t + CONTROL_FRAMES / sampleRate, lengthSeconds, AMP) - amp) /
          CONTROL_FRAMES;
      }
      let l = 0;
      let r = 0;
      for (let v = 0; v < count; v++) {
        const phase = phases[v];
        const increment = increments[v];
        const saw = 2 * phase - 1 - polyBlep(phase, increment);
        phases[v] = phase + increment >= 1 ? phase + increment - 1 : phase + increment;
        l += panLeft[v] * saw;
        r += panRight[v] * saw;
      }
      left[i] += amp * filterLeft.lowpass(l);
      right[i] += amp * filterRight.lowpass(r);
      amp += ampStep;
    }
  }
  return [left, right];
}
