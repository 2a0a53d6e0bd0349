import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeAudio } from '../src/analysis/index.js';
import type { AudioData } from '../src/core/audio.js';
import { dbToGain } from '../src/core/units.js';
import { deliverMaster } from '../src/deliver/index.js';
import { measureLimiterThdN, thdPlusNoise } from '../src/dsp/nonlinear/index.js';
import { THDN_TONES_HZ } from '../src/dsp/nonlinear/measure-thdn.js';
import { createWriter, openAudio, readAudio, writeAudio } from '../src/io/index.js';
import { masterProgramme } from '../src/master/master.js';
import {
  fileProgramme,
  forEachBlock,
  memoryProgramme,
  type Programme,
  readProgramme,
  scratchWorkspace,
} from '../src/master/programme.js';
import { resolveTarget } from '../src/master/targets.js';
import { encodeOptionsFor } from '../src/mix/render-project.js';
import { PROGRAMME_NAMES, programme } from '../test/fixtures/programmes.js';
import { toolVersion } from './machine.js';
import { writeProgramme } from './signals.js';

/**
 * The mastering benchmark:
 * 1. speed, end to end: mastering (the assistant's chain + loudness targeting to Spotify's
 *    −14 LUFS / −1 dBTP) a generated 4-minute stereo 48 kHz track and writing it as 24-bit
 *    WAV, then delivering it for Spotify, Apple and CD (converted, limited, dithered,
 *    encoded, decoded back and measured, tagged); × realtime of each stage and of the whole;
 * 2. accuracy against ffmpeg's two-pass `loudnorm` (pass 1 measures with print_format=json;
 *    pass 2 gets measured_I/TP/LRA/thresh, offset = target_offset and linear=true, as its
 *    documentation recommends) on the six test programmes at −14 LUFS / −1 dBTP: target error
 *    and true-peak overshoot of both, measured by mixdown's analyser at 8×;
 * 3. the limiter's THD+N at 6 dB of gain reduction on 60 Hz + 1 kHz (measureLimiterThdN),
 *    beside ffmpeg's `alimiter` at the same ceiling, attack and release, measured the same way.
 */

const TARGET_LUFS = -14;
const CEILING_DBTP = -1;
const LOUDNORM_LRA = 11;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function ffmpeg(args: string[]): string {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-y', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr.slice(-2000)}`);
  return result.stderr;
}

/** The last {...} block loudnorm printed (print_format=json). */
function loudnormJson(stderr: string): Record<string, string> {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  return JSON.parse(stderr.slice(start, end + 1));
}

async function writeFloat(path: string, audio: AudioData): Promise<void> {
  await writeAudio(path, audio, {
    format: 'wav',
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    bitDepth: 32,
  });
}

function f(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text; // never "-0.00"
}

/** The master as `mixdown master` writes it: 24-bit WAV, streamed block by block. */
async function writeMaster24(output: Programme, path: string): Promise<void> {
  const writer = await createWriter(
    path,
    encodeOptionsFor('wav24', output.sampleRate, output.channels),
  );
  await forEachBlock(output, (channels, frames) => writer.write(channels, frames));
  await writer.close();
}

const SPEED_PLATFORMS = ['spotify', 'apple', 'cd'];

async function speed(dir: string): Promise<string[]> {
  const path = join(dir, 'programme-4min.wav');
  if (!existsSync(path)) await writeProgramme(path, 240);
  const reader = await openAudio(path);
  const info = reader.info;
  await reader.close();
  const masterPath = join(dir, 'programme-4min-master.wav');
  const workspace = await scratchWorkspace();
  const started = process.hrtime.bigint();
  let mastering: number;
  let t: Awaited<ReturnType<typeof masterProgramme>>['targeting'];
  try {
    const result = await masterProgramme(fileProgramme(path, info), {
      target: resolveTarget({ preset: 'spotify' }),
      workspace,
    });
    t = result.targeting;
    await writeMaster24(t.output!, masterPath);
    mastering = seconds(started);
  } finally {
    await workspace.dispose();
  }
  const deliveryStarted = process.hrtime.bigint();
  const delivery = await deliverMaster({
    master: masterPath,
    outputDir: join(dir, 'release-4min'),
    platforms: SPEED_PLATFORMS,
    tags: { title: 'Benchmark', artist: 'mixdown' },
  });
  const delivering = seconds(deliveryStarted);
  const duration = info.frames / info.sampleRate;
  const files = delivery.manifest.files;
  const passes = files.reduce((n, file) => n + file.compliance.passes.length, 0);
  const total = mastering + delivering;
  return [
    '### Speed (end to end)',
    '',
    `A generated ${f(duration / 60, 0)}-minute stereo ${info.sampleRate / 1000} kHz track (bench/signals.ts) mastered and delivered as \`mixdown master\` then \`mixdown deliver --platforms ${SPEED_PLATFORMS.join(',')}\` would. Mastering: the assistant analyses the mix and chooses the chain, its stages run streamed through scratch files, ${t.passes.length} limiter pass${t.passes.length === 1 ? '' : 'es'} with loudness measurement reach Spotify's −14 LUFS / −1 dBTP (8× true-peak verification), and the master is written as 24-bit WAV. Delivery: ${files.length} files (${files.map((file) => file.codec.description).join('; ')}), each converted, limited when needed, dithered, encoded, decoded back and measured (${passes} compliance passes in all), tagged, hashed and written with the manifest; files at one rate share the conversion and first limiting, and ${delivery.workerThreads === 0 ? 'all ran on the main thread' : `independent files ran on ${delivery.workerThreads} worker threads`}.`,
    '',
    '| stage | seconds | × realtime | result |',
    '| --- | ---: | ---: | --- |',
    `| master (analyse, chain, targeting, write) | ${f(mastering, 1)} | ${f(duration / mastering, 1)}× | ${f(t.integratedLufs)} LUFS, ${f(t.truePeakDbtp)} dBTP (${t.outcome}) |`,
    `| deliver (${SPEED_PLATFORMS.join(', ')}) | ${f(delivering, 1)} | ${f(duration / delivering, 1)}× | ${files.length} files, ${passes} passes, worst margin ${f(Math.min(...files.map((file) => file.compliance.marginDb)))} dB |`,
    `| **total** | ${f(total, 1)} | **${f(duration / total, 1)}×** | |`,
    '',
  ];
}

async function loudnormComparison(dir: string): Promise<string[]> {
  const lines = [
    '### Loudness targeting against ffmpeg loudnorm (two-pass)',
    '',
    `Six generated programmes (test/fixtures/programmes.ts) to ${TARGET_LUFS} LUFS / ${CEILING_DBTP} dBTP. ffmpeg: \`loudnorm=I=${TARGET_LUFS}:TP=${CEILING_DBTP}:LRA=${LOUDNORM_LRA}\`, pass 2 with the measured values, \`offset\` = pass 1's target_offset and \`linear=true\`, output resampled to 48 kHz (loudnorm's dynamic mode runs at 192 kHz). mixdown: \`masterProgramme\` with no chain given, so the assistant analyses each programme and chooses its chain, as \`mixdown master\` does. Every output measured by mixdown's analyser, true peak at 8×; overshoot = true peak − ceiling (≤ 0 holds the ceiling).`,
    '',
    '| programme | ffmpeg LUFS | error LU | true peak | overshoot dB | mode | mixdown LUFS | error LU | true peak | overshoot dB | passes |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const folder = join(dir, 'mastering-programmes');
  await mkdir(folder, { recursive: true });
  // Worst errors over the 20 s programmes, and over all six (loudnorm treats inputs under 3 s
  // differently: one gain for the whole input).
  const worst = { ffmpeg: 0, mixdown: 0, ffmpegAll: 0, mixdownAll: 0 };
  for (const name of PROGRAMME_NAMES) {
    const audio = programme(name);
    const slug = name.replace(/\s+/g, '-');
    const input = join(folder, `${slug}.wav`);
    const output = join(folder, `${slug}.loudnorm.wav`);
    await writeFloat(input, audio);
    const filter = `loudnorm=I=${TARGET_LUFS}:TP=${CEILING_DBTP}:LRA=${LOUDNORM_LRA}`;
    const first = loudnormJson(
      ffmpeg(['-i', input, '-af', `${filter}:print_format=json`, '-f', 'null', '-']),
    );
    const second = loudnormJson(
      ffmpeg([
        '-i',
        input,
        '-af',
        `${filter}:measured_I=${first.input_i}:measured_TP=${first.input_tp}:measured_LRA=${first.input_lra}:measured_thresh=${first.input_thresh}:offset=${first.target_offset}:linear=true:print_format=json`,
        '-ar',
        '48000',
        '-c:a',
        'pcm_f32le',
        output,
      ]),
    );
    const theirs = analyzeAudio(await readAudio(output), { truePeakOversampling: 8 });

    const mastered = await masterProgramme(memoryProgramme(audio), {
      target: resolveTarget({ lufs: TARGET_LUFS, ceilingDbtp: CEILING_DBTP }),
    });
    const ours = analyzeAudio(await readProgramme(mastered.targeting.output!), {
      truePeakOversampling: 8,
    });
    const theirError = theirs.integratedLufs - TARGET_LUFS;
    const ourError = ours.integratedLufs - TARGET_LUFS;
    worst.ffmpegAll = Math.max(worst.ffmpegAll, Math.abs(theirError));
    worst.mixdownAll = Math.max(worst.mixdownAll, Math.abs(ourError));
    if (audio.channels[0].length / audio.sampleRate >= 3) {
      worst.ffmpeg = Math.max(worst.ffmpeg, Math.abs(theirError));
      worst.mixdown = Math.max(worst.mixdown, Math.abs(ourError));
    }
    lines.push(
      `| ${name} | ${f(theirs.integratedLufs)} | ${f(theirError, 2)} | ${f(theirs.truePeakDbtp)} | ${f(theirs.truePeakDbtp - CEILING_DBTP)} | ${second.normalization_type ?? '?'} | ${f(ours.integratedLufs)} | ${f(ourError, 2)} | ${f(ours.truePeakDbtp)} | ${f(ours.truePeakDbtp - CEILING_DBTP)} | ${mastered.targeting.passes.length} |`,
    );
  }
  lines.push(
    '',
    `Worst target error over the five 20 s programmes: ffmpeg loudnorm ${f(worst.ffmpeg)} LU, mixdown ${f(worst.mixdown)} LU; over all six: ${f(worst.ffmpegAll)} LU and ${f(worst.mixdownAll)} LU (loudnorm gives inputs shorter than 3 s a single gain: see the 1.5 s row).`,
    '',
  );
  return lines;
}

async function limiterThdN(dir: string): Promise<string[]> {
  const sampleRate = 48000;
  const reductionDb = 6;
  const ours = measureLimiterThdN({ sampleRate, gainReductionDb: reductionDb });
  const lines = [
    '### Limiter THD+N at 6 dB of gain reduction',
    '',
    `60 Hz + 1 kHz (4:1), peak ${reductionDb} dB over a ${CEILING_DBTP} dBTP ceiling, 48 kHz; THD+N over 2^16 samples after 1 s (Blackman–Harris, tones notched; src/dsp/nonlinear/measure-thdn.ts). ffmpeg \`alimiter\` at the same ceiling (limit=${f(dbToGain(CEILING_DBTP), 4)}), attack 2 ms, release 100 ms, auto level off.`,
    '',
    '| limiter | THD+N dB | THD+N % | output true peak (8×) |',
    '| --- | ---: | ---: | ---: |',
    `| mixdown limiter (2 ms look-ahead, 100 ms adaptive release) | ${f(ours.thdnDb, 1)} | ${f(100 * ours.thdn, 3)} | ≤ ${CEILING_DBTP} (guaranteed) |`,
  ];
  if (!toolVersion('ffmpeg'))
    return [...lines, '', 'ffmpeg is not installed: no alimiter baseline.', ''];
  const settle = sampleRate;
  const analysis = 1 << 16;
  const frames = settle + analysis + sampleRate / 10;
  const peak = dbToGain(CEILING_DBTP + reductionDb);
  const [low, high] = THDN_TONES_HZ;
  const signal = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    signal[i] =
      peak * (0.8 * Math.sin(2 * Math.PI * low * t) + 0.2 * Math.sin(2 * Math.PI * high * t));
  }
  const input = join(dir, 'thdn-input.wav');
  const output = join(dir, 'thdn-alimiter.wav');
  await writeFloat(input, { sampleRate, channels: [signal] });
  ffmpeg([
    '-i',
    input,
    '-af',
    `alimiter=limit=${dbToGain(CEILING_DBTP)}:attack=2:release=100:level=false:latency=true`,
    '-c:a',
    'pcm_f32le',
    output,
  ]);
  const limited = await readAudio(output);
  const theirs = thdPlusNoise(limited.channels[0], settle, sampleRate, THDN_TONES_HZ);
  const theirPeak = analyzeAudio(limited, { truePeakOversampling: 8 }).truePeakDbtp;
  lines.push(
    `| ffmpeg alimiter | ${f(20 * Math.log10(theirs), 1)} | ${f(100 * theirs, 3)} | ${f(theirPeak)} dBTP |`,
    '',
  );
  return lines;
}

export async function benchMastering(dir: string): Promise<string> {
  const lines = ['## Mastering', ''];
  lines.push(...(await speed(dir)));
  if (toolVersion('ffmpeg')) {
    lines.push(...(await loudnormComparison(dir)));
  } else {
    lines.push('ffmpeg is not installed: no loudnorm comparison this run.', '');
  }
  lines.push(...(await limiterThdN(dir)));
  return lines.join('\n').trimEnd();
}
