/**
 * `stretch`: change a clip's duration by a constant ratio (or to a stated length), keeping
 * its pitch and its transients, through the stretch engine (stretch-engine.ts).
 */
import { diagnostic } from '../../core/diagnostics.js';
import { MixdownError } from '../../core/errors.js';
import { bool, num } from '../../dsp/params.js';
import { defineOperation } from '../operation.js';
import { renderTimeMap } from './stretch-engine.js';

const params = {
  ratio: num({
    name: 'Ratio',
    unit: 'ratio',
    min: 0.25,
    max: 4,
    default: 1,
    scale: 'log',
    smoothingMs: 0,
    automatable: false,
    description: 'output duration ÷ input duration (1.25 = 25 % longer, slower)',
  }),
  targetSeconds: num({
    name: 'Target length',
    unit: 's',
    min: 0,
    max: 86_400,
    default: 0,
    smoothingMs: 0,
    automatable: false,
    description: 'when above 0, stretch to exactly this duration instead of by the ratio',
  }),
  preserveTransients: bool({
    name: 'Preserve transients',
    default: true,
    description: 'hold onsets rigid so attacks are not smeared by the stretch',
  }),
};

export const stretchOperation = defineOperation({
  op: 'stretch',
  name: 'Stretch',
  description: 'Change the duration by a ratio or to a length, keeping pitch and transients.',
  params,
  apply(audio, values, context) {
    const frames = audio.channels.length === 0 ? 0 : audio.channels[0].length;
    const sourceSeconds = frames / audio.sampleRate;
    const ratio =
      values.targetSeconds > 0 && sourceSeconds > 0
        ? values.targetSeconds / sourceSeconds
        : values.ratio;
    if (ratio < params.ratio.min || ratio > params.ratio.max) {
      throw new MixdownError(
        'invalid-argument',
        `The stretch at ${context.path} would take the ${sourceSeconds.toFixed(3)} s clip to ${values.targetSeconds} s, a ratio of ${ratio.toFixed(3)}; one stretch can change the length by ${params.ratio.min}× to ${params.ratio.max}×, so split it into steps or choose another target length.`,
      );
    }
    const result = renderTimeMap(
      audio,
      [
        { sourceSeconds: 0, targetSeconds: 0 },
        {
          sourceSeconds: Math.max(sourceSeconds, 1),
          targetSeconds: Math.max(sourceSeconds, 1) * ratio,
        },
      ],
      { preserveTransients: values.preserveTransients },
    );
    return {
      audio: result.audio,
      findings: [
        diagnostic(
          'stretched',
          'info',
          `Stretched by ${ratio.toFixed(4)} (${sourceSeconds.toFixed(3)} s → ${(sourceSeconds * ratio).toFixed(3)} s), ${result.protectedOnsets} of ${result.onsets} onsets held rigid.`,
        ),
      ],
    };
  },
});
