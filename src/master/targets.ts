import { MixdownError } from '../core/errors.js';
import { didYouMean } from '../session/suggest.js';
import { MAX_CEILING_DBTP, MAX_TARGET_LUFS, MIN_CEILING_DBTP, MIN_TARGET_LUFS } from './chain.js';
import { findPlatform, PLATFORMS, type PlatformTarget } from './platforms.js';

/**
 * What a master is brought to: an integrated loudness and a true-peak ceiling, from a preset
 * (`--target spotify`) or given outright (`--lufs -14 --ceiling -1`).
 *
 * Presets come from the platform table (platforms.ts, after loudness.md §4). Destinations
 * that do not normalise have no target of their own; for them, MASTERING_CONVENTIONS below
 * states the convention mixdown masters to, with its rationale, marked uncertain.
 */

export interface MasteringConvention {
  readonly id: 'cd' | 'club' | 'soundcloud';
  readonly name: string;
  readonly lufs: number;
  readonly ceilingDbtp: number;
  readonly uncertain: true;
  readonly source: string;
}

/**
 * Mastering conventions for destinations that play a file as it is (no normalisation).
 * Conventions, not specifications: loudness.md §4 "CD / club" (loud commercial masters
 * ≈ −9…−6 LUFS, ceiling −0.1…−1 dBTP, [BITB]) and "SoundCloud" (no normalisation
 * historically [SOT]; one vendor claims −14 LUFS now [APU]).
 */
export const MASTERING_CONVENTIONS: readonly MasteringConvention[] = [
  {
    id: 'cd',
    name: 'CD',
    lufs: -9,
    ceilingDbtp: -1,
    uncertain: true,
    source:
      'convention: the quiet end of loud commercial CD masters (−9…−6 LUFS [BITB]); −1 dBTP leaves room for later lossy copies',
  },
  {
    id: 'club',
    name: 'Club',
    lufs: -7,
    ceilingDbtp: -0.5,
    uncertain: true,
    source:
      'convention: DJ/club masters sit near the loud end of −9…−6 LUFS [BITB]; −0.5 dBTP within the −0.1…−1 dBTP practice',
  },
  {
    id: 'soundcloud',
    name: 'SoundCloud',
    lufs: -14,
    ceilingDbtp: -1,
    uncertain: true,
    source:
      'convention: SoundCloud historically does not normalise [SOT]; −14 LUFS is the one figure claimed for it [APU] and the streaming norm; −1 dBTP advice',
  },
];

/** The presets `--target` offers (any other platform-table id with a target works too). */
export const TARGET_PRESETS = [
  'spotify',
  'apple',
  'youtube',
  'amazon',
  'tidal',
  'deezer',
  'soundcloud',
  'broadcast',
  'podcast',
  'cd',
  'club',
] as const;

/** Used when neither a preset nor a loudness is given: loudness.md §4's practical default. */
export const DEFAULT_PRESET = 'spotify';

/** Podcast loudness for a mono file (Apple's figures as quoted by [PODQ]: −16 stereo, −19 mono). */
export const PODCAST_MONO_LUFS = -19;

export interface MasteringTarget {
  readonly lufs: number;
  readonly ceilingDbtp: number;
  /** The preset used, as its id ("spotify", "club"); undefined for an explicit target. */
  readonly preset?: string;
  /** "Spotify (Normal)", "Club" or "custom". */
  readonly name: string;
  readonly uncertain: boolean;
  readonly source?: string;
  /** One line per choice made in resolving it (printed by `mixdown master`). */
  readonly decisions: readonly string[];
}

export interface TargetRequest {
  readonly preset?: string;
  readonly lufs?: number;
  readonly ceilingDbtp?: number;
  /** Channels of the programme (a mono podcast has its own figure). */
  readonly channels?: number;
  /** How options are called where they came from ("--lufs" on the command line). */
  readonly labels?: { preset: string; lufs: string; ceiling: string };
}

const CLI_LABELS = { preset: '--target', lufs: '--lufs', ceiling: '--ceiling' };

function fmt(value: number): string {
  return value.toFixed(1);
}

/** All names `--target` accepts. */
export function presetNames(): string[] {
  const fromTable = PLATFORMS.filter((p) => p.targetLufs !== null).map((p) => p.id);
  return [...new Set([...TARGET_PRESETS, ...fromTable])];
}

type Preset =
  | { kind: 'convention'; convention: MasteringConvention }
  | { kind: 'platform'; platform: PlatformTarget };

function findPreset(name: string, label: string): Preset {
  const key = name.trim().toLowerCase();
  const convention = MASTERING_CONVENTIONS.find((c) => c.id === key);
  if (convention) return { kind: 'convention', convention };
  const platform = findPlatform(key);
  if (platform && platform.targetLufs !== null) return { kind: 'platform', platform };
  const names = presetNames();
  throw new MixdownError(
    'invalid-argument',
    `${label}: unknown platform "${name}"; choose from ${names.join(', ')}, or give --lufs and --ceiling${didYouMean(key, names)}`.replace(
      /([^.?!])$/,
      '$1.',
    ),
  );
}

function checkRange(value: number, min: number, max: number, label: string, unit: string): void {
  if (!Number.isFinite(value)) {
    throw new MixdownError('invalid-argument', `${label} must be a number, got ${value}.`);
  }
  if (value < min || value > max) {
    const why =
      unit === 'dBTP' && value > max
        ? ' (a true peak above full scale clips on playback)'
        : unit === 'LUFS' && value > max
          ? ' (louder than that is only distortion)'
          : '';
    throw new MixdownError(
      'invalid-argument',
      `${label} must be between ${min} and ${max} ${unit}${why}, got ${value}.`,
    );
  }
}

/** Resolves a preset and/or explicit figures into a target, with its decisions. */
export function resolveTarget(request: TargetRequest): MasteringTarget {
  const labels = request.labels ?? CLI_LABELS;
  const decisions: string[] = [];
  if (request.lufs !== undefined) {
    checkRange(request.lufs, MIN_TARGET_LUFS, MAX_TARGET_LUFS, labels.lufs, 'LUFS');
  }
  if (request.ceilingDbtp !== undefined) {
    checkRange(request.ceilingDbtp, MIN_CEILING_DBTP, MAX_CEILING_DBTP, labels.ceiling, 'dBTP');
  }
  const presetName = request.preset ?? (request.lufs === undefined ? DEFAULT_PRESET : undefined);
  if (request.preset === undefined && presetName !== undefined) {
    decisions.push(
      `No target given: ${DEFAULT_PRESET} (-14 LUFS, -1 dBTP), the usual streaming reference (loudness.md §4).`,
    );
  }
  if (presetName === undefined) {
    const ceilingDbtp = request.ceilingDbtp ?? -1;
    if (request.ceilingDbtp === undefined) {
      decisions.push('No ceiling given: -1 dBTP, the ceiling most destinations advise.');
    }
    return {
      lufs: request.lufs as number,
      ceilingDbtp,
      name: 'custom',
      uncertain: false,
      decisions,
    };
  }

  const preset = findPreset(presetName, labels.preset);
  if (preset.kind === 'convention') {
    const c = preset.convention;
    const lufs = request.lufs ?? c.lufs;
    decisions.push(
      `${c.name} does not normalise loudness: mastering to the convention ${fmt(c.lufs)} LUFS / ${fmt(c.ceilingDbtp)} dBTP (uncertain; ${c.source}).`,
    );
    return {
      lufs,
      ceilingDbtp: request.ceilingDbtp ?? c.ceilingDbtp,
      preset: c.id,
      name: c.name,
      uncertain: true,
      source: c.source,
      decisions,
    };
  }

  const p = preset.platform;
  let lufs = request.lufs ?? (p.targetLufs as number);
  if (request.lufs === undefined && p.id === 'podcast' && request.channels === 1) {
    lufs = PODCAST_MONO_LUFS;
    decisions.push(
      `Podcast, mono file: ${fmt(PODCAST_MONO_LUFS)} LUFS (the mono figure beside -16 stereo).`,
    );
  }
  const loudRule =
    p.loudMasterCeilingDbtp !== undefined && lufs > (p.targetLufs as number)
      ? p.loudMasterCeilingDbtp
      : undefined;
  let ceilingDbtp = request.ceilingDbtp ?? loudRule ?? p.ceilingDbtp;
  if (loudRule !== undefined) {
    if (request.ceilingDbtp === undefined) {
      decisions.push(
        `${p.name}: a master louder than ${fmt(p.targetLufs as number)} LUFS gets a ${fmt(loudRule)} dBTP ceiling (lossy encoding of loud masters distorts above it).`,
      );
    } else if (request.ceilingDbtp > loudRule) {
      ceilingDbtp = request.ceilingDbtp;
      decisions.push(
        `${p.name} advises ${fmt(loudRule)} dBTP for masters louder than ${fmt(p.targetLufs as number)} LUFS; keeping the ${fmt(request.ceilingDbtp)} dBTP you asked for.`,
      );
    }
  }
  if (p.uncertain) {
    decisions.push(`${p.name}'s figures are uncertain: ${p.source}.`);
  }
  return {
    lufs,
    ceilingDbtp,
    preset: p.id,
    name: p.name,
    uncertain: p.uncertain,
    source: p.source,
    decisions,
  };
}
