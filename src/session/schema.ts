import { z } from 'zod';
import type { ProcessorDefinition } from '../dsp/processor.js';
import { PROCESSORS } from '../dsp/registry.js';
import type { EditOperation } from '../edit/operation.js';
import { EDIT_OPERATIONS } from '../edit/registry.js';
import { describeValue } from './issues.js';
import { paramField, paramShape, paramValueSchema } from './param-schema.js';
import { BAR_BEAT_PATTERN } from './positions.js';
import {
  CLIP_PARAMS,
  FADE_PARAMS,
  MASTER_PARAMS,
  POINT_PARAMS,
  SEND_PARAMS,
  STRIP_PARAMS,
  TEMPO_PARAMS,
  TRACK_PARAMS,
} from './strip-params.js';
import { didYouMean } from './suggest.js';

/**
 * The session document as zod schemas: the single definition behind parsing, the TypeScript
 * types of a document and the published JSON Schema (schema/session.schema.json). Objects
 * are strict (a misspelt key is an error, not silently ignored), and `inserts` is built
 * from the processor registry, so a new processor needs no change here.
 */

export const SESSION_FORMAT = 'mixdown-session';
/** The session format this version of mixdown writes; older ones are migrated (migrate.ts). */
export const CURRENT_VERSION = 1;
/** Render sample rates a session may ask for (Hz): telephone to 8× DXD. */
export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 768_000;
/** Names the master strip answers to in `output`; no track or bus may take it. */
export const MASTER_NAME = 'master';

/** A schema-level message in the "must …, got …" form every message uses. */
function mustBe(expectation: string): (issue: { input?: unknown }) => string {
  return (issue) => `must be ${expectation}, got ${describeValue(issue.input)}`;
}

const stripName = z
  .string()
  // An empty name is reported once, as empty, not also as badly spaced.
  .min(1, { abort: true })
  .regex(/^\S(.*\S)?$/, { error: mustBe('a name without spaces at either end') });

const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: mustBe('a colour written "#rrggbb", e.g. "#e05a47"') })
  .describe('display colour, "#rrggbb"');

const positionMessage = mustBe(
  'seconds (a number ≥ 0) or a "bar:beat" position such as "5:1" or "5:2.5"',
);

/** Seconds, or "bar:beat" (1-based) converted with the session's tempo. */
const position = z
  .union([z.number().min(0), z.string().regex(BAR_BEAT_PATTERN, { error: positionMessage })], {
    error: positionMessage,
  })
  .describe('seconds from the start, or "bar:beat" (1-based, e.g. "5:1", "5:2.5")');

const source = z
  .strictObject({
    id: z.string().min(1).describe('what clips call this source'),
    path: z.string().min(1).describe('audio file, relative to the project folder'),
    bytes: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('file size when the session was saved; checked on load'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: mustBe('a SHA-256 digest: 64 lowercase hex digits') })
      .optional()
      .describe('SHA-256 of the file when the session was saved; checked on load'),
  })
  .describe('an audio file the session uses; mixdown never modifies it');

const fade = z.strictObject(paramShape(FADE_PARAMS)).prefault({});

/** An edit as written: its operation and its values, flat beside "op". */
export interface EditDocument {
  op: string;
  [param: string]: unknown;
}

/** An edit after parsing: every declared value filled in. */
export interface ParsedEdit {
  op: string;
  [param: string]: unknown;
}

function operationEdit(operation: EditOperation) {
  if ('op' in operation.params) {
    throw new Error(`edit operation "${operation.op}" declares a parameter named "op"`);
  }
  const summary = `${operation.name}: ${operation.description}`;
  return z
    .strictObject({
      op: z.literal(operation.op).describe(summary),
      ...paramShape(operation.params),
    })
    .describe(summary);
}

/** The edit list of a clip or take, built from the edit operation registry. */
function editsSchema(operations: readonly EditOperation[]) {
  const ops = operations.map((o) => o.op);
  const [first, ...rest] = operations.map(operationEdit);
  if (!first) return z.array(z.never()).max(0).default([]);
  const edit = z.discriminatedUnion('op', [first, ...rest], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const given = (issue.input as { op?: unknown } | undefined)?.op;
      const known = `known: ${ops.join(', ')}`;
      if (given === undefined) return `is required; ${known}`;
      const hint = typeof given === 'string' ? didYouMean(given, ops) : '';
      return `unknown edit operation ${describeValue(given)}; ${known}${hint}`;
    },
  }) as unknown as z.ZodType<ParsedEdit, EditDocument>;
  return z
    .array(edit)
    .default([])
    .describe('edit operations applied in order to the source before it plays (non-destructive)');
}

const clipBase = z
  .strictObject({
    source: z.string().min(1).describe('id of a source'),
    start: position.default(0),
    offsetSeconds: z
      .number()
      .min(0)
      .default(0)
      .describe('where in the source the clip starts reading (s)'),
    lengthSeconds: z
      .number()
      .positive()
      .optional()
      .describe("how much of the source plays (s); default: to the source's end"),
    ...paramShape(CLIP_PARAMS),
    fadeIn: fade.describe('fade at the start of the clip'),
    fadeOut: fade.describe('fade at the end of the clip'),
  })
  .describe('a region of a source placed on the timeline');

function clipSchema(operations: readonly EditOperation[]) {
  return clipBase
    .extend({ edits: editsSchema(operations) })
    .describe('a region of a source placed on the timeline');
}

/** A take: one recorded pass of the part, placed on the track's timeline, for comping. */
function takeSchema(operations: readonly EditOperation[]) {
  return z
    .strictObject({
      id: z.string().min(1).describe('what comp regions call this take'),
      source: z.string().min(1).describe('id of a source'),
      start: position.default(0).describe('where the take starts on the timeline'),
      offsetSeconds: z
        .number()
        .min(0)
        .default(0)
        .describe('where in the source the take starts reading (s)'),
      edits: editsSchema(operations),
    })
    .describe('a take (lane) of the track');
}

const compRegion = z
  .strictObject({
    take: z.string().min(1).describe('id of the take that plays here'),
    start: position,
    end: position,
  })
  .describe('a stretch of the timeline where one take plays');

const comp = z
  .strictObject({
    regions: z.array(compRegion).min(1).describe('in time order, not overlapping'),
    crossfadeMs: z
      .number()
      .min(0)
      .max(1000)
      .default(10)
      .describe('equal-power crossfade centred on each boundary between regions (ms)'),
  })
  .describe('which take plays when; regions become clips with crossfades');

const send = z.strictObject({
  to: stripName.describe('bus name'),
  ...paramShape({
    levelDb: SEND_PARAMS.levelDb,
    preFader: SEND_PARAMS.preFader,
    mute: SEND_PARAMS.mute,
  }),
  pan: paramValueSchema(SEND_PARAMS.pan).optional(),
});

const point = z.strictObject({
  time: position,
  value: z.number().describe("the parameter's value at this time, in its own unit"),
  curve: paramField(POINT_PARAMS.curve),
});

const automationLane = z
  .strictObject({
    param: z
      .string()
      .min(1)
      .describe(
        'what it drives, relative to the strip: "gainDb", "pan", "sends[0].levelDb", "inserts[1].thresholdDb", "inserts[0].bands[2].gainDb"',
      ),
    points: z.array(point).min(1).describe('breakpoints, in any order'),
  })
  .describe('an automation lane');

/** An insert as written: its type, whether it is bypassed, and its parameters, flat. */
export interface InsertDocument {
  type: string;
  bypass?: boolean;
  sidechain?: string;
  [param: string]: unknown;
}

/** An insert after parsing: every declared parameter filled in. */
export interface ParsedInsert {
  type: string;
  bypass: boolean;
  sidechain?: string;
  [param: string]: unknown;
}

/** Keys of an insert that are not processor parameters. */
export const INSERT_KEYS = ['type', 'bypass', 'sidechain'] as const;

function processorInsert(definition: ProcessorDefinition) {
  for (const key of INSERT_KEYS) {
    if (key in definition.params) {
      throw new Error(`processor "${definition.type}" declares a parameter named "${key}"`);
    }
  }
  const summary = `${definition.name}: ${definition.description}`;
  return z
    .strictObject({
      type: z.literal(definition.type).describe(summary),
      bypass: z
        .boolean()
        .default(false)
        .describe('pass the audio through unprocessed (its latency is kept)'),
      ...(definition.acceptsSidechain
        ? {
            sidechain: stripName
              .optional()
              .describe("name of the track or bus whose signal drives this insert's detector"),
          }
        : {}),
      ...paramShape(definition.params),
    })
    .describe(summary);
}

export function insertSchema(processors: readonly ProcessorDefinition[] = PROCESSORS) {
  const types = processors.map((p) => p.type);
  const options = processors.map(processorInsert);
  const [first, ...rest] = options;
  if (!first) throw new Error('no processors are registered');
  return z.discriminatedUnion('type', [first, ...rest], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const given = (issue.input as { type?: unknown } | undefined)?.type;
      const known = `known: ${types.join(', ')}`;
      if (given === undefined) return `is required; ${known}`;
      const hint = typeof given === 'string' ? didYouMean(given, types) : '';
      return `unknown processor ${describeValue(given)}; ${known}${hint}`;
    },
  }) as unknown as z.ZodType<ParsedInsert, InsertDocument>;
}

function stripShape(processors: readonly ProcessorDefinition[]) {
  return {
    name: stripName.describe('unique among tracks and buses; "master" is reserved'),
    color: color.optional(),
    inserts: z
      .array(insertSchema(processors))
      .default([])
      .describe('processors in signal order; parameters sit flat beside "type"'),
    ...paramShape(STRIP_PARAMS),
    sends: z.array(send).default([]).describe('copies of the signal to buses'),
    automation: z.array(automationLane).default([]),
  };
}

/** Builds the document schema for a set of processors (the registry's, by default). */
export function buildSessionSchema(
  processors: readonly ProcessorDefinition[],
  operations: readonly EditOperation[] = EDIT_OPERATIONS,
) {
  const strip = stripShape(processors);
  const output = stripName
    .default(MASTER_NAME)
    .describe('"master" or the name of a bus this strip feeds');
  const track = z
    .strictObject({
      ...strip,
      clips: z.array(clipSchema(operations)).default([]),
      takes: z
        .array(takeSchema(operations))
        .default([])
        .describe('takes (lanes) for comping; without a comp the first take plays'),
      comp: comp.optional(),
      ...paramShape(TRACK_PARAMS),
      output,
    })
    .describe('a track: clips of sources, through inserts, fader and pan, to a bus or the master');
  const bus = z
    .strictObject({ ...strip, output })
    .describe('a bus: the sum of what is routed to it, through its own strip');
  const master = z
    .strictObject({
      inserts: strip.inserts,
      ...paramShape(MASTER_PARAMS),
      automation: strip.automation,
    })
    .prefault({})
    .describe('the master strip every track and bus ends in');
  const mastering = z
    .strictObject({
      chain: z
        .array(insertSchema(processors))
        .default([])
        .describe('mastering processors in signal order, after the master strip'),
      target: z
        .strictObject({
          platform: z.string().min(1).optional().describe('a platform preset, e.g. "spotify"'),
          lufs: z
            .number()
            .min(-40)
            .max(-3)
            .optional()
            .describe('integrated loudness target (LUFS)'),
          ceilingDbtp: z.number().min(-12).max(0).optional().describe('true-peak ceiling (dBTP)'),
        })
        .optional()
        .describe('loudness target the master is brought to'),
    })
    .describe('the mastering chain and target, as chosen by `mixdown master` (editable)');
  const tempo = z
    .strictObject({
      bpm: paramField(TEMPO_PARAMS.bpm),
      timeSignature: z
        .tuple([
          z.number().int().min(1).max(32).describe('beats per bar'),
          z.literal([1, 2, 4, 8, 16, 32]).describe('the note that counts as a beat (4 = quarter)'),
        ])
        .default([4, 4])
        .describe('[beats per bar, beat unit], e.g. [4, 4] or [6, 8]'),
    })
    .prefault({})
    .describe('for "bar:beat" positions; default 120 bpm in 4/4');

  return z
    .strictObject({
      $schema: z.string().optional().describe('path or URL of this JSON Schema, for editors'),
      format: z.literal(SESSION_FORMAT),
      version: z
        .literal(CURRENT_VERSION)
        .describe('session format version; older versions are migrated when opened'),
      name: z.string().min(1).describe('title of the song or project'),
      sampleRate: z
        .number()
        .int()
        .min(MIN_SAMPLE_RATE)
        .max(MAX_SAMPLE_RATE)
        .describe('render sample rate (Hz)'),
      tempo,
      sources: z.array(source).default([]),
      tracks: z.array(track).default([]),
      buses: z.array(bus).default([]),
      master,
      mastering: mastering.optional(),
    })
    .meta({
      title: 'mixdown session',
      description:
        'A mixdown session: sources, tracks, buses, master, automation. Every position is seconds or "bar:beat".',
    });
}

export type SessionSchema = ReturnType<typeof buildSessionSchema>;
/** A session document as users write it (defaults may be left out). */
export type SessionDocument = z.input<SessionSchema>;
/** A session document after parsing: every default filled in. */
export type ParsedSession = z.output<SessionSchema>;
export type ParsedTrack = ParsedSession['tracks'][number];
export type ParsedBus = ParsedSession['buses'][number];
export type ParsedMaster = ParsedSession['master'];
export type ParsedClip = ParsedTrack['clips'][number];
export type ParsedSend = ParsedTrack['sends'][number];
export type ParsedAutomationLane = ParsedTrack['automation'][number];
export type ParsedSource = ParsedSession['sources'][number];

const schemas = new WeakMap<readonly ProcessorDefinition[], SessionSchema>();

/** The document schema for `processors`, built once per list. */
export function sessionSchema(
  processors: readonly ProcessorDefinition[] = PROCESSORS,
): SessionSchema {
  let schema = schemas.get(processors);
  if (!schema) {
    schema = buildSessionSchema(processors);
    schemas.set(processors, schema);
  }
  return schema;
}

/**
 * The published JSON Schema. Draft-07, the newest draft editors (VS Code among them) fully
 * support; it describes the document as written, so defaulted fields are optional.
 */
export function sessionJsonSchema(
  processors: readonly ProcessorDefinition[] = PROCESSORS,
): Record<string, unknown> {
  return z.toJSONSchema(sessionSchema(processors), { target: 'draft-07', io: 'input' });
}
