import { multibandProcessor } from '../master/processors/multiband.js';
import { stereoProcessor } from '../master/processors/stereo.js';
import { matchEqProcessor } from '../master/reference/match-eq.js';
import {
  compressorProcessor,
  deesserProcessor,
  gateProcessor,
  glueProcessor,
} from './dynamics/index.js';
import { eqProcessor } from './eq/index.js';
import { clipperProcessor, limiterProcessor, saturationProcessor } from './nonlinear/index.js';
import type { ProcessorDefinition } from './processor.js';
import { convolutionProcessor, delayProcessor, reverbProcessor } from './time/index.js';
import { gainProcessor } from './utility/gain.js';
import { panProcessor } from './utility/pan.js';
import { polarityProcessor } from './utility/polarity.js';
import { widthProcessor } from './utility/width.js';

/**
 * Every processor a session can name in `inserts`, by `type`. Adding a processor means
 * writing its DSP and declaration and listing it here; schema, validation, `--help` and
 * the contract test suite pick it up from this list.
 */
export const PROCESSORS: readonly ProcessorDefinition[] = [
  gainProcessor,
  polarityProcessor,
  panProcessor,
  widthProcessor,
  eqProcessor,
  compressorProcessor,
  glueProcessor,
  gateProcessor,
  deesserProcessor,
  delayProcessor,
  reverbProcessor,
  convolutionProcessor,
  saturationProcessor,
  clipperProcessor,
  limiterProcessor,
  multibandProcessor,
  stereoProcessor,
  matchEqProcessor,
] as unknown as readonly ProcessorDefinition[];

export function findProcessor(type: string): ProcessorDefinition | undefined {
  return PROCESSORS.find((p) => p.type === type);
}
