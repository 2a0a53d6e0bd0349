import type { Diagnostic } from '../core/diagnostics.js';
import { MixdownError } from '../core/errors.js';
import { editedSourceAudio } from '../mix/edit-cache.js';
import { renderCacheDir } from '../mix/file-sources.js';
import type { LoadedProject } from '../session/index.js';
import { readSessionFile, saveSession } from '../session/index.js';
import type { SessionDocument } from '../session/schema.js';

/** Where an edit goes in a session: a track, and optionally one clip or one take of it. */
export interface EditTarget {
  readonly track: string;
  /** Clip index; every clip of the track when neither clip nor take is given. */
  readonly clip?: number;
  /** Take id, for comped tracks. */
  readonly take?: string;
}

export interface AddedEdit {
  /** Document paths of the edits added, e.g. "tracks[2].clips[0].edits[1]". */
  readonly paths: readonly string[];
  /** The source ids the edited clips or takes read (for previews). */
  readonly sources: readonly string[];
  readonly projectDir: string;
  readonly fileName: string;
}

interface EditHolder {
  source: string;
  edits?: Record<string, unknown>[];
}

/**
 * Adds an edit operation to a session, saved atomically after validation (a bad value is
 * refused and the file is left as it was). The edit is stored, not applied: the render
 * applies it, and removing it from the list restores the unedited audio.
 */
export async function addEditToSession(
  sessionTarget: string,
  where: EditTarget,
  edit: Record<string, unknown> & { op: string },
  cwd?: string,
): Promise<AddedEdit> {
  const file = await readSessionFile(sessionTarget, { cwd });
  const document = file.document as { tracks?: Record<string, unknown>[] };
  const tracks = document.tracks ?? [];
  const index = tracks.findIndex((t) => t.name === where.track);
  if (index < 0) {
    const names = tracks.map((t) => JSON.stringify(t.name)).join(', ');
    throw new MixdownError(
      'invalid-argument',
      `${file.fileName} has no track named "${where.track}"; its tracks are ${names || 'none'}.`,
    );
  }
  const track = tracks[index];
  const holders: { holder: EditHolder; path: string }[] = [];
  if (where.take !== undefined) {
    const takes = (track.takes ?? []) as (EditHolder & { id: string })[];
    const k = takes.findIndex((t) => t.id === where.take);
    if (k < 0)
      throw new MixdownError(
        'invalid-argument',
        `Track "${where.track}" has no take "${where.take}".`,
      );
    holders.push({ holder: takes[k], path: `tracks[${index}].takes[${k}]` });
  } else {
    const clips = (track.clips ?? []) as EditHolder[];
    if (where.clip !== undefined && (where.clip < 0 || where.clip >= clips.length)) {
      throw new MixdownError(
        'invalid-argument',
        `Track "${where.track}" has ${clips.length} clip(s); --clip must be 0 to ${clips.length - 1}, got ${where.clip}.`,
      );
    }
    const chosen = where.clip === undefined ? clips.map((_, i) => i) : [where.clip];
    if (chosen.length === 0)
      throw new MixdownError('invalid-argument', `Track "${where.track}" has no clips to edit.`);
    for (const i of chosen)
      holders.push({ holder: clips[i], path: `tracks[${index}].clips[${i}]` });
  }
  const paths = holders.map(({ holder, path }) => {
    holder.edits = [...(holder.edits ?? []), { ...edit }];
    return `${path}.edits[${holder.edits.length - 1}]`;
  });
  await saveSession(file.projectDir, document as unknown as SessionDocument);
  return {
    paths,
    sources: [...new Set(holders.map((h) => h.holder.source))],
    projectDir: file.projectDir,
    fileName: file.fileName,
  };
}

/**
 * What a just-stored edit finds, for the command to report ("hum at 50 Hz with 4
 * harmonics", "3 clicks"): the new edit applied to the edited clip's (or take's) source as
 * its earlier edits left it (read from the render cache, where the previous edit command
 * stored it). The result goes into the cache too, for the render and the next edit.
 */
export async function previewFindings(
  project: LoadedProject,
  editPath: string,
): Promise<readonly Diagnostic[]> {
  const match = /^tracks\[(\d+)\]\.(clips|takes)\[(\d+)\]\.edits\[(\d+)\]$/.exec(editPath);
  if (!match) return [];
  const [, t, kind, i, e] = match;
  const track = (project.document as { tracks: Record<string, unknown>[] }).tracks[Number(t)];
  const holder = (track[kind] as { source: string; edits?: Record<string, unknown>[] }[])[
    Number(i)
  ];
  const source = project.resolved.sources.find((s) => s.id === holder.source);
  if (!source) return [];
  const edits = (holder.edits ?? []).slice(0, Number(e) + 1).map((edit, k) => {
    const { op, ...values } = edit as { op: string };
    return { op, values, path: `${editPath.slice(0, editPath.lastIndexOf('['))}[${k}]` };
  });
  const cacheDir = renderCacheDir(project.projectDir);
  return (await editedSourceAudio(cacheDir, source, edits, edits.length - 1)).findings;
}
