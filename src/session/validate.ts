import type { ProcessorDefinition } from '../dsp/processor.js';
import { PROCESSORS } from '../dsp/registry.js';
import { checkAutomation } from './automation.js';
import type { SessionIssue } from './issues.js';
import { paramFiles } from './param-files.js';
import { positionProblem, positionToSeconds } from './positions.js';
import { checkRouting } from './routing.js';
import { type ParsedSession, sessionSchema } from './schema.js';
import { stripsOf } from './strips.js';
import { didYouMean } from './suggest.js';
import { type ParseOutcome, parseWithIssues } from './zod-issues.js';

/**
 * Document validation, without touching the disk (so the studio can run it in a browser):
 * first the schema (shapes, types, ranges, unknown keys), then what a schema cannot say —
 * unique names and ids, references that resolve, routes without cycles, automation that
 * drives a real parameter within its range, positions inside their bar. Source files are
 * checked later, by `resolveSession`.
 */

export interface ValidateOptions {
  /** Processors inserts may name; the registry's by default. */
  readonly processors?: readonly ProcessorDefinition[];
}

/** A path that would not travel with the project folder. */
const ABSOLUTE_PATH = /^(?:[A-Za-z]:)?[\\/]/;

function relativePathIssue(path: string, file: string): SessionIssue[] {
  return ABSOLUTE_PATH.test(file)
    ? [
        {
          path,
          message: `must be relative to the project folder (e.g. "audio/kick.wav"), got ${JSON.stringify(file)}`,
          code: 'schema',
        },
      ]
    : [];
}

function checkSources(session: ParsedSession): SessionIssue[] {
  const issues: SessionIssue[] = [];
  const ids = new Map<string, number>();
  session.sources.forEach((source, i) => {
    const first = ids.get(source.id);
    if (first !== undefined) {
      issues.push({
        path: `sources[${i}].id`,
        message: `must be unique, but sources[${first}] also has id ${JSON.stringify(source.id)}`,
        code: 'duplicate-name',
      });
    } else {
      ids.set(source.id, i);
    }
    issues.push(...relativePathIssue(`sources[${i}].path`, source.path));
  });
  return issues;
}

function checkClips(session: ParsedSession): SessionIssue[] {
  const issues: SessionIssue[] = [];
  const ids = session.sources.map((s) => s.id);
  session.tracks.forEach((track, t) => {
    track.clips.forEach((clip, c) => {
      const path = `tracks[${t}].clips[${c}]`;
      if (!ids.includes(clip.source)) {
        issues.push({
          path: `${path}.source`,
          message: `must be the id of a source, got ${JSON.stringify(clip.source)}${didYouMean(clip.source, ids)}`,
          code: 'unknown-reference',
        });
      }
      const problem = positionProblem(clip.start, session.tempo);
      if (problem) issues.push({ path: `${path}.start`, message: problem, code: 'position' });
    });
  });
  return issues;
}

/** Takes and comps: ids unique and known, regions in order, not overlapping, not empty. */
function checkTakes(session: ParsedSession): SessionIssue[] {
  const issues: SessionIssue[] = [];
  const sourceIds = session.sources.map((s) => s.id);
  session.tracks.forEach((track, t) => {
    const path = `tracks[${t}]`;
    const takeIds = track.takes.map((take) => take.id);
    track.takes.forEach((take, k) => {
      if (takeIds.indexOf(take.id) !== k) {
        issues.push({
          path: `${path}.takes[${k}].id`,
          message: `must be unique on the track, got ${JSON.stringify(take.id)} twice`,
          code: 'duplicate-name',
        });
      }
      if (!sourceIds.includes(take.source)) {
        issues.push({
          path: `${path}.takes[${k}].source`,
          message: `must be the id of a source, got ${JSON.stringify(take.source)}${didYouMean(take.source, sourceIds)}`,
          code: 'unknown-reference',
        });
      }
      const problem = positionProblem(take.start, session.tempo);
      if (problem)
        issues.push({ path: `${path}.takes[${k}].start`, message: problem, code: 'position' });
    });
    let previousEnd = Number.NEGATIVE_INFINITY;
    track.comp?.regions.forEach((region, r) => {
      const regionPath = `${path}.comp.regions[${r}]`;
      if (!takeIds.includes(region.take)) {
        issues.push({
          path: `${regionPath}.take`,
          message: `must be the id of one of this track's takes, got ${JSON.stringify(region.take)}${didYouMean(region.take, takeIds)}`,
          code: 'unknown-reference',
        });
      }
      let wellFormed = true;
      for (const key of ['start', 'end'] as const) {
        const problem = positionProblem(region[key], session.tempo);
        if (!problem) continue;
        wellFormed = false;
        issues.push({ path: `${regionPath}.${key}`, message: problem, code: 'position' });
      }
      if (!wellFormed) return;
      const start = positionToSeconds(region.start, session.tempo);
      const end = positionToSeconds(region.end, session.tempo);
      if (!(end > start)) {
        issues.push({
          path: `${regionPath}.end`,
          message: `must come after the region's start (${start} s), got ${end} s`,
          code: 'clip-range',
        });
      }
      if (start < previousEnd - 1e-9) {
        issues.push({
          path: `${regionPath}.start`,
          message: `must not come before the previous region's end (${previousEnd} s): regions go in time order without overlapping, got ${start} s`,
          code: 'clip-range',
        });
      }
      previousEnd = Math.max(previousEnd, end);
    });
  });
  return issues;
}

/** Everything wrong with a parsed document beyond its shape. */
export function semanticIssues(
  session: ParsedSession,
  processors: readonly ProcessorDefinition[] = PROCESSORS,
): SessionIssue[] {
  const strips = stripsOf(session);
  return [
    ...checkSources(session),
    ...checkClips(session),
    ...checkTakes(session),
    ...paramFiles(session, processors).flatMap(({ path, file }) => relativePathIssue(path, file)),
    ...checkRouting(strips),
    ...strips.flatMap((strip) => checkAutomation(strip, session.tempo, processors)),
  ];
}

/** Parses and checks a (migrated) document; returns the parsed session or every problem. */
export function validateDocument(
  document: unknown,
  options: ValidateOptions = {},
): ParseOutcome<ParsedSession> {
  const processors = options.processors ?? PROCESSORS;
  const parsed = parseWithIssues(sessionSchema(processors), document);
  if (!parsed.ok) return parsed;
  const issues = semanticIssues(parsed.value, processors);
  return issues.length > 0 ? { ok: false, issues } : parsed;
}
