// Per-processor speed: ns per stereo frame at 48 kHz in the engine's 1024-frame blocks, for
// every registered processor, against the plain gain processor timed in the same run (the
// machine is shared, so the ratio is the figure to compare between runs).
import type { AudioData } from '../src/core/audio.js';
import { Prng } from '../src/core/prng.js';
import { validateParams, valuesFromSettings } from '../src/dsp/params.js';
import type { Processor, ProcessorDefinition } from '../src/dsp/processor.js';
import { PROCESSORS } from '../src/dsp/registry.js';
import { MASTER_EQ, TRACK_CHAIN } from './render.js';

const FS = 48000;
const BLOCK = 1024;
const SECONDS = 4;
const RUNS = 7;

/** An impulse response for the convolution reverb: 1.5 s of decaying noise. */
function impulseResponse(seed: number): Float32Array {
  const prng = new Prng(seed);
  const length = Math.round(1.5 * FS);
  const h = new Float32Array(length);
  for (let i = 0; i < length; i++) h[i] = prng.gaussian() * 10 ** ((-3 * i) / length) * 0.05;
  return h;
}

const files = new Map<string, AudioData>([
  ['ir.wav', { sampleRate: FS, channels: [impulseResponse(1), impulseResponse(2)] }],
]);

/**
 * Settings per case: the reference render session's where it uses the processor (bench/
 * render.ts), otherwise settings that make the processor work; the rest run at defaults.
 */
const CASES: { type: string; label: string; settings: Record<string, unknown> }[] = [
  { type: 'eq', label: 'track EQ (HP 24 dB/oct, 2 bells, shelf)', settings: TRACK_CHAIN[0] },
  { type: 'eq', label: 'master EQ (2 shelves)', settings: MASTER_EQ },
  { type: 'compressor', label: 'track compressor', settings: TRACK_CHAIN[1] },
  {
    type: 'glue',
    label: 'master glue',
    settings: { thresholdDb: -12, ratio: '2', attackMs: 10, releaseMs: 'auto' },
  },
  { type: 'reverb', label: 'hall', settings: { preset: 'hall', mix: 100 } },
  {
    type: 'delay',
    label: '1/8. at 120 bpm',
    settings: { note: '1/8.', feedbackPercent: 35, mix: 100 },
  },
  { type: 'convolution', label: '1.5 s impulse response', settings: { impulseResponse: 'ir.wav' } },
  { type: 'gate', label: '', settings: { thresholdDb: -20 } },
  { type: 'deesser', label: '', settings: { thresholdDb: -30 } },
  { type: 'saturation', label: '', settings: { driveDb: 12 } },
  { type: 'clipper', label: '', settings: { inputGainDb: 6 } },
  { type: 'limiter', label: '', settings: { inputGainDb: 6 } },
];

/** Song-like stereo input: tones and noise bursts, the same for every case. */
function programme(): Float32Array[] {
  const frames = SECONDS * FS;
  const prng = new Prng(7);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const hit = Math.exp(-((i % (FS / 2)) / FS) * 36) * (prng.next() * 2 - 1);
    const tone = 0.3 * Math.sin((2 * Math.PI * 110 * i) / FS) + 0.1 * Math.sin(0.37 * i);
    left[i] = 0.5 * hit + tone;
    right[i] = 0.45 * hit + 0.9 * tone;
  }
  return [left, right];
}

interface Case {
  readonly name: string;
  readonly processor: Processor;
}

function build(definition: ProcessorDefinition, settings: Record<string, unknown>): Processor {
  const { type: _, ...values } = settings; // an insert's `type` is not a parameter
  const usable = validateParams(definition.params, values).length === 0 ? values : {};
  const p = definition.create(valuesFromSettings(definition.params, usable), { files });
  p.prepare({ sampleRate: FS, maxBlockSize: BLOCK, channels: 2 });
  p.reset();
  return p;
}

function cases(): Case[] {
  const list: Case[] = [];
  for (const definition of PROCESSORS) {
    const own = CASES.filter((c) => c.type === definition.type);
    const chosen = own.length > 0 ? own : [{ type: definition.type, label: '', settings: {} }];
    for (const c of chosen) {
      const name = c.label ? `${definition.type}: ${c.label}` : definition.type;
      list.push({ name, processor: build(definition, c.settings) });
    }
  }
  return list;
}

/** Seconds of one pass of `p` over the programme, block by block, copying each block in. */
function timeOnce(p: Processor, input: Float32Array[], work: Float32Array[]): number {
  const frames = input[0].length;
  const started = process.hrtime.bigint();
  for (let pos = 0; pos + BLOCK <= frames; pos += BLOCK) {
    work[0].set(input[0].subarray(pos, pos + BLOCK));
    work[1].set(input[1].subarray(pos, pos + BLOCK));
    p.process({ channels: work, length: BLOCK });
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function benchProcessors(): Promise<string> {
  const input = programme();
  const work = [new Float32Array(BLOCK), new Float32Array(BLOCK)];
  const list = cases();
  const times = list.map(() => [] as number[]);
  // Interleaved runs, so a busy moment of the machine spreads over every case.
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < list.length; k++) times[k].push(timeOnce(list[k].processor, input, work));
  }
  const frames = Math.floor(input[0].length / BLOCK) * BLOCK;
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const seconds = times.map(median);
  const gain = seconds[list.findIndex((c) => c.name === 'gain')];
  const rows = list.map((c, k) => {
    const ns = (seconds[k] / frames) * 1e9;
    const realtime = frames / FS / seconds[k];
    return `| ${c.name} | ${ns.toFixed(1)} | ${realtime.toFixed(0)}× | ${(seconds[k] / gain).toFixed(1)} |`;
  });
  return [
    '## Processors',
    '',
    `Every registered processor on ${SECONDS} s of stereo programme at 48 kHz in ${BLOCK}-frame blocks (median of ${RUNS} interleaved runs). The reference render's settings where it uses the processor, otherwise active settings or defaults. "× gain": time against the plain gain processor in the same run (the figure to compare between runs on a shared machine). Time includes copying each block in (as the engine's buffers do).`,
    '',
    '| processor | ns / frame | × realtime | × gain |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
