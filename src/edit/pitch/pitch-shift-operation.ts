import { cloneAudio, frameCount } from '../../core/audio.js';
import { diagnostic } from '../../core/diagnostics.js';
import { defineOperation } from '../operation.js';
import { checkPitchAudio } from './check-audio.js';
import { renderPitchCurve, voicedFraction } from './render.js';
import { trackPitch } from './track.js';
import { PITCH_SHIFT_PARAMS } from './tune-params.js';

/**
 * `pitch-shift`: one constant transposition of a solo voice, same length, no latency, by
 * PSOLA (formants preserved or moved with the pitch). Unvoiced sounds (breaths, consonants)
 * have no pitch to move and pass through unchanged. Material that is not one voice is
 * refused: PSOLA needs a single period to lay its grains on.
 */
export const pitchShiftOperation = defineOperation({
  op: 'pitch-shift',
  name: 'Pitch shift',
  description: 'Transpose a solo voice by a fixed interval, keeping its length and timing.',
  params: PITCH_SHIFT_PARAMS,
  apply(audio, values, context) {
    checkPitchAudio(audio, context.path);
    const cents = values.semitones * 100 + values.cents;
    if (cents === 0 || frameCount(audio) === 0) {
      return {
        audio: cloneAudio(audio),
        findings: [
          diagnostic(
            'pitch-shift-unchanged',
            'info',
            'A shift of 0 cents returns the clip as it is.',
          ),
        ],
      };
    }
    const track = trackPitch(audio, { source: context.path });
    const curve = new Float64Array(track.frameCount).fill(cents);
    const result = renderPitchCurve(audio, track, curve, values.formants);
    const share = Math.round(voicedFraction(track) * 100);
    return {
      audio: result,
      findings: [
        diagnostic(
          'pitch-shift-rendered',
          'info',
          `Voiced sound (${share} % of the clip) shifted by ${cents > 0 ? '+' : ''}${cents} cents, formants ${values.formants === 'preserve' ? 'preserved' : 'shifted'}; unvoiced sound left as it is.`,
        ),
      ],
    };
  },
});
