import { describe, expect, it } from 'vitest';
import {
  dbTicks,
  linearTicks,
  logFrequencyTicks,
  stepTicks,
  timeTicks,
} from '../../src/report/ticks.js';

const values = (ticks: { value: number }[]) => ticks.map((t) => t.value);
const labels = (ticks: { label: string }[]) => ticks.map((t) => t.label);

describe('ticks', () => {
  it('puts decimal ticks on 1-2-5 steps with as many decimals as the step needs', () => {
    const ticks = linearTicks(-1, 1, 5);
    expect(values(ticks)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(labels(ticks)).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
  });

  it('steps dB axes by 1, 2, 3, 6, 12 dB', () => {
    expect(values(dbTicks(-48, -12, 8))).toEqual([-48, -42, -36, -30, -24, -18, -12]);
    expect(values(dbTicks(-3, 0, 8))).toEqual([-3, -2, -1, 0]);
    expect(values(dbTicks(-60, 0, 6))).toEqual([-60, -48, -36, -24, -12, 0]);
  });

  it('does not drift on fractional steps', () => {
    expect(stepTicks(0, 0.3, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('labels 20, 50, 100 … 20k on a log-frequency axis and grids the rest', () => {
    const { major, minor } = logFrequencyTicks(20, 20_000);
    expect(labels(major)).toEqual([
      '20',
      '50',
      '100',
      '200',
      '500',
      '1k',
      '2k',
      '5k',
      '10k',
      '20k',
    ]);
    expect(minor).toContain(30);
    expect(minor).toContain(9000);
    expect(minor).not.toContain(20);
    expect(Math.max(...minor)).toBeLessThan(20_000);
  });

  it('uses seconds under a minute and the clock from a minute up', () => {
    const short = timeTicks(40, 10);
    expect(short.unit).toBe('s');
    expect(values(short.ticks)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    const long = timeTicks(200, 8);
    expect(long.unit).toBe('m:ss');
    expect(labels(long.ticks)).toEqual(['0:00', '0:30', '1:00', '1:30', '2:00', '2:30', '3:00']);
  });
});
