import { beatsToSeconds } from './arrangement.js';
import { type AdsrShape, adsrGain } from './envelopes.js';
import { BlepOscillator } from './oscillators.js';
import { midiToHz } from './pitch.js';
import { prngFor } from './random.js';
import { StateVariableFilter } from './state-variable-filter.js';
import type { BassNote } from './types.js';

/**
 * The bass as a DI box hears it: a saw and a narrow pulse, as a bass guitar's bright
 * attack, through a low-pass whose cutoff falls from ~1.6 kHz to 180 Hz in the first
 * ~100 ms of each note (the "pluck"), then an amplitude envelope.
 */
const AMP: AdsrShape = {
  attackSeconds: 0.004,
  decaySeconds: 0.25,
  sustainLevel: 0.7,
  releaseSeconds: 0.06,
};
const FILTER_BASE_HZ = 180;
const FILTER_SWEEP_HZ = 1400;
const FILTER_TAU_SECONDS = 0.09;
/** Cutoff and envelope are computed every this many samples (ramped in between): tan() and exp() are not cheap. */
const CONTROL_FRAMES = 16;

export function recordBass(
  notes: readonly BassNote[],
  tempoBpm: number,
  frames: number,
  sampleRate: number,
  seed: number,
): Float32Array {
  const out = new Float32Array(frames);
  const prng = prngFor(seed, 'bass');
  for (const note of notes) {
    const onset = Math.round(beatsToSeconds(note.startBeat, tempoBpm) * sampleRate);
    const lengthSeconds = beatsToSeconds(note.lengthBeats, tempoBpm);
    const end = Math.min(
      frames,
      onset + Math.ceil((lengthSeconds + AMP.releaseSeconds) * sampleRate),
    );
    const increment = midiToHz(note.midi) / sampleRate;
    const saw = new BlepOscillator(prng.next());
    const pulse = new BlepOscillator(prng.next());
    const filter = new StateVariableFilter(FILTER_BASE_HZ + FILTER_SWEEP_HZ, 0.8, sampleRate);
    let amp = 0;
    let ampStep = 0;
    for (let i = onset; i < end; i++) {
      if ((i - onset) % CONTROL_FRAMES === 0) {
        const t = (i - onset) / sampleRate;
        const cutoff =
          FILTER_BASE_HZ + FILTER_SWEEP_HZ * note.velocity * Math.exp(-t / FILTER_TAU_SECONDS);
        filter.setCutoff(cutoff, 0.8, sampleRate);
        amp = note.velocity * adsrGain(t, lengthSeconds, AMP);
        ampStep =
          (note.velocity * adsrGain(t + CONTROL_FRAMES / sampleRate, lengthSeconds, AMP) - amp) /
          CONTROL_FRAMES;
      }
      const source = 0.6 * saw.saw(increment) + 0.4 * pulse.pulse(increment, 0.3);
      out[i] += amp * filter.lowpass(source);
      amp += ampStep;
    }
  }
  return out;
}
