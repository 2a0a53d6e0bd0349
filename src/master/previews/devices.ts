import type { InsertDocument } from '../../session/schema.js';

/**
 * How a master sounds on the systems people play it on, as filter curves in the session's
 * insert format (minimum-phase `eq` bands — each within 0.1 dB of its analog prototype, see
 * src/dsp/eq — plus stereo handling). The curves are REPRESENTATIVE APPROXIMATIONS of each
 * class of device, not measurements of any product: real phones, laptops, earbuds, cars and
 * clubs differ widely, and no published per-device response data were at hand. What is
 * sourced is the physics they follow:
 * - phone and laptop micro-speakers lose output steeply below a few hundred Hz, where DSP
 *   can only partly compensate (Llewellyn, "Audio quality improvement for mobile-device
 *   loudspeakers", EE Times, 2011), and phones play in mono;
 * - a car cabin is a pressure vessel below its first mode (~60–80 Hz for a sedan): bass
 *   rises about 12 dB/octave below it, typically 10–12 dB at 30 Hz ("cabin gain",
 *   e.g. rokketbox.com/blog/cabin-gain…, glasswolf.net/papers/xferfunct.html), and in-car
 *   target curves boost the bass (Toole's survey, quoted on audiosciencereview.com);
 * - sealed earbuds gain bass from the closed ear canal and present a broad 2–4 kHz peak;
 * - club systems emphasise the sub-bass and sum it to mono (one sub array).
 * Each device's `bands` are the whole story: tests read them back from impulse responses.
 */

export type DeviceId = 'phone' | 'laptop' | 'earbuds' | 'car' | 'club';

export interface DeviceProfile {
  readonly id: DeviceId;
  readonly name: string;
  /** True where the device has one speaker: the preview plays (L + R)/2 on both sides. */
  readonly mono: boolean;
  /** The device's curve and stereo handling, in order (mono fold-down happens first). */
  readonly inserts: readonly InsertDocument[];
  /** The curve in words, for reports and --help. */
  readonly description: string;
}

const eq = (bands: Record<string, unknown>[]): InsertDocument => ({
  type: 'eq',
  phase: 'minimum',
  bands,
});

export const DEVICES: readonly DeviceProfile[] = [
  {
    id: 'phone',
    name: 'Phone speaker',
    mono: true,
    inserts: [
      eq([
        { type: 'highpass', freqHz: 300, slopeDbPerOct: '24' },
        { type: 'bell', freqHz: 900, gainDb: 4, q: 2 },
        { type: 'bell', freqHz: 3500, gainDb: 3, q: 1.5 },
        { type: 'lowpass', freqHz: 7000, slopeDbPerOct: '12' },
      ]),
    ],
    description:
      'mono; 24 dB/oct high-pass at 300 Hz, +4 dB resonance at 900 Hz (Q 2), +3 dB at 3.5 kHz (Q 1.5), 12 dB/oct low-pass at 7 kHz',
  },
  {
    id: 'laptop',
    name: 'Laptop speakers',
    mono: false,
    inserts: [
      eq([
        { type: 'highpass', freqHz: 150, slopeDbPerOct: '24' },
        { type: 'bell', freqHz: 5000, gainDb: 3, q: 2 },
        { type: 'lowpass', freqHz: 16000, slopeDbPerOct: '12' },
      ]),
      // Two drivers a hand's width apart: a narrow image.
      { type: 'width', widthPercent: 60 },
    ],
    description:
      'stereo narrowed to 60 % width; 24 dB/oct high-pass at 150 Hz, +3 dB at 5 kHz (Q 2), 12 dB/oct low-pass at 16 kHz',
  },
  {
    id: 'earbuds',
    name: 'Earbuds',
    mono: false,
    inserts: [
      eq([
        { type: 'lowshelf', freqHz: 100, gainDb: 4, q: Math.SQRT1_2 },
        { type: 'bell', freqHz: 2700, gainDb: 3, q: 1.2 },
        { type: 'highshelf', freqHz: 10000, gainDb: -4, q: Math.SQRT1_2 },
      ]),
    ],
    description:
      'stereo; +4 dB low shelf at 100 Hz (sealed fit), +3 dB at 2.7 kHz (Q 1.2, ear-canal region), −4 dB high shelf at 10 kHz',
  },
  {
    id: 'car',
    name: 'Car',
    mono: false,
    inserts: [
      eq([
        { type: 'highpass', freqHz: 30, slopeDbPerOct: '12' },
        { type: 'lowshelf', freqHz: 60, gainDb: 10, q: Math.SQRT1_2 },
        { type: 'bell', freqHz: 90, gainDb: 3, q: 2 },
        { type: 'bell', freqHz: 250, gainDb: -3, q: 1.5 },
        { type: 'highshelf', freqHz: 8000, gainDb: -3, q: Math.SQRT1_2 },
      ]),
    ],
    description:
      'stereo; 12 dB/oct high-pass at 30 Hz (door woofers), +10 dB low shelf at 60 Hz (cabin gain), +3 dB cabin mode at 90 Hz (Q 2), −3 dB at 250 Hz (Q 1.5), −3 dB high shelf at 8 kHz',
  },
  {
    id: 'club',
    name: 'Club system',
    mono: false,
    inserts: [
      { type: 'stereo', monoBelowHz: 100 },
      eq([
        { type: 'highpass', freqHz: 30, slopeDbPerOct: '24' },
        { type: 'lowshelf', freqHz: 80, gainDb: 6, q: Math.SQRT1_2 },
        { type: 'highshelf', freqHz: 10000, gainDb: -3, q: Math.SQRT1_2 },
      ]),
    ],
    description:
      'mono below 100 Hz (one sub array); 24 dB/oct high-pass at 30 Hz, +6 dB low shelf at 80 Hz (sub emphasis), −3 dB high shelf at 10 kHz (distance)',
  },
];

export function findDevice(id: string): DeviceProfile | undefined {
  return DEVICES.find((d) => d.id === id);
}
