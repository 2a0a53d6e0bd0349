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
