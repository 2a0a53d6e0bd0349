import type { z } from 'zod';
import { describeValue, formatPath, type SessionIssue } from './issues.js';
import { didYouMean } from './suggest.js';

/**
 * zod's findings as mixdown messages: "must be at least 1, got 0.5" with the exact document
 * path. Messages are written by a per-parse error map (which sees the offending value), so
 * schemas with a message of their own (colours, positions, processor types) keep it.
 */

/** The raw issue an error map receives (zod passes the schema that raised it as `inst`). */
type RawIssue = z.core.$ZodRawIssue & { inst?: unknown; path?: PropertyKey[] };

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
};

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function sizeMessage(
  bound: 'at least' | 'at most',
  strictWord: 'more than' | 'less than',
  issue: { origin?: string; inclusive?: boolean; input?: unknown },
  limit: number | bigint,
): string {
  const got = describeValue(issue.input);
  switch (issue.origin) {
    case 'array': {
      const count = Array.isArray(issue.input) ? issue.input.length : got;
      return `must have ${bound} ${limit} item${limit === 1 ? '' : 's'}, got ${count}`;
    }
    case 'string':
      return bound === 'at least' && limit === 1
        ? 'must not be empty'
        : `must be ${bound} ${limit} characters long, got ${got}`;
    default:
      return `must be ${issue.inclusive === false ? strictWord : bound} ${limit}, got ${got}`;
  }
}

function messageFor(issue: RawIssue): string {
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
    case 'too_small':
      return sizeMessage('at least', 'more than', issue, issue.minimum);
    case 'too_big':
      return sizeMessage('at most', 'less than', issue, issue.maximum);
    case 'invalid_value': {
      const hint =
        typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)) : '';
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}, got ${got}`
        : `must be one of ${quoteAll(issue.values)}, got ${got}${hint}`;
    }
    case 'invalid_format':
      return `must match ${issue.pattern ?? `the ${issue.format} format`}, got ${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${got}`;
    case 'invalid_union':
      return `is not any of the allowed forms, got ${got}`;
    case 'unrecognized_keys':
      // Replaced per key in `toSessionIssues`, which knows the allowed keys.
      return 'is not a known key';
    default:
      return `is not valid, got ${got}`;
  }
}

/** The declared keys of the strict object that raised an unrecognized_keys issue. */
function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } })?._zod?.def
    ?.shape;
  return shape ? Object.keys(shape) : [];
}

export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: SessionIssue[] };

/** Parses `input` and returns either the value or every problem, in document order. */
export function parseWithIssues<S extends z.ZodType>(
  schema: S,
  input: unknown,
): ParseOutcome<z.output<S>> {
  const allowedKeys = new Map<string, string[]>();
  const result = schema.safeParse(input, {
    error: (raw) => {
      const issue = raw as RawIssue;
      if (issue.code === 'unrecognized_keys') {
        allowedKeys.set(
          formatPath((issue.path ?? []) as (string | number)[]),
          shapeKeys(issue.inst),
        );
      }
      return messageFor(issue);
    },
  });
  if (result.success) return { ok: true, value: result.data };

  const issues: SessionIssue[] = [];
  for (const issue of result.error.issues) {
    const segments = issue.path as (string | number)[];
    const path = formatPath(segments);
    if (issue.code !== 'unrecognized_keys') {
      issues.push({ path, message: issue.message, code: 'schema' });
      continue;
    }
    const known = allowedKeys.get(path) ?? [];
    for (const key of issue.keys) {
      issues.push({
        path: formatPath([...segments, key]),
        message: `is not a known key here (known: ${known.join(', ')})${didYouMean(key, known)}`,
        code: 'schema',
      });
    }
  }
  return { ok: false, issues };
}
