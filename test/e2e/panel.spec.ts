import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

// One person's flow: a dashboard is open, the panel lists its charts, and "Show … on the page"
// scrolls the dashboard to that chart and outlines it.
test('the panel lists a dashboard’s charts and outlines one on the page', async ({ context, extensionId, serverUrl, page }) => {
  // What the board draws (written by the fixture build in the global setup).
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(`${serverUrl}/dashboards/growth-mixpanel/`);
  await expect(page.locator('canvas').first()).toBeVisible();

  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 420, height: 800 });
  // The first read may land before every chart has drawn; "Read again" until the board is complete.
  await expect(async () => {
    await panel.page.getByRole('button', { name: 'Read again' }).click();
    await expect(panel.charts).toHaveCount(expected.charts.length, { timeout: 1500 });
  }).toPass({ timeout: 15_000 });

  await expect(panel.page.getByRole('heading', { name: 'On this page' })).toBeVisible();
  const activation = panel.chart('Activation rate');
  await expect(activation).toContainText('line chart · Chart.js');
  await expect(activation).toContainText('exact');
  await expect(activation).toContainText(/Points\s*\d{2,}/);
  await expect(activation).toContainText(/Series\s*1/);

  await panel.showButton('Activation rate').click();
  await expect(panel.status).toHaveText('Outlined “Activation rate” on the page.');

  // On the dashboard: Loupe's outline is visible and sits over the chart it names, in view.
  const outline = page.locator('[data-loupe-overlay] .outline');
  await expect(outline).toBeVisible();
  const chartId = await page.locator('[data-loupe-overlay]').getAttribute('data-loupe-overlay');
  const chart = page.locator(`[data-loupe-chart="${chartId}"]`);
  await expect.poll(async () => {
    const [o, c] = await Promise.all([outline.boundingBox(), chart.boundingBox()]);
    if (!o || !c) return Infinity;
    return Math.max(Math.abs(o.x - c.x), Math.abs(o.y - c.y), Math.abs(o.width - c.width), Math.abs(o.height - c.height));
  }, { message: 'outline over the chart' }).toBeLessThanOrEqual(12);
  await expect(chart).toBeInViewport();
});
