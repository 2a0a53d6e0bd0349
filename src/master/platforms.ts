/**
 * Where a master ends up, and what each destination does to its loudness: the one table in
 * code. Figures and their status come from shared/reference/loudness.md §4; `uncertain`
 * marks every figure not confirmed from the platform's own documentation.
 */

export type PlatformId =
  | 'spotify'
  | 'spotify-loud'
  | 'spotify-quiet'
  | 'apple'
  | 'youtube'
  | 'amazon'
  | 'tidal'
  | 'deezer'
  | 'soundcloud'
  | 'broadcast'
  | 'atsc'
  | 'podcast'
  | 'cd';

/** How a destination treats a track quieter than its target. */
export type UpwardGain =
  /** Raises quiet tracks all the way to the target. */
  | 'full'
  /** Raises quiet tracks only until their true peak reaches `upwardPeakLimitDbtp`. */
  | 'peak-limited'
  /** Raises quiet tracks and catches the peaks with its own limiter. */
  | 'limited'
  /** Only turns loud tracks down. */
  | 'none';

export interface PlatformTarget {
  readonly id: PlatformId;
  readonly name: string;
  /** Integrated loudness the destination normalises to (LUFS); null where it does not normalise. */
  readonly targetLufs: number | null;
  /** Highest true peak a master should have for this destination (dBTP). */
  readonly ceilingDbtp: number;
  /**
   * A stricter ceiling for masters louder than the target (Spotify: encoding a loud master
   * with peaks above −2 dBTP risks distortion in the lossy file).
   */
  readonly loudMasterCeilingDbtp?: number;
  readonly upwardGain: UpwardGain;
  /** With 'peak-limited': raise no further than this true peak (dBTP). */
  readonly upwardPeakLimitDbtp?: number;
  /** With 'limited': the destination's own limiter ceiling (dB). */
  readonly playbackLimiterDb?: number;
  /** Allowed deviation from the target where the destination states one (LU). */
  readonly toleranceLu?: number;
  /** True where a figure here is not confirmed by the destination's own documentation. */
  readonly uncertain: boolean;
  /** Where the figures come from (keys of loudness.md's source list, or a description). */
  readonly source: string;
  readonly notes?: string;
}

export const PLATFORMS: readonly PlatformTarget[] = [
  {
    id: 'spotify',
    name: 'Spotify (Normal)',
    targetLufs: -14,
    ceilingDbtp: -1,
    loudMasterCeilingDbtp: -2,
    upwardGain: 'peak-limited',
    upwardPeakLimitDbtp: -1,
    uncertain: false,
    source:
      'Spotify for Artists, "Loudness normalization" [SPOT]; −2 dBTP for loud masters [SPOT2], [PRES]',
    notes: 'Default setting. Web player and some third-party devices do not normalise.',
  },
  {
    id: 'spotify-loud',
    name: 'Spotify (Loud)',
    targetLufs: -11,
    ceilingDbtp: -1,
    upwardGain: 'limited',
    playbackLimiterDb: -1,
    uncertain: false,
    source: 'Spotify for Artists, "Loudness normalization" [SPOT]',
    notes: 'Premium setting; a limiter (5 ms attack, 100 ms decay) at −1 dB catches lifted peaks.',
  },
  {
    id: 'spotify-quiet',
    name: 'Spotify (Quiet)',
    targetLufs: -19,
    ceilingDbtp: -1,
    upwardGain: 'full',
    uncertain: false,
    source: 'Spotify for Artists, "Loudness normalization" [SPOT]',
    notes: 'Premium setting.',
  },
  {
    id: 'apple',
    name: 'Apple Music',
    targetLufs: -16,
    ceilingDbtp: -1,
    upwardGain: 'full',
    uncertain: true,
    source: 'Sound Check; third-party figures only [APU], [MTM]',
    notes: 'Apple publishes no number; whether quiet tracks are raised is not confirmed.',
  },
  {
    id: 'youtube',
    name: 'YouTube',
    targetLufs: -14,
    ceilingDbtp: -1,
    upwardGain: 'none',
    uncertain: true,
    source: 'Third-party measurements [SAGE], [TUB]; no official specification',
  },
  {
    id: 'amazon',
    name: 'Amazon Music',
    targetLufs: -14,
    ceilingDbtp: -2,
    upwardGain: 'full',
    uncertain: true,
    source: 'Third-party figures [APU]',
  },
  {
    id: 'tidal',
    name: 'Tidal',
    targetLufs: -14,
    ceilingDbtp: -1,
    upwardGain: 'none',
    uncertain: true,
    source: 'Tidal statement of October 2016 [MPLUG]; may have changed since',
  },
  {
    id: 'deezer',
    name: 'Deezer',
    targetLufs: -15,
    ceilingDbtp: -1,
    upwardGain: 'full',
    uncertain: true,
    source: 'Third-party figures [APU]',
  },
  {
    id: 'soundcloud',
    name: 'SoundCloud',
    targetLufs: null,
    ceilingDbtp: -1,
    upwardGain: 'none',
    uncertain: true,
    source: 'No normalisation historically [SOT]; one vendor claims −14 LUFS now [APU]',
    notes: 'Sources conflict; treated as not normalising.',
  },
  {
    id: 'broadcast',
    name: 'EBU R128 broadcast',
    targetLufs: -23,
    ceilingDbtp: -1,
    upwardGain: 'full',
    toleranceLu: 1,
    uncertain: false,
    source: 'EBU R128 v4.0 (2020) [R128]',
    notes: 'Delivery must itself measure −23 LUFS (±1 LU in production, ±0.2 LU for QC).',
  },
  {
    id: 'atsc',
    name: 'ATSC A/85 (US TV)',
    targetLufs: -24,
    ceilingDbtp: -2,
    upwardGain: 'full',
    toleranceLu: 2,
    uncertain: true,
    source: '−24 LKFS ±2 [TVT]; −2 dBTP from third-party summary [APU]',
  },
  {
    id: 'podcast',
    name: 'Podcast',
    targetLufs: -16,
    ceilingDbtp: -1,
    upwardGain: 'full',
    toleranceLu: 1,
    uncertain: true,
    source: 'Apple podcast audio requirements as quoted by [PODQ] (−16 stereo / −19 mono)',
  },
  {
    id: 'cd',
    name: 'CD / club',
    targetLufs: null,
    ceilingDbtp: -1,
    upwardGain: 'none',
    uncertain: true,
    source: 'Practice, not a specification [BITB]: loud masters ≈ −9…−6 LUFS, ceiling −0.1…−1 dBTP',
    notes: 'Played as mastered: no normalisation.',
  },
];

/** Aliases a user may type for a platform. */
const ALIASES: Readonly<Record<string, PlatformId>> = {
  club: 'cd',
  'apple-music': 'apple',
  'amazon-music': 'amazon',
  ebu: 'broadcast',
  r128: 'broadcast',
  'ebu-r128': 'broadcast',
};

export function findPlatform(name: string): PlatformTarget | undefined {
  const key = name.trim().toLowerCase();
  const id = ALIASES[key] ?? key;
  return PLATFORMS.find((p) => p.id === id);
}

export function platformIds(): string[] {
  return [...PLATFORMS.map((p) => p.id), ...Object.keys(ALIASES)];
}
