import type { FadeShape, ResolvedClip, ResolvedTrack } from '../session/resolved.js';

/** A fade in session samples. */
export interface SampleFade {
  readonly frames: number;
  readonly shape: FadeShape;
}

/** A clip placed on the sample grid of the session, with its effective fades. */
export interface ScheduledClip {
  readonly clip: ResolvedClip;
  readonly sourceId: string;
  /** First timeline frame it plays (inclusive). */
  readonly startFrame: number;
  /** Timeline frame after its last (exclusive). */
  readonly endFrame: number;
  /** Source frame (at the session rate) heard at `startFrame`. */
  readonly sourceStartFrame: number;
  readonly gain: number;
  readonly reverse: boolean;
  readonly fadeIn: SampleFade;
  readonly fadeOut: SampleFade;
}

/**
 * Places a track's unmuted clips on the sample grid. Where two clips overlap, the overlap
 * becomes a crossfade of the track's crossfade shape: the earlier clip fades out and the
 * later one fades in over exactly the overlap, replacing their own fades at that edge
 * (a longer explicit fade is kept).
 */
export function scheduleClips(track: ResolvedTrack, sampleRate: number): ScheduledClip[] {
  const placed = track.clips
    .filter((clip) => !clip.mute && clip.lengthSeconds > 0)
    .map((clip) => {
      const startFrame = Math.round(clip.startSeconds * sampleRate);
      const frames = Math.round(clip.lengthSeconds * sampleRate);
      return {
        clip,
        startFrame,
        endFrame: startFrame + frames,
        fadeIn: toFrames(clip.fadeIn.seconds, clip.fadeIn.shape, sampleRate, frames),
        fadeOut: toFrames(clip.fadeOut.seconds, clip.fadeOut.shape, sampleRate, frames),
      };
    })
    .sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame);

  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const earlier = placed[i];
      const later = placed[j];
      if (later.startFrame >= earlier.endFrame) break;
      // A clip lying wholly inside another is layered over it, not crossfaded.
      if (later.endFrame < earlier.endFrame) continue;
      const overlap = earlier.endFrame - later.startFrame;
      const shape = track.crossfadeShape;
      if (overlap > earlier.fadeOut.frames) earlier.fadeOut = { frames: overlap, shape };
      if (overlap > later.fadeIn.frames) later.fadeIn = { frames: overlap, shape };
    }
  }

  return placed.map((p) => ({
    clip: p.clip,
    sourceId: p.clip.sourceId,
    startFrame: p.startFrame,
    endFrame: p.endFrame,
    sourceStartFrame: Math.round(p.clip.sourceOffsetSeconds * sampleRate),
    gain: 10 ** (p.clip.gainDb / 20),
    reverse: p.clip.reverse,
    fadeIn: p.fadeIn,
    fadeOut: p.fadeOut,
  }));
}

function toFrames(
  seconds: number,
  shape: FadeShape,
  sampleRate: number,
  clipFrames: number,
): SampleFade {
  return { frames: Math.min(clipFrames, Math.max(0, Math.round(seconds * sampleRate))), shape };
}
