import type { AudioData } from '../../../src/core/audio.js';
import { Prng } from '../../../src/core/prng.js';
import { limitTruePeak } from '../../../src/deliver/true-peak-limit.js';
import { writeAudio } from '../../../src/io/index.js';

/**
 * A short, dense, bright stereo master, generated (no fixture files): kick, snare and hat
 * hits, a bass line and a detuned saw chord with harmonics up to Nyquist — the content that
 * makes converters and lossy codecs overshoot. `hotMaster` pushes it 8 dB into the true-peak
 * limiter at `ceilingDbtp`, so its true peak sits at the ceiling before any encoding.
 */
export function denseMix(sampleRate: number, seconds: number, seed = 3): AudioData {
  const frames = Math.round(sampleRate * seconds);
  const prng = new Prng(seed);
  const channels = [new Float32Array(frames), new Float32Array(frames)];
  const beat = Math.round(sampleRate * 0.25);
  for (let c = 0; c < 2; c++) {
    const x = channels[c];
    let last = 0;
    for (let i = 0; i < frames; i++) {
      const t = i / sampleRate;
      const inBeat = i % beat;
      const tb = inBeat / sampleRate;
      const step = Math.floor(i / beat);
      let v = 0;
      if (step % 2 === 0)
        v +=
          0.6 * Math.exp(-tb / 0.1) * Math.sin(2 * Math.PI * (50 + 90 * Math.exp(-tb / 0.03)) * tb);
      else v += 0.35 * Math.exp(-tb / 0.05) * prng.uniform(-1, 1);
      const noise = prng.uniform(-1, 1);
      v += 0.15 * Math.exp(-(inBeat % (beat / 2)) / sampleRate / 0.01) * (noise - last); // hats
      last = noise;
      v += 0.25 * Math.sin(2 * Math.PI * (step % 4 < 2 ? 55 : 73.4) * t);
      for (const f of [220, 277.2, 329.6]) {
        const detuned = f * (c === 0 ? 1 : 1.004);
        // Naive saw: harmonics all the way up, folded at Nyquist.
        const phase = (detuned * t) % 1;
        v += 0.06 * (2 * phase - 1);
      }
      x[i] = v;
    }
  }
  return { sampleRate, channels };
}

export function hotMaster(sampleRate: number, seconds: number, ceilingDbtp = -1): AudioData {
  const mix = denseMix(sampleRate, seconds);
  const pushed = {
    sampleRate,
    channels: mix.channels.map((x) => x.map((v) => v * 10 ** (8 / 20))),
  };
  return limitTruePeak(pushed, ceilingDbtp);
}

/** `hotMaster(48000, seconds, −1)` written as a 24-bit stereo WAV at `path`. */
export async function writeHotMaster48k(path: string, seconds = 2): Promise<void> {
  await writeAudio(path, hotMaster(48000, seconds, -1), {
    format: 'wav',
    sampleRate: 48000,
    channels: 2,
    bitDepth: 24,
  });
}
