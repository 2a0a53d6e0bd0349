/**
 * Parameters declared as data (DESIGN.md, "The processor contract"; STYLE.md §4). One
 * declaration per parameter feeds the session's JSON Schema, validation with exact paths,
 * `--help` text, docs and the studio's knobs. Processors read typed values derived from the
 * same declaration, so nothing dispatches on parameter names by hand.
 */

export type ParamUnit =
  | 'dB'
  | 'Hz'
  | 'ms'
  | 's'
  | '%'
  | 'ratio'
  | 'Q'
  | 'octaves'
  | 'semitones'
  | 'cents'
  | 'beats'
  | 'none';

export interface NumberParam {
  readonly kind: 'number';
  readonly name: string;
  readonly unit: ParamUnit;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** How a knob or automation maps 0…1 onto the range. */
  readonly scale: 'linear' | 'log';
  /** Ramp time for changes while audio runs; 0 means the value may jump. */
  readonly smoothingMs: number;
  /** Whether automation lanes may drive it. */
  readonly automatable: boolean;
  readonly integer: boolean;
  readonly description: string;
}

export interface ChoiceParam<C extends string = string> {
  readonly kind: 'choice';
  readonly name: string;
  readonly choices: readonly C[];
  readonly default: C;
  readonly description: string;
}

export interface BooleanParam {
  readonly kind: 'boolean';
  readonly name: string;
  readonly default: boolean;
  readonly description: string;
}

/**
 * A file the processor reads (an impulse response), as a path relative to the project
 * folder. The engine loads it before creating the processor (see ProcessorDefinition).
 */
export interface FileParam {
  readonly kind: 'file';
  readonly name: string;
  readonly description: string;
}

export type ScalarParam = NumberParam | ChoiceParam | BooleanParam | FileParam;

/** A list of like items, e.g. the bands of an EQ: `bands[2].gainDb`. */
export interface GroupParam<S extends ScalarSpecs = ScalarSpecs> {
  readonly kind: 'group';
  readonly name: string;
  readonly minItems: number;
  readonly maxItems: number;
  readonly items: S;
  readonly description: string;
}

export type ParamSpec = ScalarParam | GroupParam;
export type ScalarSpecs = Readonly<Record<string, ScalarParam>>;
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

type ScalarValue<P> = P extends NumberParam
  ? number
  : P extends ChoiceParam<infer C>
    ? C
    : P extends BooleanParam
      ? boolean
      : P extends FileParam
        ? string
        : never;

type ScalarValues<S extends ScalarSpecs> = { -readonly [K in keyof S]: ScalarValue<S[K]> };

/** The typed values a processor works with, derived from its declaration. */
export type ParamValues<S extends ParamSpecs> = {
  -readonly [K in keyof S]: S[K] extends GroupParam<infer I>
    ? ScalarValues<I>[]
    : ScalarValue<S[K]>;
};

export type ParamValue = number | string | boolean;

// ---- declaration helpers -------------------------------------------------------------

export function num(spec: {
  name: string;
  unit: ParamUnit;
  min: number;
  max: number;
  default: number;
  scale?: 'linear' | 'log';
  smoothingMs?: number;
  automatable?: boolean;
  integer?: boolean;
  description: string;
}): NumberParam {
  return {
    kind: 'number',
    scale: 'linear',
    smoothingMs: 20,
    automatable: true,
    integer: false,
    ...spec,
  };
}

export function choice<const C extends string>(spec: {
  name: string;
  choices: readonly C[];
  default: NoInfer<C>;
  description: string;
}): ChoiceParam<C> {
  return { kind: 'choice', ...spec };
}

export function bool(spec: { name: string; default: boolean; description: string }): BooleanParam {
  return { kind: 'boolean', ...spec };
}

export function file(spec: { name: string; description: string }): FileParam {
  return { kind: 'file', ...spec };
}

export function group<const S extends ScalarSpecs>(spec: {
  name: string;
  minItems?: number;
  maxItems: number;
  items: S;
  description: string;
}): GroupParam<S> {
  return { kind: 'group', minItems: 0, ...spec };
}

// ---- values --------------------------------------------------------------------------

function scalarDefaults(specs: ScalarSpecs): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const [id, spec] of Object.entries(specs))
    values[id] = spec.kind === 'file' ? '' : spec.default;
  return values;
}

/** Default values for every parameter; groups start with `minItems` default items. */
export function defaultValues<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const values: Record<string, unknown> = {};
  for (const [id, spec] of Object.entries(specs)) {
    values[id] =
      spec.kind === 'group'
        ? Array.from({ length: spec.minItems }, () => scalarDefaults(spec.items))
        : spec.kind === 'file'
          ? ''
          : spec.default;
  }
  return values as ParamValues<S>;
}

/**
 * Values from a validated settings object: declared keys are taken, missing ones default,
 * group items are completed with defaults. Validation (paths, ranges) happens first, in
 * `validateParams`; this only fills in.
 */
export function valuesFromSettings<S extends ParamSpecs>(
  specs: S,
  settings: Readonly<Record<string, unknown>>,
): ParamValues<S> {
  const values = defaultValues(specs) as Record<string, unknown>;
  for (const [id, spec] of Object.entries(specs)) {
    const given = settings[id];
    if (given === undefined) continue;
    if (spec.kind === 'group') {
      values[id] = (given as Record<string, unknown>[]).map((item) => ({
        ...scalarDefaults(spec.items),
        ...pickDeclared(spec.items, item),
      }));
    } else {
      values[id] = given;
    }
  }
  return values as ParamValues<S>;
}

function pickDeclared(specs: ScalarSpecs, item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(specs)) if (item[id] !== undefined) out[id] = item[id];
  return out;
}

// ---- validation ----------------------------------------------------------------------

export interface ParamIssue {
  /** Path relative to the settings object, e.g. "bands[2].gainDb". */
  readonly path: string;
  readonly message: string;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Checks one value against its declaration; returns a message or undefined. */
export function checkScalar(spec: ScalarParam, value: unknown): string | undefined {
  switch (spec.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return `must be a number in ${spec.unit === 'none' ? '' : `${spec.unit} `}from ${spec.min} to ${spec.max}, got ${describe(value)}`;
      }
      if (value < spec.min) return `must be at least ${spec.min}, got ${value}`;
      if (value > spec.max) return `must be at most ${spec.max}, got ${value}`;
      if (spec.integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      return undefined;
    case 'choice':
      return spec.choices.includes(value as string)
        ? undefined
        : `must be one of ${spec.choices.map((c) => JSON.stringify(c)).join(', ')}, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false, got ${describe(value)}`;
  }
}

function checkScalars(
  specs: ScalarSpecs,
  settings: Record<string, unknown>,
  prefix: string,
  allowedExtra: ReadonlySet<string>,
  issues: ParamIssue[],
): void {
  for (const [key, value] of Object.entries(settings)) {
    const spec = specs[key];
    if (!spec) {
      if (!allowedExtra.has(key)) {
        issues.push({
          path: `${prefix}${key}`,
          message: `is not a parameter here; known parameters: ${Object.keys(specs).join(', ')}`,
        });
      }
      continue;
    }
    const problem = checkScalar(spec, value);
    if (problem) issues.push({ path: `${prefix}${key}`, message: problem });
  }
}

/**
 * Validates a settings object against declarations. `allowedExtra` names keys that belong
 * to the container (e.g. an insert's "type" and "bypass") rather than to the processor.
 */
export function validateParams(
  specs: ParamSpecs,
  settings: unknown,
  allowedExtra: ReadonlySet<string> = new Set(),
): ParamIssue[] {
  const issues: ParamIssue[] = [];
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return [{ path: '', message: `must be an object, got ${describe(settings)}` }];
  }
  const record = settings as Record<string, unknown>;
  const scalars: Record<string, ScalarParam> = {};
  for (const [id, spec] of Object.entries(specs)) {
    if (spec.kind !== 'group') {
      scalars[id] = spec;
      continue;
    }
    const given = record[id];
    if (given === undefined) continue;
    if (!Array.isArray(given)) {
      issues.push({ path: id, message: `must be a list, got ${describe(given)}` });
      continue;
    }
    if (given.length < spec.minItems || given.length > spec.maxItems) {
      issues.push({
        path: id,
        message: `must have ${spec.minItems === 0 ? 'at most' : `${spec.minItems} to`} ${spec.maxItems} items, got ${given.length}`,
      });
    }
    given.forEach((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        issues.push({ path: `${id}[${i}]`, message: `must be an object, got ${describe(item)}` });
      } else {
        checkScalars(
          spec.items,
          item as Record<string, unknown>,
          `${id}[${i}].`,
          new Set(),
          issues,
        );
      }
    });
  }
  const groupIds = new Set(Object.keys(specs).filter((id) => specs[id].kind === 'group'));
  checkScalars(scalars, record, '', new Set([...allowedExtra, ...groupIds]), issues);
  return issues;
}

// ---- addressing single parameters (automation) ---------------------------------------

export interface ParamAddress {
  readonly id: string;
  readonly index?: number;
  readonly item?: string;
  readonly spec: ScalarParam;
}

/** Resolves "ratio" or "bands[1].gainDb" against declarations; undefined if not declared. */
export function resolveParam(specs: ParamSpecs, path: string): ParamAddress | undefined {
  const match = /^([A-Za-z][\w]*)(?:\[(\d+)\]\.([A-Za-z][\w]*))?$/.exec(path);
  if (!match) return undefined;
  const [, id, index, item] = match;
  const spec = specs[id];
  if (!spec) return undefined;
  if (spec.kind === 'group') {
    if (index === undefined || item === undefined) return undefined;
    const itemSpec = spec.items[item];
    const i = Number(index);
    if (!itemSpec || i >= spec.maxItems) return undefined;
    return { id, index: i, item, spec: itemSpec };
  }
  return index === undefined ? { id, spec } : undefined;
}

/** Writes one addressed value into a values object (the group item must exist). */
export function assignParam(
  values: Record<string, unknown>,
  address: ParamAddress,
  value: ParamValue,
): void {
  if (address.index === undefined) {
    values[address.id] = value;
    return;
  }
  const items = values[address.id] as Record<string, ParamValue>[];
  const item = items[address.index];
  if (item && address.item) item[address.item] = value;
}

// ---- JSON Schema ---------------------------------------------------------------------

function scalarSchema(spec: ScalarParam): Record<string, unknown> {
  switch (spec.kind) {
    case 'number':
      return {
        type: spec.integer ? 'integer' : 'number',
        minimum: spec.min,
        maximum: spec.max,
        default: spec.default,
        description: `${spec.name}${spec.unit === 'none' ? '' : ` (${spec.unit})`}: ${spec.description}`,
      };
    case 'choice':
      return {
        enum: [...spec.choices],
        default: spec.default,
        description: `${spec.name}: ${spec.description}`,
      };
    case 'boolean':
      return {
        type: 'boolean',
        default: spec.default,
        description: `${spec.name}: ${spec.description}`,
      };
    case 'file':
      return {
        type: 'string',
        minLength: 1,
        description: `${spec.name} (path): ${spec.description}`,
      };
  }
}

/** JSON Schema properties for a settings object built from declarations. */
export function paramsSchemaProperties(specs: ParamSpecs): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [id, spec] of Object.entries(specs)) {
    if (spec.kind === 'group') {
      const items: Record<string, unknown> = {};
      for (const [itemId, itemSpec] of Object.entries(spec.items))
        items[itemId] = scalarSchema(itemSpec);
      properties[id] = {
        type: 'array',
        minItems: spec.minItems,
        maxItems: spec.maxItems,
        description: `${spec.name}: ${spec.description}`,
        items: { type: 'object', additionalProperties: false, properties: items },
      };
    } else {
      properties[id] = scalarSchema(spec);
    }
  }
  return properties;
}

/** One line per parameter for `--help` and docs. */
export function describeParams(specs: ParamSpecs, indent = '  '): string[] {
  const line = (id: string, spec: ScalarParam, pad: string): string => {
    switch (spec.kind) {
      case 'number':
        // A unitless range reads "0…20 (default 0)", not with a gap where the unit would be.
        return `${pad}${id}  ${spec.min}…${spec.max}${spec.unit === 'none' ? '' : ` ${spec.unit}`} (default ${spec.default}) — ${spec.description}`;
      case 'choice':
        return `${pad}${id}  ${spec.choices.join(' | ')} (default ${spec.default}) — ${spec.description}`;
      case 'boolean':
        return `${pad}${id}  true | false (default ${spec.default}) — ${spec.description}`;
      case 'file':
        return `${pad}${id}  <audio file> — ${spec.description}`;
    }
  };
  const lines: string[] = [];
  for (const [id, spec] of Object.entries(specs)) {
    if (spec.kind === 'group') {
      lines.push(`${indent}${id}[]  up to ${spec.maxItems} items — ${spec.description}`);
      for (const [itemId, itemSpec] of Object.entries(spec.items)) {
        lines.push(line(itemId, itemSpec, `${indent}  `));
      }
    } else {
      lines.push(line(id, spec, indent));
    }
  }
  return lines;
}
