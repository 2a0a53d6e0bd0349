/**
 * `warp`: re-time a clip through warp points (source seconds → target seconds), as made by
 * alignment to a guide (`estimateWarp`), quantising (`quantizeWarp`) or by hand. Rendered
 * by the stretch engine (stretch-engine.ts): pitch kept, onsets held rigid. The output runs
 * to where the map sends the clip's end.
 */
import { diagnostic } from '../../core/diagnostics.js';
import { bool, group, num } from '../../dsp/params.js';
import { defineOperation } from '../operation.js';
import { renderTimeMap } from './stretch-engine.js';
import { validateWarpPoints } from './time-map.js';

const params = {
  points: group({
    name: 'Warp points',
    maxItems: 100_000,
    items: {
      sourceSeconds: num({
        name: 'Source time',
        unit: 's',
        min: 0,
        max: 86_400,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'a time in the clip as recorded',
      }),
      targetSeconds: num({
        name: 'Target time',
        unit: 's',
        min: -86_400,
        max: 86_400,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'where that moment plays after the warp',
      }),
    },
    description:
      'markers increasing in both times; between them time runs linearly, beyond them at the slope of the first and last segment',
  }),
  preserveTransients: bool({
    name: 'Preserve transients',
    default: true,
    description: 'hold onsets rigid so attacks are not smeared by the stretch',
  }),
};

export const warpOperation = defineOperation({
  op: 'warp',
  name: 'Warp',
  description: 'Re-time the audio through warp points, keeping pitch and transients.',
  params,
  apply(audio, values, context) {
    validateWarpPoints(values.points, context.path);
    const result = renderTimeMap(audio, values.points, {
      preserveTransients: values.preserveTransients,
    });
    const before = audio.channels.length === 0 ? 0 : audio.channels[0].length;
    const after = result.audio.channels.length === 0 ? 0 : result.audio.channels[0].length;
    return {
      audio: result.audio,
      findings: [
        diagnostic(
          'warped',
          'info',
          `Warped through ${values.points.length} points (${(before / audio.sampleRate).toFixed(3)} s → ${(after / audio.sampleRate).toFixed(3)} s), ${result.protectedOnsets} of ${result.onsets} onsets held rigid.`,
        ),
      ],
    };
  },
});
