import type { PitchTrack } from './track.js';

/**
 * Analysis pitch marks for PSOLA: one mark per glottal cycle through each voiced run,
 * spaced by the tracked period. The first mark sits on the run's largest peak within its
 * first period (in a voice, the excitation at glottal closure, Moulines & Charpentier 1990
 * §3); the rest follow by integrating the pitch — the next mark is one local period on,
 * with the period read half-way there (a midpoint rule, so a gliding pitch does not drift).
 * Marks are fractional sample positions: spacing them to the exact period keeps the
 * shifted pitch exact (see psola.ts).
 */
export interface VoicedRegion {
  /** First and one-past-last sample of the region. */
  readonly startSample: number;
  readonly endSample: number;
  /** Mark positions (samples, fractional), ascending; at least 3. */
  readonly marks: Float64Array;
  /** First and one-past-last frame of the track's voiced run. */
  readonly startFrame: number;
  readonly endFrame: number;
}

export function voicedRegions(signal: Float32Array, track: PitchTrack): VoicedRegion[] {
  const fs = track.sampleRate;
  const hop = track.hopSeconds * fs;
  const regions: VoicedRegion[] = [];
  const f0At = (sample: number): number => {
    const x = Math.max(0, Math.min(track.frameCount - 1, sample / hop));
    const f = Math.floor(x);
    const g = Math.min(track.frameCount - 1, f + 1);
    const a = track.f0Hz[f] > 0 ? track.f0Hz[f] : track.f0Hz[g];
    const b = track.f0Hz[g] > 0 ? track.f0Hz[g] : a;
    return a + (b - a) * (x - f);
  };
  let f = 0;
  while (f < track.frameCount) {
    if (!track.voiced[f]) {
      f++;
      continue;
    }
    let end = f;
    while (end < track.frameCount && track.voiced[end]) end++;
    const startSample = Math.max(0, Math.round((f - 0.5) * hop));
    const endSample = Math.min(signal.length, Math.round((end - 0.5) * hop));
    const marks = marksFor(signal, startSample, endSample, f0At, fs);
    if (marks.length >= 3) {
      regions.push({ startSample, endSample, marks, startFrame: f, endFrame: end });
    }
    f = end;
  }
  return regions;
}

function marksFor(
  signal: Float32Array,
  start: number,
  end: number,
  f0At: (sample: number) => number,
  fs: number,
): Float64Array {
  const firstPeriod = fs / f0At(start);
  let first = start;
  for (let i = start; i < Math.min(end, start + firstPeriod); i++) {
    if (Math.abs(signal[i]) > Math.abs(signal[first])) first = i;
  }
  const marks: number[] = [];
  for (let m = first; m < end; ) {
    marks.push(m);
    const half = fs / f0At(m) / 2;
    m += fs / f0At(m + half);
  }
  return Float64Array.from(marks);
}
