import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { Prng } from '../../src/core/prng.js';
import { renderSession } from '../../src/mix/render.js';
import type { ResolvedInsert } from '../../src/session/resolved.js';
import {
  bus,
  clip,
  expectSameAudio,
  FS,
  lane,
  MemorySink,
  session,
  tone,
  track,
} from './helpers.js';

// Worker threads must really take tracks (the render says how many threads it used), and the
// bytes must not change with the thread count.

const SECONDS = 6; // above the 5 s below which a render stays on one thread

function noise(seed: number): AudioData {
  const prng = new Prng(seed);
  return {
    sampleRate: FS,
    channels: [0, 1].map(() =>
      Float32Array.from({ length: SECONDS * FS }, () => 0.2 * (prng.next() - 0.5)),
    ),
  };
}

const insert = (
  type: string,
  values: Record<string, unknown>,
  sidechain?: string,
): ResolvedInsert => ({
  type,
  bypass: false,
  values,
  path: 'inserts[0]',
  ...(sidechain ? { sidechain } : {}),
});

/** Four tracks, a bus, automation and (optionally) a sidechain tying two tracks together. */
function project(withSidechain: boolean) {
  const sources: Record<string, AudioData> = {
    a: noise(1),
    b: tone(220, 0.3, SECONDS, 1),
    c: noise(2),
    d: tone(330, 0.2, SECONDS),
  };
  const built = session({
    sources,
    tracks: [
      track('A', [clip('a', SECONDS)], {
        inserts: [insert('eq', { bands: [{ type: 'bell', freqHz: 2000, gainDb: 4, q: 1 }] })],
        sends: [{ to: 'Bus', levelDb: -10, preFader: false, mute: false, path: 's' }],
      }),
      track('B', [clip('b', SECONDS)], {
        inserts: [insert('gain', { gainDb: -3 })],
        automation: [lane('inserts[0].gainDb', [0, -6], [4, 0, 'exponential'])],
      }),
      track('C', [clip('c', SECONDS)], {
        pan: -0.5,
        output: 'Bus',
        inserts: withSidechain ? [insert('compressor', { thresholdDb: -30 }, 'D')] : [],
      }),
      track('D', [clip('d', SECONDS)], { inserts: [insert('width', { widthPercent: 160 })] }),
    ],
    buses: [bus('Bus', { inserts: [insert('gain', { gainDb: -2 })] })],
  });
  return { ...built, audio: new Map(Object.entries(sources)) };
}

async function renderWith(threads: number, withSidechain = false) {
  const s = project(withSidechain);
  const sink = new MemorySink();
  const result = await renderSession(s.session, s.provider, sink, {
    threads,
    workerSources: { kind: 'memory', audio: s.audio },
  });
  return { out: sink.channels, result };
}

describe('rendering on worker threads', () => {
  it('two threads really render tracks on workers and give the same samples as one', async () => {
    const one = await renderWith(1);
    const two = await renderWith(2);
    expect(one.result.workerThreads).toBe(0);
    expect(two.result.workerThreads).toBe(2);
    expect(two.out[0].length).toBe(SECONDS * FS);
    expectSameAudio(two.out, one.out);
    // Not silence: equality of two empty renders would prove nothing.
    expect(Math.max(...one.out[0].subarray(FS, 2 * FS).map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('more threads than independent tracks start one worker per track', async () => {
    const many = await renderWith(8);
    expect(many.result.workerThreads).toBe(4);
    expectSameAudio(many.out, (await renderWith(1)).out);
  });

  it('sidechained tracks stay on the main thread, the rest still go to workers', async () => {
    const one = await renderWith(1, true);
    const three = await renderWith(3, true);
    // C (keyed) and D (its key) stay; A and B are independent: two workers.
    expect(three.result.workerThreads).toBe(2);
    expectSameAudio(three.out, one.out);
  });
});
