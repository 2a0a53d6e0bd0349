import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { type DemoTakes, generateDemoTakes } from '../../src/demo/synth/index.js';

function hashAudio(audio: AudioData): string {
  const hash = createHash('sha256');
  for (const channel of audio.channels)
    hash.update(new Uint8Array(channel.buffer, channel.byteOffset, channel.byteLength));
  return hash.digest('hex');
}

/** Every take, every clean reference and the ground truth, as one comparable record. */
function fingerprint(demo: DemoTakes): Record<string, string> {
  const record: Record<string, string> = { truth: JSON.stringify(demo.truth) };
  for (const take of demo.takes) record[take.name] = hashAudio(take.audio);
  for (const [name, audio] of Object.entries(demo.cleanReferences))
    record[`${name} (clean)`] = hashAudio(audio);
  return record;
}

/** The whole flawed song, seed 7: checked for shape below, and regenerated to compare. */
let demo: DemoTakes;
beforeAll(() => {
  demo = generateDemoTakes({ seed: 7, flaws: true });
});

describe('determinism', () => {
  it('the same seed gives bit-identical takes, references and truth (the whole flawed song)', () => {
    const first = fingerprint(demo);
    const second = fingerprint(generateDemoTakes({ seed: 7, flaws: true }));
    expect(Object.keys(first)).toHaveLength(1 + 9 + 4);
    expect(second).toEqual(first);
  });

  it('another seed gives different audio in every take, on the same arrangement', () => {
    const a = generateDemoTakes({ seed: 1, seconds: 4 });
    const b = generateDemoTakes({ seed: 2, seconds: 4 });
    expect(b.melody).toEqual(a.melody);
    expect(b.drums).toEqual(a.drums);
    for (const take of a.takes) {
      expect(hashAudio(b.takes.find((t) => t.name === take.name)!.audio), take.name).not.toBe(
        hashAudio(take.audio),
      );
    }
  });
});

describe('generateDemoTakes', () => {
  it('returns the song, the takes in file order, and with flaws their truth and clean references', () => {
    expect([demo.sampleRate, demo.tempoBpm, demo.bars, demo.lengthSeconds, demo.key.name]).toEqual([
      48000,
      120,
      16,
      34,
      'A minor',
    ]);
    expect(demo.takes.map((t) => `${t.name}:${t.role}`)).toEqual([
      '01-kick:kick',
      '02-snare:snare',
      '03-hats:hats',
      '04-overheads:overheads',
      '05-bass-di:bass',
      '06-lead-vocal-take1:lead-vocal',
      '07-lead-vocal-take2:lead-vocal',
      '08-lead-vocal-take3:lead-vocal',
      '09-keys:keys',
    ]);
    expect(Object.keys(demo.cleanReferences).sort()).toEqual([
      '05-bass-di',
      '06-lead-vocal-take1',
      '07-lead-vocal-take2',
      '08-lead-vocal-take3',
    ]);
    const flaws = demo.truth.flaws!;
    expect([
      flaws.lateOverdub.take,
      flaws.hum.take,
      flaws.clipping.take,
      flaws.pitchy.take,
    ]).toEqual(['05-bass-di', '05-bass-di', '06-lead-vocal-take1', '07-lead-vocal-take2']);
    expect(demo.truth.vocalTakes.map((v) => v.notes.length)).toEqual([44, 44, 44]);
    for (const take of demo.takes) expect(take.description.length).toBeGreaterThan(5);
  });

  it('without flaws has no flaw truth and no references', () => {
    const short = generateDemoTakes({ seed: 1, seconds: 2 });
    expect(short.truth.flaws).toBeNull();
    expect(short.cleanReferences).toEqual({});
    expect(short.bars).toBe(1);
  });

  it('refuses lengths outside 1…16 bars, and flaws on a shortened song', () => {
    expect(() => generateDemoTakes({ seconds: 40 })).toThrow(/1…16 bars/);
    expect(() => generateDemoTakes({ seconds: 0.5 })).toThrow(RangeError);
    expect(() => generateDemoTakes({ seconds: 8, flaws: true })).toThrow(/all 16 bars/);
  });
});
