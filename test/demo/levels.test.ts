import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoTakes, generateDemoTakes } from '../../src/demo/synth/index.js';
import { dbfs, rms } from './helpers/takes.js';

/** Four bars and the silent tail: every take, at the levels of the whole song. */
let demo: DemoTakes;
beforeAll(() => {
  demo = generateDemoTakes({ seed: 1, seconds: 8 });
});

describe('take levels', () => {
  it('every take peaks like a raw take, between −12.5 and −6 dBFS', () => {
    for (const take of demo.takes) {
      const peak = Math.max(
        ...take.audio.channels.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
      );
      expect(dbfs(peak), take.name).toBeGreaterThan(-12.5);
      expect(dbfs(peak), take.name).toBeLessThan(-6);
    }
  });

  it('every take ends in a silent stretch holding only its room noise, within ±2 dB of the stated level', () => {
    const fs = demo.sampleRate;
    expect(demo.truth.roomNoise.map((r) => r.take)).toEqual(demo.takes.map((t) => t.name));
    for (const { take, levelDbfs } of demo.truth.roomNoise) {
      expect(levelDbfs).toBeGreaterThanOrEqual(-60);
      expect(levelDbfs).toBeLessThanOrEqual(-55);
      for (const channel of demo.takes.find((t) => t.name === take)!.audio.channels) {
        const tail = dbfs(rms(channel, channel.length - fs, channel.length));
        expect(Math.abs(tail - levelDbfs), take).toBeLessThan(2);
      }
    }
  });

  it('room noise differs from take to take (tails uncorrelated, |r| < 0.05)', () => {
    const fs = demo.sampleRate;
    const tails = demo.takes.flatMap((t) => t.audio.channels.map((c) => c.subarray(c.length - fs)));
    for (let i = 0; i < tails.length; i++) {
      for (let j = i + 1; j < tails.length; j++) {
        let xy = 0;
        let xx = 0;
        let yy = 0;
        for (let n = 0; n < fs; n++) {
          xy += tails[i][n] * tails[j][n];
          xx += tails[i][n] ** 2;
          yy += tails[j][n] ** 2;
        }
        expect(Math.abs(xy / Math.sqrt(xx * yy))).toBeLessThan(0.05);
      }
    }
  });

  it('mono and stereo where natural: overheads and keys are stereo, the rest mono', () => {
    const stereo = demo.takes.filter((t) => t.audio.channels.length === 2).map((t) => t.name);
    expect(stereo).toEqual(['04-overheads', '09-keys']);
    expect(demo.takes.every((t) => t.audio.sampleRate === 48000)).toBe(true);
    expect(demo.takes.every((t) => t.audio.channels[0].length === 10 * 48000)).toBe(true);
  });
});
