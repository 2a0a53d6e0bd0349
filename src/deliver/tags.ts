import { MixdownError } from '../core/errors.js';

/**
 * The release metadata written into every deliverable: title, artist, album, ISRC, year and
 * track number. Validated once, here, before any audio is processed; each format module then
 * writes the same values into its own structure (RIFF INFO / bext / axml, Vorbis comments,
 * ID3v2).
 */
export interface ReleaseTags {
  readonly title?: string;
  readonly artist?: string;
  readonly album?: string;
  /** Twelve characters, no hyphens: CC XXX YY NNNNN (ISO 3901). */
  readonly isrc?: string;
  /** Four digits. */
  readonly year?: string;
  /** "n" or "n/total", n ≥ 1. */
  readonly track?: string;
}

/** What a caller may hand in: any strings, possibly empty or untrimmed. */
export type ReleaseTagInput = { readonly [K in keyof ReleaseTags]?: string | undefined };

/**
 * ISO 3901: country code (two letters, ISO 3166-1 alpha-2 or a code the IFPI allocates),
 * registrant (three letters or digits), year of reference (two digits), designation (five
 * digits). Printed as CC-XXX-YY-NNNNN; the hyphens are not part of the code.
 */
const ISRC_PATTERN = /^([A-Z]{2})-?([A-Z0-9]{3})-?(\d{2})-?(\d{5})$/;
const YEAR_PATTERN = /^\d{4}$/;
const TRACK_PATTERN = /^([1-9]\d{0,3})(?:\/([1-9]\d{0,3}))?$/;
/** Long enough for any real title; keeps fixed-size fields (bext, 256 bytes) meaningful. */
const MAX_TEXT_CHARS = 250;

/** Validate and normalise tags; every problem is one sentence naming the option. */
export function validateTags(input: ReleaseTagInput): ReleaseTags {
  const tags: Record<string, string> = {};
  for (const key of ['title', 'artist', 'album'] as const) {
    const value = input[key]?.trim();
    if (value === undefined || value === '') continue;
    if (value.length > MAX_TEXT_CHARS) {
      refuse(`the ${key} is ${value.length} characters long; keep it to ${MAX_TEXT_CHARS}`);
    }
    // Control characters would break the text fields of RIFF INFO and Vorbis comments.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
    if (/[\u0000-\u001f\u007f]/.test(value)) refuse(`the ${key} contains control characters`);
    tags[key] = value;
  }
  const isrc = input.isrc?.trim();
  if (isrc) tags.isrc = normaliseIsrc(isrc);
  const year = input.year?.trim();
  if (year) {
    if (!YEAR_PATTERN.test(year)) refuse(`the year must be four digits (e.g. 2024), not "${year}"`);
    tags.year = year;
  }
  const track = input.track?.trim();
  if (track) {
    const match = TRACK_PATTERN.exec(track);
    if (!match || (match[2] !== undefined && Number(match[1]) > Number(match[2]))) {
      refuse(`the track number must look like 3 or 3/12, not "${track}"`);
    }
    tags.track = track;
  }
  return tags as ReleaseTags;
}

/** "GB-ABC-24-00012" or "gbabc2400012" → "GBABC2400012"; anything else is refused. */
export function normaliseIsrc(text: string): string {
  const upper = text.trim().toUpperCase();
  const match = ISRC_PATTERN.exec(upper);
  if (!match) {
    refuse(
      `"${text}" is not an ISRC; an ISRC is CC-XXX-YY-NNNNN: a two-letter country code, three letters or digits for the registrant, two digits for the year and five for the recording, as in GB-ABC-24-00012`,
    );
  }
  return match!.slice(1).join('');
}

/** The printed form, CC-XXX-YY-NNNNN. */
export function formatIsrc(isrc: string): string {
  return `${isrc.slice(0, 2)}-${isrc.slice(2, 5)}-${isrc.slice(5, 7)}-${isrc.slice(7)}`;
}

export function hasTags(tags: ReleaseTags): boolean {
  return Object.values(tags).some((v) => v !== undefined);
}

function refuse(sentence: string): never {
  const first = sentence[0].toUpperCase();
  throw new MixdownError('invalid-argument', `${first}${sentence.slice(1)}.`);
}
