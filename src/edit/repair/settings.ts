/**
 * Checks shared by every repair operation: settings are validated against their declaration
 * (one plain sentence naming the setting on error) and the audio must be well formed.
 */
import type { AudioData } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import {
  type ParamSpecs,
  type ParamValues,
  validateParams,
  valuesFromSettings,
} from '../../dsp/params.js';

/**
 * Typed values from user settings: unknown keys, wrong types and out-of-range values are
 * refused with a MixdownError ('invalid-argument') naming the operation and the setting.
 */
export function resolveSettings<S extends ParamSpecs>(
  operation: string,
  specs: S,
  settings: Readonly<Record<string, unknown>> = {},
): ParamValues<S> {
  const issues = validateParams(specs, settings);
  if (issues.length > 0) {
    const first = issues[0];
    throw new MixdownError(
      'invalid-argument',
      `The ${operation} setting "${first.path}" ${first.message}; correct it and run again.`,
    );
  }
  return valuesFromSettings(specs, settings);
}

/**
 * Refuses audio a repair cannot work on: no channels, channels of unequal length, a bad
 * sample rate, or NaN/infinite samples (they would poison every estimate).
 */
export function checkAudio(operation: string, audio: AudioData): void {
  if (audio.channels.length === 0) {
    throw new MixdownError(
      'no-audio',
      `There is no audio to ${operation}: the clip has no channels.`,
    );
  }
  if (!Number.isFinite(audio.sampleRate) || audio.sampleRate < 8000) {
    throw new MixdownError(
      'invalid-argument',
      `Cannot ${operation} audio at ${audio.sampleRate} Hz; repairs need a sample rate of at least 8000 Hz.`,
    );
  }
  const frames = audio.channels[0].length;
  audio.channels.forEach((channel, c) => {
    if (channel.length !== frames) {
      throw new MixdownError(
        'invalid-argument',
        `Cannot ${operation} the clip: channel ${c + 1} holds ${channel.length} samples but channel 1 holds ${frames}.`,
      );
    }
    for (let i = 0; i < frames; i++) {
      if (!Number.isFinite(channel[i])) {
        throw new MixdownError(
          'invalid-samples',
          `Cannot ${operation} the clip: channel ${c + 1} holds ${channel[i]} at sample ${i}; find the processing step that produced it.`,
        );
      }
    }
  });
}
