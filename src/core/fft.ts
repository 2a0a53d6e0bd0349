import FFTJS from 'fft.js';

/**
 * Real-input FFT of a power-of-two size, wrapping fft.js (DESIGN.md, "Dependencies": FFT is
 * not the product's own value). Spectra are interleaved complex: [re0, im0, re1, im1, …],
 * `size` complex bins (the upper half mirrors the lower for real input).
 */
export class RealFft {
  readonly size: number;
  private readonly fft: FFTJS;
  private readonly complexIn: number[];

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(`FFT size must be a power of two ≥ 2, got ${size}`);
    }
    this.size = size;
    this.fft = new FFTJS(size);
    this.complexIn = this.fft.createComplexArray();
  }

  /** A correctly sized spectrum buffer (2·size numbers). */
  createSpectrum(): Float64Array {
    return new Float64Array(2 * this.size);
  }

  /** Forward transform of `input` (length `size`) into `spectrum` (full, mirrored). */
  forward(input: ArrayLike<number>, spectrum: Float64Array): void {
    this.fft.realTransform(spectrum as unknown as number[], input as unknown as number[]);
    this.fft.completeSpectrum(spectrum as unknown as number[]);
  }

  /** Inverse transform; `output` receives the real part scaled by 1/size. */
  inverse(spectrum: Float64Array, output: Float64Array | Float32Array): void {
    const tmp = this.complexIn;
    this.fft.inverseTransform(tmp, spectrum as unknown as number[]);
    for (let i = 0; i < this.size; i++) output[i] = tmp[2 * i];
  }
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
