// Prints the closing line of a CI run ("N passed, N failed") from Vitest's JSON report.
import { readFileSync } from 'node:fs';

const [reportPath, statusText, startedText] = process.argv.slice(2);
const status = Number(statusText);
const seconds = Math.round(Date.now() / 1000 - Number(startedText));
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
} catch {
  // No report: the lint or type check failed before the tests ran.
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`CI took ${seconds} s`);
console.log(`${passed} passed, ${failed} failed`);
