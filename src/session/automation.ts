import {
  checkScalar,
  type NumberParam,
  type ParamSpecs,
  resolveParam,
  type ScalarParam,
} from '../dsp/params.js';
import type { ProcessorDefinition } from '../dsp/processor.js';
import type { SessionIssue } from './issues.js';
import { positionProblem, type Tempo } from './positions.js';
import type { ParsedInsert } from './schema.js';
import { MASTER_PARAMS, SEND_PARAMS, STRIP_PARAMS } from './strip-params.js';
import type { StripEntry } from './strips.js';
import { closest } from './suggest.js';

/**
 * Automation addressing. A lane's `param` is a path relative to its strip — "gainDb",
 * "pan", "sends[0].levelDb", "inserts[1].thresholdDb", "inserts[0].bands[2].gainDb" — and
 * resolves through the same declarations the schema is built from, to a number parameter
 * that is declared automatable. Point values are checked against that declaration.
 */

const SEND_AUTOMATABLE = { levelDb: SEND_PARAMS.levelDb, pan: SEND_PARAMS.pan };

export type AutomationLookup =
  | { readonly ok: true; readonly spec: NumberParam }
  | { readonly ok: false; readonly message: string };

function stripParams(strip: StripEntry): ParamSpecs {
  return strip.kind === 'master' ? MASTER_PARAMS : STRIP_PARAMS;
}

function isAutomatable(spec: ScalarParam): spec is NumberParam {
  return spec.kind === 'number' && spec.automatable;
}

/** Items a group parameter of an insert actually has (defaults already filled in). */
function itemCount(insert: ParsedInsert | undefined, id: string): number {
  const items = insert?.[id];
  return Array.isArray(items) ? items.length : 0;
}

/** Every automatable path of a strip, for suggestions. */
export function automatablePaths(
  strip: StripEntry,
  processors: readonly ProcessorDefinition[],
): string[] {
  const paths: string[] = [];
  const collect = (specs: ParamSpecs, prefix: string, insert?: ParsedInsert): void => {
    for (const [id, spec] of Object.entries(specs)) {
      if (spec.kind !== 'group') {
        if (isAutomatable(spec)) paths.push(`${prefix}${id}`);
        continue;
      }
      for (let i = 0; i < itemCount(insert, id); i++) {
        for (const [itemId, itemSpec] of Object.entries(spec.items)) {
          if (isAutomatable(itemSpec)) paths.push(`${prefix}${id}[${i}].${itemId}`);
        }
      }
    }
  };
  collect(stripParams(strip), '');
  strip.sends.forEach((_, i) => {
    collect(SEND_AUTOMATABLE, `sends[${i}].`);
  });
  strip.inserts.forEach((insert, i) => {
    const definition = processors.find((p) => p.type === insert.type);
    if (definition) collect(definition.params, `inserts[${i}].`, insert);
  });
  return paths;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What a lane's `param` drives on `strip`, or why it drives nothing. */
export function automationTarget(
  strip: StripEntry,
  param: string,
  processors: readonly ProcessorDefinition[],
): AutomationLookup {
  const got = JSON.stringify(param);
  const fail = (message: string): AutomationLookup => ({ ok: false, message });

  let specs: ParamSpecs = stripParams(strip);
  let rest = param;
  let insert: ParsedInsert | undefined;
  const indexed = /^(sends|inserts)\[(\d+)\]\.(.+)$/.exec(param);
  if (indexed) {
    const [, list, index, tail] = indexed;
    const i = Number(index);
    rest = tail;
    if (list === 'sends') {
      if (i >= strip.sends.length) {
        return fail(
          `must name an existing send, got ${got}; this strip has ${count(strip.sends.length, 'send')}`,
        );
      }
      specs = SEND_AUTOMATABLE;
    } else {
      insert = strip.inserts[i];
      if (!insert) {
        return fail(
          `must name an existing insert, got ${got}; this strip has ${count(strip.inserts.length, 'insert')}`,
        );
      }
      const definition = processors.find((p) => p.type === insert?.type);
      // An unknown processor type is reported by the schema; nothing to resolve against.
      if (!definition) return fail(`cannot be resolved: inserts[${i}] has an unknown processor`);
      specs = definition.params;
    }
  }

  const address = resolveParam(specs, rest);
  if (!address) {
    const suggestion = closest(param, automatablePaths(strip, processors));
    const hint = suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`;
    return fail(`must name an automatable parameter of this strip, got ${got}${hint}`);
  }
  if (address.spec.kind !== 'number') {
    const kind = address.spec.kind === 'boolean' ? 'true or false' : `a ${address.spec.kind}`;
    return fail(`must name a number parameter, got ${got}, which is ${kind}`);
  }
  if (!address.spec.automatable) {
    return fail(`must name an automatable parameter, got ${got}, which is fixed for a render`);
  }
  if (address.index !== undefined && address.index >= itemCount(insert, address.id)) {
    return fail(
      `must name an existing item, got ${got}; this insert has ${count(itemCount(insert, address.id), `item`)} in "${address.id}"`,
    );
  }
  return { ok: true, spec: address.spec };
}

/** Problems in a strip's automation lanes: targets, values, positions, duplicate lanes. */
export function checkAutomation(
  strip: StripEntry,
  tempo: Tempo,
  processors: readonly ProcessorDefinition[],
): SessionIssue[] {
  const issues: SessionIssue[] = [];
  const lanes = new Map<string, string>();
  strip.automation.forEach((lane, l) => {
    const lanePath = `${strip.path}.automation[${l}]`;
    lane.points.forEach((point, p) => {
      const problem = positionProblem(point.time, tempo);
      if (problem)
        issues.push({ path: `${lanePath}.points[${p}].time`, message: problem, code: 'position' });
    });
    const earlier = lanes.get(lane.param);
    if (earlier !== undefined) {
      issues.push({
        path: `${lanePath}.param`,
        message: `must not repeat a parameter, got ${JSON.stringify(lane.param)}, which ${earlier} already drives`,
        code: 'automation',
      });
      return;
    }
    lanes.set(lane.param, lanePath);
    const target = automationTarget(strip, lane.param, processors);
    if (!target.ok) {
      issues.push({ path: `${lanePath}.param`, message: target.message, code: 'automation' });
      return;
    }
    lane.points.forEach((point, p) => {
      const problem = checkScalar(target.spec, point.value);
      if (problem) {
        const { min, max, unit } = target.spec;
        const range = `${lane.param} runs from ${min} to ${max}${unit === 'none' ? '' : ` ${unit}`}`;
        issues.push({
          path: `${lanePath}.points[${p}].value`,
          message: `${problem} (${range})`,
          code: 'automation',
        });
      }
    });
  });
  return issues;
}
