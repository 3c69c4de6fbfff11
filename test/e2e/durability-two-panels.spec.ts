import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel, type PanelPage } from './pages/panel';

const DASHBOARDS = join(import.meta.dirname, '..', 'fixtures', 'dashboards');
const charts = (board: string) => (JSON.parse(readFileSync(join(DASHBOARDS, board, 'dist', 'expected.json'), 'utf8')) as { charts: unknown[] }).charts.length;

test.describe.configure({ timeout: 120_000 });

/** Reads until the panel lists at least the board's charts and shows `finding`. */
async function readBoard(panel: PanelPage, board: string, finding: RegExp) {
  const card = panel.findingCards.filter({ has: panel.page.getByRole('heading', { level: 3, name: finding }) }).first();
  const again = panel.page.getByRole('button', { name: 'Read again' });
  await expect(async () => {
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    if ((await panel.charts.count()) < charts(board)) await again.click();
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    expect(await panel.charts.count()).toBeGreaterThanOrEqual(charts(board));
    await expect(card).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  return card;
}

// A person works on two dashboards in two tabs, one panel each. Each panel reads its own tab's board,
// and a verdict given in one never shows in the other, while both keep working.
test('two panels on two tabs: each reads its own board and triage stays with its board', async ({ context, extensionId, serverUrl, page }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?run=two-panels`);
  await expect(page.locator('canvas').first()).toBeVisible();
  const other = await context.newPage();
  try {
    await other.setViewportSize({ width: 1100, height: 800 });
    await other.goto(`${serverUrl}/dashboards/marketing-ga4/?run=two-panels`);
    await expect(other.locator('html')).toHaveAttribute('data-fixture-ready', 'true');

    const growth = await openPanel(context, extensionId, page.url());
    const marketing = await openPanel(context, extensionId, other.url());
    const activation = await readBoard(growth, 'growth-mixpanel', /^Activation rate fell/);
    const spend = await readBoard(marketing, 'marketing-ga4', /spend/i);
    // Each shows its own board's findings only.
    await expect(growth.findingCards.filter({ has: growth.page.getByRole('heading', { level: 3, name: /spend/i }) })).toHaveCount(0);
    await expect(marketing.findingCards.filter({ has: marketing.page.getByRole('heading', { level: 3, name: /^Activation rate fell/ }) })).toHaveCount(0);

    const reason = 'Matches the onboarding v2 launch';
    await growth.reasonField(activation).fill(reason);
    await growth.triageButton(activation, 'Real').click();
    await expect(growth.triageLine(activation)).toHaveText(`Marked real by you · ${reason}`);

    // The other panel, read again, has no verdict from the first.
    await marketing.readAgain();
    await expect(spend).toBeVisible();
    await expect(marketing.page.locator('.triage-line')).toHaveCount(0);

    // And it works on its own: its verdict stays in its panel.
    await marketing.triageButton(spend, 'Investigate').click();
    await expect(marketing.triageLine(spend)).toHaveText(/^Marked to investigate by you/);
    await growth.readAgain();
    await expect(growth.page.locator('.triage-line')).toHaveCount(1);
    await expect(growth.triageLine(activation)).toHaveText(`Marked real by you · ${reason}`);
    await expect(marketing.page.locator('.triage-line')).toHaveCount(1);
    await growth.page.close();
    await marketing.page.close();
  } finally {
    await other.close();
  }
});
