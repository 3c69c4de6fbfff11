import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');

/** The decision log's rows, read from the panel's own IndexedDB (the actor kind is not shown in the panel). */
async function logRows(panel: Page): Promise<Array<{ kind: string; summary: string; proposalId?: number; actor: { kind: string } }>> {
  return panel.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('loupe');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('log').objectStore('log').getAll();
      req.onsuccess = () => { resolve(req.result); open.result.close(); };
      req.onerror = () => reject(req.error);
    };
  }));
}

/** The text as the Markdown export escapes it (lib/export/markdown.ts mdEscape). */
const md = (s: string) => s.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
/** The same, as a regex matching it literally. */
const mdRe = (s: string) => md(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A proposal to remove a low-engagement feature (as a model would propose it: none of the templates
// removes a feature, and no model runs in e2e, so the proposal row is written where the model's would be)
// is declined with a reason; the reason is on the card, in the drafts' history and in the decision log.
test('a proposal to remove a low-engagement feature is declined with a reason, and the reason is logged', async ({ context, extensionId, serverUrl, page }) => {
  const expected: { charts: unknown[] } = JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8'));
  // Its own URL, so this board's triage and proposals are no other spec's (the profile is shared by a worker).
  const mark = `story-decline-${Date.now()}`;
  await page.goto(`${serverUrl}/growth-mixpanel/?loupe=${mark}`);
  await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');
  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 440, height: 1000 });
  await panel.clearSettings(); // no provider or pause left by another spec
  await panel.readUntilCharts(expected.charts.length);
  const finding = panel.findingCard(0);
  await panel.triageButton(finding, 'Real').click();
  await expect(panel.triageLine(finding)).toHaveText(/^Marked real by you/);
  await panel.openDrafts();
  await expect(panel.proposal('Roll back the onboarding change')).toBeVisible();

  const title = 'Remove the referral banner (low engagement)';
  await panel.page.evaluate(({ t, mark }) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('loupe');
    open.onsuccess = () => {
      const store = open.result.transaction('proposals', 'readwrite').objectStore('proposals');
      const first = store.getAll();
      first.onsuccess = () => {
        // This board's (its URL carries this run's mark), newest first.
        const p = first.result.filter((r: { dashboard: string }) => r.dashboard.includes(mark)).at(-1);
        const req = store.add({
          findingKey: p.findingKey, dashboard: p.dashboard, kind: 'roll-back-change', title: t,
          rationale: 'Under 1% of new users click the referral banner; it adds a step to onboarding.', impact: 'A shorter onboarding',
          risk: 'medium', reversibility: 'Turn the flag back on', affected: 'New users', evidenceIds: p.evidenceIds,
          draftFields: { customerFacing: true }, source: 'model', status: 'proposed', createdAt: new Date().toISOString(),
        });
        req.onsuccess = () => { open.result.close(); resolve(); };
        req.onerror = () => reject(req.error);
      };
    };
  }), { t: title, mark });
  await panel.page.getByRole('button', { name: 'Read again' }).click();
  const card = panel.proposal(title);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('proposed by the model');

  await card.getByRole('button', { name: 'Decline', exact: true }).click();
  const submit = card.getByRole('button', { name: 'Decline with this reason' });
  await expect(submit, 'a decline needs a reason').toBeDisabled();
  const reason = 'The banner was built for the Acme partnership; keep it until Q1';
  await card.getByRole('textbox', { name: /Why decline/ }).fill(reason);
  await submit.click();
  await expect(panel.draftState(card)).toHaveText(`Declined: ${reason}`);
  await panel.page.getByText(/^Decision history/).click();
  await expect(panel.history).toContainText(`you · Declined: ${reason}`);

  const rows = await logRows(panel.page);
  const declined = rows.filter((r) => r.kind === 'declined' && r.summary === `Declined: ${reason}`);
  expect(declined).toHaveLength(1);
  expect(declined[0].actor.kind).toBe('person');

  // The reviewer's export of this board holds the decision: the declined proposal with its reason and
  // who declined it, and the decision log's line.
  await panel.openLog();
  const report = await panel.downloadExport('Markdown');
  expect(report).toContain('## Proposals and decisions');
  expect(report).toMatch(new RegExp(`^- ${mdRe(title)} — declined by you \\(`, 'm'));
  expect(report).toContain(`\n  - Reason: ${md(reason)}\n`);
  expect(report).toMatch(new RegExp(`^- .* · declined · you: Declined: ${mdRe(reason)}$`, 'm'));
  await panel.page.close();
});
