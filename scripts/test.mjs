// npm test: every test. Unit tests (Vitest), then end-to-end tests (Playwright, the built extension in
// Chromium against the sample dashboards). Ends with one plain line "N passed, N failed" counted from
// both runners' JSON reports, and a non-zero exit if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/build.mjs';
import { ensureChromium } from './lib/chromium.mjs';

const reports = join(ROOT, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const unitJson = join(reports, 'unit.json');
const e2eJson = join(reports, 'e2e.json');
const only = process.argv[2]; // optional: "unit" or "e2e"

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

let unit = { passed: 0, failed: 0 };
let e2e = { passed: 0, failed: 0 };
let status = 0;

if (only !== 'e2e') {
  status |= run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
  unit = countVitest(unitJson);
}
if (only !== 'unit') {
  ensureChromium();
  status |= run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
  e2e = countPlaywright(e2eJson);
}

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (status && unit.failed + e2e.failed === 0 ? 1 : 0);
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || status ? 1 : 0);

function countVitest(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A test file that fails to load has no test results but counts as a failure.
  const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).length).length;
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + broken };
}

function countPlaywright(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
}
