import { type ErrorCode, MixdownError } from '../core/errors.js';

/**
 * What is wrong with a session, and where: every problem names the document path
 * (`tracks[2].inserts[0].ratio`) and says what it must be and what it is, so the CLI, the
 * studio (which highlights the path) and batch reports can all use the same record.
 */
export interface SessionIssue {
  /** Document path in the form `tracks[2].inserts[0].ratio`; '' for the whole document. */
  readonly path: string;
  /** One plain sentence without a final full stop, e.g. "must be at least 1, got 0.5". */
  readonly message: string;
  readonly code: SessionIssueCode;
}

/** Stable codes for scripts (STYLE.md §16). */
export type SessionIssueCode =
  | 'schema'
  | 'duplicate-name'
  | 'unknown-reference'
  | 'routing-cycle'
  | 'automation'
  | 'position'
  | 'source-missing'
  | 'source-changed'
  | 'source-unrecorded'
  | 'clip-range';

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** ['tracks', 2, 'inserts', 0, 'ratio'] → "tracks[2].inserts[0].ratio". */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (!IDENTIFIER.test(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** A value as a message quotes it: strings in quotes, containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** "tracks[0].gainDb: must be at most 12, got 20" */
export function formatIssue(issue: SessionIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * A session that cannot be used, with every problem found. The message is one sentence
 * (for the CLI's one-line error); `issues` has them all (for `mixdown validate` and the
 * studio).
 */
export class SessionError extends MixdownError {
  readonly issues: readonly SessionIssue[];

  constructor(fileName: string, issues: readonly SessionIssue[]) {
    super(sessionErrorCode(issues), summarise(fileName, issues));
    this.name = 'SessionError';
    this.issues = issues;
  }
}

/** The most specific code that covers every issue, for scripts. */
function sessionErrorCode(issues: readonly SessionIssue[]): ErrorCode {
  const all = (code: SessionIssueCode): boolean =>
    issues.length > 0 && issues.every((i) => i.code === code);
  if (all('routing-cycle')) return 'routing-cycle';
  if (all('source-missing')) return 'file-not-found';
  return 'invalid-session';
}

/** "session.json has 3 problems; the first: tracks[2].inserts[0].ratio: must be …." */
function summarise(fileName: string, issues: readonly SessionIssue[]): string {
  if (issues.length === 0) return `${fileName} has no problems.`;
  const first = sentenceEnd(formatIssue(issues[0]));
  return issues.length === 1
    ? `${fileName} has a problem: ${first}`
    : `${fileName} has ${plural(issues.length, 'problem')}; the first: ${first}`;
}

/** Adds a full stop unless the text already ends a sentence (e.g. "did you mean …?"). */
function sentenceEnd(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

export function isSessionError(error: unknown): error is SessionError {
  return error instanceof SessionError;
}
