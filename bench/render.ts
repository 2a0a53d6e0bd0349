import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createProject, SESSION_FILE } from '../src/session/index.js';
import { toolVersion } from './machine.js';
import { writeProgramme } from './signals.js';
import { medianSeconds, ratio, timeCommand } from './timing.js';

const TRACKS = 16;
const MINUTES = 4;

/** The per-track chain of the reference session: a 4-band EQ and a compressor. */
export const TRACK_CHAIN = [
  {
    type: 'eq',
    bands: [
      { type: 'highpass', freqHz: 80, slopeDbPerOct: '24' },
      { type: 'bell', freqHz: 300, gainDb: -3, q: 1 },
      { type: 'bell', freqHz: 3000, gainDb: 2, q: 0.7 },
      { type: 'highshelf', freqHz: 10000, gainDb: 2 },
    ],
  },
  { type: 'compressor', thresholdDb: -24, ratio: 4, attackMs: 5, releaseMs: 100 },
];

/** The master's EQ in the reference session. */
export const MASTER_EQ = {
  type: 'eq',
  bands: [
    { type: 'lowshelf', freqHz: 100, gainDb: 1 },
    { type: 'highshelf', freqHz: 12000, gainDb: 1 },
  ],
};

interface ChildResult {
  seconds: number;
  audioSeconds: number;
  maxRssMb: number;
}

/** Compiles the package (dist/), which the render child runs as the `mixdown` command would. */
function buildPackage(): void {
  const root = join(import.meta.dirname, '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
}

function runChild(project: string, output: string, threads: number): ChildResult {
  const child = spawnSync(
    process.execPath,
    [join(import.meta.dirname, 'render-child.mjs'), project, output, String(threads)],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  if (child.status !== 0) throw new Error(`render child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** Sources for the reference session (each a different seed), generated once and kept. */
async function sources(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < TRACKS; i++) {
    const path = join(dir, `source-${String(i + 1).padStart(2, '0')}.wav`);
    if (!existsSync(path)) await writeProgramme(path, MINUTES * 60, 48000, 100 + i);
    paths.push(path);
  }
  return paths;
}

/**
 * The reference session: 16 stereo tracks with EQ + compressor, four of them through a
 * drum bus with its own compressor, every track sending to a reverb and some to a delay,
 * EQ and compressor on the master. `repeat` places each source that many times end to end
 * (a 60-minute session from the same 4-minute files, to show memory does not grow).
 */
async function referenceProject(
  dir: string,
  files: string[],
  name: string,
  repeat: number,
): Promise<string> {
  const project = join(dir, name);
  await rm(project, { recursive: true, force: true });
  const created = await createProject(project, files);
  void created;
  const doc = JSON.parse(
    await (await import('node:fs/promises')).readFile(join(project, SESSION_FILE), 'utf8'),
  );
  doc.tracks = doc.tracks.map((track: Record<string, unknown>, i: number) => {
    const source = (track.clips as { source: string }[])[0].source;
    return {
      ...track,
      clips: Array.from({ length: repeat }, (_, k) => ({ source, start: k * MINUTES * 60 })),
      inserts: TRACK_CHAIN,
      output: i < 4 ? 'Drums' : 'master',
      gainDb: -8,
      sends: [
        { to: 'Reverb', levelDb: -18 },
        ...(i % 3 === 0 ? [{ to: 'Delay', levelDb: -20 }] : []),
      ],
    };
  });
  doc.buses = [
    {
      name: 'Drums',
      inserts: [{ type: 'compressor', thresholdDb: -18, ratio: 3, attackMs: 10, releaseMs: 120 }],
    },
    { name: 'Reverb', inserts: [{ type: 'reverb', preset: 'hall', mix: 100 }] },
    { name: 'Delay', inserts: [{ type: 'delay', note: '1/8.', feedbackPercent: 35, mix: 100 }] },
  ];
  doc.master = {
    gainDb: -6,
    inserts: [
      MASTER_EQ,
      { type: 'glue', thresholdDb: -12, ratio: '2', attackMs: 10, releaseMs: 'auto' },
    ],
  };
  await writeFile(join(project, SESSION_FILE), JSON.stringify(doc, null, 2));
  return project;
}

/** A one-track project with only the track chain, for the sox/ffmpeg comparison. */
async function oneTrackProject(dir: string, file: string): Promise<string> {
  const project = join(dir, 'one-track');
  await rm(project, { recursive: true, force: true });
  await createProject(project, [file]);
  const doc = JSON.parse(await readFile(join(project, SESSION_FILE), 'utf8'));
  doc.tracks[0].inserts = TRACK_CHAIN;
  doc.tracks[0].pan = 0;
  await writeFile(join(project, SESSION_FILE), JSON.stringify(doc, null, 2));
  return project;
}

export async function benchRender(dir: string): Promise<string> {
  const work = join(dir, 'render');
  await mkdir(work, { recursive: true });
  const files = await sources(work);
  const reference = await referenceProject(work, files, 'reference', 1);
  const hour = await referenceProject(work, files.slice(0, 4), 'hour', 15);
  const cores = availableParallelism();
  buildPackage();

  const one = runChild(reference, join(work, 'mix-1.wav'), 1);
  const all = runChild(reference, join(work, `mix-${cores}.wav`), cores);
  const long = runChild(hour, join(work, 'mix-hour.wav'), cores);
  const short = runChild(
    await referenceProject(work, files.slice(0, 4), 'four-min', 1),
    join(work, 'mix-4min.wav'),
    cores,
  );

  const lines = [
    '## Mix engine (issue 3)',
    '',
    `Reference session: ${TRACKS} stereo tracks × ${MINUTES} minutes at 48 kHz; each track a 4-band EQ (HP 80 Hz 24 dB/oct, bell 300 Hz, bell 3 kHz, high shelf 10 kHz) and a compressor; 4 tracks through a drum bus with a compressor; every track sends to a hall reverb, every third to a tempo-synced delay; EQ and glue compressor on the master. Rendered to 24-bit WAV, in a fresh process each running the compiled package as the mixdown command does (time includes reading 16 sources and writing the mix).`,
    '',
    '| render | wall seconds | × realtime | peak memory (max RSS) |',
    '| --- | ---: | ---: | ---: |',
    `| 1 thread | ${one.seconds.toFixed(1)} | ${(one.audioSeconds / one.seconds).toFixed(1)}× | ${one.maxRssMb.toFixed(0)} MB |`,
    `| ${cores} threads | ${all.seconds.toFixed(1)} | ${(all.audioSeconds / all.seconds).toFixed(1)}× | ${all.maxRssMb.toFixed(0)} MB |`,
    '',
    `Goal: ≥ 40× realtime on one core. Speed-up from ${cores} threads: ${ratio(one.seconds, all.seconds)}.`,
    '',
    `Memory with song length (4 tracks, same chains): 4 minutes ${short.maxRssMb.toFixed(0)} MB, 60 minutes ${long.maxRssMb.toFixed(0)} MB (${(long.audioSeconds / long.seconds).toFixed(1)}× realtime).`,
  ];

  // The same chain on one track through sox and ffmpeg, in this run.
  const single = await oneTrackProject(work, files[0]);
  const mixdownOne = await medianSeconds(3, () => runChild(single, join(work, 'one-track.wav'), 1));
  lines.push(
    '',
    'One track through the track chain (HP 80 Hz, 3 EQ bands, compressor), 4 minutes stereo, median of 3:',
    '',
    '| tool | seconds | × realtime |',
    '| --- | ---: | ---: |',
  );
  lines.push(
    `| mixdown render (whole process) | ${mixdownOne.toFixed(2)} | ${(240 / mixdownOne).toFixed(0)}× |`,
  );
  const ratios: string[] = [];
  if (toolVersion('sox', ['--version'])) {
    const sox = await timeCommand(3, 'sox', [
      files[0],
      join(work, 'sox.wav'),
      'highpass',
      '80',
      'highpass',
      '80',
      'equalizer',
      '300',
      '1q',
      '-3',
      'equalizer',
      '3000',
      '0.7q',
      '2',
      'treble',
      '2',
      '10000',
      'compand',
      '0.005,0.1',
      '6:-70,-70,-24,-24,0,-18',
      '0',
      '-90',
      '0.005',
    ]);
    lines.push(
      `| sox (highpass ×2, equalizer ×2, treble, compand) | ${sox.seconds.toFixed(2)} | ${(240 / sox.seconds).toFixed(0)}× |`,
    );
    ratios.push(`mixdown / sox time: ${ratio(mixdownOne, sox.seconds)}.`);
  }
  if (toolVersion('ffmpeg')) {
    const ff = await timeCommand(3, 'ffmpeg', [
      '-hide_banner',
      '-nostats',
      '-y',
      '-i',
      files[0],
      '-af',
      'highpass=f=80,highpass=f=80,equalizer=f=300:t=q:w=1:g=-3,equalizer=f=3000:t=q:w=0.7:g=2,highshelf=f=10000:g=2,acompressor=threshold=-24dB:ratio=4:attack=5:release=100',
      '-c:a',
      'pcm_s24le',
      join(work, 'ffmpeg.wav'),
    ]);
    lines.push(
      `| ffmpeg (highpass ×2, equalizer ×2, highshelf, acompressor) | ${ff.seconds.toFixed(2)} | ${(240 / ff.seconds).toFixed(0)}× |`,
    );
    ratios.push(`mixdown / ffmpeg time: ${ratio(mixdownOne, ff.seconds)}.`);
  }
  // The ratios follow the table: a paragraph between rows would end the Markdown table.
  if (ratios.length > 0) lines.push('', `${ratios.join(' ')} (Below 1 means mixdown is faster.)`);
  return lines.join('\n');
}
