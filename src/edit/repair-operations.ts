import { diagnostic } from '../core/diagnostics.js';
import type { ParamSpecs } from '../dsp/params.js';
import type { EditOperation } from './operation.js';
import { REPAIR_OPERATIONS } from './repair/index.js';
import type { RepairOperation, RepairReportBase } from './repair/operation.js';

/**
 * The repair operations as edit operations: their settings are the declared parameters,
 * their report's summary and diagnostics become the findings `mixdown edit` prints.
 */
function asEditOperation(repair: RepairOperation<ParamSpecs, RepairReportBase>): EditOperation {
  return {
    op: repair.id,
    name: repair.name,
    description: repair.description,
    params: repair.settings,
    apply(audio, values) {
      const { audio: repaired, report } = repair.run(audio, values as Record<string, unknown>);
      return {
        audio: repaired,
        findings: [
          diagnostic(`${repair.id}-summary`, 'info', report.summary),
          ...report.diagnostics,
        ],
      };
    },
  };
}

export const REPAIR_EDIT_OPERATIONS: readonly EditOperation[] =
  REPAIR_OPERATIONS.map(asEditOperation);
