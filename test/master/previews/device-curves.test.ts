import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../src/core/fft.js';
import { DEVICES, renderDevicePreview } from '../../../src/master/previews/index.js';
import { shapedNoise } from '../reference/signals.js';
import { deviceBands, statedDb } from './analog-curves.js';

/**
 * Each device preview's magnitude, read from its impulse response, against the curve it
 * states: the product of its bands' analog prototypes (RBJ bell and shelves, Butterworth
 * high/low-pass), written out from their textbook formulas in analog-curves.ts. The EQ promises 0.1 dB
 * to its prototypes; 0.15 dB is allowed here for reading a 64k-point FFT.
 */
const FS = 48000;
const FRAMES = 65536;
const AT = 8192;

function measuredDb(channel: Float32Array): (f: number) => number {
  const fft = new RealFft(FRAMES);
  const spectrum = fft.createSpectrum();
  fft.forward(channel, spectrum);
  return (f) => {
    const k = Math.round((f * FRAMES) / FS);
    return 10 * Math.log10(spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2);
  };
}

const impulse = () => {
  const x = new Float32Array(FRAMES);
  x[AT] = 1;
  return x;
};
const whole = { startFrame: 0, frames: FRAMES };
const probes = [
  31.5, 50, 63, 100, 150, 250, 300, 500, 900, 1000, 2000, 2700, 3500, 5000, 7000, 8000, 10000,
  12500, 16000,
];

describe('device preview curves', () => {
  for (const device of DEVICES) {
    it(`${device.name}: the impulse response has the stated curve within 0.15 dB`, () => {
      // L = R = δ: only the mid passes (width and mono-below act on side alone).
      const preview = renderDevicePreview(
        { sampleRate: FS, channels: [impulse(), impulse()] },
        device,
        { excerpt: whole },
      );
      const bands = deviceBands(device);
      const measured = measuredDb(preview.audio.channels[0]);
      for (const f of probes) {
        const stated = statedDb(bands, f);
        if (stated < -60) continue; // below the EQ's promise (and of no interest)
        expect(Math.abs(measured(f) - stated), `${f} Hz`).toBeLessThan(0.15);
      }
    });
  }

  it('states what each device does to a few landmarks', () => {
    const at = (id: string, f: number) => {
      const device = DEVICES.find((d) => d.id === id)!;
      const bands = deviceBands(device);
      return statedDb(bands, f);
    };
    expect(at('phone', 100)).toBeLessThan(-35); // 24 dB/oct below 300 Hz
    expect(at('phone', 900)).toBeGreaterThan(3); // its resonance
    expect(at('laptop', 60)).toBeLessThan(-30);
    expect(at('earbuds', 40)).toBeCloseTo(3.6, 0); // the sealed-fit shelf
    expect(at('car', 40)).toBeGreaterThan(5); // cabin gain, less the woofers' roll-off
    expect(at('club', 60)).toBeGreaterThan(4); // sub emphasis
  });

  it('mono devices play identical left and right; stereo devices keep them apart', () => {
    const left = shapedNoise(16384, FS, () => 0, 1, -20);
    const right = shapedNoise(16384, FS, () => 0, 2, -20);
    const master = { sampleRate: FS, channels: [left, right] };
    const phone = renderDevicePreview(master, 'phone', {
      excerpt: { startFrame: 0, frames: 16384 },
    });
    expect(phone.audio.channels[0]).toEqual(phone.audio.channels[1]);
    const earbuds = renderDevicePreview(master, 'earbuds', {
      excerpt: { startFrame: 0, frames: 16384 },
    });
    expect(earbuds.audio.channels[0]).not.toEqual(earbuds.audio.channels[1]);
  });

  it('refuses an unknown device by name', () => {
    const master = { sampleRate: FS, channels: [impulse()] };
    expect(() => renderDevicePreview(master, 'boombox')).toThrow(
      /Unknown device "boombox"; choose phone, laptop, earbuds, car or club/,
    );
  });
});
