import { beatsToSeconds } from './arrangement.js';
import { crashHit, hatHit, kickHit, snareHit } from './drum-voices.js';
import { addInto } from './levels.js';
import { prngFor } from './random.js';
import type { DrumHit } from './types.js';

/**
 * The kit as recorded: three close mics (kick, snare, hats) that hear only their own drum,
 * and a stereo pair of overheads that hear the whole kit plus the crash. The overheads sit
 * about 1.2 m further from the drums than the close mics, so everything reaches them
 * OVERHEAD_DELAY_SAMPLES later (168 samples = 3.5 ms at 48 kHz, 1.2 m at 343 m/s); the
 * editing stage's alignment should find exactly this.
 */
export const OVERHEAD_DELAY_SECONDS = 0.0035;

/** How loud each close-mic signal is in each overhead: [left, right]. */
const OVERHEAD_BLEND = {
  kick: [0.3, 0.3],
  snare: [0.55, 0.4],
  hats: [0.65, 0.3],
  crash: [0.35, 0.5],
} as const;

export interface DrumRecording {
  readonly kick: Float32Array;
  readonly snare: Float32Array;
  readonly hats: Float32Array;
  readonly overheads: readonly [Float32Array, Float32Array];
  readonly overheadDelaySamples: number;
}

export function overheadDelaySamples(sampleRate: number): number {
  return Math.round(OVERHEAD_DELAY_SECONDS * sampleRate);
}

/** Plays `hits` into fresh buffers of `frames` samples (unnormalised). */
export function recordDrums(
  hits: readonly DrumHit[],
  tempoBpm: number,
  frames: number,
  sampleRate: number,
  seed: number,
): DrumRecording {
  const kick = new Float32Array(frames);
  const snare = new Float32Array(frames);
  const hats = new Float32Array(frames);
  const crashL = new Float32Array(frames);
  const crashR = new Float32Array(frames);
  const prng = prngFor(seed, 'drums');
  const at = (beat: number) => Math.round(beatsToSeconds(beat, tempoBpm) * sampleRate);

  const hatOnsets = hits
    .filter((h) => h.voice === 'hat' || h.voice === 'open-hat')
    .map((h) => at(h.beat));
  for (const hit of hits) {
    const onset = at(hit.beat);
    switch (hit.voice) {
      case 'kick':
        addInto(kick, kickHit(prng, sampleRate, hit.velocity), onset);
        break;
      case 'snare':
        addInto(snare, snareHit(prng, sampleRate, hit.velocity), onset);
        break;
      case 'hat':
        addInto(hats, hatHit(prng, sampleRate, hit.velocity, false), onset);
        break;
      case 'open-hat': {
        const sound = hatHit(prng, sampleRate, hit.velocity, true);
        // Closing the hat for the next stroke chokes the open ring (5 ms fade).
        const next = hatOnsets.find((o) => o > onset);
        if (next !== undefined) chokeAt(sound, next - onset, Math.round(0.005 * sampleRate));
        addInto(hats, sound, onset);
        break;
      }
      case 'crash':
        addInto(crashL, crashHit(prng, sampleRate, hit.velocity), onset);
        addInto(crashR, crashHit(prng, sampleRate, hit.velocity), onset);
        break;
    }
  }

  const delay = overheadDelaySamples(sampleRate);
  const overheads: [Float32Array, Float32Array] = [
    new Float32Array(frames),
    new Float32Array(frames),
  ];
  for (let side = 0; side < 2; side++) {
    const out = overheads[side];
    for (let i = delay; i < frames; i++) {
      const j = i - delay;
      out[i] =
        OVERHEAD_BLEND.kick[side] * kick[j] +
        OVERHEAD_BLEND.snare[side] * snare[j] +
        OVERHEAD_BLEND.hats[side] * hats[j] +
        OVERHEAD_BLEND.crash[side] * (side === 0 ? crashL[j] : crashR[j]);
    }
  }
  return { kick, snare, hats, overheads, overheadDelaySamples: delay };
}

/** Fades `sound` to zero over `fadeFrames` starting at `at`, silencing the rest. */
function chokeAt(sound: Float32Array, at: number, fadeFrames: number): void {
  for (let i = Math.max(0, at); i < sound.length; i++) {
    const k = i - at;
    sound[i] *= k < fadeFrames ? 1 - k / fadeFrames : 0;
  }
}
