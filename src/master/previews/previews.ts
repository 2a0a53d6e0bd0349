import { LoudnessMeter, TruePeakMeter } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { dbToGain, gainToDb } from '../../core/units.js';
import { type PlatformPlayback, predictPlayback } from '../platform-playback.js';
import type { PlatformTarget } from '../platforms.js';
import { renderInserts } from '../reference/index.js';
import { type DeviceProfile, findDevice } from './devices.js';
import { cutExcerpt, type Excerpt, loudestExcerpt } from './excerpt.js';

/**
 * Translation previews: short excerpts of a master as a device would play it (its curve,
 * in mono where it has one speaker) and as a platform would play it (its normalisation gain,
 * predicted by `predictPlayback` from the whole master's loudness and true peak; where the
 * platform raises a track into its own limiter, that limiter too). Previews are stereo
 * whatever the master, so every file plays the same way; a mono master is duplicated.
 */

export interface PreviewOptions {
  /** Which part of the master (default: the loudest 20 s). */
  readonly excerpt?: Excerpt;
}

export interface DevicePreview {
  readonly device: DeviceProfile;
  readonly excerpt: Excerpt;
  readonly audio: AudioData;
}

export interface PlatformPreview {
  readonly platform: PlatformTarget;
  readonly playback: PlatformPlayback;
  /** The gain applied (dB): the platform's predicted normalisation; 0 when unpredictable. */
  readonly gainDb: number;
  /** True when the platform's own limiter was applied too. */
  readonly limited: boolean;
  readonly excerpt: Excerpt;
  readonly audio: AudioData;
}

export function renderDevicePreview(
  master: AudioData,
  device: DeviceProfile | string,
  options: PreviewOptions = {},
): DevicePreview {
  const profile = typeof device === 'string' ? findDevice(device) : device;
  if (!profile) {
    throw new MixdownError(
      'invalid-argument',
      `Unknown device "${String(device)}"; choose phone, laptop, earbuds, car or club.`,
    );
  }
  const excerpt = options.excerpt ?? loudestExcerpt(master);
  let audio = stereo(cutExcerpt(master, excerpt));
  if (profile.mono) audio = foldToMono(audio);
  audio = renderInserts(audio, profile.inserts);
  return { device: profile, excerpt, audio };
}

export function renderPlatformPreview(
  master: AudioData,
  platform: PlatformTarget,
  options: PreviewOptions = {},
): PlatformPreview {
  const playback = predictPlayback(platform, measure(master));
  const gainDb = playback.gainDb ?? 0;
  const excerpt = options.excerpt ?? loudestExcerpt(master);
  const cut = stereo(cutExcerpt(master, excerpt));
  const limiterDb = platform.upwardGain === 'limited' ? platform.playbackLimiterDb : undefined;
  const peaks = playback.playbackTruePeakDbtp;
  // predictPlayback caps the true peak at the platform limiter when it would act.
  const limited = limiterDb !== undefined && gainDb > 0 && peaks !== null && peaks >= limiterDb;
  const audio = limited
    ? renderInserts(cut, [
        { type: 'limiter', ceilingDbtp: limiterDb, inputGainDb: gainDb, lookaheadMs: 5 },
      ])
    : scaled(cut, gainDb);
  return { platform, playback, gainDb, limited, excerpt, audio };
}

function measure(master: AudioData): { integratedLufs: number; truePeakDbtp: number } {
  const spec = { sampleRate: master.sampleRate, channels: master.channels.length };
  const loudness = new LoudnessMeter(spec);
  const peak = new TruePeakMeter(spec);
  loudness.push(master.channels, frameCount(master));
  peak.push(master.channels, frameCount(master));
  return {
    integratedLufs: loudness.result().integratedLufs,
    truePeakDbtp: gainToDb(Math.max(...peak.result().truePeaks)),
  };
}

function stereo(audio: AudioData): AudioData {
  if (audio.channels.length === 2) return audio;
  if (audio.channels.length === 1) {
    return {
      sampleRate: audio.sampleRate,
      channels: [audio.channels[0], audio.channels[0].slice()],
    };
  }
  throw new MixdownError(
    'unsupported-format',
    `Previews are made from mono or stereo masters; this one has ${audio.channels.length} channels.`,
  );
}

/** (L + R)/2 on both sides: one speaker. */
export function foldToMono(audio: AudioData): AudioData {
  const [l, r] = audio.channels;
  const m = l.map((v, i) => (v + r[i]) * 0.5);
  return { sampleRate: audio.sampleRate, channels: [m, m.slice()] };
}

function scaled(audio: AudioData, gainDb: number): AudioData {
  if (gainDb === 0) return audio;
  const g = dbToGain(gainDb);
  return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.map((v) => v * g)) };
}
