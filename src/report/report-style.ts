import { FONT_FAMILY } from './theme.js';

/**
 * The report's stylesheet, inlined in the page (nothing is fetched: the report must open
 * offline and years later). A light theme on screen and paper; on screens that ask for dark,
 * the page and the figures' neutral parts (background, text, grid, frame) switch by class,
 * while data colours stay as they are. Printing always uses the light theme.
 */
export const REPORT_CSS = `
:root {
  --bg: #f4f5f7; --card: #ffffff; --text: #1b1b1b; --muted: #595959; --line: #dfe2e6;
  --accent: #0072b2;
  --pass: #1a7f37; --pass-bg: #e6f4ea; --check: #8a5a00; --check-bg: #fff4d1;
  --fail: #b3261e; --fail-bg: #fdecea;
  color-scheme: light;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #121417; --card: #1c1f23; --text: #e9eaec; --muted: #a9aeb5; --line: #30343a;
    --accent: #56b4e9;
    --pass: #6fd08c; --pass-bg: #163321; --check: #f2c14e; --check-bg: #3a2f12;
    --fail: #ff8a80; --fail-bg: #3d1a18;
    color-scheme: dark;
  }
  .mx-bg { fill: var(--card); }
  .mx-text { fill: var(--text); }
  .mx-muted { fill: var(--muted); }
  .mx-grid { stroke: #2c3036; }
  .mx-axis { stroke: #6b7078; }
  .mx-halo { stroke: var(--card); }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font-family: ${FONT_FAMILY}; font-size: 15px; line-height: 1.5;
}
main { max-width: 1040px; margin: 0 auto; padding: 28px 20px 40px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 0 0 12px; }
.meta { color: var(--muted); margin: 0; }
.meta span + span::before { content: " · "; }
section, .card {
  background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 20px; margin: 18px 0;
}
.headline { font-size: 19px; font-weight: 600; margin: 0 0 12px; }
.badges { display: flex; flex-wrap: wrap; gap: 6px 8px; margin: 0 0 14px; padding: 0; list-style: none; }
.badge {
  display: inline-flex; align-items: center; gap: 4px; padding: 2px 9px; border-radius: 999px;
  font-size: 13px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap;
}
.badge-pass { color: var(--pass); background: var(--pass-bg); }
.badge-check { color: var(--check); background: var(--check-bg); }
.badge-fail { color: var(--fail); background: var(--fail-bg); }
.badge-info { color: var(--muted); background: transparent; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 0; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.stat dt { color: var(--muted); font-size: 13px; }
.stat dd { margin: 0; }
.stat .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.stat .unit { font-size: 14px; color: var(--muted); margin-left: 3px; }
.stat .was { font-size: 13px; color: var(--muted); font-variant-numeric: tabular-nums; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 14px; margin-top: 8px; max-width: 80ch; }
figcaption strong { color: var(--text); }
.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 14px; }
table.data th, table.data td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.data thead th { font-size: 13px; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); }
table.data tbody th { font-weight: 600; }
table.data .num, table.data thead th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data thead th.num { white-space: normal; }
table.data .notes { font-size: 13px; color: var(--muted); min-width: 14em; }
table.data .hash code { font-size: 12px; word-break: break-all; }
.footnote { font-size: 13px; color: var(--muted); margin: 8px 0 0; }
.verdict { font-weight: 600; margin: 10px 0 0; }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { display: flex; gap: 10px; align-items: baseline; padding: 6px 0; border-bottom: 1px solid var(--line); }
ul.findings li:last-child { border-bottom: 0; }
ul.findings .source {
  font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: 0.04em; margin-right: 8px;
}
ul.findings code { color: var(--muted); font-size: 12px; margin-left: auto; white-space: nowrap; }
ol.chain { margin: 0; padding-left: 22px; }
ol.chain li { padding: 3px 0; }
footer { color: var(--muted); font-size: 13px; text-align: center; margin-top: 24px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section, .card { border: 0; border-radius: 0; padding: 0; margin: 0 0 14pt; }
  section, figure, tr, .stat { break-inside: avoid; }
  .badge, .stat { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .table-wrap { overflow: visible; }
}
`;
