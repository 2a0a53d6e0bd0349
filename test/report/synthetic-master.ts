/**
 * A synthetic song and its "master", for report tests and for looking at a realistic report:
 * a quiet intro, a verse, a louder chorus, a fade and a second of digital silence (kick,
 * snare, hats, bass, pad, lead; stereo), then the master: a gentle tilt EQ, a slow glue
 * compressor and a look-ahead peak limiter, each reporting its gain. Simple DSP written for
 * the test, not the product's processors: what matters here is plausible material.
 */
import { analyzeAudio } from '../../src/analysis/index.js';
import type { AnalysisReport } from '../../src/analysis/types.js';
import { type AudioData, createAudio, frameCount } from '../../src/core/audio.js';
import { Prng } from '../../src/core/prng.js';
import { dbToGain } from '../../src/core/units.js';
import { type GainReductionSeries, gainReductionSeries } from '../../src/report/gain-reduction.js';

export interface SyntheticMaster {
  readonly before: AudioData;
  readonly after: AudioData;
  readonly beforeAnalysis: AnalysisReport;
  readonly afterAnalysis: AnalysisReport;
  readonly gainReduction: GainReductionSeries[];
}

const BEAT_SECONDS = 0.5; // 120 bpm

interface Section {
  readonly start: number;
  readonly end: number;
  readonly drums: number;
  readonly bass: number;
  readonly pad: number;
  readonly lead: number;
}

/** Section levels (linear) over a song of `seconds`, scaled from a 40 s plan. */
function sections(seconds: number): Section[] {
  const s = seconds / 40;
  return [
    { start: 0, end: 8 * s, drums: 0.15, bass: 0, pad: 0.5, lead: 0 },
    { start: 8 * s, end: 20 * s, drums: 0.6, bass: 0.6, pad: 0.45, lead: 0 },
    { start: 20 * s, end: 32 * s, drums: 1, bass: 0.8, pad: 0.6, lead: 0.5 },
    { start: 32 * s, end: 39 * s, drums: 0.5, bass: 0.5, pad: 0.5, lead: 0.2 },
  ];
}

function sectionAt(plan: Section[], t: number): Section | undefined {
  return plan.find((p) => t >= p.start && t < p.end);
}

export function syntheticMix(seconds: number, sampleRate = 44_100, seed = 7): AudioData {
  const frames = Math.round(seconds * sampleRate);
  const audio = createAudio(sampleRate, 2, frames);
  const [left, right] = audio.channels;
  const prng = new Prng(seed);
  const plan = sections(seconds - 1);
  const fadeStart = plan[3].start;
  const fadeEnd = plan[3].end;
  const chordRoots = [110, 87.31, 130.81, 98]; // A2, F2, C3, G2
  let hatState = 0;
  let snareState = 0;
  for (let n = 0; n < frames; n++) {
    const t = n / sampleRate;
    const section = sectionAt(plan, t);
    if (!section) continue; // the closing second stays digitally silent
    const fade = t > fadeStart ? Math.max(0, (fadeEnd - t) / (fadeEnd - fadeStart)) : 1;
    const beat = Math.floor(t / BEAT_SECONDS);
    const inBeat = t - beat * BEAT_SECONDS;
    const bar = Math.floor(beat / 4);
    const root = chordRoots[bar % chordRoots.length];

    // Kick on every beat: a falling sine with a fast decay.
    const kickPhase = 2 * Math.PI * (45 * inBeat + (80 / 30) * (1 - Math.exp(-30 * inBeat)));
    const kick = Math.sin(kickPhase) * Math.exp(-inBeat / 0.12);
    // Snare on 2 and 4: tone plus high-passed noise.
    const noise = prng.uniform(-1, 1);
    const hp = noise - snareState;
    snareState = noise;
    const snare =
      beat % 2 === 1
        ? (0.5 * Math.sin(2 * Math.PI * 185 * inBeat) + 0.6 * hp) * Math.exp(-inBeat / 0.09)
        : 0;
    // Hats on eighths: brighter noise, very short.
    const eighth = t % (BEAT_SECONDS / 2);
    const hatNoise = prng.uniform(-1, 1);
    const hat = (hatNoise - hatState) * 0.5 * Math.exp(-eighth / 0.025);
    hatState = hatNoise;
    // Bass: root an octave down, three harmonics, plucked per beat.
    const bassHz = root / 2;
    const bassEnv = 0.4 + 0.6 * Math.exp(-inBeat / 0.25);
    const bass =
      bassEnv *
      (Math.sin(2 * Math.PI * bassHz * t) +
        0.35 * Math.sin(4 * Math.PI * bassHz * t) +
        0.12 * Math.sin(6 * Math.PI * bassHz * t));
    // Pad: a slightly detuned triad, left and right detuned apart for width.
    let padL = 0;
    let padR = 0;
    for (const ratio of [1, 1.26, 1.5, 2]) {
      padL += Math.sin(2 * Math.PI * root * ratio * 1.002 * t);
      padR += Math.sin(2 * Math.PI * root * ratio * 0.998 * t);
    }
    // Lead: a bright saw (eight harmonics) on the fifth, two octaves up.
    let lead = 0;
    const leadHz = root * 3;
    for (let h = 1; h <= 8; h++) lead += Math.sin(2 * Math.PI * leadHz * h * t) / h;

    const drums = section.drums * (0.9 * kick + 0.55 * snare + 0.25 * hat);
    const mono = drums + section.bass * 0.35 * bass + section.lead * 0.12 * lead;
    left[n] = 0.35 * fade * (mono + section.pad * 0.06 * padL + section.drums * 0.1 * hat);
    right[n] = 0.35 * fade * (mono + section.pad * 0.06 * padR - section.drums * 0.1 * hat);
  }
  return audio;
}

/** A one-pole shelf pair: +lowDb below ~120 Hz and +highDb above ~6 kHz. */
export function tiltEq(audio: AudioData, lowDb: number, highDb: number): void {
  const a = (hz: number) => Math.exp((-2 * Math.PI * hz) / audio.sampleRate);
  const aLow = a(120);
  const aHigh = a(6000);
  const lowGain = dbToGain(lowDb) - 1;
  const highGain = dbToGain(highDb) - 1;
  for (const ch of audio.channels) {
    let low = 0;
    let smooth = 0;
    for (let n = 0; n < ch.length; n++) {
      const x = ch[n];
      low = (1 - aLow) * x + aLow * low;
      smooth = (1 - aHigh) * x + aHigh * smooth;
      ch[n] = x + lowGain * low + highGain * (x - smooth);
    }
  }
}

/** A slow RMS compressor (2:1 above threshold); returns its per-sample linear gain. */
function glue(audio: AudioData, thresholdDb: number): Float32Array {
  const frames = frameCount(audio);
  const gain = new Float32Array(frames);
  const coefficient = Math.exp(-1 / (0.05 * audio.sampleRate));
  let meanSquare = 0;
  for (let n = 0; n < frames; n++) {
    let sum = 0;
    for (const ch of audio.channels) sum += ch[n] * ch[n];
    meanSquare = coefficient * meanSquare + (1 - coefficient) * (sum / audio.channels.length);
    const levelDb = 10 * Math.log10(meanSquare + 1e-12);
    const over = Math.max(0, levelDb - thresholdDb);
    gain[n] = dbToGain(-over / 2);
    for (const ch of audio.channels) ch[n] *= gain[n];
  }
  return gain;
}

/**
 * A look-ahead peak limiter: each output sample's gain is the mean over the look-ahead of a
 * released running minimum of the gain every sample needs, which can never exceed the need.
 */
function limit(
  audio: AudioData,
  ceilingDb: number,
  lookaheadMs = 1.5,
  releaseMs = 80,
): Float32Array {
  const frames = frameCount(audio);
  const ceiling = dbToGain(ceilingDb);
  const span = Math.max(1, Math.round((lookaheadMs / 1000) * audio.sampleRate));
  const need = new Float64Array(frames);
  for (let n = 0; n < frames; n++) {
    let peak = 0;
    for (const ch of audio.channels) peak = Math.max(peak, Math.abs(ch[n]));
    need[n] = peak > ceiling ? ceiling / peak : 1;
  }
  const release = 1 - Math.exp(-1 / ((releaseMs / 1000) * audio.sampleRate));
  const held = new Float64Array(frames);
  let previous = 1;
  for (let n = 0; n < frames; n++) {
    let lowest = 1;
    for (let k = n; k < Math.min(frames, n + span); k++) lowest = Math.min(lowest, need[k]);
    previous = Math.min(lowest, previous + (1 - previous) * release);
    held[n] = previous;
  }
  const gain = new Float32Array(frames);
  // Running sum of the last `span` held gains; before the start they are 1 (no reduction).
  let sum = span;
  for (let n = 0; n < frames; n++) {
    sum += held[n] - (n >= span ? held[n - span] : 1);
    gain[n] = sum / span;
  }
  for (const ch of audio.channels) for (let n = 0; n < frames; n++) ch[n] *= gain[n];
  return gain;
}

export function syntheticMaster(seconds = 40, sampleRate = 44_100): SyntheticMaster {
  const before = syntheticMix(seconds, sampleRate);
  const after: AudioData = { sampleRate, channels: before.channels.map((c) => c.slice()) };
  tiltEq(after, 2, 1.5);
  const glueGain = glue(after, -20);
  for (const ch of after.channels) for (let n = 0; n < ch.length; n++) ch[n] *= dbToGain(11);
  const limiterGain = limit(after, -2.4);
  return {
    before,
    after,
    beforeAnalysis: analyzeAudio(before, { series: true }),
    afterAnalysis: analyzeAudio(after, { series: true }),
    gainReduction: [
      gainReductionSeries('Limiter', limiterGain, sampleRate),
      gainReductionSeries('Glue compressor', glueGain, sampleRate),
    ],
  };
}
