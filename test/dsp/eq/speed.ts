import { eqProcessor } from '../../../src/dsp/eq/index.js';
import { valuesFromSettings } from '../../../src/dsp/params.js';

/**
 * EQ speed, for bench/ (not a test: tests never assert on time). Run alone with
 * `npx tsx test/dsp/eq/speed.ts`. Nanoseconds per stereo frame at 48 kHz in 512-frame
 * blocks, median of interleaved runs, against a bare loop of 4 biquads (transposed direct
 * form II, one channel at a time, one section at a time, no guard) run in the same process,
 * so the ratio survives a busy machine.
 */

const FS = 48000;
const BLOCK = 512;
const FRAMES = FS * 20;
const RUNS = 15;

/** The reference mix setting (task: HP 80 Hz 24 dB/oct, two bells, a high shelf). */
export const TYPICAL_BANDS = [
  { type: 'highpass', freqHz: 80, slopeDbPerOct: '24' },
  { type: 'bell', freqHz: 300, gainDb: -3, q: 1 },
  { type: 'bell', freqHz: 3000, gainDb: 2, q: 0.7 },
  { type: 'highshelf', freqHz: 10000, gainDb: 2, q: Math.SQRT1_2 },
];

/** Bands that each need a correction stage at 48 kHz (wide high bells, a high shelf). */
export const CORRECTED_BANDS = [
  { type: 'highpass', freqHz: 80, slopeDbPerOct: '24' },
  { type: 'bell', freqHz: 8000, gainDb: -6, q: 0.7 },
  { type: 'bell', freqHz: 12000, gainDb: 6, q: 0.5 },
  { type: 'highshelf', freqHz: 16000, gainDb: 6, q: 2 },
];

function noise(seed: number): Float32Array {
  const x = new Float32Array(FRAMES);
  let s = seed >>> 0;
  for (let i = 0; i < FRAMES; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    x[i] = (s / 2 ** 32 - 0.5) * 0.5;
  }
  return x;
}

let inputs: Float32Array[] = [];
const work = [new Float32Array(BLOCK), new Float32Array(BLOCK)];

function timed(run: (left: Float32Array, right: Float32Array) => void): number {
  const t0 = process.hrtime.bigint();
  for (let pos = 0; pos < FRAMES; pos += BLOCK) {
    work[0].set(inputs[0].subarray(pos, pos + BLOCK));
    work[1].set(inputs[1].subarray(pos, pos + BLOCK));
    run(work[0], work[1]);
  }
  return Number(process.hrtime.bigint() - t0) / FRAMES;
}

function eqRun(bands: object[], automate: boolean) {
  const p = eqProcessor.create(valuesFromSettings(eqProcessor.params, { bands }) as never);
  p.prepare({ sampleRate: FS, maxBlockSize: BLOCK, channels: 2 });
  let block = 0;
  return () =>
    timed((left, right) => {
      // Automation: band 2's frequency moves every block, as a lane would move it.
      if (automate) p.setParameter('bands[2].freqHz', 8000 * 2 ** Math.sin(block++ / 200));
      p.process({ channels: [left, right], length: BLOCK });
    });
}

/** 4 biquads, transposed direct form II, Float64 state: the plainest implementation. */
function bareRun() {
  const c = [
    [0.98, -1.96, 0.98, -1.96, 0.9604],
    [1.01, -1.9, 0.9, -1.9, 0.91],
    [1.02, -1.5, 0.6, -1.45, 0.55],
    [1.1, -0.4, 0.2, -0.3, 0.1],
  ].flat();
  const coefficients = Float64Array.from(c);
  const state = new Float64Array(16);
  const run = (x: Float32Array, s0: number) => {
    for (let k = 0; k < 4; k++) {
      const o = 5 * k;
      const b0 = coefficients[o];
      const b1 = coefficients[o + 1];
      const b2 = coefficients[o + 2];
      const a1 = coefficients[o + 3];
      const a2 = coefficients[o + 4];
      let z1 = state[s0 + 2 * k];
      let z2 = state[s0 + 2 * k + 1];
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        const y = b0 * v + z1;
        z1 = b1 * v + z2 - a1 * y;
        z2 = b2 * v - a2 * y;
        x[i] = y;
      }
      state[s0 + 2 * k] = z1;
      state[s0 + 2 * k + 1] = z2;
    }
  };
  return () =>
    timed((left, right) => {
      run(left, 0);
      run(right, 8);
    });
}

export interface EqSpeed {
  typicalNs: number;
  correctedNs: number;
  automatedNs: number;
  bareNs: number;
  copyNs: number;
}

export function measureEqSpeed(): EqSpeed {
  inputs = [noise(1), noise(2)];
  const cases = {
    typicalNs: eqRun(TYPICAL_BANDS, false),
    correctedNs: eqRun(CORRECTED_BANDS, false),
    automatedNs: eqRun(CORRECTED_BANDS, true),
    bareNs: bareRun(),
    copyNs: () => timed(() => {}),
  };
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(cases).map((name) => [name, []]),
  );
  for (let r = 0; r < RUNS; r++) {
    for (const [name, run] of Object.entries(cases)) times[name].push(run());
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
  return Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, median(v)]),
  ) as unknown as EqSpeed;
}

if (process.argv[1]?.endsWith('speed.ts')) {
  const s = measureEqSpeed();
  const ratio = (x: number) => (x / s.bareNs).toFixed(2);
  console.log(
    [
      `ns per stereo frame at 48 kHz, 512-frame blocks (median of ${RUNS} interleaved runs):`,
      `  bare 4-biquad loop (TDF2)            ${s.bareNs.toFixed(2)}`,
      `  EQ, typical 4 bands (5 stages)       ${s.typicalNs.toFixed(2)}  (${ratio(s.typicalNs)}× bare)`,
      `  EQ, 4 bands, 3 with a correction     ${s.correctedNs.toFixed(2)}  (${ratio(s.correctedNs)}× bare)`,
      `  same, one corrected band automated   ${s.automatedNs.toFixed(2)}  (${ratio(s.automatedNs)}× bare)`,
      `  copying the blocks alone             ${s.copyNs.toFixed(2)}`,
    ].join('\n'),
  );
}
