import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

// What people told Loupe meets what it proposes: a PM's note on the Activation rate chart says the
// onboarding change must not be rolled back; once the drop is marked real, the rollback proposal in
// Drafts carries "Contradicts your note" with the note's words, and the other proposals do not.
// The board has a query string of its own: the browser profile is shared by the specs of a worker.
test('a note on a chart flags the proposal that contradicts it in Drafts', async ({ context, extensionId, serverUrl, page }) => {
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  const note = 'Never roll back the onboarding change: the activation dip is expected while users learn it';
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?loupe=story-contradiction-${Date.now()}`);
  await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');

  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 440, height: 1000 });
  await panel.clearSettings();
  await panel.readUntilCharts(expected.charts.length);

  await panel.openNotes();
  await panel.page.getByRole('button', { name: 'Add a note' }).click();
  const form = panel.page.getByRole('form', { name: 'Add a note' });
  await form.getByLabel('Note', { exact: true }).fill(note);
  await form.getByLabel(/^Chart/).selectOption({ label: 'Activation rate' });
  await form.getByLabel(/^Written by/).fill('Maya (PM)');
  await form.getByRole('button', { name: 'Add note' }).click();
  await expect(panel.page.getByRole('list', { name: 'Notes' })).toContainText(note);

  await panel.page.getByRole('tab', { name: 'Findings' }).click();
  const finding = panel.findingCards.filter({ has: panel.page.getByRole('heading', { name: /^Activation rate fell/ }) });
  await panel.triageButton(finding, 'Real').click();
  await expect(panel.triageLine(finding)).toHaveText(/^Marked real by you/);

  await panel.openDrafts();
  const rollback = panel.proposal('Roll back the onboarding change');
  const flag = rollback.getByRole('list', { name: 'Notes Roll back the onboarding change contradicts' });
  await expect(flag).toContainText(`Contradicts your note: “${note}” (Maya (PM))`);
  await expect(flag).toContainText('it would roll back what the note protects');
  // The flag informs the decision and takes none: the person can still approve or decline.
  await expect(rollback.getByRole('button', { name: 'Approve', exact: true })).toBeEnabled();
  await expect(panel.proposal(/^Investigate which segment/).locator('.contradictions')).toHaveCount(0);
  await panel.page.close();
});
