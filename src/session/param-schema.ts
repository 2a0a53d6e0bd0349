import { z } from 'zod';
import {
  defaultValues,
  type FileParam,
  type ParamSpec,
  type ParamSpecs,
  type ParamValues,
  type ScalarParam,
} from '../dsp/params.js';

/**
 * Parameter declarations (src/dsp/params.ts) as zod schemas: the one place where a declared
 * range becomes a document rule, for processors and the session's own controls alike.
 * Descriptions come from the declarations, so they reach the published JSON Schema and the
 * hints an editor shows.
 */

/** The value type a declaration stands for (number, choice literal, boolean, path, list). */
export type ParamValueOf<P extends ParamSpec> = ParamValues<{ readonly v: P }>['v'];

/** In a document every parameter may be left out: it then takes its default. */
export type ParamField<P extends ParamSpec> = P extends FileParam
  ? z.ZodOptional<z.ZodType<string, string>>
  : z.ZodDefault<z.ZodType<ParamValueOf<P>, ParamValueOf<P>>>;

export type ParamShape<S extends ParamSpecs> = { -readonly [K in keyof S]: ParamField<S[K]> };

export function describeParam(spec: ParamSpec): string {
  const unit = spec.kind === 'number' && spec.unit !== 'none' ? ` (${spec.unit})` : '';
  return `${spec.name}${unit}: ${spec.description}`;
}

function scalarValueSchema(spec: ScalarParam): z.ZodType {
  switch (spec.kind) {
    case 'number': {
      const range = z.number().min(spec.min).max(spec.max);
      return spec.integer ? range.int() : range;
    }
    case 'choice':
      return z.enum(spec.choices as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
    case 'file':
      return z.string().min(1);
  }
}

/** The schema of one value, without a default (for fields that stay optional). */
export function paramValueSchema<P extends ParamSpec>(
  spec: P,
): z.ZodType<ParamValueOf<P>, ParamValueOf<P>> {
  const schema =
    spec.kind === 'group'
      ? z
          .array(z.strictObject(paramShape(spec.items)))
          .min(spec.minItems)
          .max(spec.maxItems)
      : scalarValueSchema(spec);
  return schema.describe(describeParam(spec)) as z.ZodType<ParamValueOf<P>, ParamValueOf<P>>;
}

/** The schema of one document field: optional, filled with the declared default. */
export function paramField<P extends ParamSpec>(spec: P): ParamField<P> {
  const value = paramValueSchema(spec);
  if (spec.kind === 'file') return value.optional() as unknown as ParamField<P>;
  // A fresh default each time, so a filled-in list is never shared between documents.
  const fresh = (): unknown => structuredClone(defaultValues({ v: spec }).v);
  return (value as z.ZodType).default(fresh).describe(describeParam(spec)) as ParamField<P>;
}

/** Document fields for every declared parameter. */
export function paramShape<S extends ParamSpecs>(specs: S): ParamShape<S> {
  const shape: Record<string, z.ZodType> = {};
  for (const [id, spec] of Object.entries(specs)) shape[id] = paramField(spec);
  return shape as ParamShape<S>;
}
