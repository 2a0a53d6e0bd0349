import { MixdownError } from '../core/errors.js';
import type { EncodeFormat } from '../io/index.js';
import { findPlatform, type PlatformId, type PlatformTarget } from '../master/platforms.js';

/**
 * What each destination receives: the one table of deliverable sets. Every set has the
 * lossless file the destination ingests and, where listeners hear a lossy codec, a lossy file
 * made with that codec or the nearest one mixdown can encode, so the compliance loop can decode
 * it and prove the true peak survives encoding. Ceilings and targets come from PLATFORMS
 * (src/master/platforms.ts, loudness.md §4); rates and formats from the rationale given per
 * set. mixdown has no AAC or Opus encoder: where a platform plays AAC or Opus, an MP3 or Ogg
 * Vorbis encode at a similar bit rate stands in, and the rationale says so.
 */

export type SampleRateChoice = number | 'master';

/** Where a set of files goes: a platform, or 'formats' for files asked for by format. */
export type DestinationId = PlatformId | 'formats';

export interface DeliverableSpec {
  /** What the file is for, one phrase. */
  readonly purpose: string;
  readonly format: EncodeFormat;
  /** PCM word length (WAV 16/24/32 float, FLAC 16/24); absent for lossy formats. */
  readonly bitDepth?: 16 | 24 | 32;
  readonly mp3Mode?: 'cbr320' | 'v0';
  readonly vorbisQuality?: number;
  /** The file's rate: a number of hertz, or the master's own rate. */
  readonly sampleRate: SampleRateChoice;
}

export interface DeliverableSet {
  readonly platform: DestinationId;
  readonly files: readonly DeliverableSpec[];
  readonly rationale: string;
}

const upload = (format: 'wav' | 'flac', bitDepth: 16 | 24, sampleRate: SampleRateChoice) =>
  ({ purpose: 'lossless upload', format, bitDepth, sampleRate }) as const;
const mp3 = (mp3Mode: 'cbr320' | 'v0', purpose: string) =>
  ({ purpose, format: 'mp3', mp3Mode, sampleRate: 44100 }) as const;
const vorbis = (vorbisQuality: number, sampleRate: number, purpose: string) =>
  ({ purpose, format: 'ogg-vorbis', vorbisQuality, sampleRate }) as const;

export const DELIVERABLE_SETS: readonly DeliverableSet[] = [
  {
    platform: 'spotify',
    files: [
      upload('flac', 24, 44100),
      vorbis(9, 44100, 'playback codec check (Ogg Vorbis, as Spotify streams)'),
    ],
    rationale:
      'Distributors take 44.1 kHz lossless files for Spotify; Spotify streams Ogg Vorbis up to about 320 kbit/s ("Very high"), which quality 9 matches.',
  },
  {
    platform: 'apple',
    files: [
      upload('wav', 24, 'master'),
      mp3('cbr320', 'codec check (MP3 stand-in for Apple’s 256 kbit/s AAC)'),
    ],
    rationale:
      'Apple Digital Masters takes 24-bit files at the master’s own rate; Apple plays AAC, which mixdown cannot encode, so a 320 kbit/s MP3 stands in for the closed-loop peak check.',
  },
  {
    platform: 'youtube',
    files: [
      upload('flac', 24, 'master'),
      vorbis(6, 48000, 'codec check (Vorbis stand-in for YouTube’s Opus at 48 kHz)'),
    ],
    rationale:
      'YouTube takes lossless audio and streams Opus (formerly Vorbis) at 48 kHz; Vorbis quality 6 (about 192 kbit/s) at 48 kHz stands in, since mixdown has no Opus encoder.',
  },
  {
    platform: 'amazon',
    files: [
      upload('flac', 24, 'master'),
      mp3('v0', 'lossy copy (MP3 V0, near Amazon’s 256 kbit/s VBR MP3 downloads)'),
    ],
    rationale:
      'Amazon Music HD and Ultra HD take 24-bit lossless at the master’s rate; Amazon sells MP3 downloads at about 256 kbit/s VBR, which LAME V0 matches.',
  },
  {
    platform: 'tidal',
    files: [
      upload('flac', 24, 'master'),
      mp3('cbr320', 'codec check (MP3 stand-in for Tidal’s 320 kbit/s AAC tier)'),
    ],
    rationale:
      'Tidal streams FLAC up to 24-bit at the master’s rate; its lossy tier is AAC, for which a 320 kbit/s MP3 stands in.',
  },
  {
    platform: 'deezer',
    files: [
      upload('flac', 16, 44100),
      mp3('cbr320', 'playback codec check (MP3 320, as Deezer streams)'),
    ],
    rationale:
      'Deezer HiFi streams FLAC at 16-bit/44.1 kHz (dithered and noise-shaped here once, not by the platform); its lossy streams are MP3 320.',
  },
  {
    platform: 'soundcloud',
    files: [
      upload('wav', 24, 'master'),
      mp3('cbr320', 'codec check (MP3, as SoundCloud transcodes)'),
    ],
    rationale:
      'SoundCloud accepts lossless uploads and transcodes them for streaming (MP3, Opus, AAC); an MP3 encode checks the peaks survive.',
  },
  {
    platform: 'broadcast',
    files: [upload('wav', 24, 48000)],
    rationale:
      'EBU R128 programme exchange is 48 kHz 24-bit Broadcast Wave, with the loudness recorded in the bext chunk; the broadcaster encodes for transmission.',
  },
  {
    platform: 'atsc',
    files: [upload('wav', 24, 48000)],
    rationale: 'US television audio is 48 kHz; 24-bit WAV, encoded to AC-3 by the broadcaster.',
  },
  {
    platform: 'podcast',
    files: [
      upload('wav', 24, 'master'),
      mp3('v0', 'listener file (MP3, as podcast apps download)'),
    ],
    rationale:
      'Podcast hosts serve MP3 to listeners (Apple asks for at least 128 kbit/s MP3 or AAC); the WAV is the host’s archive copy.',
  },
  {
    platform: 'cd',
    files: [upload('wav', 16, 44100)],
    rationale:
      'Red Book CD audio is 16-bit/44.1 kHz stereo PCM: one WAV, converted, limited, then dithered (TPDF) and noise-shaped (Lipshitz) once for replication.',
  },
];

/** The set for one platform name (ids and aliases as `findPlatform` knows them). */
export function deliverableSetFor(name: string): { set: DeliverableSet; platform: PlatformTarget } {
  const platform = findPlatform(name);
  const set = platform && DELIVERABLE_SETS.find((s) => s.platform === platform.id);
  if (!platform || !set) {
    const known = DELIVERABLE_SETS.map((s) => s.platform).join(', ');
    const why = platform
      ? `"${name}" (${platform.name}) is a playback setting, not a destination`
      : `Unknown platform "${name}"`;
    throw new MixdownError('invalid-argument', `${why}; deliver to one of: ${known}.`);
  }
  return { set, platform };
}
