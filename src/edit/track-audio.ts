import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { editedSourceAudio } from '../mix/edit-cache.js';
import { renderCacheDir } from '../mix/file-sources.js';
import type { LoadedProject } from '../session/index.js';

/**
 * The audio of a track's first clip as it sounds now (its source with the clip's edits
 * applied, through the render cache), for analyses that compare tracks (alignment, tuning, comping). Alignment works
 * in source time, so the clip must start where its source starts: at the top of the
 * timeline, read from the beginning.
 */
export async function trackAudio(
  project: LoadedProject,
  trackName: string,
  requireTimelineStart = false,
): Promise<AudioData> {
  const track = project.resolved.tracks.find((t) => t.name === trackName);
  if (!track) {
    const names = project.resolved.tracks.map((t) => JSON.stringify(t.name)).join(', ');
    throw new MixdownError(
      'invalid-argument',
      `${project.fileName} has no track named "${trackName}"; its tracks are ${names}.`,
    );
  }
  const clip = track.clips[0];
  if (!clip) throw new MixdownError('invalid-argument', `Track "${trackName}" has no clips.`);
  if (requireTimelineStart && (clip.startSeconds !== 0 || clip.sourceOffsetSeconds !== 0)) {
    throw new MixdownError(
      'invalid-argument',
      `${clip.path}: alignment needs the clip to start at 0 s and read its source from the start (it starts at ${clip.startSeconds} s, offset ${clip.sourceOffsetSeconds} s); align the plain files instead.`,
    );
  }
  const source = project.resolved.sources.find((s) => s.id === clip.sourceId)!;
  const cacheDir = renderCacheDir(project.resolved.projectDir);
  return (await editedSourceAudio(cacheDir, source, clip.edits)).audio;
}
