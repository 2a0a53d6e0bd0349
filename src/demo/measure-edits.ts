import { monoMix } from '../edit/timing/mono.js';
import type { LoadedProject } from '../session/index.js';
import {
  beforeAfter,
  clickResidualDbfs,
  clippedSamples,
  gridDeviationMs,
  notesOffKey,
  tailLevelDbfs,
} from './edit-figures.js';
import { HALF_BAND_HZ, humErrorFigures } from './hum-figure.js';
import { measureLag } from './lag.js';
import { type DemoTakes, TAKE } from './synth/index.js';

/**
 * The demo's before/after figures: each flaw measured on the take before its edits and on
 * the edited audio the mix plays, with the analysis code and the synthesiser's ground truth
 * (never taken from the edits' own reports). For every figure lower is better.
 */
export interface EditFigure {
  readonly id: string;
  readonly label: string;
  readonly before: number;
  readonly after: number;
  readonly beforeText: string;
  readonly afterText: string;
}

export interface EditSettings {
  readonly key: string;
  /** Onset sensitivity the bass was quantized at (measured at the same). */
  readonly bassOnsets: number;
  /** Lead-vocal takes that were denoised. */
  readonly denoisedTakes: readonly string[];
}

/** Lags searched either way: further than any flaw the demo builds in. */
const MAX_LAG_SECONDS = 0.05;
/** Length of the room tone after the song, where noise is measured alone. */
const TAIL_SECONDS = 1.5;

export async function measureEdits(
  project: LoadedProject,
  demo: DemoTakes,
  settings: EditSettings,
): Promise<EditFigure[]> {
  const figures: EditFigure[] = [];
  const add = (
    id: string,
    label: string,
    before: number,
    after: number,
    show: (value: number) => string,
    magnitude: (value: number) => number = (v) => v,
  ) =>
    figures.push({
      id,
      label,
      before: magnitude(before),
      after: magnitude(after),
      beforeText: show(before),
      afterText: show(after),
    });
  // No sign on a figure that rounds to zero ("-0.00").
  const ms = (v: number) => {
    const text = Math.abs(v).toFixed(2);
    return `${Number(text) === 0 ? '' : v > 0 ? '+' : '-'}${text} ms`;
  };
  const dbfs = (v: number) => `${v.toFixed(1)} dBFS`;
  const fs = demo.sampleRate;

  // Drums: how much later the overheads hear each close mic's drum (plain cross-correlation).
  const overheads = monoMix((await beforeAfter(project, 'Overheads')).after);
  const drums = await Promise.all(['Kick', 'Snare', 'Hats'].map((t) => beforeAfter(project, t)));
  const lags = (side: 'before' | 'after') =>
    drums.map((d) => {
      const lag = measureLag(d[side].channels[0], overheads, fs, MAX_LAG_SECONDS);
      const inverted = lag.inverted !== (side === 'after' && d.polarityInverted);
      return { ms: lag.ms, inverted };
    });
  const drumText = (l: ReturnType<typeof lags>) =>
    `${l.map((x) => ms(x.ms).replace(' ms', '')).join('/')} ms${l.some((x) => x.inverted) ? ', polarity inverted' : ''}`;
  const [drumsBefore, drumsAfter] = [lags('before'), lags('after')];
  figures.push({
    id: 'drum-alignment',
    label: 'drums: overheads behind kick/snare/hats',
    // The largest offset; the text names any inverted polarity.
    before: Math.max(...drumsBefore.map((l) => Math.abs(l.ms))),
    after: Math.max(...drumsAfter.map((l) => Math.abs(l.ms))),
    beforeText: drumText(drumsBefore),
    afterText: drumText(drumsAfter),
  });

  // Bass: the late overdub against the same line played on time (the synthesiser's truth).
  const bass = await beforeAfter(project, 'Bass');
  const onTime = demo.cleanReferences[TAKE.bass].channels[0];
  const lateBy = (x: Float32Array) => measureLag(onTime, x, fs, MAX_LAG_SECONDS).ms;
  add(
    'bass-late',
    'bass: lag behind the on-time line (correlation)',
    lateBy(bass.before.channels[0]),
    lateBy(bass.after.channels[0]),
    ms,
    Math.abs,
  );
  const hum = demo.truth.flaws!.hum;
  const humError = await humErrorFigures(project, 'Bass', hum);
  add(
    'bass-hum',
    `bass: error ±${HALF_BAND_HZ} Hz of ${hum.mainsHz} Hz vs the take without hum`,
    humError.before,
    humError.after,
    dbfs,
  );
  const deviation = (audio: typeof bass.before) =>
    gridDeviationMs(audio, demo.tempoBpm, 2, settings.bassOnsets);
  add(
    'bass-grid',
    'bass: note onsets, mean distance from the 1/8 grid',
    deviation(bass.before),
    deviation(bass.after),
    (v) => `${v.toFixed(1)} ms`,
  );

  // Lead vocal take 1: the clicks against the take as sung, then the clipped burst.
  const take1 = await beforeAfter(project, 'Lead vocal', { take: 'take1' });
  const clicks = demo.truth.flaws!.clicks.clicks.map((c) => c.sample);
  const sung = demo.cleanReferences[TAKE.vocal1];
  add(
    'clicks',
    `lead vocal take 1: ${clicks.length} clicks, peak of take − as sung`,
    clickResidualDbfs(take1.before, sung, clicks),
    clickResidualDbfs(take1.after, sung, clicks),
    dbfs,
  );
  add(
    'clipped',
    'lead vocal take 1: clipped samples',
    clippedSamples(take1.before),
    clippedSamples(take1.after),
    String,
  );

  // Room noise after the last phrase, on each take the comp plays.
  for (const take of settings.denoisedTakes) {
    const audio = take === 'take1' ? take1 : await beforeAfter(project, 'Lead vocal', { take });
    add(
      `noise-${take}`,
      `lead vocal ${take.replace('take', 'take ')}: room noise, last ${TAIL_SECONDS} s (RMS)`,
      tailLevelDbfs(audio.before, TAIL_SECONDS),
      tailLevelDbfs(audio.after, TAIL_SECONDS),
      dbfs,
    );
  }

  const double = await beforeAfter(project, 'Vocal double');
  const offBefore = notesOffKey(double.before, settings.key);
  const offAfter = notesOffKey(double.after, settings.key);
  figures.push({
    id: 'off-key',
    label: `vocal double: notes > 15 cents off ${settings.key}`,
    before: offBefore.off,
    after: offAfter.off,
    beforeText: `${offBefore.off} of ${offBefore.total}`,
    afterText: `${offAfter.off} of ${offAfter.total}`,
  });
  return figures;
}
