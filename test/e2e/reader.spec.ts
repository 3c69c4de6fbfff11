import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { compareSnapshot, type Truth } from '../support/compare';

// The reader against every sample dashboard's ground truth: every chart found, every point exactly
// right (x and y; estimated SVG charts within their recorded tolerance), every KPI tile read.
const DASHBOARDS = join(import.meta.dirname, '..', 'fixtures', 'dashboards');
// Listed from the sources (every folder with a board.mjs): the generated dist/ may not exist yet when
// Playwright collects tests, since the global setup builds it.
const boards = readdirSync(DASHBOARDS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(DASHBOARDS, d.name, 'board.mjs')))
  .map((d) => ({ id: d.name, path: `/dashboards/${d.name}/`, expected: join(DASHBOARDS, d.name, 'truth.json') }));

test('the sample dashboards are built', () => {
  expect(boards.length, 'run npm run build:fixtures').toBeGreaterThanOrEqual(6);
});

for (const board of boards) {
  test(`reads the ${board.id} board exactly`, async ({ page, serverUrl, readPage }) => {
    const truth: Truth = JSON.parse(readFileSync(board.expected, 'utf8'));
    await page.goto(`${serverUrl}${board.path}`);
    const outcome = await readPage(page);
    if (!outcome.ok) throw new Error(outcome.message);
    const { snapshot } = outcome;
    const cmp = compareSnapshot(snapshot, truth);
    const report = `${board.id}: ${JSON.stringify({ ...cmp, problems: undefined })}\n${cmp.problems.join('\n')}\nread: ${snapshot.charts.map((c) => `${c.title} [${c.source}]`).join(', ')}\nnotes: ${(snapshot.notes ?? []).join(' | ')}`;
    expect(cmp.missingCharts, report).toEqual([]);
    expect(cmp.pointsExact, report).toBe(cmp.pointsExpected);
    expect(cmp.metricsFound, report).toBe(cmp.metricsExpected);
    if (truth.title) expect(snapshot.title).toBe(truth.title);
    if (truth.tool) expect(snapshot.tool).toBe(truth.tool);
    expect(snapshot.stats.readMs).toBeGreaterThan(0);
  });
}
