import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { resampleAudio } from '../../../src/dsp/resample/resample-audio.js';
import { Resampler } from '../../../src/dsp/resample/resampler.js';
import { khz } from './conversions.js';

function noise(seed: number, channels: number, frames: number): Float32Array[] {
  const prng = new Prng(seed);
  return Array.from({ length: channels }, () => {
    const x = new Float32Array(frames);
    for (let k = 0; k < frames; k++) x[k] = prng.uniform(-0.9, 0.9);
    return x;
  });
}

const bytes = (x: Float32Array): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  a.length === b.length && bytes(a).equals(bytes(b));

/** round(n · fs_out / fs_in), halves up, in exact integer arithmetic. */
function roundedLength(n: number, fsIn: number, fsOut: number): number {
  return Number((2n * BigInt(n) * BigInt(fsOut) + BigInt(fsIn)) / (2n * BigInt(fsIn)));
}

/** Push the input in blocks of the given sizes, then flush; returns everything emitted. */
function pushAll(r: Resampler, input: Float32Array[], blockSizes: () => number): Float32Array[] {
  const channels = input.length;
  const frames = input[0].length;
  const out = input.map(
    () => new Float32Array(r.maxOutputFramesFor(frames) + r.flushFrames() + frames),
  );
  let written = 0;
  for (let position = 0; position < frames; ) {
    const n = Math.min(blockSizes(), frames - position);
    const block = input.map((x) => x.subarray(position, position + n));
    const outBlock = input.map(() => new Float32Array(r.maxOutputFramesFor(n)));
    const due = r.outputFramesFor(n);
    const got = r.process(block, n, outBlock);
    expect(got).toBe(due);
    for (let c = 0; c < channels; c++) out[c].set(outBlock[c].subarray(0, got), written);
    written += got;
    position += n;
  }
  const tail = input.map(() => new Float32Array(r.flushFrames()));
  const flushed = r.flush(tail);
  for (let c = 0; c < channels; c++) out[c].set(tail[c].subarray(0, flushed), written);
  written += flushed;
  return out.map((x) => x.slice(0, written));
}

/** Pull `total` outputs in requests of the given sizes from the input followed by silence. */
function pullAll(r: Resampler, input: Float32Array[], total: number, requestSizes: () => number) {
  const frames = input[0].length;
  let position = 0;
  const source = (channels: readonly Float32Array[], n: number): void => {
    const available = Math.max(0, Math.min(n, frames - position));
    channels.forEach((x, c) => {
      x.set(input[c].subarray(position, position + available));
      x.fill(0, available, n);
    });
    position += n;
  };
  const out = input.map(() => new Float32Array(total));
  const request = input.map(() => new Float32Array(5000));
  for (let written = 0; written < total; ) {
    const n = Math.min(requestSizes(), total - written);
    const before = position;
    const expectedInput = r.inputFramesFor(n);
    r.read(request, n, source);
    expect(position - before).toBe(expectedInput);
    expect(r.flushFrames()).toBeLessThanOrEqual(r.maxFlushFrames);
    out.forEach((x, c) => {
      x.set(request[c].subarray(0, n), written);
    });
    written += n;
  }
  return out;
}

const PAIRS = [
  [44100, 48000],
  [48000, 44100],
  [96000, 44100],
  [8000, 48000],
  [48000, 96000],
  [96000, 48000],
  [48000, 48000],
] as const;

describe('streaming: exact counts, block-size independence, determinism', () => {
  for (const [fsIn, fsOut] of PAIRS) {
    it(`${khz(fsIn)} → ${khz(fsOut)}: any split of the input gives the same bits and counts`, () => {
      const frames = 20011;
      const input = noise(fsIn + fsOut, 2, frames);
      const options = { inputRateHz: fsIn, outputRateHz: fsOut, channels: 2 };
      const whole = pushAll(new Resampler(options), input, () => frames);
      const r = new Resampler(options);
      // Total = latency + round(n · fs_out / fs_in), computed independently.
      expect(whole[0].length).toBe(r.latencyOutputFrames + roundedLength(frames, fsIn, fsOut));

      const prng = new Prng(7);
      for (let trial = 0; trial < 3; trial++) {
        // Random sizes from 0 to 3000, with runs of tiny blocks (0, 1, 2 frames).
        const sizes = () =>
          prng.next() < 0.3 ? Math.floor(prng.next() * 3) : Math.floor(prng.next() * 3000);
        const split = pushAll(r, input, sizes); // flush resets r, so it is reused
        expect(sameBits(split[0], whole[0])).toBe(true);
        expect(sameBits(split[1], whole[1])).toBe(true);
      }

      // Pull mode, in random request sizes, produces the same stream (flush feeds silence too).
      const pulled = pullAll(
        new Resampler(options),
        input,
        whole[0].length,
        () => 1 + Math.floor(prng.next() * 4000),
      );
      expect(sameBits(pulled[0], whole[0])).toBe(true);
      expect(sameBits(pulled[1], whole[1])).toBe(true);
    });
  }

  it('the count after n input frames is a function of n alone: E(n) = #{m : output m needs only frames < n}', () => {
    for (const [fsIn, fsOut] of PAIRS) {
      const r = new Resampler({ inputRateHz: fsIn, outputRateHz: fsOut, channels: 1 });
      const { upFactor: up, downFactor: down, newestTap } = r.filter;
      // Output m is due when the newest input it reads, ⌊m·down/up⌋ − newestTap, has arrived.
      const due = (n: number): number => {
        let m = 0;
        while (Math.floor((m * down) / up) - newestTap <= n - 1) m++;
        return m;
      };
      const out = [new Float32Array(r.maxOutputFramesFor(700))];
      let n = 0;
      for (const step of [0, 1, 2, 3, 5, 8, 13, 700, 1, 0, 299, 64]) {
        const got = r.process([new Float32Array(step)], step, out);
        expect(got).toBeLessThanOrEqual(r.maxOutputFramesFor(step));
        n += step;
        expect(r.outputFramesEmitted).toBe(due(n));
        expect(r.inputFramesConsumed).toBe(n);
      }
      // After push, the tail is at most the latency: E(n) ≥ n·up/down ≥ round(n·up/down) − ½.
      expect(r.flushFrames()).toBeLessThanOrEqual(r.latencyOutputFrames);
      expect(r.maxFlushFrames).toBeGreaterThanOrEqual(r.flushFrames());
    }
  });

  it('resampleAudio equals the stream with the latency dropped, bit for bit', () => {
    const input = noise(3, 2, 9001);
    const streamed = pushAll(
      new Resampler({ inputRateHz: 44100, outputRateHz: 48000, channels: 2 }),
      input,
      () => 333,
    );
    const r = new Resampler({ inputRateHz: 44100, outputRateHz: 48000, channels: 2 });
    const aligned = resampleAudio({ sampleRate: 44100, channels: input }, 48000);
    for (let c = 0; c < 2; c++) {
      expect(sameBits(aligned.channels[c], streamed[c].subarray(r.latencyOutputFrames))).toBe(true);
    }
  });

  it('each channel is computed alone: stereo and 3-channel outputs equal the mono ones', () => {
    const input = noise(11, 3, 5000);
    const run = (channels: Float32Array[]) =>
      pushAll(
        new Resampler({ inputRateHz: 48000, outputRateHz: 44100, channels: channels.length }),
        channels,
        () => 1000,
      );
    const mono = input.map((x) => run([x])[0]);
    const stereo = run(input.slice(0, 2));
    const three = run(input);
    for (let c = 0; c < 2; c++) expect(sameBits(stereo[c], mono[c])).toBe(true);
    for (let c = 0; c < 3; c++) expect(sameBits(three[c], mono[c])).toBe(true);
  });

  it('reset starts a new stream; a refused call leaves the state untouched', () => {
    const input = noise(5, 1, 3000);
    const options = { inputRateHz: 44100, outputRateHz: 48000, channels: 1 };
    const fresh = pushAll(new Resampler(options), input, () => 3000);
    const r = new Resampler(options);
    r.process(noise(6, 1, 1234), 1234, [new Float32Array(2000)]);
    r.reset();
    expect(() => r.process(input, 3000, [new Float32Array(10)])).toThrow(RangeError);
    expect(() => r.process(input, 2.5, [new Float32Array(10)])).toThrow(RangeError);
    expect(() => r.process([input[0], input[0]], 3000, [new Float32Array(4000)])).toThrow(
      RangeError,
    );
    expect(sameBits(pushAll(r, input, () => 3000)[0], fresh[0])).toBe(true);
  });

  it('matches the golden render (changes only when the filter changes on purpose)', () => {
    // If the design is changed deliberately, replace the hash with the one printed here.
    const input = noise(2024, 2, 48000);
    const out = resampleAudio({ sampleRate: 48000, channels: input }, 44100);
    const hash = createHash('sha256');
    for (const x of out.channels) hash.update(bytes(x));
    expect(hash.digest('hex')).toBe(
      '4c77992fa46e48b44a72a8005f7f704e44c9daf53bbfda30595e36bb329ef1b3',
    );
  });

  it('refuses bad channel counts', () => {
    expect(() => new Resampler({ inputRateHz: 44100, outputRateHz: 48000, channels: 0 })).toThrow(
      RangeError,
    );
  });
});
