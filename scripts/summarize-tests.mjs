// Reads Vitest's and Playwright's JSON reports and prints one closing line: "tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (vitestFile && existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(
    `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed in ${report.testResults?.length ?? 0} files`,
  );
} else {
  failed += 1;
  console.log('vitest: no report (the run did not finish)');
}
if (playwrightFile && existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
  console.log(
    `playwright: ${stats.expected} passed, ${stats.unexpected} failed, ${stats.flaky} flaky`,
  );
} else {
  failed += 1;
  console.log('playwright: no report (the run did not finish)');
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
