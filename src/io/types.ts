/**
 * The shapes every decoder and encoder speaks. Readers stream: `readInto` fills caller-owned
 * planar buffers, so memory does not grow with a file's length (except Ogg, untagged MP3 and
 * length-less FLAC, decoded whole first: see compressed-decoders.ts). Writers stream too, into a
 * temporary file that is renamed into place only by `close()` (DESIGN.md, "Nothing lost").
 */

export type ContainerFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg-vorbis' | 'ogg-opus';

export type SampleFormat = 'int' | 'float';

export interface AudioInfo {
  /** The file this came from, as given by the caller (for messages). */
  readonly path: string;
  readonly format: ContainerFormat;
  /** Human-readable codec description, e.g. "PCM 24-bit", "IEEE float 32-bit", "MP3 320 kbit/s". */
  readonly codec: string;
  readonly sampleRate: number;
  readonly channels: number;
  /** Sample frames in the file. */
  readonly frames: number;
  /** Stored bits per sample where the format has one (PCM, FLAC); undefined for lossy codecs. */
  readonly bitDepth?: number;
  readonly sampleFormat?: SampleFormat;
  /** WAVE_FORMAT_EXTENSIBLE channel mask, when the file declares one. */
  readonly channelMask?: number;
}

export interface AudioReader {
  readonly info: AudioInfo;
  /**
   * Read up to `maxFrames` frames into `channels` (one array per channel, each at least
   * `maxFrames` long), starting at index 0 of each. Returns the number of frames read;
   * 0 means the end of the audio. Throws MixdownError on corrupt data, naming the file.
   */
  readInto(channels: Float32Array[], maxFrames: number): Promise<number>;
  /**
   * Make the next `readInto` start at `frame` (0 … info.frames). Every reader mixdown opens
   * has it (see SeekableAudioReader); it is optional here so that simple test readers need
   * not. WAV, AIFF and decoded-in-memory audio seek instantly; streamed FLAC and MP3 decode
   * forward to the frame, and restart from the beginning to go back.
   */
  seek?(frame: number): void;
  close(): Promise<void>;
}

/** What `openAudio` returns: a reader that can also seek. */
export interface SeekableAudioReader extends AudioReader {
  seek(frame: number): void;
}

export type EncodeFormat = 'wav' | 'flac' | 'mp3' | 'ogg-vorbis';

export interface EncodeOptions {
  readonly format: EncodeFormat;
  readonly sampleRate: number;
  readonly channels: number;
  /** WAV: 16 | 24 (PCM) or 32 (float); FLAC: 16 | 24. Default 24. */
  readonly bitDepth?: 16 | 24 | 32;
  /** MP3: 'cbr320' or 'v0'; Ogg Vorbis: quality via `vorbisQuality`. */
  readonly mp3Mode?: 'cbr320' | 'v0';
  /** Ogg Vorbis quality, −1…10 (default 6). */
  readonly vorbisQuality?: number;
  /**
   * WAV only: the WAVE_FORMAT_EXTENSIBLE speaker mask to record (e.g. the `channelMask` a
   * source file declared). Default: front centre for mono, front left|right for stereo,
   * 0 ("no particular layout") for more channels.
   */
  readonly channelMask?: number;
}

export interface AudioWriter {
  /** Append `frames` frames from planar `channels` (float, nominally within ±1). */
  write(channels: readonly Float32Array[], frames: number): Promise<void>;
  /** Finish the file and rename it into place under its final name. */
  close(): Promise<void>;
  /** Give up: remove the temporary file, leaving nothing under the final name. */
  abort(): Promise<void>;
}
