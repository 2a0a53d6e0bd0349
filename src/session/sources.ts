import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ErrorCode } from '../core/errors.js';
import type { SessionIssue } from './issues.js';
import type { ParsedSource } from './schema.js';

/**
 * Source files are the user's recordings: a session records each one's size and SHA-256,
 * and every load checks them, so a file replaced or edited behind the session's back is
 * noticed before a mix is rendered from it (DESIGN.md, "Nothing lost").
 */

export interface Fingerprint {
  readonly bytes: number;
  readonly sha256: string;
}

/** Size and SHA-256 of a file, streamed: memory does not grow with the file. */
export async function fingerprintFile(path: string): Promise<Fingerprint> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

interface StatusBase {
  readonly index: number;
  readonly source: ParsedSource;
  readonly absolutePath: string;
}

export type SourceStatus =
  | (StatusBase & { readonly kind: 'ok'; readonly actual: Fingerprint })
  | (StatusBase & { readonly kind: 'missing'; readonly reason: string })
  /** No size or hash recorded yet (a source added by hand). */
  | (StatusBase & { readonly kind: 'unrecorded'; readonly actual: Fingerprint })
  | (StatusBase & { readonly kind: 'changed'; readonly actual: Fingerprint });

async function checkSource(
  source: ParsedSource,
  index: number,
  projectDir: string,
): Promise<SourceStatus> {
  const absolutePath = resolve(projectDir, source.path);
  const base = { index, source, absolutePath };
  const info = await stat(absolutePath).catch(() => undefined);
  if (!info) return { ...base, kind: 'missing', reason: 'is missing' };
  if (!info.isFile()) return { ...base, kind: 'missing', reason: 'is not a file' };
  const actual = await fingerprintFile(absolutePath);
  if (source.bytes === undefined || source.sha256 === undefined) {
    return { ...base, kind: 'unrecorded', actual };
  }
  const same = actual.bytes === source.bytes && actual.sha256 === source.sha256;
  return { ...base, kind: same ? 'ok' : 'changed', actual };
}

/** Checks every source against the disk, in document order. */
export async function checkSources(
  sources: readonly ParsedSource[],
  projectDir: string,
): Promise<SourceStatus[]> {
  const statuses: SourceStatus[] = [];
  // One at a time: hashing is bound by the disk, and order keeps messages stable.
  for (const [i, source] of sources.entries())
    statuses.push(await checkSource(source, i, projectDir));
  return statuses;
}

export interface SourceProblem {
  readonly issue: SessionIssue;
  readonly errorCode: ErrorCode;
}

function describeChange(recorded: ParsedSource, actual: Fingerprint): string {
  return recorded.bytes === actual.bytes
    ? `same size, different SHA-256`
    : `${recorded.bytes} bytes then, ${actual.bytes} now`;
}

/** A source that is not as the session recorded it. */
export type SourceProblemStatus = Exclude<SourceStatus, { kind: 'ok' }>;

export function hasProblem(status: SourceStatus): status is SourceProblemStatus {
  return status.kind !== 'ok';
}

/**
 * What is wrong with a source, as a document issue and an error code. `projectLabel` is how
 * the user named the project folder, for the command in the advice.
 */
export function sourceProblem(status: SourceProblemStatus, projectLabel: string): SourceProblem {
  const { source, index } = status;
  const what = `source ${JSON.stringify(source.id)} (${source.path})`;
  const rehash = `mixdown validate --rehash ${projectLabel}`;
  switch (status.kind) {
    case 'missing':
      return {
        errorCode: 'file-not-found',
        issue: {
          path: `sources[${index}].path`,
          message: `${what} ${status.reason}; restore the file or fix sources[${index}].path`,
          code: 'source-missing',
        },
      };
    case 'unrecorded':
      return {
        errorCode: 'invalid-session',
        issue: {
          path: `sources[${index}]`,
          message: `${what} has no recorded size and SHA-256; run "${rehash}" to record them`,
          code: 'source-unrecorded',
        },
      };
    case 'changed':
      return {
        errorCode: 'source-changed',
        issue: {
          path: `sources[${index}]`,
          message: `${what} has changed since the session was saved (${describeChange(source, status.actual)}); if that is intended, run "${rehash}" to accept it, otherwise restore the original file`,
          code: 'source-changed',
        },
      };
  }
}

/**
 * A copy of `document` (as written, defaults left out) with the size and hash of every
 * changed or unrecorded source updated. Missing sources are left alone: there is nothing to
 * hash.
 */
export function withRecordedFingerprints<D extends { sources?: unknown }>(
  document: D,
  statuses: readonly SourceStatus[],
): D {
  const updated = structuredClone(document);
  const sources = updated.sources as Record<string, unknown>[];
  for (const status of statuses) {
    if (status.kind !== 'changed' && status.kind !== 'unrecorded') continue;
    sources[status.index].bytes = status.actual.bytes;
    sources[status.index].sha256 = status.actual.sha256;
  }
  return updated;
}
