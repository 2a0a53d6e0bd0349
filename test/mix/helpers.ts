import type { AudioData } from '../../src/core/audio.js';
import type { AudioBlock, ProcessSpec } from '../../src/core/block.js';
import { num } from '../../src/dsp/params.js';
import {
  defineProcessor,
  ProcessorBase,
  type ProcessorDefinition,
} from '../../src/dsp/processor.js';
import { findProcessor } from '../../src/dsp/registry.js';
import { type FrameSink, type RenderOptions, renderSession } from '../../src/mix/render.js';
import { MemorySourceProvider } from '../../src/mix/source-provider.js';
import type {
  ResolvedAutomationLane,
  ResolvedBreakpoint,
  ResolvedBus,
  ResolvedClip,
  ResolvedMaster,
  ResolvedSession,
  ResolvedSource,
  ResolvedTrack,
} from '../../src/session/resolved.js';

/** Collects rendered frames in memory. */
export class MemorySink implements FrameSink {
  private chunks: Float32Array[][] = [];
  frames = 0;

  async write(channels: readonly Float32Array[], frames: number): Promise<void> {
    this.chunks.push(channels.map((c) => c.slice(0, frames)));
    this.frames += frames;
  }

  get channels(): Float32Array[] {
    const count = this.chunks[0]?.length ?? 2;
    return Array.from({ length: count }, (_, c) => {
      const out = new Float32Array(this.frames);
      let pos = 0;
      for (const chunk of this.chunks) {
        out.set(chunk[c], pos);
        pos += chunk[c].length;
      }
      return out;
    });
  }
}

export const FS = 48000;

export function source(id: string, audio: AudioData): ResolvedSource {
  return {
    id,
    path: `audio/${id}.wav`,
    absolutePath: `/nowhere/${id}.wav`,
    bytes: 0,
    sha256: '0'.repeat(64),
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    frames: audio.channels[0].length,
  };
}

export function clip(
  sourceId: string,
  lengthSeconds: number,
  more: Partial<ResolvedClip> = {},
): ResolvedClip {
  return {
    sourceId,
    startSeconds: 0,
    sourceOffsetSeconds: 0,
    lengthSeconds,
    gainDb: 0,
    fadeIn: { seconds: 0, shape: 'linear' },
    fadeOut: { seconds: 0, shape: 'linear' },
    mute: false,
    reverse: false,
    edits: [],
    path: 'tracks[0].clips[0]',
    ...more,
  };
}

const strip = {
  inserts: [],
  gainDb: 0,
  pan: 0,
  panLaw: '-3dB' as const,
  mute: false,
  solo: false,
  polarity: false,
  sends: [],
  automation: [],
};

export function track(
  name: string,
  clips: ResolvedClip[],
  more: Partial<ResolvedTrack> = {},
): ResolvedTrack {
  return {
    kind: 'track',
    name,
    clips,
    crossfadeShape: 'equal-power',
    output: 'master',
    path: `tracks.${name}`,
    ...strip,
    ...more,
  };
}

export function bus(name: string, more: Partial<ResolvedBus> = {}): ResolvedBus {
  return { kind: 'bus', name, output: 'master', path: `buses.${name}`, ...strip, ...more };
}

/** An automation lane from [seconds, value, curve] points (curve defaults to linear). */
export function lane(
  param: string,
  ...points: [number, number, ResolvedBreakpoint['curve']?][]
): ResolvedAutomationLane {
  return {
    param,
    points: points.map(([timeSeconds, value, curve]) => ({
      timeSeconds,
      value,
      curve: curve ?? 'linear',
    })),
    path: `automation.${param}`,
  };
}

export function session(parts: {
  sources: Record<string, AudioData>;
  tracks: ResolvedTrack[];
  buses?: ResolvedBus[];
  master?: Partial<ResolvedMaster>;
}): { session: ResolvedSession; provider: MemorySourceProvider } {
  const sources = Object.entries(parts.sources).map(([id, audio]) => source(id, audio));
  return {
    session: {
      name: 'test',
      sampleRate: FS,
      tempoBpm: 120,
      timeSignature: [4, 4],
      sources,
      tracks: parts.tracks,
      buses: parts.buses ?? [],
      master: { kind: 'master', name: 'master', path: 'master', ...strip, ...parts.master },
      projectDir: '/nowhere',
    },
    provider: new MemorySourceProvider(new Map(Object.entries(parts.sources))),
  };
}

export async function render(
  s: { session: ResolvedSession; provider: MemorySourceProvider },
  options: RenderOptions = {},
): Promise<Float32Array[]> {
  const sink = new MemorySink();
  await renderSession(s.session, s.provider, sink, { findProcessor: testProcessors, ...options });
  return sink.channels;
}

export function constant(value: number, seconds: number, channels = 2): AudioData {
  return {
    sampleRate: FS,
    channels: Array.from({ length: channels }, () =>
      new Float32Array(Math.round(seconds * FS)).fill(value),
    ),
  };
}

export function tone(
  frequencyHz: number,
  amplitude: number,
  seconds: number,
  channels = 2,
): AudioData {
  const n = Math.round(seconds * FS);
  return {
    sampleRate: FS,
    channels: Array.from({ length: channels }, () =>
      Float32Array.from(
        { length: n },
        (_, i) => amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / FS),
      ),
    ),
  };
}

/** A test processor that delays by exactly `latency` samples and says so. */
const delayParams = {
  samples: num({
    name: 'Samples',
    unit: 'none',
    min: 0,
    max: 10000,
    default: 100,
    integer: true,
    description: 'delay',
  }),
};
class PureDelay extends ProcessorBase<typeof delayParams> {
  private lines: Float32Array[] = [];
  private pos = 0;
  protected allocate(spec: ProcessSpec): void {
    this.latency = this.values.samples;
    this.lines = Array.from(
      { length: spec.channels },
      () => new Float32Array(Math.max(1, this.latency)),
    );
  }
  protected onParamsChanged(): void {}
  reset(): void {
    for (const l of this.lines) l.fill(0);
    this.pos = 0;
  }
  process(block: AudioBlock): void {
    if (this.latency === 0) return;
    let p = 0;
    block.channels.forEach((d, c) => {
      p = this.pos;
      for (let i = 0; i < block.length; i++) {
        const o = this.lines[c][p];
        this.lines[c][p] = d[i];
        d[i] = o;
        if (++p === this.latency) p = 0;
      }
    });
    this.pos = p;
  }
}
export const pureDelay = defineProcessor({
  type: 'test-delay',
  name: 'Test delay',
  description: 'exact delay',
  params: delayParams,
  create: (v) => new PureDelay(delayParams, v),
});

export function testProcessors(type: string): ProcessorDefinition | undefined {
  return type === 'test-delay'
    ? (pureDelay as unknown as ProcessorDefinition)
    : findProcessor(type);
}

/** Bit-exact comparison that reports the first difference (a deep-equal diff of long arrays is unreadable and slow). */
export function expectSameAudio(
  actual: readonly Float32Array[],
  expected: readonly Float32Array[],
): void {
  if (actual.length !== expected.length)
    throw new Error(`channel count ${actual.length} ≠ ${expected.length}`);
  actual.forEach((a, c) => {
    const e = expected[c];
    if (a.length !== e.length) throw new Error(`channel ${c}: length ${a.length} ≠ ${e.length}`);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== e[i] && !(Number.isNaN(a[i]) && Number.isNaN(e[i]))) {
        throw new Error(`channel ${c} differs first at frame ${i}: ${a[i]} vs ${e[i]}`);
      }
    }
  });
}
