import { bool, choice, num, type ParamSpecs } from '../dsp/params.js';
import { panParams } from '../dsp/utility/pan.js';
import type { FadeShape, SegmentCurve } from './resolved.js';

/**
 * The session's own controls, declared as data like any processor's parameters (STYLE.md
 * §4): the schema, validation and automation addressing ("gainDb", "sends[0].levelDb") are
 * all built from these declarations, so a range lives in exactly one place.
 */

/** Largest fader or send boost. 12 dB is the top of a typical console fader. */
const MAX_FADER_DB = 12;
/** Quietest level a fader reaches; about the noise floor of 24-bit audio, i.e. "off". */
const MIN_FADER_DB = -144;

export const FADE_SHAPES: readonly FadeShape[] = [
  'linear',
  'exponential',
  's-curve',
  'equal-power',
];
export const SEGMENT_CURVES: readonly SegmentCurve[] = ['linear', 'exponential', 'hold'];

/** Controls every track and bus has. */
export const STRIP_PARAMS = {
  gainDb: num({
    name: 'Fader',
    unit: 'dB',
    min: MIN_FADER_DB,
    max: MAX_FADER_DB,
    default: 0,
    description: 'level of the strip after its inserts',
  }),
  pan: panParams.pan,
  panLaw: panParams.law,
  mute: bool({ name: 'Mute', default: false, description: 'silence the strip' }),
  solo: bool({
    name: 'Solo',
    default: false,
    description: 'when any strip is soloed, only soloed strips (and what they feed) are heard',
  }),
  polarity: bool({
    name: 'Polarity',
    default: false,
    description: 'invert the polarity of the signal at the input of the strip',
  }),
} satisfies ParamSpecs;

/** The master has no solo (nothing to solo against) and no sends (it feeds the output). */
export const MASTER_PARAMS = {
  gainDb: STRIP_PARAMS.gainDb,
  pan: STRIP_PARAMS.pan,
  panLaw: STRIP_PARAMS.panLaw,
  mute: STRIP_PARAMS.mute,
  polarity: STRIP_PARAMS.polarity,
} satisfies ParamSpecs;

export const SEND_PARAMS = {
  levelDb: num({
    name: 'Send level',
    unit: 'dB',
    min: MIN_FADER_DB,
    max: MAX_FADER_DB,
    default: 0,
    description: 'level sent to the bus',
  }),
  /** Optional in documents: left out, the send follows the strip's pan (see ResolvedSend). */
  pan: num({
    name: 'Send pan',
    unit: 'none',
    min: -1,
    max: 1,
    default: 0,
    description:
      '−1 hard left, 0 centre, +1 hard right; left out, a post-fader send follows the strip pan and a pre-fader send is centred',
  }),
  preFader: bool({
    name: 'Pre-fader',
    default: false,
    description: 'take the signal before the fader and pan (e.g. for a headphone mix)',
  }),
  mute: bool({ name: 'Mute', default: false, description: 'silence this send' }),
} satisfies ParamSpecs;

export const TRACK_PARAMS = {
  crossfadeShape: choice({
    name: 'Crossfade shape',
    choices: FADE_SHAPES,
    default: 'equal-power',
    description: 'shape of the automatic crossfade where two clips on the track overlap',
  }),
} satisfies ParamSpecs;

export const CLIP_PARAMS = {
  gainDb: num({
    name: 'Clip gain',
    unit: 'dB',
    min: MIN_FADER_DB,
    max: 24,
    default: 0,
    automatable: false,
    description: 'level change applied to the clip before the track',
  }),
  mute: bool({ name: 'Mute', default: false, description: 'leave the clip out of the mix' }),
  reverse: bool({ name: 'Reverse', default: false, description: 'play the source backwards' }),
} satisfies ParamSpecs;

export const FADE_PARAMS = {
  lengthMs: num({
    name: 'Fade length',
    unit: 'ms',
    min: 0,
    max: 600_000,
    default: 0,
    automatable: false,
    description: 'length of the fade; 0 for none',
  }),
  shape: choice({
    name: 'Fade shape',
    choices: FADE_SHAPES,
    default: 'linear',
    description: 'gain curve of the fade',
  }),
} satisfies ParamSpecs;

export const TEMPO_PARAMS = {
  bpm: num({
    name: 'Tempo',
    unit: 'none',
    min: 1,
    max: 999,
    default: 120,
    automatable: false,
    description: 'beats per minute, a beat being the time signature’s lower note',
  }),
} satisfies ParamSpecs;

export const POINT_PARAMS = {
  curve: choice({
    name: 'Curve',
    choices: SEGMENT_CURVES,
    default: 'linear',
    description: 'shape of the segment from this point to the next',
  }),
} satisfies ParamSpecs;
