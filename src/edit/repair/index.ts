/**
 * Repair operations of the edit stage: pure functions over a whole clip, each returning audio
 * of the same length, sample rate and channel count (aligned sample for sample with its
 * input) and a report. Their settings are declared as data for the session schema,
 * validation and `--help`; REPAIR_OPERATIONS lists them for the session and the CLI.
 */
import type { ParamSpecs } from '../../dsp/params.js';
import { declickOperation } from './declick.js';
import { declipOperation } from './declip.js';
import { dehumOperation } from './dehum.js';
import { denoiseOperation } from './denoise.js';
import type { RepairOperation, RepairReportBase } from './operation.js';

export {
  type DeclickReport,
  type DeclickSettings,
  declick,
  declickOperation,
  declickSettings,
  type RepairedClick,
} from './declick.js';
export {
  type DeclipChannelReport,
  type DeclipReport,
  type DeclipSettings,
  declip,
  declipOperation,
  declipSettings,
} from './declip.js';
export {
  type DehumReport,
  type DehumSettings,
  dehum,
  dehumOperation,
  dehumSettings,
  type HumHarmonicReport,
  MAX_HUM_HARMONIC,
} from './dehum.js';
export {
  type DenoiseReport,
  type DenoiseSettings,
  type DenoiseShadowResult,
  denoise,
  denoiseOperation,
  denoiseSettings,
  denoiseWithShadows,
} from './denoise.js';
export type {
  RepairOperation,
  RepairOperationId,
  RepairReportBase,
  RepairResult,
} from './operation.js';

/** Every repair operation, by id. */
export const REPAIR_OPERATIONS: readonly RepairOperation<ParamSpecs, RepairReportBase>[] = [
  denoiseOperation,
  dehumOperation,
  declickOperation,
  declipOperation,
] as unknown as readonly RepairOperation<ParamSpecs, RepairReportBase>[];

export function findRepairOperation(
  id: string,
): RepairOperation<ParamSpecs, RepairReportBase> | undefined {
  return REPAIR_OPERATIONS.find((op) => op.id === id);
}
export { type ClickEvent, clickEvents } from './click-events.js';
