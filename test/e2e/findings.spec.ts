import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

// One person's flow: the Growth board is open; the Findings tab leads with its known activation drop
// (truth.json: −15% from 2026-10-10), and that card's evidence chip outlines the Activation rate chart
// on the dashboard.
test('the activation drop is the top finding, and its evidence outlines the chart on the page', async ({ context, extensionId, serverUrl, page }) => {
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  const truth: { shifts: Array<{ chart: string; at: string; pct: number }> } = JSON.parse(readFileSync(join(BOARD, 'truth.json'), 'utf8'));
  const shift = truth.shifts.find((s) => s.chart === 'Activation rate')!;
  expect(shift).toMatchObject({ at: '2026-10-10' });

  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(`${serverUrl}/dashboards/growth-mixpanel/`);
  await expect(page.locator('canvas').first()).toBeVisible();

  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 420, height: 900 });
  await panel.readUntilCharts(expected.charts.length);

  // (a) F1: the right chart, direction, size (about 15%) and date.
  const top = panel.findingCard(0);
  await expect(panel.findingTitle(top)).toHaveText(/^Activation rate fell (\d+\.\d)% from Oct 10, 2026$/);
  const size = Number(/fell (\d+\.\d)%/.exec(await panel.findingTitle(top).innerText())![1]);
  expect(Math.abs(size - Math.abs(shift.pct))).toBeLessThanOrEqual(2.5);
  await expect(top).toContainText(/down \d+\.\d% · \d+\.\d% → \d+\.\d% · since Oct 10, 2026/);
  await expect(top.getByRole('meter', { name: 'Confidence' })).toHaveAttribute('aria-valuetext', /(high|moderate) confidence/);
  await expect(top.getByRole('heading', { name: 'What could make this wrong' })).toBeVisible();

  // (b) Its first evidence chip outlines the Activation rate chart on the dashboard.
  const chip = panel.evidenceChips(top).first();
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(top).toContainText('Outlined Activation rate on the page.');

  const overlay = page.locator('[data-loupe-overlay="activation-rate"]');
  const outline = overlay.locator('.outline');
  await expect(outline).toBeVisible();
  const chart = page.locator('[data-loupe-chart="activation-rate"]');
  await expect.poll(async () => {
    const [o, c] = await Promise.all([outline.boundingBox(), chart.boundingBox()]);
    if (!o || !c) return Infinity;
    return Math.max(Math.abs(o.x - c.x), Math.abs(o.y - c.y), Math.abs(o.width - c.width), Math.abs(o.height - c.height));
  }, { message: 'outline over the Activation rate chart' }).toBeLessThanOrEqual(12);
  await expect(chart).toBeInViewport();
  await panel.page.close();
});
