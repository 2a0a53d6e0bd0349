import { extname } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MixdownError } from '../core/errors.js';
import { readAudio, writeAudio } from '../io/index.js';
import type { AudioInfo, EncodeOptions } from '../io/types.js';
import { applyEdits } from '../mix/edited-sources.js';
import type { ResolvedEdit } from '../session/resolved.js';

export interface FileEditResult {
  readonly findings: readonly Diagnostic[];
  readonly input: AudioInfo;
  readonly output: string;
}

/**
 * Applies edit operations to a plain audio file and writes the result (atomically) in a
 * format chosen by the output's extension: FLAC 24-bit for .flac; for .wav the input's PCM
 * depth (16/24) or 32-bit float. The source file is never touched.
 */
export async function editFile(
  input: string,
  output: string,
  edits: readonly ResolvedEdit[],
): Promise<FileEditResult> {
  const decoded = await readAudio(input);
  const { audio, findings } = applyEdits(decoded, edits);
  await writeAudio(
    output,
    audio,
    outputOptions(output, decoded.info, audio.sampleRate, audio.channels.length),
  );
  return { findings, input: decoded.info, output };
}

function outputOptions(
  output: string,
  info: AudioInfo,
  sampleRate: number,
  channels: number,
): EncodeOptions {
  const extension = extname(output).toLowerCase();
  if (extension === '.flac') return { format: 'flac', sampleRate, channels, bitDepth: 24 };
  if (extension === '.wav') {
    const pcm = info.sampleFormat === 'int' && (info.bitDepth === 16 || info.bitDepth === 24);
    return { format: 'wav', sampleRate, channels, bitDepth: pcm ? (info.bitDepth as 16 | 24) : 32 };
  }
  throw new MixdownError('invalid-argument', `${output}: write the edited audio as .wav or .flac.`);
}
