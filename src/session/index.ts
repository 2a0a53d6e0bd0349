/** The session document: schema, validation, migration, resolution and project folders. */
export { buildResolvedSession, sessionLengthSeconds } from './build-resolved.js';
export {
  describeValue,
  formatIssue,
  isSessionError,
  SessionError,
  type SessionIssue,
  type SessionIssueCode,
} from './issues.js';
export {
  MIGRATIONS,
  type Migrated,
  type MigrateOptions,
  type MigrationStep,
  migrateDocument,
} from './migrate.js';
export {
  type BarBeat,
  type Position,
  parseBarBeat,
  positionToSeconds,
  secondsPerBeat,
  type Tempo,
} from './positions.js';
export {
  type AddedSource,
  AUDIO_DIR,
  type CreatedProject,
  type CreateProjectOptions,
  createProject,
  formatSessionJson,
  type LoadedProject,
  loadProject,
  locateProject,
  mostCommonRate,
  type ProjectLocation,
  type ProjectOptions,
  RENDERS_DIR,
  readSessionFile,
  resolveOptions,
  SESSION_FILE,
  type SessionFile,
  saveSession,
} from './project.js';
export {
  type ResolveOptions,
  resolveChecked,
  resolveParsedSession,
  resolveSession,
} from './resolve.js';
export type * from './resolved.js';
export {
  CURRENT_VERSION,
  type InsertDocument,
  MASTER_NAME,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
  type ParsedInsert,
  type ParsedSession,
  SESSION_FORMAT,
  type SessionDocument,
  sessionJsonSchema,
  sessionSchema,
} from './schema.js';
export {
  checkSources,
  type Fingerprint,
  fingerprintFile,
  hasProblem,
  type SourceProblem,
  type SourceProblemStatus,
  type SourceStatus,
  sourceProblem,
  withRecordedFingerprints,
} from './sources.js';
export {
  MASTER_PARAMS,
  SEND_PARAMS,
  STRIP_PARAMS,
} from './strip-params.js';
export { semanticIssues, type ValidateOptions, validateDocument } from './validate.js';
export type { ParseOutcome } from './zod-issues.js';
