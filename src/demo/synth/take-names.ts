/**
 * Take names, numbered as a studio export would number them, so `mixdown init` derives
 * readable track names ("06-lead-vocal-take1.wav" → "lead vocal take1").
 */
export const TAKE = {
  kick: '01-kick',
  snare: '02-snare',
  hats: '03-hats',
  overheads: '04-overheads',
  bass: '05-bass-di',
  vocal1: '06-lead-vocal-take1',
  vocal2: '07-lead-vocal-take2',
  vocal3: '08-lead-vocal-take3',
  keys: '09-keys',
} as const;

export type TakeName = (typeof TAKE)[keyof typeof TAKE];
