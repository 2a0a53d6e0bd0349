import { CorrelationMeter, LoudnessMeter } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostics.js';
import { type PowerSpectralDensity, WelchAccumulator } from '../../report/index.js';

/**
 * What a stereo master loses when it is played in mono (a phone, a club's sub array, a
 * Bluetooth speaker, a radio): the fold-down is (L + R)/2 on both speakers.
 *
 * - Loudness lost: LUFS of the fold-down played as dual mono minus LUFS of the stereo master
 *   (BS.1770). 0 dB for a mono-compatible master whose channels are equal, −3.0 dB for
 *   uncorrelated channels of equal level, −∞ for pure anti-phase.
 * - Correlation of L and R (Pearson, the analyser's meter).
 * - Bass cancellation: energy in BASS_BAND_HZ of (L + R)/2 against the mean of L's and R's
 *   (Welch densities integrated over the band): 0 dB for a mono bass, −3 dB for an
 *   uncorrelated one, and more when the sides are out of phase — the classic mono-bass
 *   failure of wideners and phase-flipped overdubs.
 */

export const BASS_BAND_HZ = [20, 120] as const;
/** Losses beyond these are warnings. */
export const LOUDNESS_LOSS_WARNING_DB = -3;
export const BASS_LOSS_WARNING_DB = -3;
/** Bass losses beyond this (but within the warning) are noted. */
export const BASS_LOSS_NOTE_DB = -1;

export interface MonoFoldDown {
  readonly stereoLufs: number;
  readonly monoLufs: number;
  /** monoLufs − stereoLufs (dB, ≤ 0 in practice); −Infinity when the mono fold is silent. */
  readonly loudnessChangeDb: number;
  readonly correlation: number | null;
  /** Bass-band energy of the fold relative to the channels' mean (dB). */
  readonly bassChangeDb: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** The check over a whole master in memory. */
export function monoFoldDown(audio: AudioData): MonoFoldDown {
  const meter = new MonoFoldMeter(audio.sampleRate, audio.channels.length);
  meter.push(audio.channels, frameCount(audio));
  return meter.result();
}

/**
 * The same check streamed block by block (memory does not grow with the song), so a master
 * can be checked on the samples exactly as they are written.
 */
export class MonoFoldMeter {
  private readonly stereo: LoudnessMeter;
  private readonly mono: LoudnessMeter | undefined;
  private readonly correlation = new CorrelationMeter();
  /** L and R averaged alike: its band power is the mean of theirs. */
  private readonly sides: WelchAccumulator | undefined;
  private readonly folded: WelchAccumulator | undefined;
  private fold = new Float32Array(0);

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    this.stereo = new LoudnessMeter({ sampleRate, channels });
    if (channels === 2) {
      this.mono = new LoudnessMeter({ sampleRate, channels: 2 });
      this.sides = new WelchAccumulator(sampleRate, 2);
      this.folded = new WelchAccumulator(sampleRate, 1);
    }
  }

  push(channels: readonly Float32Array[], frames: number): void {
    this.stereo.push(channels, frames);
    if (this.channels !== 2) return;
    const [l, r] = channels;
    if (this.fold.length < frames) this.fold = new Float32Array(frames);
    const m = this.fold.subarray(0, frames);
    for (let i = 0; i < frames; i++) m[i] = (l[i] + r[i]) * 0.5;
    this.mono?.push([m, m], frames);
    this.correlation.push(l, r, frames);
    this.sides?.push(channels, frames);
    this.folded?.push([m], frames);
  }

  result(): MonoFoldDown {
    const stereoLufs = this.stereo.result().integratedLufs;
    if (!this.mono || !this.sides || !this.folded) {
      return {
        stereoLufs,
        monoLufs: stereoLufs,
        loudnessChangeDb: 0,
        correlation: null,
        bassChangeDb: 0,
        diagnostics: [
          diagnostic('mono-master', 'info', 'The master is mono: nothing to fold down.'),
        ],
      };
    }
    const monoLufs = this.mono.result().integratedLufs;
    const correlation = this.correlation.result();
    const sides = bandPower(this.sides.result(), ...BASS_BAND_HZ);
    const folded = bandPower(this.folded.result(), ...BASS_BAND_HZ);
    const bassChangeDb =
      sides > 0 ? (folded > 0 ? 10 * Math.log10(folded / sides) : Number.NEGATIVE_INFINITY) : 0;
    const loudnessChangeDb = Number.isFinite(stereoLufs) ? monoLufs - stereoLufs : 0;
    return {
      stereoLufs,
      monoLufs,
      loudnessChangeDb,
      correlation,
      bassChangeDb,
      diagnostics: findings(loudnessChangeDb, bassChangeDb, correlation),
    };
  }
}

function findings(
  loudnessChangeDb: number,
  bassChangeDb: number,
  correlation: number | null,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (bassChangeDb < BASS_LOSS_WARNING_DB) {
    diagnostics.push(
      diagnostic(
        'mono-bass-cancellation',
        'warning',
        `The bass (${BASS_BAND_HZ[0]}–${BASS_BAND_HZ[1]} Hz) ${loses(bassChangeDb)} in mono: its left and right are partly out of phase; make the low end mono (e.g. the stereo insert's monoBelowHz) or fix the polarity.`,
      ),
    );
  } else if (bassChangeDb < BASS_LOSS_NOTE_DB) {
    diagnostics.push(
      diagnostic(
        'mono-bass-loss',
        'info',
        `The bass ${loses(bassChangeDb)} in mono (it is partly stereo).`,
      ),
    );
  }
  if (loudnessChangeDb < LOUDNESS_LOSS_WARNING_DB) {
    diagnostics.push(
      diagnostic(
        'mono-loudness-loss',
        'warning',
        `The master ${loses(loudnessChangeDb)} of loudness in mono: much of it is in the side signal.`,
      ),
    );
  }
  if (correlation !== null && correlation < 0) {
    diagnostics.push(
      diagnostic(
        'negative-correlation',
        'warning',
        `Left and right are negatively correlated (${correlation.toFixed(2)}): parts of the mix cancel in mono.`,
      ),
    );
  }
  return diagnostics;
}

/** ∫ density over [loHz, hiHz], the density linear between bins (trapezoids, cut at the edges). */
export function bandPower(psd: PowerSpectralDensity, loHz: number, hiHz: number): number {
  const binHz = psd.sampleRate / psd.fftSize;
  const d = psd.density;
  const at = (hz: number) => {
    const p = Math.min(hz / binHz, d.length - 1);
    const k = Math.min(Math.floor(p), d.length - 2);
    return d[k] + (p - k) * (d[k + 1] - d[k]);
  };
  const top = Math.min(hiHz, (d.length - 1) * binHz);
  if (top <= loHz) return 0;
  let sum = 0;
  let f = loHz;
  while (f < top) {
    const next = Math.min(top, (Math.floor(f / binHz) + 1) * binHz);
    sum += ((at(f) + at(next)) / 2) * (next - f);
    f = next;
  }
  return sum;
}

function loses(changeDb: number): string {
  return Number.isFinite(changeDb) ? `loses ${(-changeDb).toFixed(1)} dB` : 'cancels completely';
}
