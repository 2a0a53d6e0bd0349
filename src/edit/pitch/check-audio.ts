import type { AudioData } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';

/**
 * Refuses audio the pitch edits cannot read: channels of unequal length, a sample rate too
 * low for the 1 kHz search ceiling, or samples that are not finite numbers (one NaN would
 * poison every difference function it touches).
 */
export function checkPitchAudio(audio: AudioData, path: string): void {
  const where = path ? ` at ${path}` : '';
  if (!Number.isFinite(audio.sampleRate) || audio.sampleRate < 8000) {
    throw new MixdownError(
      'invalid-argument',
      `The audio${where} is at ${audio.sampleRate} Hz; pitch edits need a sample rate of at least 8000 Hz.`,
    );
  }
  const frames = audio.channels[0]?.length ?? 0;
  audio.channels.forEach((channel, c) => {
    if (channel.length !== frames) {
      throw new MixdownError(
        'invalid-argument',
        `The audio${where} has channels of different lengths (channel ${c + 1}: ${channel.length} samples, channel 1: ${frames}); give channels of equal length.`,
      );
    }
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i])) {
        throw new MixdownError(
          'invalid-samples',
          `The audio${where} has a non-finite sample (channel ${c + 1}, sample ${i}); repair or replace the source before editing its pitch.`,
        );
      }
    }
  });
}
