import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'marketing-ga4');

// The marketing lead's story: paid spend jumped; they mark it real, approve moving 30% of paid spend,
// confirm the checkpoint, and the draft waits on the budget rule until a member of the team signs off
// (a sign-off in another role does not count); then its first step can be done.
test('spend finding real → reallocate 30% approved → checkpoint → blocked by the budget rule until a team member signs off → runnable', async ({ context, extensionId, serverUrl, page }) => {
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  await page.setViewportSize({ width: 1100, height: 800 });
  // Its own URL: the browser profile (triage, drafts) is shared by the specs of a worker.
  await page.goto(`${serverUrl}/dashboards/marketing-ga4/?loupe=story-budget-${Date.now()}`);
  await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');

  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 440, height: 1000 });
  await panel.clearSettings(); // no provider or pause left by another spec
  // The first read may land before every chart has drawn: read again (letting a read finish) until the
  // panel lists at least the board's charts (it also lists its table) and the spend finding.
  const finding = panel.findingCards.filter({ has: panel.page.getByRole('heading', { level: 3, name: /spend/i }) }).first();
  const again = panel.page.getByRole('button', { name: 'Read again' });
  await expect(async () => {
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    if ((await panel.charts.count()) < expected.charts.length) await again.click();
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    expect(await panel.charts.count()).toBeGreaterThanOrEqual(expected.charts.length);
    await expect(finding).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await panel.triageButton(finding, 'Real').click();
  await expect(panel.triageLine(finding)).toHaveText(/^Marked real by you/);

  await panel.openDrafts();
  const card = panel.proposal(/^Reallocate 30% of paid spend/);
  await expect(card.getByRole('heading', { level: 3 })).toHaveText('Reallocate 30% of paid spend to the best-performing channels');
  await card.getByRole('button', { name: 'Approve', exact: true }).click();
  await panel.confirmCheckpoint(card);

  const rule = 'Budget change over 10%';
  await expect(panel.ruleBlock(card, rule)).toContainText('Any budget change over 10% requires review by a member of the team.');
  await expect(panel.draftState(card)).toHaveText(`Waiting on a sign-off: ${rule} (team member)`);
  const first = 'Mark done: Change the budget in the ad platform';
  await expect(card.getByRole('button', { name: first })).toBeDisabled();

  // A sign-off in the wrong role is refused and says why; the draft stays blocked.
  await panel.signOff(card, rule, { name: 'Sam Ortiz', role: 'intern' });
  await expect(card.getByRole('alert').filter({ hasText: 'needs a sign-off in the role “team member”, not “intern”' })).toBeVisible();
  await expect(panel.ruleBlock(card, rule)).toContainText('0 of 1 team member sign-off');
  await expect(card.getByRole('button', { name: first })).toBeDisabled();

  await panel.signOff(card, rule, { name: 'Dana Lee', role: 'team member', note: 'Reviewed the channel split' });
  await expect(card.getByText(`Rule “${rule}” signed off`)).toBeVisible();
  await expect(card.getByText('Dana Lee (team member): Reviewed the channel split')).toBeVisible();
  await expect(panel.draftState(card)).toHaveText('Waiting on you: Change the budget in the ad platform');
  await expect(card.getByRole('button', { name: first })).toBeEnabled();
  // Hand steps carry their text to copy.
  await expect(panel.step(card, 'Change the budget in the ad platform')).toContainText('Move 30% of the budget as proposed');
  await card.getByRole('button', { name: first }).click();
  await expect(panel.step(card, 'Change the budget in the ad platform').locator('.step-state')).toHaveText('Done by hand');
  await expect(panel.draftState(card)).toHaveText('Waiting on you: File a ticket for the budget change');
  await panel.page.close();
});
