import { analyzeAudio } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { type LongTermSpectrum, longTermSpectrum } from '../../report/index.js';
import { midSide, sideToMidDb } from '../reference/index.js';
import { DEFAULT_MAX_OFFSET_SECONDS, type NullTest, nullTest } from './null-test.js';

/**
 * "Why does the same song sound so different in two versions?" Two versions (mixes,
 * masters, encodes) side by side:
 *
 * - the analyser's figures for each (loudness, true peak, LRA, PLR, crest, correlation) and
 *   the width (side/mid energy ratio);
 * - the spectrum difference by band AFTER LOUDNESS MATCHING: b's long-term spectrum raised
 *   or lowered by the loudness difference, minus a's, in base-2 third-octave bands (1000 Hz ·
 *   2^(k/3), 20 Hz–20 kHz) and octave bands (31.25 Hz–16 kHz). Louder sounds better: only at
 *   matched loudness does a difference in balance show as what it is. Bands centred above
 *   0.45·fs of either file are left out (null);
 * - a null test after alignment (null-test.ts).
 *
 * Each file is analysed at its own sample rate (spectra are in Hz); only the null test needs
 * a common rate.
 */

export interface VersionFigures {
  readonly sampleRate: number;
  readonly channels: number;
  readonly durationSeconds: number;
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
  readonly loudnessRangeLu: number;
  readonly plrDb: number;
  readonly crestFactorDb: number;
  readonly correlation: number | null;
  /** Side/mid energy ratio (dB); −Infinity for mono. */
  readonly sideToMidDb: number;
}

export interface BandDifference {
  readonly centreHz: number;
  /** (b + loudness-matching gain) − a in this band (dB); null where either cannot speak. */
  readonly differenceDb: number | null;
}

export interface Comparison {
  readonly a: VersionFigures;
  readonly b: VersionFigures;
  /** Gain that brings b to a's integrated loudness (dB); applied before the spectra differ. */
  readonly loudnessMatchGainDb: number;
  readonly thirdOctaveBands: readonly BandDifference[];
  readonly octaveBands: readonly BandDifference[];
  readonly nullTest: NullTest;
  /** Plain sentences: the differences that matter most, largest first. */
  readonly findings: readonly string[];
}

export interface CompareOptions {
  /** Largest offset the null test searches, either way (seconds; default 1). */
  readonly maxOffsetSeconds?: number;
}

/** Differences below this are not findings (dB / LU). */
export const NOTABLE_BAND_DB = 1;
export const NOTABLE_LOUDNESS_LU = 0.5;

export function compareAudio(a: AudioData, b: AudioData, options: CompareOptions = {}): Comparison {
  for (const [name, x] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (x.channels.length < 1 || x.channels.length > 2) {
      throw new MixdownError(
        'unsupported-format',
        `Version ${name} has ${x.channels.length} channels; compare works on mono or stereo files.`,
      );
    }
  }
  const fa = figures(a);
  const fb = figures(b);
  const loudnessMatchGainDb =
    Number.isFinite(fa.integratedLufs) && Number.isFinite(fb.integratedLufs)
      ? fa.integratedLufs - fb.integratedLufs
      : 0;
  const third = bandDifferences(a, b, loudnessMatchGainDb, 3);
  const octave = bandDifferences(a, b, loudnessMatchGainDb, 1);
  const nulled = nullTest(a, b, options.maxOffsetSeconds ?? DEFAULT_MAX_OFFSET_SECONDS);
  return {
    a: fa,
    b: fb,
    loudnessMatchGainDb,
    thirdOctaveBands: third,
    octaveBands: octave,
    nullTest: nulled,
    findings: findings(fa, fb, loudnessMatchGainDb, octave, nulled),
  };
}

function figures(audio: AudioData): VersionFigures {
  const r = analyzeAudio(audio);
  return {
    sampleRate: r.sampleRate,
    channels: r.channels,
    durationSeconds: r.durationSeconds,
    integratedLufs: r.integratedLufs,
    truePeakDbtp: r.truePeakDbtp,
    loudnessRangeLu: r.loudnessRangeLu,
    plrDb: r.plrDb,
    crestFactorDb: r.crestFactorDb,
    correlation: r.stereoCorrelation,
    sideToMidDb: sideToMidDb(midSide(audio)),
  };
}

/** Base-2 band centres 1000·2^(k/perOctave) from ≈20 Hz (31.25 Hz for octaves) to ≤20 kHz. */
function bandGrid(perOctave: number): { minHz: number; maxHz: number } {
  return perOctave === 1
    ? { minHz: 1000 * 2 ** -5, maxHz: 1000 * 2 ** 4 }
    : { minHz: 1000 * 2 ** (-17 / 3), maxHz: 1000 * 2 ** (13 / 3) };
}

function bandDifferences(
  a: AudioData,
  b: AudioData,
  gainDb: number,
  perOctave: number,
): BandDifference[] {
  const grid = {
    ...bandGrid(perOctave),
    pointsPerOctave: perOctave,
    smoothingOctaves: 1 / perOctave,
  };
  const sa = longTermSpectrum(a, grid);
  const sb = longTermSpectrum(b, grid);
  const trusted = (s: LongTermSpectrum, k: number) =>
    // Centre below 0.45·fs (the top octave band may reach past Nyquist: it is measured up
    // to Nyquist), and not silent.
    s.frequenciesHz[k] <= 0.45 * s.sampleRate && Number.isFinite(s.levelsDb[k]);
  return Array.from(sa.frequenciesHz, (centreHz, k) => ({
    centreHz,
    differenceDb:
      trusted(sa, k) && trusted(sb, k) ? sb.levelsDb[k] + gainDb - sa.levelsDb[k] : null,
  }));
}

function findings(
  a: VersionFigures,
  b: VersionFigures,
  matchDb: number,
  octaves: readonly BandDifference[],
  nulled: NullTest,
): string[] {
  const out: string[] = [];
  const loudness = b.integratedLufs - a.integratedLufs;
  if (Math.abs(loudness) >= NOTABLE_LOUDNESS_LU) {
    out.push(
      `b is ${Math.abs(loudness).toFixed(1)} LU ${loudness > 0 ? 'louder' : 'quieter'} (${fmt(b.integratedLufs)} against ${fmt(a.integratedLufs)} LUFS): the louder one will seem better until they are matched, which every figure below is.`,
    );
  }
  const plr = b.plrDb - a.plrDb;
  if (Math.abs(plr) >= 1) {
    out.push(
      `b is ${plr < 0 ? 'more' : 'less'} compressed: peak-to-loudness ${fmt(b.plrDb)} against ${fmt(a.plrDb)} dB, loudness range ${fmt(b.loudnessRangeLu)} against ${fmt(a.loudnessRangeLu)} LU.`,
    );
  }
  const notable = octaves
    .filter((o) => o.differenceDb !== null && Math.abs(o.differenceDb) >= NOTABLE_BAND_DB)
    .sort((x, y) => Math.abs(y.differenceDb!) - Math.abs(x.differenceDb!))
    .slice(0, 4);
  if (notable.length > 0) {
    out.push(
      `At matched loudness (b ${signed(matchDb)} dB), b has ${notable
        .map((o) => `${signed(o.differenceDb!)} dB at ${hz(o.centreHz)}`)
        .join(', ')} (octave bands).`,
    );
  }
  const width = b.sideToMidDb - a.sideToMidDb;
  if (Number.isFinite(width) && Math.abs(width) >= 1) {
    out.push(
      `b is ${width > 0 ? 'wider' : 'narrower'}: side/mid ${fmt(b.sideToMidDb)} against ${fmt(a.sideToMidDb)} dB.`,
    );
  }
  out.push(nullFinding(nulled));
  return out;
}

function nullFinding(n: NullTest): string {
  if (!n.done) return `Null test not done: ${n.reason}.`;
  const when = `b is ${Math.abs(n.offsetSamples).toFixed(2)} samples (${Math.abs(n.offsetMs).toFixed(3)} ms) ${n.offsetSamples >= 0 ? 'later' : 'earlier'}${n.polarityInverted ? ', polarity inverted' : ''}, ${signed(-n.gainDb)} dB in level`;
  const r = n.residualDb;
  const verdict =
    r <= -90
      ? 'the same audio apart from level and timing'
      : r <= -60
        ? 'practically the same audio (differences far below hearing)'
        : r <= -30
          ? 'the same mix with light processing between them'
          : 'the same material, processed differently enough to hear';
  return `Null test: ${when}; after aligning and matching, the residual is ${Number.isFinite(r) ? `${r.toFixed(1)} dB` : '-inf dB (a perfect null)'}: ${verdict}.`;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : x > 0 ? '+inf' : '-inf';
}

/** ASCII signs, as in the command line's tables. */
function signed(x: number): string {
  return `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(1)}`;
}

function hz(frequencyHz: number): string {
  return frequencyHz >= 1000
    ? `${Number((frequencyHz / 1000).toFixed(1))} kHz`
    : `${Math.round(frequencyHz)} Hz`;
}
