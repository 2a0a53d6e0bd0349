import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import type { LoudnessSeries } from '../../src/analysis/types.js';
import {
  type LoudnessFigureData,
  loudnessFigure,
  loudnessGeometry,
} from '../../src/report/loudness-figure.js';
import { elementWith, parsePath, texts } from './markup.js';

function series(momentary: number[], shortTerm = momentary): LoudnessSeries {
  return {
    hopSeconds: 0.1,
    momentaryLufs: Float64Array.from(momentary),
    shortTermLufs: Float64Array.from(shortTerm),
  };
}

/** A step from −30 to −20 LUFS at point 50 (window end 5.1 s), over 10 s. */
const step = Array.from({ length: 100 }, (_, i) => (i < 50 ? -30 : -20));
const data: LoudnessFigureData = {
  after: { label: 'After', series: series(step), integratedLufs: -21.2 },
  targetLufs: -14,
  durationSeconds: 10,
};

describe('loudness figure', () => {
  it('draws a loudness step at the time it happens', () => {
    const svg = loudnessFigure(data);
    const { x, y } = loudnessGeometry(data);
    const points = parsePath(elementWith(svg, 'data-series', 'after-momentary').d).flat();
    const firstLoud = points.find((p) => y.scale.invert(p.y) > -25)!;
    const lastQuiet = points.filter((p) => y.scale.invert(p.y) < -25).at(-1)!;
    expect(x.scale.invert(firstLoud.x)).toBeCloseTo(5.1, 1);
    expect(x.scale.invert(lastQuiet.x)).toBeCloseTo(5.0, 1);
    expect(y.scale.invert(firstLoud.y)).toBeCloseTo(-20, 1);
  });

  it('puts the target line at its level, worked out from the layout by hand', () => {
    const svg = loudnessFigure(data);
    // Loudest value is the target, −14: the top is ⌈(−14 + 2)/6⌉·6 = −12 LUFS and the axis
    // spans 36 LU. The plot area runs from y = 62 to y = 340 − 46 = 294 (232 px), so −14
    // LUFS sits 2/36 of the way down.
    const line = elementWith(svg, 'data-reference', 'target');
    const lineY = Number(svg.match(/data-reference="target"><line x1="[^"]*" y1="([^"]*)"/)![1]);
    expect(line).toBeDefined();
    expect(lineY).toBeCloseTo(62 + (232 * 2) / 36, 1);
    expect(texts(svg)).toContain('Target −14.0 LUFS');
  });

  it('marks integrated loudness at its level in the right margin', () => {
    const svg = loudnessFigure(data);
    const { y, area } = loudnessGeometry(data);
    const marker = svg.match(/data-marker="after-integrated"><path d="M([\d.]+) ([\d.]+)/)!;
    expect(Number(marker[1])).toBeGreaterThan(area.x + area.width);
    expect(y.scale.invert(Number(marker[2]))).toBeCloseTo(-21.2, 1);
    expect(texts(svg)).toContain('I −21.2');
  });

  it('leaves gaps for silence and never writes NaN or Infinity', () => {
    const withSilence = step.map((v, i) => (i >= 20 && i < 40 ? Number.NEGATIVE_INFINITY : v));
    const silent: LoudnessFigureData = {
      after: {
        label: 'After',
        series: series(withSilence),
        integratedLufs: Number.NEGATIVE_INFINITY,
      },
      before: {
        label: 'Before',
        series: series(step.map(() => Number.NEGATIVE_INFINITY)),
        integratedLufs: Number.NEGATIVE_INFINITY,
      },
      targetLufs: -14,
      durationSeconds: 10,
    };
    const svg = loudnessFigure(silent);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const subpaths = parsePath(elementWith(svg, 'data-series', 'after-momentary').d);
    expect(subpaths).toHaveLength(2);
    const { x } = loudnessGeometry(silent);
    expect(x.scale.invert(subpaths[0].at(-1)!.x)).toBeCloseTo(2.0, 1);
    expect(x.scale.invert(subpaths[1][0].x)).toBeCloseTo(4.1, 1);
    // An all-silent trace draws nothing, and its integrated loudness prints as −∞.
    expect(svg).not.toContain('data-series="before-short-term"');
    expect(svg).toContain('−∞ LUFS');
  });

  it('draws a measured step where the analysis puts it', () => {
    // 1 kHz at −30 dBFS for 4 s then −20 dBFS for 4 s (mono): momentary loudness reaches the
    // new level one 400 ms window after the change.
    const sampleRate = 48_000;
    const tone = new Float32Array(8 * sampleRate).map(
      (_, i) =>
        (i < 4 * sampleRate ? 10 ** (-30 / 20) : 10 ** (-20 / 20)) *
        Math.sin((2 * Math.PI * 1000 * i) / sampleRate),
    );
    const report = analyzeAudio({ sampleRate, channels: [tone] }, { series: true });
    const measured: LoudnessFigureData = {
      after: { label: 'After', series: report.series!, integratedLufs: report.integratedLufs },
      durationSeconds: report.durationSeconds,
    };
    const svg = loudnessFigure(measured);
    const { x, y } = loudnessGeometry(measured);
    const points = parsePath(elementWith(svg, 'data-series', 'after-momentary').d).flat();
    const settled = points.find(
      (p) =>
        p.x > x.scale.map(4) && y.scale.invert(p.y) > report.series!.momentaryLufs.at(-1)! - 0.1,
    )!;
    expect(x.scale.invert(settled.x)).toBeCloseTo(4.4, 1);
  });
});
