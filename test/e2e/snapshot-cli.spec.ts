import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from './fixtures';
import { DashboardSnapshot } from '../../lib/snapshot/schema';
import { compareSnapshot } from '../support/compare';

// `npm run -s snapshot -- <url|file>`: the same reading path as the side panel, JSON on stdout only.
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const snapshot = (...args: string[]) =>
  run('node', ['--import', 'tsx', 'scripts/snapshot.ts', ...args], { cwd: ROOT, timeout: 90_000 });

test('prints a valid snapshot of a sample dashboard, and nothing else, on stdout', async ({ serverUrl }) => {
  const boards = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/dashboards/dist/boards.json'), 'utf8'));
  const board = boards[0];
  const { stdout } = await snapshot(`${serverUrl}${board.path}`);
  const parsed = DashboardSnapshot.parse(JSON.parse(stdout)); // stdout is one JSON document
  const truth = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/dashboards', board.id, 'truth.json'), 'utf8'));
  const cmp = compareSnapshot(parsed, truth);
  expect(cmp.missingCharts).toEqual([]);
  expect(cmp.pointsExact).toBe(cmp.pointsExpected);
});

test('reads charts a board draws late: after a timer, after its data arrives, and once scrolled into view', async ({ serverUrl }) => {
  const truth = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/dashboards/stress/late.truth.json'), 'utf8'));
  const { stdout } = await snapshot(`${serverUrl}/stress/late.html`);
  const parsed = DashboardSnapshot.parse(JSON.parse(stdout));
  const cmp = compareSnapshot(parsed, truth);
  expect(cmp.missingCharts).toEqual([]);
  expect(cmp.pointsExact).toBe(cmp.pointsExpected);
  expect(parsed.charts.map((c) => c.title)).toEqual(['Trials started', 'Orders', 'Error rate']);
});

test('reads a local file, and a page with no charts is a valid, empty snapshot', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));
  const file = join(dir, 'empty board.html');
  writeFileSync(file, '<!doctype html><title>Empty board</title><h1>Nothing to see</h1><p>No charts yet.</p>');
  const { stdout } = await snapshot(file);
  const parsed = DashboardSnapshot.parse(JSON.parse(stdout));
  expect(parsed.title).toBe('Empty board');
  expect(parsed.charts).toEqual([]);
  expect(parsed.stats.charts).toBe(0);
});

test('says clearly why a page cannot be loaded, with a non-zero exit and nothing on stdout', async () => {
  const err = await snapshot('http://127.0.0.1:1/no-server-here').catch((e: { code: number; stdout: string; stderr: string }) => e);
  expect(err).toMatchObject({ code: 1, stdout: '' });
  expect((err as { stderr: string }).stderr).toMatch(/Could not load http:\/\/127\.0\.0\.1:1\/no-server-here/);
  const missing = await snapshot('/definitely/not/a/file.html').catch((e: { code: number; stderr: string }) => e);
  expect(missing).toMatchObject({ code: 1 });
  expect((missing as { stderr: string }).stderr).toMatch(/No such file or URL/);
});
