import type { Diagnostic } from '../core/diagnostics.js';
import { SVG_NAMESPACE } from './chart.js';
import { deliverablesTable } from './deliverables-table.js';
import { formatWithUnit } from './format.js';
import { esc, tag } from './html.js';
import { measurementsTable } from './measurements-table.js';
import { monoFoldTable } from './mono-fold-table.js';
import { platformTable } from './platform-table.js';
import { type AnnotatedFigure, reportFigures } from './report-figures.js';
import { REPORT_CSS } from './report-style.js';
import { summarySection } from './summary.js';
import type { DeliveryReportData, MasteringReportData, RenderedReport } from './types.js';

/**
 * The report as one self-contained HTML file: styles inline, figures as inline SVG, no
 * script, no font, no link to anything — it opens offline, prints, and can be archived beside
 * the master as its proof. The same figures are returned as standalone SVG documents.
 */

type ReportKind = 'mastering' | 'delivery';

function metaLine(data: MasteringReportData): string {
  const items: string[] = [];
  if (data.inputFile !== undefined) items.push(`Input: ${data.inputFile}`);
  if (data.outputFile !== undefined) items.push(`Master: ${data.outputFile}`);
  const { target } = data;
  const aim = [
    target.platform,
    target.lufs === null ? undefined : formatWithUnit(target.lufs, 'LUFS'),
    `ceiling ${formatWithUnit(target.ceilingDbtp, 'dBTP')}`,
  ].filter((x) => x !== undefined);
  items.push(`Target: ${aim.join(', ')}`);
  return tag('p', { class: 'meta' }, ...items.map((item) => tag('span', {}, esc(item))));
}

function section(id: string, title: string, ...content: string[]): string {
  return tag(
    'section',
    { id, 'aria-labelledby': `${id}-title` },
    tag('h2', { id: `${id}-title` }, esc(title)),
    ...content,
  );
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_BADGE = { error: 'fail', warning: 'check', info: 'info' } as const;
const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Findings of the whole run, then of each signal (named, so a mix's problem is not read as the master's). */
function findingsOf(data: MasteringReportData): { source?: string; d: Diagnostic }[] {
  return [
    ...(data.diagnostics ?? []).map((d) => ({ d })),
    ...(data.after.diagnostics ?? []).map((d) => ({ source: data.after.label, d })),
    ...(data.before?.diagnostics ?? []).map((d) => ({ source: data.before?.label, d })),
  ];
}

function findingsSection(data: MasteringReportData): string {
  const findings = findingsOf(data);
  if (findings.length === 0) return '';
  // Stable: by severity, then in the order given.
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => SEVERITY_ORDER[x.f.d.severity] - SEVERITY_ORDER[y.f.d.severity] || x.i - y.i)
    .map(({ f }) => f);
  const items = sorted.map(({ source, d }) =>
    tag(
      'li',
      {},
      tag(
        'span',
        { class: `badge badge-${SEVERITY_BADGE[d.severity]}` },
        esc(SEVERITY_WORD[d.severity]),
      ),
      tag(
        'span',
        {},
        source === undefined ? '' : tag('span', { class: 'source' }, esc(source)),
        esc(d.message),
      ),
      tag('code', {}, esc(d.code)),
    ),
  );
  return section('findings', 'Findings', tag('ul', { class: 'findings' }, ...items));
}

/** An inline SVG does not need (and the self-contained check refuses) the namespace URL. */
function inlineSvg(svg: string): string {
  return svg.replace(` xmlns="${SVG_NAMESPACE}"`, '');
}

function figureBlock(figure: AnnotatedFigure): string {
  return tag(
    'section',
    { id: `figure-${figure.name}`, class: 'figure' },
    tag(
      'figure',
      {},
      inlineSvg(figure.svg),
      tag('figcaption', {}, tag('strong', {}, 'How to read this. '), esc(figure.howToRead)),
    ),
  );
}

function chainSection(data: MasteringReportData): string {
  const chain = data.chain ?? [];
  if (chain.length === 0) return '';
  const items = chain.map((stage) =>
    tag('li', {}, tag('strong', {}, esc(stage.name)), ` — ${esc(stage.explanation)}`),
  );
  return section('chain', 'What the master chain did', tag('ol', { class: 'chain' }, ...items));
}

function renderReport(data: MasteringReportData, kind: ReportKind): RenderedReport {
  const figures = reportFigures(data);
  const figureHtml = figures.map(figureBlock).join('');
  const platforms =
    data.playback && data.playback.length > 0
      ? section('platforms', 'On each platform', platformTable(data.playback))
      : '';
  const mono = data.monoFold ? section('mono', 'In mono', monoFoldTable(data.monoFold)) : '';
  const deliverables =
    data.deliverables && data.deliverables.length > 0
      ? section('deliverables', 'Deliverables', deliverablesTable(data.deliverables))
      : '';
  const measurements = section(
    'measurements',
    'Measurements',
    measurementsTable(data.after.analysis, data.before?.analysis, {
      before: data.before?.label ?? 'Before',
      after: data.after.label,
    }),
    tag(
      'p',
      { class: 'footnote' },
      esc(
        'Loudness per ITU-R BS.1770-4 and EBU R128 (gated integrated loudness, EBU Tech 3342 loudness range); true peak by oversampled interpolation.',
      ),
    ),
  );
  const body =
    kind === 'mastering'
      ? [
          summarySection(data),
          findingsSection(data),
          figureHtml,
          chainSection(data),
          platforms,
          mono,
          measurements,
          deliverables,
        ]
      : [
          summarySection(data),
          deliverables,
          findingsSection(data),
          platforms,
          mono,
          figureHtml,
          chainSection(data),
          measurements,
        ];
  const footer = tag(
    'footer',
    {},
    esc(data.generatedBy ? `Generated by ${data.generatedBy}` : 'Generated by mixdown'),
  );
  const html =
    '<!DOCTYPE html>\n' +
    tag(
      'html',
      { lang: 'en' },
      tag(
        'head',
        {},
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        tag('title', {}, esc(data.title)),
        tag('style', {}, REPORT_CSS),
      ),
      tag(
        'body',
        {},
        tag(
          'main',
          {},
          tag('header', {}, tag('h1', {}, esc(data.title)), metaLine(data)),
          ...body,
          footer,
        ),
      ),
    ) +
    '\n';
  return { html, figures: figures.map(({ name, svg }) => ({ name, svg })) };
}

/** The mastering report: summary, findings, figures, chain, platforms, measurements. */
export function renderMasteringReport(data: MasteringReportData): RenderedReport {
  return renderReport(data, 'mastering');
}

/** The delivery report: the same parts, with the delivered files first after the summary. */
export function renderDeliveryReport(data: DeliveryReportData): RenderedReport {
  return renderReport(data, 'delivery');
}
