import type { Axis } from './chart.js';
import type { Rect } from './layout.js';
import { linearScale } from './scales.js';
import { timeTicks } from './ticks.js';

/** Pixels per tick label on a time axis; "10:00" needs about 40. */
const TIME_TICK_SPACING_PX = 70;

/**
 * The x axis of every figure drawn against time: 0 to `durationSeconds` across the plot area,
 * seconds or m:ss. Figures of one report share it, so their ticks line up.
 */
export function timeAxis(area: Rect, durationSeconds: number): Axis {
  const end = durationSeconds > 0 ? durationSeconds : 1;
  const { ticks, unit } = timeTicks(
    end,
    Math.max(2, Math.floor(area.width / TIME_TICK_SPACING_PX)),
  );
  return {
    scale: linearScale([0, end], [area.x, area.x + area.width]),
    ticks,
    title: `Time (${unit})`,
  };
}

/** Times (s) of the points of a series whose point i ends at (i + 1)·hop. */
export function windowEndTimes(count: number, hopSeconds: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = (i + 1) * hopSeconds;
  return times;
}
