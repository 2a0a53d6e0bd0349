import { describe, expect, it } from 'vitest';
import { GATE_KEY_FALL_MS, gateProcessor } from '../../../src/dsp/dynamics/gate.js';
import { create, dbToAmp, gainDb, probe, render, tone } from './signals.js';

const FS = 48000;

describe('gate: closed attenuation equals the range', () => {
  for (const rangeDb of [20, 40, 80]) {
    it(`range ${rangeDb} dB within 0.1 dB, after the gate has been open`, () => {
      const p = create(gateProcessor, {
        thresholdDb: -40,
        rangeDb,
        ratio: 100,
        holdMs: 10,
        releaseMs: 20,
      });
      // Open on a −10 dBFS passage, then a −70 dBFS signal well under the threshold.
      const input = probe(FS, (i) => (i < FS / 4 ? -10 : -70));
      const gain = gainDb(render(p, [input])[0], input);
      expect(gain[FS / 4 - 1]).toBe(0);
      expect(Math.abs(gain[FS - 1] + rangeDb)).toBeLessThan(0.1);
    });
  }

  it('as an expander (ratio 3): (ratio − 1) dB down per dB below the threshold', () => {
    const p = create(gateProcessor, { thresholdDb: -40, rangeDb: 60, ratio: 3, hysteresisDb: 0 });
    const input = probe(FS / 2, () => -48); // 8 dB below: 16 dB of attenuation
    const gain = gainDb(render(p, [input])[0], input);
    expect(Math.abs(gain[FS / 2 - 1] + 16)).toBeLessThan(0.1);
  });
});

describe('gate: hold time', () => {
  for (const holdMs of [0, 50, 200]) {
    it(`hold ${holdMs} ms: closing starts when the key has been below the closing level that long`, () => {
      const thresholdDb = -40;
      const hysteresisDb = 4;
      const p = create(gateProcessor, {
        thresholdDb,
        hysteresisDb,
        rangeDb: 60,
        holdMs,
        releaseMs: 50,
      });
      const drop = FS / 4;
      const input = probe(drop + FS / 2, (i) => (i < drop ? -10 : -90));
      const gain = gainDb(render(p, [input])[0], input);
      // The key envelope falls from −10 toward −90 dBFS with its 5 ms time constant and
      // crosses the closing level (threshold − hysteresis) after this many samples:
      const [from, to, close] = [dbToAmp(-10), dbToAmp(-90), dbToAmp(thresholdDb - hysteresisDb)];
      const keyCross = ((GATE_KEY_FALL_MS / 1000) * FS * Math.log((from - to) / (close - to))) | 0;
      const expectedStart = drop + keyCross + Math.round((holdMs / 1000) * FS);
      let firstDip = -1;
      for (let i = drop; i < gain.length; i++) {
        if (gain[i] < -0.001) {
          firstDip = i;
          break;
        }
      }
      // Within ±0.1 ms (5 samples) of the expected start.
      expect(Math.abs(firstDip - expectedStart)).toBeLessThanOrEqual(5);
      expect(gain[expectedStart - 5]).toBe(0);
    });
  }
});

describe('gate: hysteresis', () => {
  /** Number of times the gate closes on a key hovering ±1.5 dB around the threshold. */
  const closings = (hysteresisDb: number): number => {
    const p = create(gateProcessor, {
      thresholdDb: -30,
      hysteresisDb,
      rangeDb: 60,
      holdMs: 0,
      attackMs: 0.1,
      releaseMs: 5,
    });
    const frames = 2 * FS;
    const input = probe(frames, (i) => -30 + 1.5 * Math.sin((2 * Math.PI * 3 * i) / FS));
    const gain = gainDb(render(p, [input])[0], input);
    let count = 0;
    for (let i = 1; i < frames; i++) if (gain[i - 1] >= -30 && gain[i] < -30) count++;
    return count;
  };

  it('with 4 dB of hysteresis a key hovering ±1.5 dB around the threshold opens once and stays open', () => {
    expect(closings(4)).toBe(0);
  });

  it('without hysteresis the same key makes the gate chatter (the test can tell)', () => {
    expect(closings(0)).toBeGreaterThanOrEqual(5);
  });

  it('a real tone hovering at the threshold does not chatter either', () => {
    const p = create(gateProcessor, {
      thresholdDb: -30,
      hysteresisDb: 4,
      rangeDb: 60,
      holdMs: 0,
      attackMs: 0.1,
      releaseMs: 5,
    });
    const frames = 2 * FS;
    const base = tone(1000, 0, frames, FS);
    const input = base.map((x, i) => x * dbToAmp(-30 + 1.5 * Math.sin((2 * Math.PI * 3 * i) / FS)));
    const out = render(p, [input])[0];
    // Once open (first peak over the threshold), every later sample passes unchanged.
    const opened = input.findIndex((x) => Math.abs(x) >= dbToAmp(-30));
    const settled = opened + FS / 10;
    for (let i = settled; i < frames; i++) {
      if (out[i] !== input[i]) throw new Error(`gate moved at sample ${i}`);
    }
  });
});

describe('gate: sidechain', () => {
  it('an external key opens the gate; the input alone (below threshold) does not', () => {
    const frames = FS / 2;
    const input = probe(frames, () => -60);
    const settings = { thresholdDb: -40, rangeDb: 50, holdMs: 0, releaseMs: 20 };
    const keyed = render(create(gateProcessor, settings), [input], [tone(200, -10, frames, FS)]);
    expect(gainDb(keyed[0], input)[frames - 1]).toBe(0);
    const unkeyed = render(create(gateProcessor, settings), [input]);
    expect(Math.abs(gainDb(unkeyed[0], input)[frames - 1] + 50)).toBeLessThan(0.1);
  });
});
