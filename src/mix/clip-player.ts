import type { ScheduledClip } from './clip-schedule.js';
import { fadeInGain, fadeOutGain } from './fades.js';
import type { RandomAccessSource } from './source-provider.js';

/**
 * Renders a track's clips into its input buffer, block by block: reads each clip's source
 * range (forwards or reversed), applies clip gain and fades, and sums overlapping clips
 * (their crossfades were set up by scheduleClips).
 */
export class ClipPlayer {
  private readonly scratch: Float32Array[];

  /** An open source per clip while it plays (clips of one source read different places). */
  private readonly open = new Map<ScheduledClip, RandomAccessSource>();

  constructor(
    private readonly clips: readonly ScheduledClip[],
    private readonly openSource: (clip: ScheduledClip) => Promise<RandomAccessSource>,
    private readonly channels: number,
    maxBlockSize: number,
  ) {
    this.scratch = Array.from({ length: channels }, () => new Float32Array(maxBlockSize));
  }

  /** Frame after the last clip's end (0 for a track without clips). */
  get endFrame(): number {
    return this.clips.reduce((end, c) => Math.max(end, c.endFrame), 0);
  }

  /**
   * Writes frames [start, start + length) of the track into `out` (overwriting it). Returns
   * a promise only when a source has to be opened or read from disk; otherwise the block is
   * done on return. (An await per clip per block allocated the suspended call each time:
   * most of the engine's garbage in a 16-track render.)
   */
  render(start: number, length: number, out: readonly Float32Array[]): Promise<void> | undefined {
    for (const o of out) o.fill(0, 0, length);
    const end = start + length;
    // Clips are sorted by start: none after the first that starts past the block plays in it.
    for (let k = 0; k < this.clips.length && this.clips[k].startFrame < end; k++) {
      const pending = this.step(k, start, end, out);
      if (pending) return this.finish(pending, k + 1, start, end, out);
    }
    return undefined;
  }

  /** Closes every source still open (end of render). */
  async close(): Promise<void> {
    for (const clip of [...this.open.keys()]) await this.release(clip);
  }

  /** The rest of a block once a clip had to wait, one clip at a time. */
  private async finish(
    pending: Promise<void>,
    from: number,
    start: number,
    end: number,
    out: readonly Float32Array[],
  ): Promise<void> {
    await pending;
    for (let k = from; k < this.clips.length && this.clips[k].startFrame < end; k++) {
      await this.step(k, start, end, out);
    }
  }

  /** Clip `k`'s share of frames [start, end): a promise when it has to wait. */
  private step(
    k: number,
    start: number,
    end: number,
    out: readonly Float32Array[],
  ): Promise<void> | undefined {
    const clip = this.clips[k];
    if (clip.endFrame <= start) return this.open.has(clip) ? this.release(clip) : undefined;
    const source = this.open.get(clip);
    return source
      ? this.renderClip(clip, source, start, end, out)
      : this.openAndRender(clip, start, end, out);
  }

  private async release(clip: ScheduledClip): Promise<void> {
    const source = this.open.get(clip);
    if (!source) return;
    this.open.delete(clip);
    await source.close();
  }

  private async openAndRender(
    clip: ScheduledClip,
    start: number,
    end: number,
    out: readonly Float32Array[],
  ): Promise<void> {
    const source = await this.openSource(clip);
    this.open.set(clip, source);
    await this.renderClip(clip, source, start, end, out);
  }

  /** Reads the clip's frames in [start, end) and adds them into `out`; a promise while reading. */
  private renderClip(
    clip: ScheduledClip,
    source: RandomAccessSource,
    start: number,
    end: number,
    out: readonly Float32Array[],
  ): Promise<void> | undefined {
    const from = Math.max(start, clip.startFrame);
    const count = Math.min(end, clip.endFrame) - from;
    const offsetInClip = from - clip.startFrame;
    // Reversed, timeline frame t plays source frame (sourceStart + clipLength − 1 − (t − clipStart)),
    // so the block's frames are the source's [first, first + count) backwards.
    const first = clip.reverse
      ? clip.sourceStartFrame + (clip.endFrame - clip.startFrame) - offsetInClip - count
      : clip.sourceStartFrame + offsetInClip;
    const outOffset = from - start;
    if (source.readNow?.(first, count, this.scratch, 0)) {
      this.addClip(clip, source.channels, outOffset, offsetInClip, count, out);
      return undefined;
    }
    return source
      .read(first, count, this.scratch, 0)
      .then(() => this.addClip(clip, source.channels, outOffset, offsetInClip, count, out));
  }

  /** Adds `count` frames read into the scratch, with clip gain and fades, into `out`. */
  private addClip(
    clip: ScheduledClip,
    sourceChannels: number,
    outOffset: number,
    offsetInClip: number,
    count: number,
    out: readonly Float32Array[],
  ): void {
    const scratch = this.scratch;
    if (clip.reverse) for (const s of scratch) s.subarray(0, count).reverse();
    const clipFrames = clip.endFrame - clip.startFrame;
    const fadeInEnd = clip.fadeIn.frames;
    const fadeOutStart = clipFrames - clip.fadeOut.frames;
    const needsFades = offsetInClip < fadeInEnd || offsetInClip + count > fadeOutStart;
    for (let c = 0; c < this.channels; c++) {
      const src = scratch[Math.min(c, sourceChannels - 1)];
      const dst = out[c];
      if (!needsFades) {
        addScaled(dst, outOffset, src, count, clip.gain);
        continue;
      }
      for (let i = 0; i < count; i++) {
        const pos = offsetInClip + i;
        let g = clip.gain;
        // Fade positions are sample centres, so a fade of n frames has n distinct gains in (0, 1).
        if (pos < fadeInEnd) g *= fadeInGain(clip.fadeIn.shape, (pos + 0.5) / fadeInEnd);
        if (pos >= fadeOutStart) {
          g *= fadeOutGain(clip.fadeOut.shape, (pos - fadeOutStart + 0.5) / clip.fadeOut.frames);
        }
        dst[outOffset + i] += src[i] * g;
      }
    }
  }
}

/**
 * dst[offset + i] += src[i]·gain. The gain in a local and the offset folded into a view keep
 * the loop to a load, a multiply-add and a store (a clip's property read and index sum in
 * the loop made it about 1.4× slower).
 */
function addScaled(
  dst: Float32Array,
  offset: number,
  src: Float32Array,
  count: number,
  gain: number,
): void {
  const to = offset === 0 ? dst : dst.subarray(offset, offset + count);
  for (let i = 0; i < count; i++) to[i] += src[i] * gain;
}
