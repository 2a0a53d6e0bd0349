import { cloneAudio, frameCount } from '../../core/audio.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostics.js';
import { MixdownError } from '../../core/errors.js';
import { defineOperation } from '../operation.js';
import { checkPitchAudio } from './check-audio.js';
import { driftMeasurable, MIN_DRIFT_NOTE_SECONDS } from './note-fit.js';
import { renderPitchCurve } from './render.js';
import { noteHasEffect, shiftCurveCents } from './shift-curve.js';
import { trackPitch } from './track.js';
import { TUNE_PARAMS } from './tune-params.js';

/**
 * `tune`: note-by-note pitch correction. The notes, their shifts and their drift and
 * vibrato settings were decided when the edit was made (planTuning, or by hand with the
 * note-edit helpers) and are stored in the values; the render re-tracks the clip only to
 * place the PSOLA marks and to measure each note's slow pitch and vibrato, which is the
 * same on every run. Notes whose settings change nothing are not rendered, so an edit
 * with no changes returns the clip exactly.
 */
export const tuneOperation = defineOperation({
  op: 'tune',
  name: 'Tune',
  description:
    'Corrects the pitch of a solo voice note by note (shift, drift, vibrato), keeping its length and timing.',
  params: TUNE_PARAMS,
  apply(audio, values, context) {
    checkPitchAudio(audio, context.path);
    values.notes.forEach((note, i) => {
      if (note.endSeconds <= note.startSeconds) {
        throw new MixdownError(
          'invalid-argument',
          `${context.path}.notes[${i}] ends at ${note.endSeconds} s, not after its start at ${note.startSeconds} s; give each note an end later than its start.`,
        );
      }
    });
    const active = values.notes.filter(noteHasEffect);
    if (active.length === 0 || frameCount(audio) === 0) {
      return {
        audio: cloneAudio(audio),
        findings: [
          diagnostic(
            'tune-unchanged',
            'info',
            'No note is changed; the clip is returned as it is.',
          ),
        ],
      };
    }
    const track = trackPitch(audio, { source: context.path });
    const curve = shiftCurveCents(track, values.notes, values.retuneMs);
    const result = renderPitchCurve(audio, track, curve, values.formants);

    const findings: Diagnostic[] = [];
    const largest = Math.max(...active.map((n) => Math.abs(n.shiftCents)));
    findings.push(
      diagnostic(
        'tune-rendered',
        'info',
        `${active.length} of ${values.notes.length} notes retuned (largest shift ${largest.toFixed(1)} cents), formants ${values.formants === 'preserve' ? 'preserved' : 'shifted'}.`,
      ),
    );
    const hop = track.hopSeconds;
    values.notes.forEach((note, i) => {
      if (!noteHasEffect(note)) return;
      let voiced = 0;
      const first = Math.max(0, Math.ceil(note.startSeconds / hop));
      const end = Math.min(track.frameCount, Math.ceil(note.endSeconds / hop));
      for (let f = first; f < end; f++) voiced += track.voiced[f];
      if (note.flattenDriftPercent > 0 && !driftMeasurable(note)) {
        findings.push(
          diagnostic(
            'tune-drift-unmeasured',
            'info',
            `${context.path}.notes[${i}] lasts ${(note.endSeconds - note.startSeconds).toFixed(2)} s, too short to measure its drift (at least ${MIN_DRIFT_NOTE_SECONDS} s); its drift was kept.`,
          ),
        );
      }
      if (voiced === 0) {
        findings.push(
          diagnostic(
            'tune-note-unvoiced',
            'warning',
            `${context.path}.notes[${i}] (${note.startSeconds.toFixed(2)}–${note.endSeconds.toFixed(2)} s) has no voiced sound and was left unchanged.`,
          ),
        );
      }
    });
    return { audio: result, findings };
  },
});
