import { TruePeakMeter } from '../../../src/analysis/true-peak.js';
import type { AudioData } from '../../../src/core/audio.js';

/** True peak in dBTP at `oversampling`× (the project's BS.1770 meter), all channels. */
export function truePeakDbtp(audio: AudioData, oversampling = 8): number {
  const meter = new TruePeakMeter({
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    oversampling,
  });
  meter.push(audio.channels, audio.channels[0].length);
  return 20 * Math.log10(Math.max(...meter.result().truePeaks));
}
