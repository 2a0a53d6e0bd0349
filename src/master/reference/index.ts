/**
 * Reference matching: profile a mix and references (spectra of mid and side, loudness,
 * width, each at its own sample rate), combine weighted references into one target, and
 * compute the match — a `match-eq` insert (linear-phase mid/side curve as data) and a
 * loudness target for the limiter stage.
 */
export {
  DEFAULT_MAX_BOOST_DB,
  DEFAULT_MAX_CUT_DB,
  DEFAULT_MAX_WIDTH_CHANGE_DB,
  type MatchDecision,
  type MatchOptions,
  matchReferences,
  type ReferenceMatch,
} from './match.js';
export {
  appliedGainDb,
  curveGainDb,
  type MatchEqPoint,
  type MatchEqValues,
  matchEqProcessor,
} from './match-eq.js';
export { energy, type MidSide, midSide, sideToMidDb } from './mid-side.js';
export { createProcessor, renderInserts, renderOne } from './render-inserts.js';
export { type RenderedMatch, renderMatch } from './render-match.js';
export {
  type ProfileOptions,
  profileAudio,
  profileProgramme,
  type SpectralProfile,
  SpectralProfiler,
  totalDb,
} from './spectral-profile.js';
export { combineReferences, type ReferenceInput, type ReferenceTarget } from './target.js';
