import type { AudioData } from '../../core/audio.js';
import { createAudio, frameCount } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { validateParams, valuesFromSettings } from '../../dsp/params.js';
import type { Processor } from '../../dsp/processor.js';
import { findProcessor } from '../../dsp/registry.js';
import type { InsertDocument } from '../../session/schema.js';

/**
 * Runs inserts (session format) over audio held in memory, each stage's latency removed, so
 * the output lines up with the input sample for sample and has its length: what the
 * mastering chain runner does, in its smallest form, for analysis-side renders (matched
 * previews, device previews, tests). Inserts are validated against their declarations first;
 * a bad one is refused with its path.
 */
export function renderInserts(audio: AudioData, inserts: readonly InsertDocument[]): AudioData {
  let current = audio;
  inserts.forEach((insert, i) => {
    if (insert.bypass) return;
    current = renderOne(current, createProcessor(insert, `inserts[${i}]`));
  });
  return current;
}

export function createProcessor(insert: InsertDocument, path: string): Processor {
  const definition = findProcessor(insert.type);
  if (!definition) {
    throw new MixdownError('invalid-argument', `${path}.type: unknown processor "${insert.type}".`);
  }
  const { type: _type, bypass: _bypass, sidechain: _sidechain, ...settings } = insert;
  const issues = validateParams(definition.params, settings);
  if (issues.length > 0) {
    throw new MixdownError('invalid-argument', `${path}.${issues[0].path}: ${issues[0].message}.`);
  }
  return definition.create(valuesFromSettings(definition.params, settings));
}

const BLOCK = 1024;

/** One processor over the whole audio, fed `latency` frames of silence at the end. */
export function renderOne(audio: AudioData, processor: Processor): AudioData {
  const frames = frameCount(audio);
  const channels = audio.channels.length;
  processor.prepare({ sampleRate: audio.sampleRate, maxBlockSize: BLOCK, channels });
  processor.reset();
  const latency = processor.latency;
  const out = createAudio(audio.sampleRate, channels, frames);
  const work = Array.from({ length: channels }, () => new Float32Array(BLOCK));
  const block = { channels: work, length: 0 };
  for (let start = 0; start < frames + latency; start += BLOCK) {
    const n = Math.min(BLOCK, frames + latency - start);
    for (let c = 0; c < channels; c++) {
      const source = audio.channels[c];
      const w = work[c];
      for (let i = 0; i < n; i++) w[i] = start + i < frames ? source[start + i] : 0;
    }
    block.length = n;
    processor.process(block);
    // Output frame j (input-aligned) is the processed frame j + latency.
    for (let i = 0; i < n; i++) {
      const j = start + i - latency;
      if (j < 0 || j >= frames) continue;
      for (let c = 0; c < channels; c++) out.channels[c][j] = work[c][i];
    }
  }
  return out;
}
