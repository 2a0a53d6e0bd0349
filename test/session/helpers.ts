import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createAudio } from '../../src/core/audio.js';
import { bool, choice, file, group, num } from '../../src/dsp/params.js';
import { defineProcessor, type ProcessorDefinition } from '../../src/dsp/processor.js';
import { gainProcessor } from '../../src/dsp/utility/gain.js';
import { writeAudio } from '../../src/io/write.js';
import { buildResolvedSession } from '../../src/session/build-resolved.js';
import { formatIssue } from '../../src/session/issues.js';
import type { ResolvedSession, ResolvedSource } from '../../src/session/resolved.js';
import type { SessionDocument } from '../../src/session/schema.js';
import { fingerprintFile } from '../../src/session/sources.js';
import { validateDocument } from '../../src/session/validate.js';
import type { ParseOutcome } from '../../src/session/zod-issues.js';

/**
 * Fixtures for session tests, all made in code. The processor list below is declarations
 * only (they are never run): it gives the tests a parameter group (EQ bands) and a
 * sidechain input whatever the registry holds on a given day.
 */

const notRun = (): never => {
  throw new Error('test declaration only');
};

export const testEq = defineProcessor({
  type: 'eq',
  name: 'EQ',
  description: 'test declaration with bands',
  params: {
    outputDb: num({ name: 'Output', unit: 'dB', min: -24, max: 24, default: 0, description: 'x' }),
    bands: group({
      name: 'Bands',
      maxItems: 3,
      description: 'x',
      items: {
        shape: choice({
          name: 'Shape',
          choices: ['bell', 'shelf'],
          default: 'bell',
          description: 'x',
        }),
        frequencyHz: num({
          name: 'Frequency',
          unit: 'Hz',
          min: 20,
          max: 20000,
          default: 1000,
          scale: 'log',
          description: 'x',
        }),
        gainDb: num({ name: 'Gain', unit: 'dB', min: -24, max: 24, default: 0, description: 'x' }),
        enabled: bool({ name: 'On', default: true, description: 'x' }),
      },
    }),
  },
  create: notRun,
});

export const testCompressor = defineProcessor({
  type: 'compressor',
  name: 'Compressor',
  description: 'test declaration with a sidechain',
  acceptsSidechain: true,
  params: {
    thresholdDb: num({
      name: 'Threshold',
      unit: 'dB',
      min: -60,
      max: 0,
      default: -18,
      description: 'x',
    }),
    ratio: num({ name: 'Ratio', unit: 'ratio', min: 1, max: 20, default: 4, description: 'x' }),
    lookaheadMs: num({
      name: 'Lookahead',
      unit: 'ms',
      min: 0,
      max: 10,
      default: 0,
      automatable: false,
      description: 'x',
    }),
    detection: choice({
      name: 'Detection',
      choices: ['peak', 'rms'],
      default: 'peak',
      description: 'x',
    }),
  },
  create: notRun,
});

export const testConvolver = defineProcessor({
  type: 'convolver',
  name: 'Convolver',
  description: 'test declaration with a file',
  params: {
    impulseResponse: file({ name: 'Impulse response', description: 'x' }),
    mixPercent: num({ name: 'Mix', unit: '%', min: 0, max: 100, default: 100, description: 'x' }),
  },
  create: notRun,
});

export const TEST_PROCESSORS = [
  gainProcessor,
  testEq,
  testCompressor,
  testConvolver,
] as unknown as readonly ProcessorDefinition[];

const HASH = 'a'.repeat(64);

/** A valid document using most of the format: a fresh copy each call, to mutate freely. */
export function richDocument(): SessionDocument {
  return {
    format: 'mixdown-session',
    version: 1,
    name: 'Demo song',
    sampleRate: 48000,
    tempo: { bpm: 120, timeSignature: [4, 4] },
    sources: [
      { id: 'kick', path: 'audio/kick.wav', bytes: 1000, sha256: HASH },
      { id: 'bass', path: 'audio/bass.wav', bytes: 2000, sha256: HASH },
    ],
    tracks: [
      {
        name: 'Kick',
        color: '#e05a47',
        clips: [
          { source: 'kick', start: 0, lengthSeconds: 1, fadeIn: { lengthMs: 5, shape: 'linear' } },
          {
            source: 'kick',
            start: '2:1',
            offsetSeconds: 0.5,
            fadeOut: { lengthMs: 20, shape: 'exponential' },
          },
        ],
        inserts: [
          {
            type: 'eq',
            bands: [
              { shape: 'shelf', frequencyHz: 80, gainDb: 3 },
              { frequencyHz: 4000, gainDb: -2 },
            ],
          },
          { type: 'gain', gainDb: -3, bypass: true },
        ],
        output: 'Drums',
        sends: [{ to: 'Reverb', levelDb: -12 }],
        automation: [
          {
            param: 'gainDb',
            points: [
              { time: '9:1', value: 0 },
              { time: 0, value: -6, curve: 'linear' },
            ],
          },
          {
            param: 'inserts[0].bands[1].gainDb',
            points: [{ time: '1:3', value: -4, curve: 'hold' }],
          },
          { param: 'sends[0].levelDb', points: [{ time: 1.5, value: -20 }] },
        ],
      },
      {
        name: 'Bass',
        clips: [{ source: 'bass' }],
        inserts: [{ type: 'compressor', thresholdDb: -24, ratio: 3, sidechain: 'Kick' }],
        pan: -0.25,
        panLaw: '-4.5dB',
        sends: [{ to: 'Reverb', levelDb: -18, preFader: true, pan: 0.5 }],
      },
    ],
    buses: [
      { name: 'Drums', output: 'master', inserts: [{ type: 'compressor', ratio: 2 }] },
      {
        name: 'Reverb',
        gainDb: -6,
        automation: [{ param: 'pan', points: [{ time: '3:2.5', value: 0.5 }] }],
      },
    ],
    master: { inserts: [{ type: 'gain', gainDb: -1 }], gainDb: 0 },
  };
}

/** A mutable view of a document for tests that break it on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: tests write wrong types on purpose.
export type Loose = any;

/** The rich document changed by `change`, with the issues validation reports, as text. */
export function problemsAfter(change: (doc: Loose) => void): string[] {
  const doc = richDocument();
  change(doc);
  const outcome = validateDocument(doc, { processors: TEST_PROCESSORS });
  return outcome.ok ? [] : outcome.issues.map(formatIssue);
}

/** A source as if read from disk: `seconds` long at 48 kHz. */
export function syntheticSource(id: string, seconds: number): ResolvedSource {
  return {
    id,
    path: `audio/${id}.wav`,
    absolutePath: `/project/audio/${id}.wav`,
    bytes: 1000,
    sha256: HASH,
    sampleRate: 48000,
    channels: 1,
    frames: Math.round(seconds * 48000),
  };
}

/** Validates `document` (it must be valid) and resolves it against synthetic sources. */
export function buildFrom(document: Loose, sourceSeconds = 600): ParseOutcome<ResolvedSession> {
  const validated = validateDocument(document, { processors: TEST_PROCESSORS });
  if (!validated.ok) throw new Error(validated.issues.map(formatIssue).join('\n'));
  const sources = validated.value.sources.map((s) => syntheticSource(s.id, sourceSeconds));
  return buildResolvedSession(validated.value, sources, '/project');
}

/** A fresh temporary folder per test file, removed afterwards. */
export function useTempDir(): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mixdown-session-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** A short WAV (a 440 Hz tone), written by the project's own WAV writer. */
export async function writeTone(
  path: string,
  { sampleRate = 48000, channels = 1, seconds = 1 } = {},
): Promise<void> {
  const audio = createAudio(sampleRate, channels, Math.round(seconds * sampleRate));
  for (const data of audio.channels) {
    for (let i = 0; i < data.length; i++)
      data[i] = 0.25 * Math.sin((2 * Math.PI * 440 * i) / sampleRate);
  }
  await mkdir(dirname(path), { recursive: true });
  await writeAudio(path, audio, { format: 'wav', sampleRate, channels, bitDepth: 16 });
}

export interface ProjectSpec {
  readonly sources: readonly {
    id: string;
    seconds?: number;
    channels?: number;
    sampleRate?: number;
  }[];
}

/**
 * A project folder with real audio files, one track per source (one clip each), and a
 * session whose recorded sizes and hashes match the files.
 */
export async function writeProject(
  dir: string,
  spec: ProjectSpec,
  change: (doc: Loose) => void = () => {},
): Promise<SessionDocument> {
  const sources = [];
  for (const source of spec.sources) {
    const path = `audio/${source.id}.wav`;
    await writeTone(join(dir, path), source);
    sources.push({ id: source.id, path, ...(await fingerprintFile(join(dir, path))) });
  }
  const document: Loose = {
    format: 'mixdown-session',
    version: 1,
    name: 'Test project',
    sampleRate: 48000,
    sources,
    tracks: spec.sources.map((s) => ({ name: s.id, clips: [{ source: s.id }] })),
  };
  change(document);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'session.json'), `${JSON.stringify(document, null, 2)}\n`);
  return document;
}
