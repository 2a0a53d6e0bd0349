/**
 * Quick speed and quality figures for the timing code, reported, never asserted (DESIGN.md,
 * "Speed is measured … tests never assert on time"). Run by hand:
 *
 *   npx tsx test/edit/timing/measure-speed.ts
 *
 * On 3 minutes of mono 48 kHz material (drums plus a sung line) it times onset detection,
 * estimateWarp and a 1.25× stretch as multiples of real time. When the `rubberband` tool is
 * installed it also times `rubberband -t 1.25` (R2 and R3 engines) on the same file and
 * measures the pitch error of both engines on a steady tone, against ours, with the same
 * independent estimator the tests use.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateWarp } from '../../../src/edit/timing/estimate-warp.js';
import { detectOnsets } from '../../../src/edit/timing/onsets.js';
import { renderTimeMap } from '../../../src/edit/timing/stretch-engine.js';
import { cents, toneFrequencyHz } from './measure.js';
import { melody, mono, renderHits, rockPattern, steadyTone, voiceLike } from './signals.js';

const FS = 48000;
const SECONDS = 180;

function writeFloatWav(path: string, x: Float32Array, sampleRate: number): void {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + x.length * 4, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(3, 20); // IEEE float
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(32, 34);
  header.write('data', 36);
  header.writeUInt32LE(x.length * 4, 40);
  writeFileSync(path, Buffer.concat([header, Buffer.from(x.buffer, x.byteOffset, x.byteLength)]));
}

/** Reads the first channel of a 16/24/32-bit PCM or 32-bit float WAV (enough for this). */
function readWav(path: string): Float32Array {
  const b = readFileSync(path);
  let at = 12;
  let format = 1;
  let channels = 1;
  let bits = 16;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      format = b.readUInt16LE(at + 8);
      channels = b.readUInt16LE(at + 10);
      bits = b.readUInt16LE(at + 22);
      if (format === 0xfffe) format = b.readUInt16LE(at + 32);
    } else if (id === 'data') {
      const step = (bits / 8) * channels;
      const frames = Math.floor(size / step);
      const out = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        const p = at + 8 + i * step;
        if (format === 3) out[i] = b.readFloatLE(p);
        else if (bits === 16) out[i] = b.readInt16LE(p) / 32768;
        else if (bits === 24) out[i] = b.readIntLE(p, 3) / 8388608;
        else out[i] = b.readInt32LE(p) / 2147483648;
      }
      return out;
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`no data chunk in ${path}`);
}

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

function realtime(seconds: number): string {
  return `${(SECONDS / seconds).toFixed(0)}× real time (${seconds.toFixed(2)} s)`;
}

const frames = SECONDS * FS;
const bars = Math.floor((SECONDS - 1) / 2);
const drums = renderHits(rockPattern(120, bars, FS, 0.5).hits, FS, frames);
const notes = melody(77, SECONDS);
const voice = voiceLike(FS, SECONDS, notes, 1);
const material = drums.map((d, n) => 0.5 * d + voice[n]);
const warp = (t: number) => t - 0.03 * Math.sin((2 * Math.PI * t) / 3.1);
const take = voiceLike(FS, SECONDS, notes, 2, warp).map((v, n) => v + 0.5 * drums[n]);

const onsets = timed(() => detectOnsets(mono(FS, material)));
console.log(`onset detection: ${realtime(onsets.seconds)}, ${onsets.value.length} onsets`);
const warpEstimate = timed(() => estimateWarp(mono(FS, material), mono(FS, take)));
console.log(`estimateWarp: ${realtime(warpEstimate.seconds)}, ${warpEstimate.value.length} points`);
const stretchPoints = [
  { sourceSeconds: 0, targetSeconds: 0 },
  { sourceSeconds: SECONDS, targetSeconds: 1.25 * SECONDS },
];
const ours = timed(() => renderTimeMap(mono(FS, material), stretchPoints));
console.log(`stretch ×1.25 (transients held): ${realtime(ours.seconds)}`);
const plain = timed(() =>
  renderTimeMap(mono(FS, material), stretchPoints, { preserveTransients: false }),
);
console.log(`stretch ×1.25 (no onset detection): ${realtime(plain.seconds)}`);

const tone = steadyTone(FS, 4, 440, [1, 0.5, 0.3]);
const toneError = (y: Float32Array) => {
  const from = Math.round(0.5 * FS);
  const to = from + Math.round(2 * FS);
  return cents(toneFrequencyHz(y, FS, from, to, 440), toneFrequencyHz(tone, FS, from, to, 440));
};
for (const ratio of [0.8, 1.25]) {
  const points = [
    { sourceSeconds: 0, targetSeconds: 0 },
    { sourceSeconds: 4, targetSeconds: 4 * ratio },
  ];
  const y = renderTimeMap(mono(FS, tone), points).audio.channels[0];
  console.log(`tone 440 Hz ×${ratio}, ours: ${toneError(y).toFixed(4)} cents`);
}

let haveRubberband = true;
try {
  execFileSync('rubberband', ['--version'], { stdio: 'ignore' });
} catch {
  haveRubberband = false;
  console.log('rubberband not installed: no comparison');
}
if (haveRubberband) {
  const dir = mkdtempSync(join(tmpdir(), 'mixdown-timing-'));
  try {
    writeFloatWav(join(dir, 'material.wav'), material, FS);
    writeFloatWav(join(dir, 'tone.wav'), tone, FS);
    for (const engine of ['--fast', '--fine']) {
      const run = timed(() =>
        execFileSync('rubberband', [engine, '-q', '-t', '1.25', 'material.wav', 'out.wav'], {
          cwd: dir,
          stdio: 'ignore',
        }),
      );
      console.log(
        `rubberband ${engine} -t 1.25: ${realtime(run.seconds)} (process, file I/O included)`,
      );
      for (const ratio of [0.8, 1.25]) {
        execFileSync(
          'rubberband',
          [engine, '-q', '-t', String(ratio), 'tone.wav', 'tone-out.wav'],
          {
            cwd: dir,
            stdio: 'ignore',
          },
        );
        const y = readWav(join(dir, 'tone-out.wav'));
        console.log(
          `tone 440 Hz ×${ratio}, rubberband ${engine}: ${toneError(y).toFixed(4)} cents`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
