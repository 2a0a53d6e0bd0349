import { analyzeAudio } from '../analysis/index.js';
import type { AudioData } from '../core/audio.js';
import { diagnostic } from '../core/diagnostics.js';
import { dbToGain } from '../core/units.js';
import { choice, num } from '../dsp/params.js';
import { defineOperation } from './operation.js';

const params = {
  mode: choice({
    name: 'Mode',
    choices: ['peak', 'loudness'],
    default: 'peak',
    description:
      '"peak" sets the highest sample peak; "loudness" sets the integrated loudness (BS.1770)',
  }),
  peakDbfs: num({
    name: 'Peak',
    unit: 'dB',
    min: -60,
    max: 0,
    default: -1,
    automatable: false,
    description: 'target sample peak in dBFS (mode "peak")',
  }),
  loudnessLufs: num({
    name: 'Loudness',
    unit: 'dB',
    min: -60,
    max: 0,
    default: -18,
    automatable: false,
    description: 'target integrated loudness in LUFS (mode "loudness")',
  }),
};

/**
 * Normalise a take: one gain so its sample peak or its integrated loudness hits a target.
 * Silent audio is left as it is (there is no level to normalise).
 */
export const normalizeOperation = defineOperation({
  op: 'normalize',
  name: 'Normalise',
  description: 'Scale the take so its peak or loudness reaches a target.',
  params,
  apply(audio, values) {
    const report = analyzeAudio(audio);
    const measured = values.mode === 'peak' ? report.samplePeakDbfs : report.integratedLufs;
    const target = values.mode === 'peak' ? values.peakDbfs : values.loudnessLufs;
    if (!Number.isFinite(measured)) {
      return {
        audio: copy(audio, 1),
        findings: [
          diagnostic('normalize-silent', 'info', 'The take is silent; nothing to normalise.'),
        ],
      };
    }
    const gainDb = target - measured;
    return {
      audio: copy(audio, dbToGain(gainDb)),
      findings: [
        diagnostic(
          'normalized',
          'info',
          `${values.mode === 'peak' ? 'Peak' : 'Loudness'} ${measured.toFixed(1)} → ${target.toFixed(1)} ${values.mode === 'peak' ? 'dBFS' : 'LUFS'} (gain ${gainDb >= 0 ? '+' : ''}${gainDb.toFixed(2)} dB).`,
        ),
      ],
    };
  },
});

function copy(audio: AudioData, gain: number): AudioData {
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.map((x) => x * gain)),
  };
}
