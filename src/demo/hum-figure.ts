import { type AudioData, createAudio } from '../core/audio.js';
import { nextPowerOfTwo, RealFft } from '../core/fft.js';
import { readAudio } from '../io/index.js';
import { FileSourceProvider, renderCacheDir } from '../mix/file-sources.js';
import type { LoadedProject } from '../session/index.js';
import { addHum } from './synth/flaws.js';
import type { HumTruth } from './synth/index.js';

/**
 * The bass's hum figure, against the synthesiser's truth: the take without its hum is the
 * take minus the known hum (each line added back in opposite phase), and the figure is the
 * level of (audio − that) within ±HALF_BAND_HZ of the mains frequency over the whole take.
 * Before de-hum that is the hum itself; after, it is what de-hum left of the hum plus any
 * bass it took away with it (a G1 at 49 Hz removed as hum counts), so the figure cannot
 * improve by removing music. Notes play over almost all of the take, so it is not measured
 * in the note-free tail only, which would hide that damage.
 */
export const HALF_BAND_HZ = 5;

export async function humErrorFigures(
  project: LoadedProject,
  track: string,
  hum: HumTruth,
): Promise<{ before: number; after: number }> {
  const { resolved } = project;
  const clip = resolved.tracks.find((t) => t.name === track)?.clips[0];
  if (!clip) throw new Error(`The demo's session has no clip on track "${track}".`);
  const source = resolved.sources.find((s) => s.id === clip.sourceId)!;
  const before = await readAudio(source.absolutePath);
  // The de-hum alone: the timing edits after it move the notes, and the truth is on the
  // take's own timeline. The render's cache holds this step already.
  const upTo = clip.edits.findIndex((e) => e.op === 'dehum');
  if (upTo < 0) throw new Error(`Track "${track}" has no de-hum edit.`);
  const cache = new FileSourceProvider(renderCacheDir(resolved.projectDir));
  const edited = await cache.open(source, resolved.sampleRate, clip.edits.slice(0, upTo + 1));
  const after = createAudio(resolved.sampleRate, edited.channels, edited.frames);
  await edited.read(0, edited.frames, after.channels, 0);
  await edited.close();
  const clean = before.channels[0].slice();
  addHum(
    clean,
    hum.harmonics.map((h) => ({ ...h, phaseRadians: h.phaseRadians + Math.PI })),
    before.sampleRate,
  );
  return {
    before: errorNearDbfs(before, clean, hum.mainsHz),
    after: errorNearDbfs(after, clean, hum.mainsHz),
  };
}

/** RMS level (dBFS) of channel 0 of `audio` − `clean` within ±HALF_BAND_HZ of `hz`. */
function errorNearDbfs(audio: AudioData, clean: Float32Array, hz: number): number {
  const x = audio.channels[0];
  const size = nextPowerOfTwo(x.length);
  const frame = new Float64Array(size);
  for (let i = 0; i < x.length; i++) frame[i] = x[i] - clean[i];
  const fft = new RealFft(size);
  const spectrum = fft.createSpectrum();
  fft.forward(frame, spectrum);
  const binHz = audio.sampleRate / size;
  let band = 0;
  for (let k = Math.ceil((hz - HALF_BAND_HZ) / binHz); k <= (hz + HALF_BAND_HZ) / binHz; k++)
    band += spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
  // Parseval: one side of the spectrum carries half the power; mean over the take's samples.
  const power = (2 * band) / (size * x.length);
  return 10 * Math.log10(Math.max(power, 1e-30));
}
