import type { ByteSource } from './byte-source.js';
import { fileError, formatDuration } from './io-errors.js';

/**
 * Checks shared by the chunked PCM formats (WAV and AIFF): both keep a header of chunks
 * and one block of sample frames whose declared size can disagree with the file.
 */

/** The file stops before the chunk that should hold the format or the audio is complete. */
export function headerTruncated(source: ByteSource): Error {
  return fileError(
    'truncated-file',
    source.name,
    `the file ends inside its header, after only ${source.size} bytes (truncated)`,
    're-export or re-copy it',
  );
}

export function corruptHeader(source: ByteSource, what: string): Error {
  return fileError('corrupt-file', source.name, what, 're-export it from its source');
}

export function noAudio(source: ByteSource, why: string): Error {
  return fileError(
    'no-audio',
    source.name,
    `the file holds no audio (${why})`,
    'export it again with the audio included',
  );
}

export interface DeclaredAudio {
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly frameBytes: number;
  readonly sampleRate: number;
  /**
   * Whether the container's own length field (RIFF or FORM size) agrees with the file size.
   * If it does, the file was not cut short: the audio chunk's size field is what is wrong.
   */
  readonly containerFitsFile: boolean;
}

/**
 * Whole frames the audio chunk holds, after making sure the file really contains them.
 * A file cut short (a copy interrupted, a download stopped) and a header that claims more
 * audio than the file holds get different codes, because the fixes differ.
 */
export function checkedFrameCount(source: ByteSource, declared: DeclaredAudio): number {
  const declaredFrames = Math.floor(declared.dataBytes / declared.frameBytes);
  const available = Math.max(0, source.size - declared.dataOffset);
  if (declared.dataBytes <= available) return declaredFrames;
  const availableFrames = Math.floor(available / declared.frameBytes);
  const has = formatDuration(availableFrames / declared.sampleRate);
  const claims = formatDuration(declaredFrames / declared.sampleRate);
  if (declared.containerFitsFile) {
    throw fileError(
      'corrupt-file',
      source.name,
      `its header declares ${claims} of audio but the file holds only ${has} (the header is wrong)`,
      're-export it from its source',
    );
  }
  throw audioTruncated(source.name, availableFrames, declaredFrames, declared.sampleRate);
}

/** The audio stops before the length its header declares. */
export function audioTruncated(
  name: string,
  availableFrames: number,
  declaredFrames: number,
  sampleRate: number,
): Error {
  const has = formatDuration(availableFrames / sampleRate);
  const claims = formatDuration(declaredFrames / sampleRate);
  return fileError(
    'truncated-file',
    name,
    `the file ends after ${has} of the ${claims} its header declares (truncated)`,
    're-export or re-copy it',
  );
}
