import type { AudioData } from '../core/audio.js';
import { QUALITY_PRESETS, resampleAudio } from '../dsp/resample/index.js';

/**
 * Sample-rate conversion for a deliverable. Always the 'mastering' preset: pass band flat to
 * ±0.01 dB up to 0.9 of the lower Nyquist, images and aliases ≥ 120 dB down — below the
 * 24-bit TPDF floor as well as the 16-bit one (loudness.md §6 acceptance). The output is
 * time-aligned with the input and lasts as long (resample-audio.ts).
 *
 * Conversion changes the waveform between the original samples, so the true peak must be
 * measured again afterwards: the compliance loop (compliance-loop.ts) does so on the file.
 */
export const DELIVERY_RESAMPLE_QUALITY = 'mastering' as const;

export const DELIVERY_RESAMPLE_REJECTION_DB =
  QUALITY_PRESETS[DELIVERY_RESAMPLE_QUALITY].rejectionDb;

/** `audio` at `sampleRateHz`; the same object when the rate already matches. */
export function convertRate(audio: AudioData, sampleRateHz: number): AudioData {
  if (audio.sampleRate === sampleRateHz) return audio;
  return resampleAudio(audio, sampleRateHz, { quality: DELIVERY_RESAMPLE_QUALITY });
}
