import { MixdownError } from '../../core/errors.js';

/**
 * Keys and scales for correction targets. A scale is a set of pitch classes (semitones
 * above the tonic); the interval patterns are the standard church modes, the harmonic and
 * melodic (ascending) minor, the two pentatonics and the six-note blues scale.
 */
export const SCALE_INTERVALS = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  'harmonic-minor': [0, 2, 3, 5, 7, 8, 11],
  'melodic-minor': [0, 2, 3, 5, 7, 9, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  locrian: [0, 1, 3, 5, 6, 8, 10],
  'major-pentatonic': [0, 2, 4, 7, 9],
  'minor-pentatonic': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
} as const satisfies Record<string, readonly number[]>;

export type ScaleName = keyof typeof SCALE_INTERVALS;
export const SCALE_NAMES = Object.keys(SCALE_INTERVALS) as ScaleName[];

export interface Key {
  /** Pitch class of the tonic, 0 = C … 11 = B. */
  readonly tonic: number;
  readonly scale: ScaleName;
  /** Sorted pitch classes (0…11) that belong to the key. */
  readonly pitchClasses: readonly number[];
  /** "A minor", "chromatic". */
  readonly label: string;
}

const LETTERS: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const SPELLING = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

/** Scale names as people write them: "natural minor", "aeolian", "Harmonic Minor", "ionian". */
const SCALE_ALIASES: Record<string, ScaleName> = {
  ionian: 'major',
  aeolian: 'minor',
  'natural-minor': 'minor',
  m: 'minor',
  min: 'minor',
  maj: 'major',
  pentatonic: 'major-pentatonic',
};

function scaleFromText(text: string): ScaleName | undefined {
  const slug = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (slug in SCALE_INTERVALS) return slug as ScaleName;
  return SCALE_ALIASES[slug];
}

function badKey(text: string): MixdownError {
  return new MixdownError(
    'invalid-argument',
    `The key ${JSON.stringify(text)} is not understood; write a note name and a scale such as "C major", "F# minor" or "Bb dorian", or "chromatic" (scales: ${SCALE_NAMES.join(', ')}).`,
  );
}

/**
 * Reads "C major", "A minor", "F# harmonic minor", "Bb", "Am", "chromatic". A separate
 * `scale` (e.g. from a --scale option) is used when the text names only the tonic, and
 * must agree with the text when both name one.
 */
export function parseKey(text: string, scale?: ScaleName): Key {
  const trimmed = text.trim();
  if (scaleFromText(trimmed) === 'chromatic') return makeKey(0, 'chromatic');
  const match = /^([A-Ga-g])([#♯b♭]?)\s*(.*)$/.exec(trimmed);
  if (!match) throw badKey(text);
  const [, letter, accidental, rest] = match;
  let tonic = LETTERS[letter.toLowerCase()];
  if (accidental === '#' || accidental === '♯') tonic += 1;
  if (accidental === 'b' || accidental === '♭') tonic -= 1;
  tonic = (tonic + 12) % 12;
  const named = rest === '' ? undefined : scaleFromText(rest);
  if (rest !== '' && named === undefined) throw badKey(text);
  if (named !== undefined && scale !== undefined && named !== scale) {
    throw new MixdownError(
      'invalid-argument',
      `The key ${JSON.stringify(text)} names the ${named} scale but the scale given is ${scale}; give one of them.`,
    );
  }
  return makeKey(tonic, named ?? scale ?? 'major');
}

export function makeKey(tonic: number, scale: ScaleName): Key {
  const pitchClasses = SCALE_INTERVALS[scale].map((i) => (tonic + i) % 12).sort((a, b) => a - b);
  const label =
    scale === 'chromatic' ? 'chromatic' : `${SPELLING[tonic]} ${scale.replace('-', ' ')}`;
  return { tonic, scale, pitchClasses, label };
}

/**
 * The scale note (a whole MIDI number) nearest to `midi` (fractional). An exact tie (a
 * pitch halfway between two scale notes) goes to the lower one, so the choice never
 * depends on rounding noise in the other direction.
 */
export function nearestScaleMidi(midi: number, key: Key): number {
  const base = Math.floor(midi);
  let best = Number.NaN;
  let bestDistance = Number.POSITIVE_INFINITY;
  // Scale steps are at most 4 semitones (pentatonic, blues), so ±4 always finds one.
  for (let candidate = base - 4; candidate <= base + 5; candidate++) {
    if (!key.pitchClasses.includes(((candidate % 12) + 12) % 12)) continue;
    const distance = Math.abs(midi - candidate);
    if (distance < bestDistance - 1e-9) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
