import { MixdownError } from '../core/errors.js';
import type { DeliverableSet, DeliverableSpec } from './deliverable-sets.js';

/**
 * Deliverables asked for by format rather than by platform (`mixdown deliver --formats`):
 * a 32-bit float archive, a V0 MP3 for a web shop, a FLAC for a client. They are delivered
 * like a platform's files — converted, limited when needed, dithered, encoded, decoded back
 * and proven under a ceiling, tagged — into `<folder>/formats/`, held to the ceiling given
 * (DEFAULT_FORMATS_CEILING_DBTP unless stated: the ceiling most streaming services ask for).
 *
 * Lossless files keep the master's rate (nothing is converted that need not be); MP3 and Ogg
 * Vorbis are made at 44.1 kHz, the rate every player and shop takes for them.
 */

export const FORMATS_DESTINATION = 'formats';
export const DEFAULT_FORMATS_CEILING_DBTP = -1;

const pcm = (format: 'wav' | 'flac', bitDepth: 16 | 24 | 32, purpose: string) =>
  ({ purpose, format, bitDepth, sampleRate: 'master' }) as const;

/** Every token `--formats` accepts, in the order the help lists them. */
export const FORMAT_CHOICES: Readonly<Record<string, DeliverableSpec>> = {
  wav16: pcm('wav', 16, 'WAV 16-bit (dithered)'),
  wav24: pcm('wav', 24, 'WAV 24-bit'),
  wav32f: pcm('wav', 32, 'WAV 32-bit float (archive: no word-length reduction)'),
  flac16: pcm('flac', 16, 'FLAC 16-bit (dithered)'),
  flac24: pcm('flac', 24, 'FLAC 24-bit'),
  'mp3-320': { purpose: 'MP3 320 kbit/s CBR', format: 'mp3', mp3Mode: 'cbr320', sampleRate: 44100 },
  'mp3-v0': {
    purpose: 'MP3 V0 (LAME VBR, about 245 kbit/s)',
    format: 'mp3',
    mp3Mode: 'v0',
    sampleRate: 44100,
  },
  ogg: {
    purpose: 'Ogg Vorbis q6 (about 192 kbit/s)',
    format: 'ogg-vorbis',
    vorbisQuality: 6,
    sampleRate: 44100,
  },
  'ogg-q9': {
    purpose: 'Ogg Vorbis q9 (about 320 kbit/s)',
    format: 'ogg-vorbis',
    vorbisQuality: 9,
    sampleRate: 44100,
  },
};

/** The set of files for the tokens given (each once, in the order given). */
export function formatsSet(tokens: readonly string[]): DeliverableSet {
  const chosen: string[] = [];
  for (const raw of tokens) {
    const token = raw.trim().toLowerCase();
    if (token === '' || chosen.includes(token)) continue;
    if (!Object.hasOwn(FORMAT_CHOICES, token)) {
      throw new MixdownError(
        'invalid-argument',
        `Unknown format "${raw.trim()}"; choose from ${Object.keys(FORMAT_CHOICES).join(', ')}.`,
      );
    }
    chosen.push(token);
  }
  if (chosen.length === 0) {
    throw new MixdownError('invalid-argument', 'Name at least one format, e.g. wav32f,mp3-v0.');
  }
  return {
    platform: FORMATS_DESTINATION,
    files: chosen.map((token) => FORMAT_CHOICES[token]),
    rationale:
      'Formats asked for by name (--formats): lossless at the master’s rate, MP3 and Ogg Vorbis at 44.1 kHz, each decoded back and held under the ceiling given.',
  };
}
