/**
 * Starting points for the algorithmic reverb. A preset supplies every character value;
 * any of these parameters set to something other than its declared default overrides the
 * preset (see reverb.ts). 'custom' uses the parameters exactly as given.
 */
export interface ReverbCharacter {
  readonly size: number;
  readonly decaySeconds: number;
  readonly damping: number;
  readonly dampingHz: number;
  readonly diffusion: number;
  readonly preDelayMs: number;
  readonly modulation: number;
}

export const REVERB_PRESETS = ['room', 'plate', 'hall', 'custom'] as const;
export type ReverbPreset = (typeof REVERB_PRESETS)[number];

/**
 * room: small and quick, fairly dark; plate: medium lines, very dense and bright, no
 * pre-delay (a plate has no early gap); hall: large, long, with a pre-delay and darker
 * highs, as air and seats absorb them.
 */
export const PRESET_CHARACTER: Readonly<Record<Exclude<ReverbPreset, 'custom'>, ReverbCharacter>> =
  {
    room: {
      size: 20,
      decaySeconds: 0.6,
      damping: 45,
      dampingHz: 4000,
      diffusion: 70,
      preDelayMs: 3,
      modulation: 10,
    },
    plate: {
      size: 40,
      decaySeconds: 1.8,
      damping: 15,
      dampingHz: 8000,
      diffusion: 100,
      preDelayMs: 0,
      modulation: 25,
    },
    hall: {
      size: 85,
      decaySeconds: 2.6,
      damping: 50,
      dampingHz: 4500,
      diffusion: 80,
      preDelayMs: 20,
      modulation: 20,
    },
  };
