import { describe, expect, it } from 'vitest';
import { type RenderSpec, renderCompliant } from '../../src/deliver/compliance-loop.js';
import { LoopSource } from '../../src/deliver/loop-source.js';
import { convertRate } from '../../src/deliver/rate-conversion.js';
import { limitTruePeak } from '../../src/deliver/true-peak-limit.js';
import { hotMaster } from './helpers/master.js';
import { truePeakDbtp } from './helpers/true-peak.js';

/**
 * The work shared between deliverables made from one source: its true peak and its first-pass
 * limited copy are computed once, and sharing them changes no byte of any file.
 */

const source = convertRate(hotMaster(48000, 2, -1), 44100);

describe('LoopSource', () => {
  it('reports the source’s own 8× true peak, and the limiter’s output with its 8× true peak', () => {
    const shared = new LoopSource(source);
    expect(shared.unlimited().audio).toBe(source);
    expect(shared.unlimited().truePeakDbtp).toBe(truePeakDbtp(source, 8));
    const limited = shared.limitedTo(-1.1, true);
    const direct = limitTruePeak(source, -1.1);
    expect(limited.audio.channels).toEqual(direct.channels);
    expect(limited.truePeakDbtp).toBe(truePeakDbtp(direct, 8));
    expect(limited.truePeakDbtp).toBeLessThanOrEqual(-1.1);
  });

  it('keeps a shared copy for the next caller and nothing else', () => {
    const shared = new LoopSource(source);
    const first = shared.limitedTo(-1.1, true);
    expect(shared.limitedTo(-1.1, true)).toBe(first);
    const retry = shared.limitedTo(-1.5, false);
    expect(shared.limitedTo(-1.5, false)).not.toBe(retry);
  });

  it('a given true peak is used as it is (the master’s, from its report)', () => {
    expect(new LoopSource(source, -3.25).unlimited().truePeakDbtp).toBe(-3.25);
  });

  it('files rendered from one shared source are byte-identical to files rendered alone', async () => {
    const specs: RenderSpec[] = [
      { format: 'wav', bitDepth: 16, sampleRate: 44100, channels: 2, ditherSeed: 7 },
      { format: 'mp3', mp3Mode: 'cbr320', sampleRate: 44100, channels: 2, ditherSeed: 8 },
    ];
    const shared = new LoopSource(source);
    for (const spec of specs) {
      const together = await renderCompliant(shared, spec, -1);
      const alone = await renderCompliant(source, spec, -1);
      expect(Buffer.from(together.bytes).equals(Buffer.from(alone.bytes))).toBe(true);
      expect(together.passes).toEqual(alone.passes);
    }
  });
});
