/**
 * The one-pass analyser: streaming through a reader in any chunk sizes equals analysing the
 * whole signal; silence and empty input give well-defined reports without NaN; bad input gets
 * a MixdownError with a stable code.
 */
import { describe, expect, it } from 'vitest';
import { Analyzer, analyzeAudio, analyzeReader } from '../../src/analysis/analyze.js';
import type { AudioData } from '../../src/core/audio.js';
import { isMixdownError } from '../../src/core/errors.js';
import { Prng } from '../../src/core/prng.js';
import { MemoryReader } from './memory-reader.js';
import { allNumbers, SILENCE, toneSegments } from './signals.js';

/** Four seconds of varied stereo: tone, noise bursts, a clipped run, silence, DC. */
function variedStereo(sampleRate: number): AudioData {
  const prng = new Prng(99);
  const left = toneSegments(sampleRate, [
    { seconds: 0.3, dbfs: SILENCE },
    { seconds: 1.7, dbfs: -12 },
    { seconds: 1.5, dbfs: -30 },
    { seconds: 0.5, dbfs: SILENCE },
  ]);
  const right = new Float32Array(left.length);
  for (let i = 0; i < right.length; i++) {
    right[i] = 0.7 * left[i] + 0.05 * prng.gaussian() + (i > sampleRate ? 0.01 : 0);
  }
  left.fill(1, Math.round(1.2 * sampleRate), Math.round(1.2 * sampleRate) + 5);
  return { sampleRate, channels: [left, right] };
}

describe('streaming equals whole', () => {
  const audio = variedStereo(44100);
  const options = { series: { hopSeconds: 0.01 } } as const;
  const whole = analyzeAudio(audio, options);

  it('the reference analysis is a real measurement', () => {
    expect(whole.integratedLufs).toBeGreaterThan(-30);
    expect(whole.loudnessRangeLu).toBeGreaterThan(1);
    expect(whole.clippedSamples).toBe(5);
    expect(whole.series?.momentaryLufs.length).toBe(400);
  });

  it.each([1, 17, 4801, 65536])(
    'reading in chunks of %i frames gives an identical report',
    async (chunkFrames) => {
      const reader = new MemoryReader(audio);
      const streamed = await analyzeReader(reader, { ...options, chunkFrames });
      expect(streamed).toEqual(whole);
    },
  );

  it('a reader that delivers fewer frames than asked, irregularly, gives an identical report', async () => {
    const reader = new MemoryReader(audio, [3, 4410, 1, 999, 65536, 12345]);
    const streamed = await analyzeReader(reader, options);
    expect(streamed).toEqual(whole);
  });

  it('pushing odd chunks into an Analyzer gives an identical report', () => {
    const analyzer = new Analyzer({ sampleRate: 44100, channels: 2 }, options);
    const frames = audio.channels[0].length;
    for (let start = 0, size = 1; start < frames; start += size, size = (size * 13 + 5) % 7919) {
      const end = Math.min(frames, start + size);
      analyzer.push(
        audio.channels.map((c) => c.subarray(start, end)),
        end - start,
      );
    }
    expect(analyzer.report()).toEqual(whole);
  });
});

describe('analyzeReader', () => {
  it('reports progress up to the total and leaves the reader open', async () => {
    const audio = variedStereo(48000);
    const reader = new MemoryReader(audio);
    const progress: Array<[number, number]> = [];
    await analyzeReader(reader, {
      chunkFrames: 50000,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const frames = audio.channels[0].length;
    expect(progress.map(([done]) => done)).toEqual([50000, 100000, 150000, frames]);
    expect(progress.every(([, total]) => total === frames)).toBe(true);
    expect(reader.closed).toBe(false);
  });

  it('takes channel weights from the reader’s channel mask', async () => {
    // Channel 3 is LFE under mask 0x3f (5.1) but a surround under 0x33 (FL FR BL BR: quad).
    const fs = 48000;
    const tone = toneSegments(fs, [{ seconds: 2, dbfs: -20 }]);
    const silent = new Float32Array(tone.length);
    const audio = { sampleRate: fs, channels: [silent, silent, silent, tone] };
    const asLfe = await analyzeReader(new MemoryReader(audio, undefined, 0x3f));
    expect(asLfe.integratedLufs).toBe(Number.NEGATIVE_INFINITY);
    const asSurround = await analyzeReader(new MemoryReader(audio, undefined, 0x33));
    expect(asSurround.integratedLufs).toBeCloseTo(
      -20 - 3.0103 + 0.698 - 0.691 + 10 * Math.log10(1.41),
      2,
    );
  });
});

describe('silence and empty input', () => {
  it('all-silent audio: integrated −∞, LRA 0, no NaN anywhere', () => {
    const silent = new Float32Array(5 * 48000);
    const report = analyzeAudio(
      { sampleRate: 48000, channels: [silent, silent] },
      { series: true },
    );
    expect(report.integratedLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.loudnessRangeLu).toBe(0);
    expect(report.maxMomentaryLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.maxShortTermLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.truePeakDbtp).toBe(Number.NEGATIVE_INFINITY);
    expect(report.samplePeakDbfs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.rmsDbfs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.crestFactorDb).toBe(Number.NEGATIVE_INFINITY);
    expect(report.plrDb).toBe(Number.NEGATIVE_INFINITY);
    expect(report.stereoCorrelation).toBeNull();
    expect(report.leadingSilenceSeconds).toBe(5);
    expect(report.trailingSilenceSeconds).toBe(5);
    expect(report.series?.momentaryLufs.length).toBe(50);
    expect(allNumbers(report).filter(([, v]) => Number.isNaN(v))).toEqual([]);
  });

  it('audio below the absolute gate: integrated −∞ but levels measured', () => {
    const quiet = toneSegments(48000, [{ seconds: 3, dbfs: -80 }]);
    const report = analyzeAudio({ sampleRate: 48000, channels: [quiet, quiet] });
    expect(report.integratedLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.maxMomentaryLufs).toBeCloseTo(-80 + 0.698 - 0.691, 2);
    expect(report.plrDb).toBe(Number.NEGATIVE_INFINITY);
    expect(allNumbers(report).filter(([, v]) => Number.isNaN(v))).toEqual([]);
  });

  it('zero frames: a well-defined report, not an error', () => {
    const empty = new Float32Array(0);
    const report = analyzeAudio({ sampleRate: 44100, channels: [empty, empty] }, { series: true });
    expect(report.frames).toBe(0);
    expect(report.durationSeconds).toBe(0);
    expect(report.integratedLufs).toBe(Number.NEGATIVE_INFINITY);
    expect(report.loudnessRangeLu).toBe(0);
    expect(report.truePeakDbtp).toBe(Number.NEGATIVE_INFINITY);
    expect(report.perChannel[0].dcOffset).toBe(0);
    expect(report.leadingSilenceSeconds).toBe(0);
    expect(report.series?.shortTermLufs.length).toBe(0);
    expect(allNumbers(report).filter(([, v]) => Number.isNaN(v))).toEqual([]);
  });
});

describe('loudness series', () => {
  it('defaults to one point per 100 ms; windows reaching before the start see silence', () => {
    const tone = toneSegments(48000, [{ seconds: 5, dbfs: -23 }]);
    const report = analyzeAudio({ sampleRate: 48000, channels: [tone, tone] }, { series: true });
    const series = report.series;
    expect(series?.hopSeconds).toBe(0.1);
    expect(series?.momentaryLufs.length).toBe(50);
    // Windows reaching before the start see silence: 100 ms of tone in 400 ms reads −6 dB.
    expect(series?.momentaryLufs[0]).toBeCloseTo(-22.993 + 10 * Math.log10(1 / 4), 2);
    expect(series?.momentaryLufs[3]).toBeCloseTo(report.integratedLufs, 3);
    expect(series?.shortTermLufs[29]).toBeCloseTo(report.integratedLufs, 3);
    expect(report.integratedLufs).toBeCloseTo(-22.993, 3);
    expect(series?.shortTermLufs[9]).toBeCloseTo(-22.993 + 10 * Math.log10(1 / 3), 2);
  });

  it('is omitted unless asked for', () => {
    const tone = toneSegments(48000, [{ seconds: 1, dbfs: -23 }]);
    expect(analyzeAudio({ sampleRate: 48000, channels: [tone] }).series).toBeUndefined();
  });
});

describe('bad input', () => {
  function codeOf(action: () => unknown): string | undefined {
    try {
      action();
    } catch (error) {
      return isMixdownError(error) ? error.code : 'not a MixdownError';
    }
    return undefined;
  }

  it('refuses NaN or infinite samples, naming the channel', () => {
    const x = toneSegments(48000, [{ seconds: 1, dbfs: -20 }]);
    const y = x.slice();
    y[1234] = Number.NaN;
    expect(codeOf(() => analyzeAudio({ sampleRate: 48000, channels: [x, y] }))).toBe(
      'invalid-samples',
    );
    expect(() => analyzeAudio({ sampleRate: 48000, channels: [x, y] })).toThrow(/Channel 2/);
    const z = x.slice();
    z[5] = Number.POSITIVE_INFINITY;
    expect(codeOf(() => analyzeAudio({ sampleRate: 48000, channels: [z] }))).toBe(
      'invalid-samples',
    );
  });

  it('refuses no channels, low sample rates, and bad options', () => {
    expect(codeOf(() => analyzeAudio({ sampleRate: 48000, channels: [] }))).toBe('no-audio');
    const x = new Float32Array(100);
    expect(codeOf(() => analyzeAudio({ sampleRate: 4000, channels: [x] }))).toBe(
      'invalid-argument',
    );
    expect(
      codeOf(() => analyzeAudio({ sampleRate: 48000, channels: [x] }, { chunkFrames: 0 })),
    ).toBe('invalid-argument');
    expect(
      codeOf(() =>
        analyzeAudio({ sampleRate: 48000, channels: [x] }, { series: { hopSeconds: 0 } }),
      ),
    ).toBe('invalid-argument');
    expect(
      codeOf(() => analyzeAudio({ sampleRate: 48000, channels: [x] }, { truePeakOversampling: 0 })),
    ).toBe('invalid-argument');
  });

  it('refuses a push with the wrong number of channels or too few samples', () => {
    const analyzer = new Analyzer({ sampleRate: 48000, channels: 2 });
    expect(codeOf(() => analyzer.push([new Float32Array(10)], 10))).toBe('invalid-argument');
    const ten = new Float32Array(10);
    expect(codeOf(() => analyzer.push([ten, ten], 11))).toBe('invalid-argument');
    expect(codeOf(() => analyzer.push([ten, ten], -1))).toBe('invalid-argument');
  });

  it('refuses audio whose channels differ in length', () => {
    const channels = [new Float32Array(100), new Float32Array(99)];
    expect(codeOf(() => analyzeAudio({ sampleRate: 48000, channels }))).toBe('invalid-argument');
  });
});
