import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resampler } from '../dsp/resample/index.js';
import { createWriter, openAudio } from '../io/index.js';
import type { ResolvedSource } from '../session/resolved.js';

/** Frames read from the source per step (memory stays this size whatever the file's length). */
const CHUNK_FRAMES = 16384;

/**
 * Converts a source to the session's sample rate once, streaming, into the project's
 * render cache (a 32-bit float WAV named by the source's content hash and the rate), and
 * returns its path. Output is time-aligned with the source (the resampler's latency is
 * dropped) and lasts round(frames · rate / sourceRate) frames. A cached file is reused:
 * it is written atomically, so one that exists is complete.
 */
export async function resampleFileToCache(
  source: ResolvedSource,
  sessionRate: number,
  cacheDir: string,
): Promise<string> {
  const path = join(cacheDir, `${source.sha256.slice(0, 24)}-${sessionRate}.wav`);
  if (existsSync(path)) return path;
  const reader = await openAudio(source.absolutePath);
  const channels = reader.info.channels;
  const resampler = new Resampler({
    inputRateHz: reader.info.sampleRate,
    outputRateHz: sessionRate,
    channels,
  });
  const writer = await createWriter(path, {
    format: 'wav',
    sampleRate: sessionRate,
    channels,
    bitDepth: 32,
  });
  const input = Array.from({ length: channels }, () => new Float32Array(CHUNK_FRAMES));
  const output = Array.from(
    { length: channels },
    () =>
      new Float32Array(
        Math.max(resampler.maxOutputFramesFor(CHUNK_FRAMES), resampler.maxFlushFrames),
      ),
  );
  let toSkip = resampler.latencyOutputFrames;
  const emit = async (frames: number): Promise<void> => {
    const skip = Math.min(toSkip, frames);
    toSkip -= skip;
    if (frames > skip)
      await writer.write(
        output.map((o) => o.subarray(skip, frames)),
        frames - skip,
      );
  };
  try {
    for (;;) {
      const n = await reader.readInto(input, CHUNK_FRAMES);
      if (n === 0) break;
      await emit(resampler.process(input, n, output));
    }
    await emit(resampler.flush(output));
    await writer.close();
    return path;
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    await reader.close();
  }
}
