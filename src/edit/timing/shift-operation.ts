/**
 * `shift`: move a clip's audio by a constant offset, whole or fractional samples, without
 * changing its length (what moves past an end is dropped, silence moves in). Rendered by
 * the 64-tap Kaiser-windowed sinc of fractional-delay.ts; a whole number of samples is an
 * exact copy. The offset is what `estimateOffset` measures against a guide.
 */
import { diagnostic } from '../../core/diagnostics.js';
import { num } from '../../dsp/params.js';
import { defineOperation } from '../operation.js';
import { delaySignal } from './fractional-delay.js';

const params = {
  offsetSeconds: num({
    name: 'Offset',
    unit: 's',
    min: -3600,
    max: 3600,
    default: 0,
    smoothingMs: 0,
    automatable: false,
    description:
      'how much later the audio plays (negative: earlier); fractions of a sample allowed',
  }),
};

export const shiftOperation = defineOperation({
  op: 'shift',
  name: 'Shift',
  description: 'Move the audio by a constant offset (sub-sample accurate), keeping its length.',
  params,
  apply(audio, values) {
    const delaySamples = values.offsetSeconds * audio.sampleRate;
    const channels = audio.channels.map((c) => delaySignal(c, delaySamples));
    const ms = values.offsetSeconds * 1000;
    return {
      audio: { sampleRate: audio.sampleRate, channels },
      findings: [
        diagnostic(
          'shifted',
          'info',
          `Shifted ${ms >= 0 ? 'later' : 'earlier'} by ${Math.abs(ms).toFixed(3)} ms (${Math.abs(delaySamples).toFixed(2)} samples).`,
        ),
      ],
    };
  },
});
