import { Prng } from '../src/core/prng.js';
import { createWriter } from '../src/io/index.js';

/**
 * Writes a song-like stereo test programme of any length, chunk by chunk (so a 60-minute
 * file needs no more memory than a 4-minute one): a bass line, a chord of detuned tones,
 * pulsing noise "drums" and slow level changes, so loudness, LRA and true peak all have
 * something to measure. Deterministic for a seed.
 */
export async function writeProgramme(
  path: string,
  seconds: number,
  sampleRate = 48000,
  seed = 1,
): Promise<void> {
  const writer = await createWriter(path, { format: 'wav', sampleRate, channels: 2, bitDepth: 24 });
  const prng = new Prng(seed);
  const chunk = 65536;
  const left = new Float32Array(chunk);
  const right = new Float32Array(chunk);
  const total = Math.round(seconds * sampleRate);
  const beat = sampleRate / 2; // 120 bpm
  const tones = [110, 220.5, 277.2, 329.6, 440.3];
  try {
    for (let start = 0; start < total; start += chunk) {
      const n = Math.min(chunk, total - start);
      for (let i = 0; i < n; i++) {
        const t = start + i;
        const section = 0.6 + 0.4 * Math.sin((2 * Math.PI * t) / (sampleRate * 47)); // slow dynamics
        let tonal = 0;
        for (let k = 0; k < tones.length; k++)
          tonal += Math.sin((2 * Math.PI * tones[k] * t) / sampleRate) / (k + 2);
        const phase = (t % beat) / beat;
        const hit = Math.exp(-phase * 18) * (prng.next() * 2 - 1);
        const value = section * (0.35 * tonal + 0.45 * hit);
        left[i] = value + 0.02 * (prng.next() - 0.5);
        right[i] = 0.9 * value + 0.02 * (prng.next() - 0.5);
      }
      await writer.write([left, right], n);
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
