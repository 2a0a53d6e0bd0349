import { createHash } from 'node:crypto';
import { type CompliantRender, type RenderSpec, renderCompliant } from './compliance-loop.js';
import { embedTags } from './embed-tags.js';
import type { LoopSource } from './loop-source.js';
import type { ReleaseTags } from './tags.js';

/**
 * Aims: one deliverable's finished bytes — the compliance loop's file with the release tags
 * and the loudness figures (bext, coding history) embedded — and their SHA-256. Runs the same
 * on the main thread and in a delivery worker.
 */

export interface TaggedRender {
  readonly render: CompliantRender;
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

export async function renderAndTag(
  source: LoopSource,
  spec: RenderSpec,
  ceilingDbtp: number,
  masterRate: number,
  tags: ReleaseTags,
): Promise<TaggedRender> {
  const render = await renderCompliant(source, spec, ceilingDbtp);
  const r = render.report;
  const bytes = embedTags(render.bytes, spec.format, tags, {
    loudness: {
      integratedLufs: r.integratedLufs,
      loudnessRangeLu: r.loudnessRangeLu,
      truePeakDbtp: r.truePeakDbtp,
      maxMomentaryLufs: r.maxMomentaryLufs,
      maxShortTermLufs: r.maxShortTermLufs,
    },
    codingHistory: codingHistory(spec, render, masterRate),
  });
  return { render, bytes, sha256: sha256(bytes) };
}

/** EBU R 98: A=algorithm, F=rate, W=word length, M=mode, T=free text (no commas in it). */
function codingHistory(spec: RenderSpec, render: CompliantRender, masterRate: number): string {
  const steps = ['mixdown deliver'];
  if (spec.sampleRate !== masterRate) steps.push(`SRC ${masterRate}->${spec.sampleRate} Hz`);
  const limit = render.passes[render.passes.length - 1].preEncodeCeilingDbtp;
  if (limit !== null) steps.push(`true-peak limit ${limit.toFixed(2)} dBTP`);
  if (render.dithered) {
    steps.push(
      spec.noiseShaping ? `TPDF dither with ${spec.noiseShaping.id} noise shaping` : 'TPDF dither',
    );
  }
  const mode = spec.channels === 1 ? 'mono' : 'stereo';
  return `A=PCM,F=${spec.sampleRate},W=${spec.bitDepth ?? 24},M=${mode},T=${steps.join('; ')}`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
