import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

/** The Activation rate KPI tile's value: it follows the Onboarding v2 flag. */
const activationTile = (page: Page) => page.locator('.kpi').filter({ hasText: 'Activation rate' }).locator('.kpi-value');

/** What a person sees of the controls the rollback touches. */
async function controls(page: Page) {
  return {
    range: await page.locator('#date-range-button').textContent(),
    from: await page.locator('input[name="from"]').inputValue(),
    to: await page.locator('input[name="to"]').inputValue(),
    segment: await page.locator('#segment').inputValue(),
    flag: await page.locator('#flag-onboarding-v2').getAttribute('aria-checked'),
    flagText: await page.locator('#flag-onboarding-v2').textContent(),
    activation: await activationTile(page).textContent(),
  };
}

// One person's story on the Growth board: the activation drop is real; they approve rolling back the
// onboarding change, confirm window and cohort, wait for the PM's sign-off, apply the page steps one at
// a time (each previewed, then applied and checked on the dashboard); reading the board again shows
// activation fell further with the flag off, the watched metric's alert offers the rollback, and the
// kill switch puts every control back exactly as it was.
// The board gets a query string of its own: the browser profile (triage, drafts) is shared by the
// specs of a worker, and another spec may already have triaged this board's activation drop.
test('activation drop → rollback approved → checkpoint → PM sign-off → steps one at a time → guard metric drops → kill switch restores', async ({ context, extensionId, serverUrl, page }) => {
  test.setTimeout(120_000); // a long story: on 2 busy cores each read can take seconds
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?loupe=story-activation-${Date.now()}`);
  await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');
  const before = await controls(page);
  expect(before).toMatchObject({ range: 'Aug 1 – Oct 23, 2026', flag: 'true', flagText: 'On' });

  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 440, height: 1000 });
  await panel.clearSettings(); // no provider or pause left by another spec: template proposals, steps live
  await panel.readUntilCharts(expected.charts.length);
  const finding = panel.findingCard(0);
  await expect(panel.findingTitle(finding)).toHaveText(/^Activation rate fell/);
  await panel.triageButton(finding, 'Real').click();
  await expect(panel.triageLine(finding)).toHaveText(/^Marked real by you/);

  await panel.openDrafts();
  const card = panel.proposal('Roll back the onboarding change');
  await expect(panel.draftState(card)).toHaveText('Waiting on you: approve, modify or decline');
  await expect(card).toContainText('New users going through onboarding');
  await card.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(panel.draftState(card)).toHaveText('Waiting on you: the checkpoint');

  // The checkpoint shows the evidence again, with window and cohort pre-filled from the page.
  const form = card.getByRole('form', { name: 'Checkpoint' });
  await expect(form.getByRole('meter', { name: 'Confidence' })).toBeVisible();
  await expect(form.getByLabel('From')).toHaveValue('2026-10-10');
  await expect(form.getByLabel('To')).toHaveValue('2026-10-23');
  await panel.confirmCheckpoint(card);

  // Blocked until the PM signs off; the first step's button is off meanwhile.
  await expect(panel.ruleBlock(card, 'Customer-facing change')).toContainText('Any customer-facing change requires PM sign-off');
  await expect(panel.draftState(card)).toHaveText('Waiting on a sign-off: Customer-facing change (PM)');
  const range = 'Set date range to Oct 10 – Oct 23';
  const flag = 'Turn off the onboarding feature flag';
  await expect(panel.step(card, range).getByRole('button', { name: range, exact: true })).toBeDisabled();
  await panel.signOff(card, 'Customer-facing change', { name: 'Priya Shah', note: 'Roll back, watch activation for a week' });
  await expect(card.getByText('Rule “Customer-facing change” signed off')).toBeVisible();
  await expect(panel.draftState(card)).toHaveText(`Waiting on you: ${range}`);
  expect(await controls(page), 'nothing changed on the page yet').toEqual(before);

  // Step 1: the preview outlines the control and changes nothing; Apply changes it and it is checked.
  const row1 = panel.step(card, range);
  await row1.getByRole('button', { name: range, exact: true }).click();
  await expect(row1.getByRole('button', { name: `Apply: ${range}` })).toBeVisible();
  await expect(page.locator('[data-loupe-overlay="step:preview"]')).toHaveCount(1);
  expect(await controls(page)).toEqual(before);
  // Only the next step is live: the flag's button waits for the date range.
  await expect(panel.step(card, flag).getByRole('button', { name: flag, exact: true })).toBeDisabled();
  await row1.getByRole('button', { name: `Apply: ${range}` }).click();
  await expect(row1.locator('.step-state')).toHaveText('Applied and verified');
  await expect(page.locator('#date-range-button')).toHaveText('Oct 10 – Oct 23, 2026');
  await expect(page.locator('#flag-onboarding-v2')).toHaveAttribute('aria-checked', 'true');
  await expect(panel.killSwitch).toHaveText('Undo all applied steps (1)');

  await panel.runPageStep(card, flag);
  await expect(page.locator('#flag-onboarding-v2')).toHaveAttribute('aria-checked', 'false');
  await expect(page.locator('#flag-onboarding-v2')).toHaveText('Off');
  await expect(panel.killSwitch).toHaveText('Undo all applied steps (2)');
  await expect(panel.draftState(card)).toHaveText('Waiting on you: Tell the team in Slack');
  const guard = card.locator('.guard');
  await expect(guard).toHaveText(/^Watching Activation rate/);

  // With the flag off the board's activation falls further; the next read compares the watched metric
  // with its value before the steps, and the card offers the rollback up front.
  await expect(activationTile(page)).not.toHaveText(before.activation!);
  await panel.readAgain();
  const alert = card.getByRole('alert').filter({ hasText: 'Activation rate: The watched metric moved' });
  await expect(alert).toContainText('roll back?', { timeout: 20_000 });
  await expect(alert).toContainText('threshold 10%');
  const rollback = alert.getByRole('button', { name: 'Undo all applied steps (2)' });
  await expect(rollback).toBeEnabled();

  // The kill switch: newest first, each revert checked; the page is exactly as before.
  await rollback.click();
  await expect(panel.killReport).toHaveText('Undid 2 steps; the page shows the values before them.', { timeout: 20_000 });
  await expect.poll(() => controls(page)).toEqual(before);
  await expect(panel.killSwitch).toHaveCount(0);
  await expect(alert).toHaveCount(0);
  await expect(panel.draftState(card)).toHaveText('Undone: applied steps were reverted');
  await panel.page.getByText(/^Decision history/).click();
  await expect(panel.history).toContainText('Priya Shah (PM) signed off “Customer-facing change”');
  await expect(panel.history).toContainText('Activation rate: The watched metric moved');
  await expect(panel.history).toContainText(`Reverted: ${flag}`);
  await panel.page.close();
});
