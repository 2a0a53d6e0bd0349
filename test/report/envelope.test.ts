import { describe, expect, it } from 'vitest';
import {
  columnStartFrame,
  WaveformEnvelopeMeter,
  waveformEnvelope,
} from '../../src/report/envelope.js';

/** Brute-force min/max/RMS per column, straight from the definition. */
function expected(channels: Float32Array[], columns: number) {
  const frames = channels[0].length;
  return Array.from({ length: columns }, (_, c) => {
    const start = Math.floor((c * frames) / columns);
    const end = Math.floor(((c + 1) * frames) / columns);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (const ch of channels) {
      for (let i = start; i < end; i++) {
        min = Math.min(min, ch[i]);
        max = Math.max(max, ch[i]);
        sum += ch[i] * ch[i];
      }
    }
    return { min, max, rms: Math.sqrt(sum / ((end - start) * channels.length)) };
  });
}

describe('waveform envelope', () => {
  // A decaying 440 Hz tone on the left and a slower ramp on the right: per-column extremes
  // come from different channels in different places.
  const sampleRate = 8000;
  const frames = 12_345;
  const left = new Float32Array(frames).map(
    (_, i) => Math.exp(-i / 4000) * Math.sin((2 * Math.PI * 440 * i) / sampleRate),
  );
  const right = new Float32Array(frames).map((_, i) => -0.8 + (1.5 * i) / frames);
  const columns = 97;

  it('holds each column’s lowest and highest sample over all channels, and its RMS', () => {
    const envelope = waveformEnvelope({ sampleRate, channels: [left, right] }, columns);
    const truth = expected([left, right], columns);
    expect(envelope.columns).toBe(columns);
    truth.forEach((t, c) => {
      expect(envelope.min[c]).toBe(Math.fround(t.min));
      expect(envelope.max[c]).toBe(Math.fround(t.max));
      expect(envelope.rms[c]).toBeCloseTo(t.rms, 6);
    });
  });

  it('gives the same envelope whatever the chunk sizes', () => {
    const whole = waveformEnvelope({ sampleRate, channels: [left, right] }, columns);
    const meter = new WaveformEnvelopeMeter(sampleRate, frames, columns);
    let done = 0;
    for (const size of [1, 7, 300, 4096, 0, 5000]) {
      const take = Math.min(size, frames - done);
      meter.push([left.subarray(done, done + take), right.subarray(done, done + take)], take);
      done += take;
    }
    meter.push([left.subarray(done), right.subarray(done)], frames - done);
    const chunked = meter.result();
    expect(chunked.min).toEqual(whole.min);
    expect(chunked.max).toEqual(whole.max);
    expect(Array.from(chunked.rms)).toEqual(Array.from(whole.rms).map((v) => expect.closeTo(v, 6)));
  });

  it('reads a full-scale sine as ±1 with RMS 1/√2', () => {
    const sine = new Float32Array(48_000).map((_, i) =>
      Math.sin((2 * Math.PI * 1000 * i) / 48_000 + 0.3),
    );
    const envelope = waveformEnvelope({ sampleRate: 48_000, channels: [sine] }, 10);
    // 48 samples a period: the sample nearest a crest is at most half a step (π/48) away.
    const nearestCrest = Math.cos(Math.PI / 48);
    for (let c = 0; c < 10; c++) {
      expect(envelope.max[c]).toBeGreaterThanOrEqual(nearestCrest);
      expect(envelope.max[c]).toBeLessThanOrEqual(1);
      expect(envelope.min[c]).toBeLessThanOrEqual(-nearestCrest);
      expect(envelope.rms[c]).toBeCloseTo(Math.SQRT1_2, 3);
    }
  });

  it('marks columns that hold no frame as NaN (drawn as gaps), not as zero', () => {
    const envelope = waveformEnvelope(
      { sampleRate, channels: [new Float32Array([0.5, -0.25, 1])] },
      6,
    );
    // Columns start at frames 0,0,1,1,2,2 (⌊c·3/6⌋): columns 0, 2, 4 are empty.
    expect([0, 1, 2, 3, 4, 5].map((c) => columnStartFrame(c, 3, 6))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(envelope.max)).toEqual([Number.NaN, 0.5, Number.NaN, -0.25, Number.NaN, 1]);
  });

  it('refuses more audio than it was set up for', () => {
    const meter = new WaveformEnvelopeMeter(sampleRate, 10, 2);
    expect(() => meter.push([new Float32Array(11)], 11)).toThrow(RangeError);
  });
});
