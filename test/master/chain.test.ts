import { describe, expect, it } from 'vitest';
import { nextPowerOfTwo, RealFft } from '../../src/core/fft.js';
import { Prng } from '../../src/core/prng.js';
import {
  buildProcessors,
  CHAIN_FORMAT,
  ChainRunner,
  chainDocument,
  parseChainDocument,
  parseInserts,
  runChain,
} from '../../src/master/chain.js';
import { masterProgramme } from '../../src/master/master.js';
import { memoryProgramme, readProgramme } from '../../src/master/programme.js';
import { resolveTarget } from '../../src/master/targets.js';
import { isSessionError } from '../../src/session/issues.js';
import type { InsertDocument } from '../../src/session/schema.js';

/**
 * The chain runner: latency compensated (the master stays aligned with the mix, same
 * length), block-size independent, and the chain file validated with path-named errors.
 */

const fs = 48000;

function noise(frames: number, seed: number): Float32Array[] {
  const prng = new Prng(seed);
  return [0, 1].map(() => Float32Array.from({ length: frames }, () => 0.3 * prng.gaussian()));
}

/**
 * Lag (samples) at which y best matches x, within ±maxLag: the peak of their cross-
 * correlation, computed as IFFT(conj(X)·Y) over a zero-padded length (no wrap-around).
 */
function correlationPeakLag(x: Float32Array, y: Float32Array, maxLag: number): number {
  const n = nextPowerOfTwo(x.length + y.length);
  const fft = new RealFft(n);
  const padded = (v: Float32Array) => {
    const out = new Float64Array(n);
    out.set(v);
    return out;
  };
  const X = fft.createSpectrum();
  const Y = fft.createSpectrum();
  fft.forward(padded(x), X);
  fft.forward(padded(y), Y);
  const product = fft.createSpectrum();
  for (let k = 0; k < n; k++) {
    const [xr, xi, yr, yi] = [X[2 * k], X[2 * k + 1], Y[2 * k], Y[2 * k + 1]];
    product[2 * k] = xr * yr + xi * yi;
    product[2 * k + 1] = xr * yi - xi * yr;
  }
  const correlation = new Float64Array(n);
  fft.inverse(product, correlation);
  let bestLag = 0;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    if (correlation[(lag + n) % n] > correlation[(bestLag + n) % n]) bestLag = lag;
  }
  return bestLag;
}

const LINEAR_EQ: InsertDocument = {
  type: 'eq',
  phase: 'linear',
  bands: [
    { type: 'highpass', freqHz: 30, slopeDbPerOct: '24' },
    { type: 'bell', freqHz: 3000, gainDb: 2, q: 1 },
  ],
};

describe('chain runner: latency compensation', () => {
  it('a linear-phase EQ reports its latency, and the chain output is aligned with the input (xcorr peak at lag 0)', () => {
    const [eq] = buildProcessors(parseInserts([LINEAR_EQ]));
    eq.prepare({ sampleRate: fs, maxBlockSize: 1024, channels: 2 });
    expect(eq.latency).toBe(8191);

    const input = noise(fs, 1);
    const output = runChain(buildProcessors(parseInserts([LINEAR_EQ])), {
      sampleRate: fs,
      channels: input,
    });
    expect(output.channels[0].length).toBe(input[0].length);
    // The EQ is symmetric about its centre: an uncompensated run would peak at +8191.
    expect(correlationPeakLag(input[0], output.channels[0], 9000)).toBe(0);
    expect(correlationPeakLag(input[1], output.channels[1], 9000)).toBe(0);
  });

  it('mastered through a linear-phase EQ and the limiter, the master stays aligned with the mix', async () => {
    const input = noise(2 * fs, 8);
    const result = await masterProgramme(memoryProgramme({ sampleRate: fs, channels: input }), {
      target: resolveTarget({ lufs: -20, ceilingDbtp: -1 }),
      chain: parseInserts([LINEAR_EQ, { type: 'limiter' }]),
    });
    expect(result.targeting.reached).toBe(true);
    const master = await readProgramme(result.output!);
    expect(master.channels[0].length).toBe(input[0].length);
    expect(correlationPeakLag(input[0], master.channels[0], 9000)).toBe(0);
  });

  it('a chain of latent stages, all bypassed, returns the input bit for bit', () => {
    const inserts = parseInserts([
      { ...LINEAR_EQ, bypass: true },
      { type: 'multiband', bypass: true, bands: [{ crossoverHz: 200, ratio: 3 }, {}] },
      { type: 'limiter', bypass: true, lookaheadMs: 5 },
    ]);
    const input = noise(20000, 2);
    const output = runChain(buildProcessors(inserts), { sampleRate: fs, channels: input });
    for (let c = 0; c < 2; c++) expect(output.channels[c]).toEqual(input[c]);
  });

  it('the same input pushed in random block sizes gives the same output', () => {
    const inserts = parseInserts([
      LINEAR_EQ,
      { type: 'multiband', bands: [{ crossoverHz: 200, ratio: 3, thresholdDb: -30 }, {}] },
      { type: 'limiter', inputGainDb: 6 },
    ]);
    const input = noise(30000, 3);
    const whole = runChain(buildProcessors(inserts), { sampleRate: fs, channels: input });

    const runner = new ChainRunner(buildProcessors(inserts), {
      sampleRate: fs,
      maxBlockSize: 1024,
      channels: 2,
    });
    const out = [new Float32Array(30000), new Float32Array(30000)];
    let written = 0;
    const collect = (channels: readonly Float32Array[], offset: number, n: number) => {
      for (let c = 0; c < 2; c++) out[c].set(channels[c].subarray(offset, offset + n), written);
      written += n;
    };
    const prng = new Prng(7);
    for (let pos = 0; pos < 30000; ) {
      const n = Math.min(1 + Math.floor(prng.next() * 5000), 30000 - pos);
      runner.push(
        input.map((d) => d.subarray(pos, pos + n)),
        n,
        collect,
      );
      pos += n;
    }
    runner.finish(collect);
    expect(written).toBe(30000);
    for (let c = 0; c < 2; c++) expect(out[c]).toEqual(whole.channels[c]);
  });

  it('an input shorter than the latency still comes out whole and aligned', () => {
    const input = noise(500, 4);
    const output = runChain(buildProcessors(parseInserts([{ ...LINEAR_EQ, bypass: true }])), {
      sampleRate: fs,
      channels: input,
    });
    expect(output.channels[0]).toEqual(input[0]);
  });
});

describe('chain file format', () => {
  function problems(raw: unknown): string {
    try {
      parseChainDocument(raw, 'chain.json');
    } catch (error) {
      if (isSessionError(error)) return error.message;
      throw error;
    }
    return 'no problem';
  }
  const base = { format: CHAIN_FORMAT, version: 1 };

  it('round-trips through JSON with every parameter filled in', () => {
    const document = chainDocument(
      [{ type: 'limiter', ceilingDbtp: -1, inputGainDb: 3.25 }],
      { platform: 'spotify', lufs: -14, ceilingDbtp: -1 },
      ['made by a test'],
    );
    const parsed = parseChainDocument(JSON.parse(JSON.stringify(document)), 'chain.json');
    expect(parsed.chain[0]).toMatchObject({ type: 'limiter', inputGainDb: 3.25, releaseMs: 100 });
    expect(parsed.target).toEqual({ platform: 'spotify', lufs: -14, ceilingDbtp: -1 });
    expect(parsed.notes).toEqual(['made by a test']);
  });

  const cases: [string, unknown, string][] = [
    ['not a chain', { format: 'mixdown-session', version: 1 }, 'format: must be "mixdown-chain"'],
    [
      'a parameter out of range',
      { ...base, chain: [{ type: 'limiter' }, { type: 'compressor', ratio: 500 }] },
      'chain[1].ratio: must be at most 100, got 500',
    ],
    [
      'an unknown processor',
      { ...base, chain: [{ type: 'limitter' }] },
      'chain[0].type: unknown processor "limitter"',
    ],
    [
      'a misspelt key',
      { ...base, chain: [{ type: 'limiter', celing: -1 }] },
      'chain[0].celing: is not a known key here',
    ],
    [
      'a target out of range',
      { ...base, target: { lufs: -2 } },
      'target.lufs: must be at most -3, got -2',
    ],
    [
      'a sidechain',
      { ...base, chain: [{ type: 'compressor', sidechain: 'kick' }] },
      'chain[0].sidechain: must be left out',
    ],
    [
      'multiband crossovers out of order',
      {
        ...base,
        chain: [{ type: 'multiband', bands: [{ crossoverHz: 900 }, { crossoverHz: 300 }, {}] }],
      },
      'chain[0]: bands[1].crossoverHz must be above bands[0].crossoverHz (900 Hz), got 300',
    ],
  ];
  for (const [name, raw, expected] of cases) {
    it(`refuses ${name}, naming the path`, () => {
      const message = problems(raw);
      expect(message.startsWith('chain.json has a problem: ')).toBe(true);
      expect(message).toContain(expected);
    });
  }
});
