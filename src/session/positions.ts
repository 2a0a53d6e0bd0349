/**
 * Timeline positions: seconds, or musical "bar:beat" (1-based: "1:1" is the start, "5:2.5"
 * is half-way through the second beat of bar 5). A beat is the time signature's lower note
 * and lasts 60 / bpm seconds, so a bar lasts `beatsPerBar · 60 / bpm` seconds whatever the
 * lower note is (6/8 at 120 bpm: six eighth-note beats of 0.5 s, a 3 s bar). One tempo and
 * one time signature hold for the whole session.
 */

export interface Tempo {
  readonly bpm: number;
  /** [beats per bar, beat unit]. */
  readonly timeSignature: readonly [number, number];
}

/** A position as written in a document. */
export type Position = number | string;

/** The syntax alone; whether the beat exists in a bar depends on the time signature. */
export const BAR_BEAT_PATTERN = /^([1-9]\d*):([1-9]\d*(?:\.\d+)?)$/;

export interface BarBeat {
  readonly bar: number;
  readonly beat: number;
}

export function parseBarBeat(text: string): BarBeat | undefined {
  const match = BAR_BEAT_PATTERN.exec(text);
  return match ? { bar: Number(match[1]), beat: Number(match[2]) } : undefined;
}

export function secondsPerBeat(tempo: Tempo): number {
  return 60 / tempo.bpm;
}

/**
 * Why a position cannot be placed under `tempo`, or undefined when it can. Seconds are
 * checked by the schema; here only the beat, which must fall inside its bar.
 */
export function positionProblem(position: Position, tempo: Tempo): string | undefined {
  if (typeof position === 'number') return undefined;
  const barBeat = parseBarBeat(position);
  if (!barBeat) {
    return `must be seconds or a "bar:beat" position such as "5:1" or "5:2.5", got ${JSON.stringify(position)}`;
  }
  const [beatsPerBar, beatUnit] = tempo.timeSignature;
  if (barBeat.beat >= beatsPerBar + 1) {
    return `must have a beat from 1 to below ${beatsPerBar + 1} in ${beatsPerBar}/${beatUnit} time, got ${JSON.stringify(position)}`;
  }
  return undefined;
}

/** Seconds from the start of the session; call `positionProblem` first for strings. */
export function positionToSeconds(position: Position, tempo: Tempo): number {
  if (typeof position === 'number') return position;
  const barBeat = parseBarBeat(position);
  if (!barBeat) throw new RangeError(`not a bar:beat position: ${position}`);
  const beatsFromStart = (barBeat.bar - 1) * tempo.timeSignature[0] + (barBeat.beat - 1);
  return beatsFromStart * secondsPerBeat(tempo);
}
