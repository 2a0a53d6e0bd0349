import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeReader } from '../src/analysis/index.js';
import { openAudio } from '../src/io/index.js';
import { toolVersion } from './machine.js';
import { writeProgramme } from './signals.js';
import { medianSeconds, ratio, timeCommand } from './timing.js';

/**
 * Issue 2's benchmark: analysis (integrated loudness + LRA + true peak, in one pass) in ×
 * realtime on a 4-minute stereo 48 kHz file, against ffmpeg's ebur128=peak=true on the
 * same file in the same run; and peak memory analysing a 60-minute file.
 */
export async function benchAnalysis(dir: string): Promise<string> {
  const fourMinutes = join(dir, 'programme-4min.wav');
  const hour = join(dir, 'programme-60min.wav');
  if (!existsSync(fourMinutes)) await writeProgramme(fourMinutes, 240);
  if (!existsSync(hour)) await writeProgramme(hour, 3600, 48000, 2);

  let mixdownLufs = 0;
  const mixdownSeconds = await medianSeconds(5, async () => {
    const reader = await openAudio(fourMinutes);
    mixdownLufs = (await analyzeReader(reader)).integratedLufs;
    await reader.close();
  });
  const lines = [
    '## Analysis (issue 2)',
    '',
    'Integrated loudness + loudness range + true peak in one pass over a generated 4-minute stereo 48 kHz 24-bit WAV (median of 5 runs).',
    '',
    '| tool | seconds | × realtime | integrated LUFS |',
    '| --- | ---: | ---: | ---: |',
    `| mixdown analyze | ${mixdownSeconds.toFixed(3)} | ${(240 / mixdownSeconds).toFixed(0)}× | ${mixdownLufs.toFixed(2)} |`,
  ];

  const ffmpeg = toolVersion('ffmpeg');
  if (ffmpeg) {
    const run = await timeCommand(5, 'ffmpeg', [
      '-hide_banner',
      '-nostats',
      '-i',
      fourMinutes,
      '-af',
      'ebur128=peak=true',
      '-f',
      'null',
      '-',
    ]);
    const lufs =
      /I:\s+(-?[\d.]+) LUFS/.exec(run.stderr.slice(run.stderr.lastIndexOf('Summary')))?.[1] ?? '?';
    lines.push(
      `| ffmpeg ebur128=peak=true | ${run.seconds.toFixed(3)} | ${(240 / run.seconds).toFixed(0)}× | ${lufs} |`,
    );
    lines.push(
      '',
      `mixdown is ${ratio(run.seconds, mixdownSeconds)} the speed of ffmpeg (${ffmpeg}).`,
    );
  } else {
    lines.push('', 'ffmpeg is not installed: no baseline this run.');
  }

  const child = spawnSync(
    process.execPath,
    [...process.execArgv, join(import.meta.dirname, 'analysis-child.ts'), hour],
    {
      encoding: 'utf8',
    },
  );
  if (child.status !== 0) throw new Error(`analysis child failed: ${child.stderr}`);
  const hourResult = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    maxRssMb: number;
  };
  lines.push(
    '',
    `60-minute stereo 48 kHz file (streamed): peak memory (max RSS of the whole process) **${hourResult.maxRssMb.toFixed(0)} MB** (target: under 200 MB), ${hourResult.seconds.toFixed(1)} s, ${(3600 / hourResult.seconds).toFixed(0)}× realtime.`,
  );
  return lines.join('\n');
}
