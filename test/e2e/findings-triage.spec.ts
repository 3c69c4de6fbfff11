import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

// One person's flow: they mark the activation drop "Real" with a reason, close the panel, open it
// again later: the card still says what they decided and why (triage lives in Dexie, not the panel).
test('a triage with its reason survives closing and reopening the panel', async ({ context, extensionId, serverUrl, page }) => {
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  const reason = 'Matches the onboarding v2 launch on Oct 10';
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(`${serverUrl}/dashboards/growth-mixpanel/`);
  await expect(page.locator('canvas').first()).toBeVisible();

  const first = await openPanel(context, extensionId, page.url());
  await first.page.setViewportSize({ width: 420, height: 900 });
  await first.readUntilCharts(expected.charts.length);
  let card = first.findingCard(0);
  await expect(first.findingTitle(card)).toHaveText(/^Activation rate fell/);
  await first.reasonField(card).fill(reason);
  await first.triageButton(card, 'Real').click();
  await expect(first.triageLine(card)).toHaveText(`Marked real by you · ${reason}`);
  await first.page.close();

  const again = await openPanel(context, extensionId, page.url());
  await again.page.setViewportSize({ width: 420, height: 900 });
  card = again.findingCard(0);
  await expect(again.findingTitle(card)).toHaveText(/^Activation rate fell/);
  await expect(again.triageLine(card)).toHaveText(`Marked real by you · ${reason}`);
  // The person can change it: the form comes back with the saved reason and "Real" pressed.
  await card.getByRole('button', { name: /^Change triage of F\d+$/ }).click();
  await expect(again.reasonField(card)).toHaveValue(reason);
  await expect(again.triageButton(card, 'Real')).toHaveAttribute('aria-pressed', 'true');
  await again.page.close();
});
