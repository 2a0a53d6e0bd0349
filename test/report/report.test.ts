import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { createAudio } from '../../src/core/audio.js';
import { diagnostic } from '../../src/core/diagnostics.js';
import { renderDeliveryReport, renderMasteringReport } from '../../src/report/render-report.js';
import { reportSignal } from '../../src/report/report-signal.js';
import type {
  DeliveryReportData,
  MasteringReportData,
  RenderedReport,
} from '../../src/report/types.js';
import { writeReport } from '../../src/report/write-report.js';
import { inlineSvgs, tagBalance, texts } from './markup.js';
import { masteringFixture } from './report-fixture.js';

/** Axis titles each figure must show, units included. */
const AXIS_TITLES: Record<string, string[]> = {
  waveform: ['Time (s)', 'Amplitude (FS)'],
  loudness: ['Time (s)', 'Loudness (LUFS)'],
  spectrum: ['Frequency (Hz)', 'Relative level (dB)'],
  'gain-reduction': ['Time (s)', 'Gain change (dB)'],
};

describe('mastering report', () => {
  let data: MasteringReportData;
  let report: RenderedReport;
  beforeAll(() => {
    data = masteringFixture(10);
    report = renderMasteringReport(data);
  });

  it('renders the same bytes from the same data', () => {
    const again = renderMasteringReport(data);
    expect(again.html).toBe(report.html);
    expect(again.figures).toEqual(report.figures);
  });

  it('has all four figures, inline in the page and as standalone SVG', () => {
    expect(report.figures.map((f) => f.name)).toEqual([
      'waveform',
      'loudness',
      'spectrum',
      'gain-reduction',
    ]);
    const inline = inlineSvgs(report.html);
    expect(inline).toHaveLength(4);
    report.figures.forEach((figure, i) => {
      expect(figure.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(inline[i]).toBe(figure.svg.replace(' xmlns="http://www.w3.org/2000/svg"', ''));
    });
  });

  it('is self-contained: nothing fetched, no script', () => {
    const { html } = report;
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|@font-face/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    // The only url() references are to clip paths inside the same figure.
    const urls = [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u.startsWith('#'))).toBe(true);
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const u of urls) expect(ids.has(u.slice(1))).toBe(true);
  });

  it('is well-formed: every element closed in order, ids unique', () => {
    expect(tagBalance(report.html)).toEqual([]);
    for (const figure of report.figures) expect(tagBalance(figure.svg)).toEqual([]);
    const ids = [...report.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every figure a title, axis titles with units, and a how-to-read note', () => {
    for (const figure of report.figures) {
      expect(figure.svg).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
      expect(texts(figure.svg)).toEqual(expect.arrayContaining(AXIS_TITLES[figure.name]));
    }
    const notes = report.html.match(
      /<figcaption><strong>How to read this\. <\/strong>[^<]{80,}<\/figcaption>/g,
    );
    expect(notes).toHaveLength(report.figures.length);
  });

  it('opens with a one-line verdict and pass/fail badges', () => {
    const lufs = data.after.analysis.integratedLufs.toFixed(1).replace('-', '−');
    expect(report.html).toContain(`<p class="headline">Master: ${lufs} LUFS`);
    expect(report.html).toMatch(/ready for [^<]*Spotify \(Normal\)/);
    expect(report.html).toMatch(
      /class="badge badge-pass"[^>]*><span class="badge-icon" aria-hidden="true">✓<\/span> Spotify \(Normal\)/,
    );
    // The fixture's −1.2 dBTP is over Amazon Music's −2 dBTP ceiling.
    expect(report.html).toMatch(
      /class="badge badge-fail"[^>]*><span class="badge-icon" aria-hidden="true">✗<\/span> Amazon Music/,
    );
  });

  it('lists findings by severity and names the signal each is about', () => {
    const { html } = renderMasteringReport({
      ...data,
      diagnostics: [diagnostic('limiter-depth', 'info', 'The limiter worked hard.')],
      before: {
        ...data.before!,
        diagnostics: [diagnostic('clipping', 'warning', 'The mix clips.')],
      },
      after: {
        ...data.after,
        diagnostics: [diagnostic('dc-offset', 'warning', 'The master has DC.')],
      },
    });
    const findings = html.match(/<ul class="findings">.*?<\/ul>/)![0];
    const items = [...findings.matchAll(/<li>(.*?)<\/li>/g)].map((m) =>
      m[1].replace(/<[^>]+>/g, '|'),
    );
    expect(items).toEqual([
      '|Warning|||After|The master has DC.||dc-offset|',
      '|Warning|||Before|The mix clips.||clipping|',
      '|Note||The limiter worked hard.||limiter-depth|',
    ]);
  });

  it('never prints NaN, Infinity or undefined', () => {
    expect(report.html).not.toMatch(/NaN|Infinity|undefined|\[object/);
  });

  it('writes <base>.html and <base>-<figure>.svg, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mixdown-report-'));
    try {
      const written = await writeReport(join(dir, 'out'), 'song', report);
      expect(written.map((p) => p.slice(dir.length + 1))).toEqual([
        'out/song.html',
        'out/song-waveform.svg',
        'out/song-loudness.svg',
        'out/song-spectrum.svg',
        'out/song-gain-reduction.svg',
      ]);
      expect((await readdir(join(dir, 'out'))).sort()).toEqual(
        written.map((p) => p.slice(dir.length + 5)).sort(),
      );
      expect(await readFile(written[0], 'utf8')).toBe(report.html);
      expect(await readFile(written[3], 'utf8')).toBe(report.figures[2].svg);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('delivery report', () => {
  let data: DeliveryReportData;
  beforeAll(() => {
    const fixture = masteringFixture(6);
    const [wav, mp3] = fixture.deliverables ?? [];
    // The MP3 decodes 0.4 dB over its ceiling; the WAV stays 0.7 dB under it.
    data = {
      ...fixture,
      title: 'Delivery report',
      before: undefined,
      deliverables: [
        { ...wav, truePeakDbtp: -1.7 },
        { ...mp3, truePeakDbtp: -1.7, decodedTruePeakDbtp: -0.6 },
      ],
    };
  });

  it('lists the files first, with their margin under the ceiling after the codec', () => {
    const { html } = renderDeliveryReport(data);
    expect(html.indexOf('id="deliverables"')).toBeLessThan(html.indexOf('id="figure-waveform"'));
    const mp3 = data.deliverables[1];
    expect(html).toContain('<td class="num">+0.7 dB</td>');
    expect(html).toContain('<td class="num">−0.4 dB</td>');
    expect(html).toContain(mp3.sha256);
    expect(html).toMatch(/1 of 2 files over the ceiling \(night-drive-master\.mp3\)/);
    expect(tagBalance(html)).toEqual([]);
  });

  it('draws one waveform panel when there is no "before"', () => {
    const { figures } = renderDeliveryReport(data);
    const waveform = figures.find((f) => f.name === 'waveform')!.svg;
    expect(waveform).toContain('data-series="after-peak"');
    expect(waveform).not.toContain('data-series="before-peak"');
  });
});

describe('a silent master', () => {
  let report: RenderedReport;
  beforeAll(() => {
    const silence = createAudio(48_000, 2, 48_000 * 4);
    const analysis = analyzeAudio(silence, { series: true });
    report = renderMasteringReport({
      title: 'Silence',
      target: { lufs: -14, ceilingDbtp: -1 },
      after: reportSignal('After', silence, analysis),
      gainReduction: [{ label: 'Limiter', hopSeconds: 0.01, gainDb: new Float64Array(400) }],
    });
  });

  it('renders gaps and "−∞", never NaN', () => {
    expect(report.html).not.toMatch(/NaN|Infinity|undefined/);
    for (const figure of report.figures) expect(figure.svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(report.html).toContain('Master: −∞ LUFS, −∞ dBTP — not on target.');
    expect(tagBalance(report.html)).toEqual([]);
  });

  it('renders an empty file (no frames at all) the same way', () => {
    const empty = createAudio(44_100, 1, 0);
    const { html } = renderMasteringReport({
      title: 'Empty',
      target: { lufs: null, ceilingDbtp: -1 },
      after: reportSignal('After', empty, analyzeAudio(empty, { series: true })),
    });
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(tagBalance(html)).toEqual([]);
  });

  it('draws no loudness line and no spectrum curve for silence', () => {
    const loudness = report.figures.find((f) => f.name === 'loudness')!.svg;
    expect(loudness).not.toContain('data-series="after-momentary"');
    const spectrum = report.figures.find((f) => f.name === 'spectrum')!.svg;
    expect(spectrum).toMatch(/data-series="after" d=""/);
  });
});
