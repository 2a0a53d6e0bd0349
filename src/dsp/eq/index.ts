export { BAND_TYPES, type BandType } from './analog-prototypes.js';
export { BUTTERWORTH_SLOPES } from './butterworth.js';
export {
  Crossover,
  type CrossoverOptions,
  type LinkwitzRileyOrder,
  linkwitzRileyAllpass,
  linkwitzRileySections,
  MAX_CROSSOVER_BANDS,
} from './crossover.js';
export { EqProcessor, eqProcessor } from './eq.js';
export { eqParams } from './eq-params.js';
