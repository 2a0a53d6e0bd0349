import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';

/** A clip holds one rail: runs are counted per polarity, never across a swing between rails. */
describe('clipped samples: a run is one polarity', () => {
  const fs = 48000;

  it('samples alternating +1, +1, −1, −1 (fs/4 at 45°, a sine peaking at +3 dBTP) are no clip', () => {
    const x = Float32Array.from({ length: fs }, (_, i) => ((i >> 1) % 2 === 0 ? 1 : -1));
    expect(analyzeAudio({ sampleRate: fs, channels: [x] }).clippedSamples).toBe(0);
  });

  it('two rail runs back to back count separately: 2 + 3 counts 3, 4 + 4 counts 8', () => {
    const x = new Float32Array(fs);
    x.fill(1, 100, 102);
    x.fill(-1, 102, 105);
    x.fill(-1, 1000, 1004);
    x.fill(1, 1004, 1008);
    // Split across chunks as well: the run state carries its polarity over.
    for (const chunkFrames of [fs, 1002, 101]) {
      expect(analyzeAudio({ sampleRate: fs, channels: [x] }, { chunkFrames }).clippedSamples).toBe(
        11,
      );
    }
  });
});
