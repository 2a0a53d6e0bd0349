/**
 * Clicks as events. The detector runs per channel, so one click on a stereo record is found
 * once in each channel (and a click can leave a second short run a sample or two after its
 * first); a listener hears one click. Runs from any channel whose spans come within
 * EVENT_GAP_SECONDS of each other are one event.
 */

/** Runs closer than this (start after the previous run's end) are one click. */
export const EVENT_GAP_SECONDS = 0.002;

export interface ClickRunAt {
  readonly channel: number;
  /** First repaired sample. */
  readonly start: number;
  /** One past the last repaired sample. */
  readonly end: number;
}

export interface ClickEvent {
  /** Start of the event's first run, seconds from the clip start. */
  readonly timeSeconds: number;
  /** From the first run's start to the last run's end, samples. */
  readonly lengthSamples: number;
  /** Channels it was repaired in (0-based, ascending). */
  readonly channels: readonly number[];
}

/** Groups runs of all channels into events, in time order. */
export function clickEvents(runs: readonly ClickRunAt[], sampleRate: number): ClickEvent[] {
  const gap = EVENT_GAP_SECONDS * sampleRate;
  const sorted = [...runs].sort((a, b) => a.start - b.start || a.channel - b.channel);
  const events: ClickEvent[] = [];
  let start = 0;
  let end = Number.NEGATIVE_INFINITY;
  let channels = new Set<number>();
  const close = () => {
    if (channels.size === 0) return;
    events.push({
      timeSeconds: start / sampleRate,
      lengthSamples: end - start,
      channels: [...channels].sort((a, b) => a - b),
    });
  };
  for (const run of sorted) {
    if (run.start - end > gap) {
      close();
      start = run.start;
      end = run.end;
      channels = new Set();
    }
    end = Math.max(end, run.end);
    channels.add(run.channel);
  }
  close();
  return events;
}
