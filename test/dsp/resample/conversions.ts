import type { ResampleQuality } from '../../../src/dsp/resample/quality.js';

/** The conversions every measurement runs on: delivery pairs, integer ratios, extreme ratios. */
export const CONVERSIONS: readonly (readonly [inputRateHz: number, outputRateHz: number])[] = [
  [44100, 48000],
  [48000, 44100],
  [96000, 48000],
  [48000, 96000],
  [96000, 44100],
  [22050, 48000],
  [8000, 48000],
];

export const QUALITIES: readonly ResampleQuality[] = ['standard', 'mastering'];

/** Rejection each quality promises (QUALITY_PRESETS restated, so a preset edit shows here). */
export const PROMISED_REJECTION_DB: Readonly<Record<ResampleQuality, number>> = {
  standard: 100,
  mastering: 120,
};

export const khz = (hz: number): string => `${hz / 1000}k`;
