import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioData } from '../src/core/audio.js';
import { generateDemoTakes, TAKE } from '../src/demo/synth/index.js';
import { valuesFromSettings } from '../src/dsp/params.js';
import { planTuning, segmentNotes, trackPitch, tuneValues } from '../src/edit/pitch/index.js';
import { findOperation } from '../src/edit/registry.js';
import {
  detectOnsets,
  estimateOffset,
  estimateWarp,
  quantizeWarp,
} from '../src/edit/timing/index.js';
import { readAudio, writeAudio } from '../src/io/index.js';
import { toneFrequencyHz } from '../test/edit/timing/measure.js';
import { toolVersion } from './machine.js';
import { medianSeconds } from './timing.js';

const SECONDS = 180;

/** Repeats `audio` end to end up to `seconds` (3-minute material from the demo's 34 s takes). */
function tile(audio: AudioData, seconds: number): AudioData {
  const frames = Math.round(seconds * audio.sampleRate);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) =>
      Float32Array.from({ length: frames }, (_, i) => c[i % c.length]),
    ),
  };
}

function mono(audio: AudioData): AudioData {
  if (audio.channels.length === 1) return audio;
  const [l, r] = audio.channels;
  return { sampleRate: audio.sampleRate, channels: [l.map((x, i) => 0.5 * (x + r[i]))] };
}

function sum(parts: AudioData[]): AudioData {
  const n = Math.min(...parts.map((p) => p.channels[0].length));
  const out = new Float32Array(n);
  for (const p of parts) for (let i = 0; i < n; i++) out[i] += p.channels[0][i];
  return { sampleRate: parts[0].sampleRate, channels: [out] };
}

function apply(op: string, audio: AudioData, settings: Record<string, unknown>): AudioData {
  const operation = findOperation(op);
  if (!operation) throw new Error(`no operation ${op}`);
  return operation.apply(audio, valuesFromSettings(operation.params, settings), { path: 'bench' })
    .audio;
}

/** Pitch error (cents) of a steady 440 Hz tone after a 1.25× stretch, by FFT peak. */
function toneError(audio: AudioData): number {
  const x = audio.channels[0];
  const from = Math.floor(x.length * 0.3);
  const hz = toneFrequencyHz(x, audio.sampleRate, from, from + 65536, 440);
  return 1200 * Math.log2(hz / 440);
}

/**
 * Issue 5's benchmark: × realtime of each editing operation on 3-minute mono 48 kHz
 * material built from the demo's flawed takes; and, when rubberband or sox is installed,
 * their time-stretch speed and the pitch error of a stretched steady tone beside ours.
 */
export async function benchEditing(dir: string): Promise<string> {
  const work = join(dir, 'editing');
  await mkdir(work, { recursive: true });
  const demo = generateDemoTakes({ seed: 1, flaws: true });
  const take = (name: string) => mono(demo.takes.find((t) => t.name === name)!.audio);
  const vocal = tile(take(TAKE.vocal2), SECONDS);
  const lead = tile(take(TAKE.vocal1), SECONDS);
  const drums = tile(sum([take(TAKE.kick), take(TAKE.snare), take(TAKE.hats)]), SECONDS);
  const bass = tile(take(TAKE.bass), SECONDS);
  const bassOnTime = tile(mono(demo.cleanReferences[TAKE.bass]), SECONDS);

  const rows: [string, number][] = [];
  const time = async (label: string, work: () => unknown) => {
    rows.push([label, await medianSeconds(1, work)]);
  };
  for (const op of ['denoise', 'dehum', 'declick', 'declip']) {
    if (findOperation(op))
      await time(`${op} (vocal / bass take)`, () => apply(op, op === 'dehum' ? bass : vocal, {}));
  }
  await time('align: offset (GCC-PHAT), late bass overdub', () => estimateOffset(bassOnTime, bass));
  await time('align: warp (DTW), double to lead vocal', () => estimateWarp(lead, vocal));
  await time('quantize: onsets + warp map', () =>
    quantizeWarp(drums, { bpm: 120, firstBeatSeconds: 0, division: '1/16', strength: 100 }),
  );
  const points = quantizeWarp(drums, {
    bpm: 120,
    firstBeatSeconds: 0,
    division: '1/16',
    strength: 100,
  });
  await time('quantize: render the warp', () => apply('warp', drums, { points }));
  await time('onset detection', () => detectOnsets(drums));
  await time('tune: track + segment + plan', () =>
    planTuning(segmentNotes(trackPitch(vocal)), { key: 'A minor' }),
  );
  const plan = planTuning(segmentNotes(trackPitch(vocal)), { key: 'A minor' });
  await time('tune: render (PSOLA)', () => apply('tune', vocal, tuneValues(plan)));
  await time('pitch-shift +3 semitones', () => apply('pitch-shift', vocal, { semitones: 3 }));
  await time('stretch ×1.25', () => apply('stretch', drums, { ratio: 1.25 }));

  const lines = [
    '## Editing operations (issue 5)',
    '',
    `${SECONDS / 60} minutes of mono 48 kHz material tiled from the demo's flawed takes (vocal take with detuned notes, bass DI with hum, drum close mics). One run each, in process.`,
    '',
    '| operation | seconds | × realtime |',
    '| --- | ---: | ---: |',
    ...rows.map(([label, s]) => `| ${label} | ${s.toFixed(2)} | ${(SECONDS / s).toFixed(1)}× |`),
  ];

  // Time-stretch beside rubberband and sox: speed on the drums, pitch of a stretched tone.
  const drumsPath = join(work, 'drums.wav');
  const tonePath = join(work, 'tone.wav');
  await writeAudio(drumsPath, drums, {
    format: 'wav',
    sampleRate: 48000,
    channels: 1,
    bitDepth: 32,
  });
  const tone: AudioData = {
    sampleRate: 48000,
    channels: [
      Float32Array.from(
        { length: 48000 * 10 },
        (_, i) =>
          0.3 * Math.sin((2 * Math.PI * 440 * i) / 48000) +
          0.1 * Math.sin((2 * Math.PI * 880 * i) / 48000),
      ),
    ],
  };
  await writeAudio(tonePath, tone, { format: 'wav', sampleRate: 48000, channels: 1, bitDepth: 32 });
  const ours = toneError(apply('stretch', tone, { ratio: 1.25 }));
  lines.push(
    '',
    'Time-stretch ×1.25 (length), 3-minute drums; pitch error of a steady 440 Hz tone after the stretch:',
    '',
    '| tool | seconds | × realtime | tone pitch error |',
    '| --- | ---: | ---: | ---: |',
  );
  lines.push(
    `| mixdown stretch | ${rows.find((r) => r[0].startsWith('stretch'))![1].toFixed(2)} | ${(SECONDS / rows.find((r) => r[0].startsWith('stretch'))![1]).toFixed(1)}× | ${ours.toFixed(3)} cents |`,
  );
  const external = async (
    label: string,
    command: string,
    args: (input: string, output: string) => string[],
  ) => {
    const out = join(work, `${label.replace(/\W+/g, '-')}.wav`);
    const seconds = await medianSeconds(1, () => {
      const r = spawnSync(command, args(drumsPath, out), { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    });
    const toneOut = join(work, `${label.replace(/\W+/g, '-')}-tone.wav`);
    spawnSync(command, args(tonePath, toneOut));
    const error = toneError(await readAudio(toneOut));
    lines.push(
      `| ${label} (includes process start and file I/O) | ${seconds.toFixed(2)} | ${(SECONDS / seconds).toFixed(1)}× | ${error.toFixed(3)} cents |`,
    );
  };
  if (toolVersion('rubberband', ['--version'])) {
    await external('rubberband R2 (default)', 'rubberband', (i, o) => ['-q', '-t', '1.25', i, o]);
    await external('rubberband R3 (--fine)', 'rubberband', (i, o) => [
      '-q',
      '--fine',
      '-t',
      '1.25',
      i,
      o,
    ]);
  }
  if (toolVersion('sox', ['--version'])) {
    await external('sox tempo 0.8', 'sox', (i, o) => [i, o, 'tempo', '0.8']);
  }
  return lines.join('\n');
}
