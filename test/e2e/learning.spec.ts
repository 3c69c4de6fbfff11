import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

// Level 4 closes the loop: what a person said changes what Loupe surfaces, visibly. The board is opened
// with its own query string, so its triage, notes and flags are this test's alone (the browser profile
// is shared by the specs of a worker).
test('a finding marked expected is not surfaced on the next read, says why, and can be shown again; a note shows on its chart’s card; a flag is kept',
  async ({ context, extensionId, serverUrl, page }) => {
    const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
    const reason = 'Onboarding v2 launch moved the activation step';
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?loupe=learning-${Date.now()}`);
    await expect(page.locator('canvas').first()).toBeVisible();

    const panel = await openPanel(context, extensionId, page.url());
    await panel.page.setViewportSize({ width: 420, height: 900 });
    await panel.readUntilCharts(expected.charts.length);
    const activation = panel.findingCards.filter({ has: panel.page.getByRole('heading', { name: /^Activation rate fell/ }) });
    await expect(activation).toHaveCount(1);
    await panel.reasonField(activation).fill(reason);
    await panel.triageButton(activation, 'Expected').click();
    await expect(panel.triageLine(activation)).toHaveText(`Marked expected by you · ${reason}`);

    // Read again: the drop is no longer a card; the panel lists it with the person's own words.
    await panel.readAgain();
    await expect(activation).toHaveCount(0);
    const hidden = panel.hiddenFindings;
    await expect(hidden).toContainText(/Activation rate fell/);
    await expect(hidden).toContainText(`You marked this expected on`);
    await expect(hidden).toContainText(reason);

    // The person changes their mind: it is back as a card.
    await hidden.getByRole('button', { name: /^Show again Activation rate fell/ }).click();
    await expect(activation).toHaveCount(1);
    await expect(hidden).toHaveCount(0);

    // A note on the Activation rate chart shows on that chart's card.
    const note = 'Activation is measured on day 7 since the v2 launch';
    await panel.openNotes();
    await panel.page.getByRole('button', { name: 'Add a note' }).click();
    const form = panel.page.getByRole('form', { name: 'Add a note' });
    await form.getByLabel('Note', { exact: true }).fill(note);
    await expect(form.getByLabel(/Dashboard URL pattern/)).toHaveValue(page.url());
    await form.getByLabel(/^Chart/).selectOption({ label: 'Activation rate' });
    await form.getByRole('button', { name: 'Add note' }).click();
    await expect(panel.page.getByRole('list', { name: 'Notes' })).toContainText(note);
    await panel.page.getByRole('tab', { name: 'Findings' }).click();
    await expect(activation.getByRole('list', { name: /^Notes for F\d+$/ })).toContainText(note);
    const other = panel.findingCards.filter({ hasNot: panel.page.getByRole('heading', { name: /^Activation rate/ }) });
    for (const card of await other.all()) await expect(card.getByRole('list', { name: /^Notes for/ })).toHaveCount(0);

    // A flag with a comment is saved and listed under what Loupe has learned.
    await activation.getByRole('button', { name: /^Flag F\d+$/ }).click();
    await activation.getByRole('radio', { name: 'wrong number' }).check();
    await activation.getByLabel(/^Comment/).fill('The Oct 10 value double-counts trials');
    await activation.getByRole('button', { name: 'Send flag' }).click();
    await expect(activation.getByRole('status')).toHaveText(/Flagged as a wrong number/);
    await expect(activation.getByRole('list', { name: /^You told us about F\d+$/ })).toContainText('flagged this as a wrong number');
    await panel.openNotes();
    await expect(panel.page.getByRole('list', { name: 'What Loupe has learned' })).toContainText('double-counts trials');

    // Asked with no model, the answer says where what the person told Loupe changed it.
    await panel.page.getByRole('tab', { name: 'Findings' }).click();
    await panel.readAgain();
    await panel.openAsk();
    await panel.ask('What changed in activation?');
    const answer = panel.page.getByRole('article', { name: 'Answer to: What changed in activation?' });
    await expect(answer).toContainText('What you told Loupe changed this answer', { timeout: 20_000 });
    await expect(answer).toContainText('flagged this as a wrong number');
    await expect(answer).toContainText('“The Oct 10 value double-counts trials”');
    await expect(answer.locator('mark.unsupported')).toHaveCount(0);
    await panel.page.close();
  });
