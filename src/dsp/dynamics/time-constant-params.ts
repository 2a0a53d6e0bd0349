import { num } from '../params.js';

/**
 * Attack and release of a compressor's gain reduction, declared once for every compressor
 * (track, glue, multiband band): the same meaning and unit, only the ranges and defaults
 * differ. Both are log-domain time constants on the reduction in dB.
 */
interface TimeRange {
  min: number;
  max: number;
  default: number;
}

export function attackParam(range: TimeRange) {
  return num({
    name: 'Attack',
    unit: 'ms',
    ...range,
    scale: 'log',
    smoothingMs: 0,
    description: 'time for the gain reduction to reach 63 % (1 − 1/e) of a step in dB',
  });
}

export function releaseParam(range: TimeRange) {
  return num({
    name: 'Release',
    unit: 'ms',
    ...range,
    scale: 'log',
    smoothingMs: 0,
    description: 'time for the gain reduction to fall by 63 % (1 − 1/e) of a step in dB',
  });
}
