import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { writeAudio, writeFileAtomic } from '../io/index.js';
import { PLATFORMS } from './platforms.js';
import {
  DEFAULT_PREVIEW_SECONDS,
  DEVICES,
  type Excerpt,
  loudestExcerpt,
  type MonoFoldDown,
  renderDevicePreview,
  renderPlatformPreview,
} from './previews/index.js';

/**
 * Translation previews on disk: `<master>-previews/` beside the master, holding the loudest
 * stretch of it as each device class plays it (`device-<id>.wav`) and as each normalising
 * platform plays it (`platform-<id>.wav`), plus `previews.json` saying what each file is.
 * Every file is written atomically. Files are 32-bit float WAV: a car's cabin gain or a
 * platform turning a quiet master up can take a preview past full scale, and an integer file
 * would clip what the listener is meant to judge. A preview whose two channels are equal by
 * construction (a one-speaker device, a mono master) is written as one channel.
 */

export const PREVIEWS_FORMAT = 'mixdown-previews';
export const MIN_PREVIEW_SECONDS = 1;
export const MAX_PREVIEW_SECONDS = 120;

export interface WrittenPreview {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly channels: number;
}

export interface PreviewManifest {
  readonly format: typeof PREVIEWS_FORMAT;
  readonly version: 1;
  readonly master: string;
  readonly sampleRate: number;
  readonly excerpt: {
    readonly startFrame: number;
    readonly frames: number;
    readonly startSeconds: number;
    readonly seconds: number;
  };
  readonly devices: readonly (WrittenPreview & {
    readonly mono: boolean;
    readonly curve: string;
  })[];
  readonly platforms: readonly (WrittenPreview & {
    readonly targetLufs: number | null;
    readonly gainDb: number;
    readonly limited: boolean;
    readonly summary: string;
  })[];
  readonly monoFold?: MonoFoldDown;
}

/** `<dir>/<stem>-previews` for a master at `<dir>/<stem>.<ext>`. */
export function previewsDirFor(masterPath: string): string {
  return join(dirname(masterPath), `${basename(masterPath, extname(masterPath))}-previews`);
}

export async function writePreviews(options: {
  readonly master: AudioData;
  readonly masterName: string;
  readonly dir: string;
  readonly seconds?: number;
  readonly monoFold?: MonoFoldDown;
}): Promise<{ readonly manifest: PreviewManifest; readonly paths: readonly string[] }> {
  const { master, dir } = options;
  const seconds = options.seconds ?? DEFAULT_PREVIEW_SECONDS;
  if (!(seconds >= MIN_PREVIEW_SECONDS && seconds <= MAX_PREVIEW_SECONDS)) {
    throw new MixdownError(
      'invalid-argument',
      `Previews are ${MIN_PREVIEW_SECONDS} to ${MAX_PREVIEW_SECONDS} s long, got ${seconds}.`,
    );
  }
  // One excerpt for every file, so switching between them compares like with like.
  const excerpt: Excerpt = loudestExcerpt(master, seconds);
  const masterIsMono = master.channels.length === 1;
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  const save = async (file: string, audio: AudioData, mono: boolean) => {
    const out = mono ? { sampleRate: audio.sampleRate, channels: [audio.channels[0]] } : audio;
    const path = join(dir, file);
    await writeAudio(path, out, {
      format: 'wav',
      sampleRate: out.sampleRate,
      channels: out.channels.length,
      bitDepth: 32,
    });
    paths.push(path);
    return out.channels.length;
  };

  const devices = [];
  for (const device of DEVICES) {
    const preview = renderDevicePreview(master, device, { excerpt });
    const file = `device-${device.id}.wav`;
    const channels = await save(file, preview.audio, device.mono || masterIsMono);
    devices.push({
      id: device.id,
      name: device.name,
      file,
      channels,
      mono: device.mono,
      curve: device.description,
    });
  }
  const platforms = [];
  // Only destinations that normalise: elsewhere the preview would be the master itself.
  for (const platform of PLATFORMS.filter((p) => p.targetLufs !== null)) {
    const preview = renderPlatformPreview(master, platform, { excerpt });
    const file = `platform-${platform.id}.wav`;
    const channels = await save(file, preview.audio, masterIsMono);
    platforms.push({
      id: platform.id,
      name: platform.name,
      file,
      channels,
      targetLufs: platform.targetLufs,
      gainDb: preview.gainDb,
      limited: preview.limited,
      summary: preview.playback.summary,
    });
  }
  const manifest: PreviewManifest = {
    format: PREVIEWS_FORMAT,
    version: 1,
    master: options.masterName,
    sampleRate: master.sampleRate,
    excerpt: {
      ...excerpt,
      startSeconds: excerpt.startFrame / master.sampleRate,
      seconds: excerpt.frames / master.sampleRate,
    },
    devices,
    platforms,
    ...(options.monoFold ? { monoFold: options.monoFold } : {}),
  };
  const manifestPath = join(dir, 'previews.json');
  // JSON has no −∞: a loss that cancels completely is written as null.
  await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, paths: [...paths, manifestPath] };
}
