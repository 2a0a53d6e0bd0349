/**
 * The one parser for numeric command-line options. Every command reads its numbers through
 * it, so text that is not a number is refused by quoting what was typed
 * (`--ratio must be a number from 0.25 to 4, got "fast".`) instead of becoming NaN and being
 * reported as "got NaN". Range checks stay with each option, which knows its own limits.
 */
import { MixdownError } from '../core/errors.js';

/**
 * `text` as a finite number (surrounding spaces and a typographic minus "−" allowed), or a
 * sentence naming `option`, what it expects and the text as typed.
 */
export function parseNumberOption(text: string, option: string, expected = 'a number'): number {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) {
    throw new MixdownError('invalid-argument', `${option} must be ${expected}, got "${text}".`);
  }
  return value;
}

/** As parseNumberOption, for an option that may be left out. */
export function optionalNumber(
  text: string | undefined,
  option: string,
  expected?: string,
): number | undefined {
  return text === undefined ? undefined : parseNumberOption(text, option, expected);
}

/** A whole number of at least `min` (e.g. a count, an index), or a sentence as above. */
export function parseWholeNumber(
  text: string,
  option: string,
  min: number,
  expected = `a whole number ≥ ${min}`,
): number {
  const value = parseNumberOption(text, option, expected);
  if (!Number.isInteger(value) || value < min) {
    throw new MixdownError('invalid-argument', `${option} must be ${expected}, got "${text}".`);
  }
  return value;
}

/** A clip (or other list) index: 0, 1, … */
export function parseClipIndex(text: string, option: string): number {
  return parseWholeNumber(text, option, 0, 'a clip index (0, 1, …)');
}

/** A number from `min` to `max` inclusive (`unit` after the range, if given). */
export function parseNumberInRange(
  text: string,
  option: string,
  min: number,
  max: number,
  unit = '',
): number {
  const expected = `a number from ${min} to ${max}${unit === '' ? '' : ` ${unit}`}`;
  const value = parseNumberOption(text, option, expected);
  if (value < min || value > max) {
    throw new MixdownError('invalid-argument', `${option} must be ${expected}, got "${text}".`);
  }
  return value;
}
