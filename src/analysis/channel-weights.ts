/**
 * BS.1770 channel weights G_i: front channels 1.0, surrounds 1.41 (+1.5 dB), LFE excluded
 * (loudness.md §1.3). BS.1770-4 gives 1.41 to loudspeakers at 60°…120° azimuth near ear
 * height and 1.0 to everything else; libebur128 applies it to ITU positions M±060, M±090 and
 * M±110, and 1.0 to M±135, M180 and elevated positions.
 */

/** WAVE_FORMAT_EXTENSIBLE speaker-position bits (dwChannelMask), in channel order. */
export const SpeakerBit = {
  frontLeft: 0x1,
  frontRight: 0x2,
  frontCenter: 0x4,
  lowFrequency: 0x8,
  backLeft: 0x10,
  backRight: 0x20,
  frontLeftOfCenter: 0x40,
  frontRightOfCenter: 0x80,
  backCenter: 0x100,
  sideLeft: 0x200,
  sideRight: 0x400,
  // 0x800 … 0x20000 are top (height) positions: weight 1.0.
} as const;

export const SURROUND_WEIGHT = 1.41;

// Highest defined speaker bit (top back right, 0x20000); higher bits are reserved.
const HIGHEST_SPEAKER_BIT = 0x20000;

/**
 * Default maps when the file declares no channel mask (WAVE order, as libebur128 and
 * Microsoft's KSAUDIO_SPEAKER_* layouts):
 *   1 mono; 2 L R; 3 L R C; 4 L R Ls Rs (quad); 5 L R C Ls Rs; 6 L R C LFE Ls Rs (5.1);
 *   7 L R C LFE Cs Ls Rs (6.1: back centre 1.0, sides 1.41);
 *   8 L R C LFE Lb Rb Ls Rs (7.1 surround: backs at ±135° get 1.0, sides at ±90° get 1.41).
 * More than 8 channels: the 8-channel map, then 1.0 for every further channel.
 */
const DEFAULT_MASKS: Readonly<Record<number, number>> = {
  1: SpeakerBit.frontCenter,
  2: SpeakerBit.frontLeft | SpeakerBit.frontRight,
  3: SpeakerBit.frontLeft | SpeakerBit.frontRight | SpeakerBit.frontCenter,
  4: SpeakerBit.frontLeft | SpeakerBit.frontRight | SpeakerBit.backLeft | SpeakerBit.backRight,
  5:
    SpeakerBit.frontLeft |
    SpeakerBit.frontRight |
    SpeakerBit.frontCenter |
    SpeakerBit.backLeft |
    SpeakerBit.backRight,
  6: 0x3f, // 5.1 (back): L R C LFE BL BR
  7: 0x70f, // 6.1: L R C LFE BC SL SR
  8: 0x63f, // 7.1 surround: L R C LFE BL BR SL SR
};

/**
 * The BS.1770 weight of every channel. With a WAVE_FORMAT_EXTENSIBLE `channelMask`, channel i
 * takes the i-th set bit of the mask; channels beyond the mask's bits get 1.0. Without one,
 * the default maps above apply.
 */
export function channelWeights(channelCount: number, channelMask?: number): Float64Array {
  if (!Number.isInteger(channelCount) || channelCount < 1) {
    throw new RangeError(`channel count must be a positive integer, got ${channelCount}`);
  }
  const mask =
    channelMask !== undefined && channelMask !== 0
      ? channelMask
      : DEFAULT_MASKS[Math.min(channelCount, 8)];
  const positions = speakerPositions(mask);
  const hasSideSpeakers = (mask & (SpeakerBit.sideLeft | SpeakerBit.sideRight)) !== 0;
  const weights = new Float64Array(channelCount);
  for (let i = 0; i < channelCount; i++) {
    weights[i] = i < positions.length ? speakerWeight(positions[i], hasSideSpeakers) : 1;
  }
  return weights;
}

function speakerPositions(mask: number): number[] {
  const positions: number[] = [];
  for (let bit = 1; bit <= HIGHEST_SPEAKER_BIT; bit *= 2) {
    if ((mask & bit) !== 0) positions.push(bit);
  }
  return positions;
}

function speakerWeight(position: number, hasSideSpeakers: boolean): number {
  switch (position) {
    case SpeakerBit.lowFrequency:
      return 0;
    case SpeakerBit.sideLeft:
    case SpeakerBit.sideRight:
      return SURROUND_WEIGHT;
    case SpeakerBit.backLeft:
    case SpeakerBit.backRight:
      // Alone, BL/BR are the 5.1 surrounds at ±110° (1.41). Beside SL/SR (7.1) they are the
      // rear pair at ±135°, which BS.1770 weights 1.0.
      return hasSideSpeakers ? 1 : SURROUND_WEIGHT;
    default:
      return 1;
  }
}
