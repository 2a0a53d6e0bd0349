/**
 * Render the fixture report and photograph it with the system's Chromium, to look at it.
 * Not part of the test suite (CI has no browser). Run:
 *
 *   npx tsx test/report/screenshot.ts [out-dir] [--dark | --print]
 *
 * Needs Debian's `chromium` (apt-get install chromium) and the playwright-core dev
 * dependency; no browser is downloaded. Writes report.html, its SVGs and PNGs to out-dir.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderMasteringReport } from '../../src/report/render-report.js';
import { writeReport } from '../../src/report/write-report.js';
import { masteringFixture } from './report-fixture.js';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const print = args.includes('--print');
const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? 'report-screenshots');

const report = renderMasteringReport(masteringFixture(40));
const [htmlPath] = await writeReport(outDir, 'report', report);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1100, height: 900 },
    colorScheme: dark ? 'dark' : 'light',
  });
  if (print) await page.emulateMedia({ media: 'print' });
  await page.goto(pathToFileURL(htmlPath).href);
  const suffix = dark ? '-dark' : print ? '-print' : '';
  await page.screenshot({ path: join(outDir, `report${suffix}.png`), fullPage: true });
  // Also each section alone, at full size, to judge the details.
  const sections = await page.$$('main > section');
  for (const [i, section] of sections.entries()) {
    const id = (await section.getAttribute('id')) ?? `section-${i}`;
    await section.screenshot({ path: join(outDir, `${id}${suffix}.png`) });
  }
  if (!dark)
    await page.pdf({ path: join(outDir, 'report.pdf'), format: 'A4', printBackground: true });
  console.log(`Wrote ${outDir}`);
} finally {
  await browser.close();
}
