import type { TakeContext } from '../../../src/demo/synth/context.js';
import { buildArrangement } from '../../../src/demo/synth/index.js';
import { TAIL_SECONDS } from '../../../src/demo/synth/takes.js';

/** The context `generateDemoTakes` gives its recorders, for tests that record one part. */
export function fullSongContext(seed: number, sampleRate = 48000): TakeContext {
  const arrangement = buildArrangement();
  const seconds =
    (arrangement.bars * arrangement.timeSignature.beatsPerBar * 60) / arrangement.tempoBpm;
  return {
    arrangement,
    sampleRate,
    frames: Math.round((seconds + TAIL_SECONDS) * sampleRate),
    seed,
  };
}
