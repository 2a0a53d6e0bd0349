/**
 * The demo's synthesiser: a seeded 16-bar song (120 bpm, 4/4, A minor) played as raw
 * takes — kick, snare, hats, stereo overheads, bass DI, three lead-vocal takes, stereo
 * keys — each with its own room noise, and (with `flaws: true`) deliberate recording
 * faults with their ground truth, for the editing stage to find and repair.
 *
 *   const demo = generateDemoTakes({ seed: 1, flaws: true });
 *   const paths = await writeDemoTakes(projectDir, demo); // audio/01-kick.wav …
 */
export { beatsToSeconds, buildArrangement, SONG_BARS, TEMPO_BPM } from './arrangement.js';
export { OVERHEAD_DELAY_SECONDS } from './drum-kit.js';
export { CLICK_SHAPE, type HumHarmonic } from './flaws.js';
export { type Formant, UPPER_FORMANTS, VOWEL_FORMANTS } from './formants.js';
export { type TimeWarp, timeWarpDelayMs } from './performance.js';
export { centsBetween, midiToHz, noteName } from './pitch.js';
export { TAKE, type TakeName } from './take-names.js';
export {
  DEFAULT_SAMPLE_RATE,
  type DemoTake,
  type DemoTakeOptions,
  type DemoTakes,
  generateDemoTakes,
  TAIL_SECONDS,
  type TakeRole,
} from './takes.js';
export type * from './truth.js';
export type * from './types.js';
export type { VoiceStyle } from './voice.js';
export { writeDemoTakes } from './write-takes.js';
