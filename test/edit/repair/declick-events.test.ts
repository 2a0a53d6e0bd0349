/**
 * De-click counts clicks as a listener hears them: a click at the same moment in both
 * channels of a stereo file is one click (it was reported as two), while the per-channel
 * runs stay in the report. Clicks are single-sample impulses of 0.5 added at known samples to
 * a 440 Hz sine, so the truth is known by construction.
 */
import { describe, expect, it } from 'vitest';
import { clickEvents, EVENT_GAP_SECONDS } from '../../../src/edit/repair/click-events.js';
import { declick } from '../../../src/edit/repair/declick.js';

const FS = 48000;
const N = 2 * FS;

function channel(clickSamples: readonly number[]): Float32Array {
  const x = Float32Array.from(
    { length: N },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / FS),
  );
  for (const s of clickSamples) x[s] += 0.5;
  return x;
}

describe('declick reports clicks per event, not per channel', () => {
  it('3 clicks in both channels of a stereo file: 3 clicks, each in channels 0 and 1, 6 runs', () => {
    const at = [0.5, 1.1, 1.6].map((t) => Math.round(t * FS));
    const { report } = declick({ sampleRate: FS, channels: [channel(at), channel(at)] });
    expect(report.clickCount).toBe(3);
    expect(report.clicksPerMinute).toBeCloseTo(3 / (2 / 60), 9);
    expect(report.events.map((e) => e.channels)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(report.events.map((e) => Math.round(e.timeSeconds * 1000))).toEqual([500, 1100, 1600]);
    expect(report.clicks.length).toBe(6);
    expect(report.summary).toBe(
      'Repaired 3 clicks (90.0 per minute; 3 in both channels) at 0.500, 1.100, 1.600 s.',
    );
  });

  it('a click 0.5 ms later in the right channel is the same click; 10 ms later it is another', () => {
    const left = channel([FS / 2, FS]);
    const right = channel([FS / 2 + 24, FS + 480]);
    const { report } = declick({ sampleRate: FS, channels: [left, right] });
    expect(report.events.map((e) => e.channels)).toEqual([[0, 1], [0], [1]]);
    expect(report.clickCount).toBe(3);
  });

  it('mono: the summary says nothing about channels', () => {
    const { report } = declick({ sampleRate: FS, channels: [channel([FS / 2])] });
    expect(report.summary).toBe('Repaired 1 click (30.0 per minute) at 0.500 s.');
  });
});

describe('clickEvents', () => {
  const gap = EVENT_GAP_SECONDS * FS;
  it('joins runs within the gap across channels and keeps those beyond it apart', () => {
    const events = clickEvents(
      [
        { channel: 1, start: 1000, end: 1003 },
        { channel: 0, start: 1001, end: 1002 },
        { channel: 0, start: 1003 + gap, end: 1004 + gap },
        { channel: 1, start: 1005 + 2 * gap, end: 1006 + 2 * gap },
      ],
      FS,
    );
    expect(events).toEqual([
      { timeSeconds: 1000 / FS, lengthSamples: 4 + gap, channels: [0, 1] },
      { timeSeconds: (1005 + 2 * gap) / FS, lengthSamples: 1, channels: [1] },
    ]);
  });
});
