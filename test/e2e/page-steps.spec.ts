import type { Page } from '@playwright/test';
import { test, expect, extensionPage, sendMessage, tabIdFor } from './fixtures';
import type { PageStep, StepOutcome, StepPreview } from '../../lib/actions/steps/schema';

// Level 3's page steps on the Growth board, driven as the panel's per-step buttons drive them: one
// message per step, each previewed (outlined, nothing changed), applied, checked against what the page
// shows, and finally reverted in reverse order back to exactly the values before.

const RANGE: PageStep = { id: 's1', label: 'Date range', kind: 'set-date-range', target: { controlId: 'date-range' }, value: { from: '2026-10-01', to: '2026-10-23' } };
const SEGMENT: PageStep = { id: 's2', label: 'Segment', kind: 'set-filter', target: { controlId: 'segment' }, value: { field: 'Segment', value: 'New users' } };
const FLAG: PageStep = { id: 's3', label: 'Onboarding v2', kind: 'toggle-control', target: { controlId: 'flag-onboarding-v2' }, value: false };

/** What a person sees of the three controls. */
async function visible(page: Page) {
  return {
    header: await page.locator('#date-range-button').textContent(),
    from: await page.locator('input[name="from"]').inputValue(),
    to: await page.locator('input[name="to"]').inputValue(),
    segment: await page.locator('#segment').inputValue(),
    flag: await page.locator('#flag-onboarding-v2').getAttribute('aria-checked'),
    flagText: await page.locator('#flag-onboarding-v2').textContent(),
  };
}

async function openBoard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');
}

test('page steps: preview, apply and verify one at a time, then revert in reverse order', async ({ context, extensionId, serverUrl, page }) => {
  await openBoard(page, `${serverUrl}/growth-mixpanel/`);
  const ext = await extensionPage(context, extensionId);
  const tabId = await tabIdFor(ext, page.url());
  const initial = await visible(page);
  expect(initial).toEqual({ header: 'Aug 1 – Oct 23, 2026', from: '2026-08-01', to: '2026-10-23', segment: 'All users', flag: 'true', flagText: 'On' });

  const shows: Array<(p: Page) => Promise<void>> = [
    async (p) => { await expect(p.locator('#date-range-button')).toHaveText('Oct 1 – Oct 23, 2026'); },
    async (p) => { await expect(p.locator('#segment')).toHaveValue('New users'); },
    async (p) => { await expect(p.locator('#flag-onboarding-v2')).toHaveAttribute('aria-checked', 'false'); await expect(p.locator('#flag-onboarding-v2')).toHaveText('Off'); },
  ];
  const descriptions = ['Set date range to Oct 1 – Oct 23, 2026', 'Set Segment to “New users”', 'Turn off Onboarding v2'];
  const applied: Array<{ step: PageStep; before: string; seen: Awaited<ReturnType<typeof visible>> }> = [];
  for (const [i, step] of [RANGE, SEGMENT, FLAG].entries()) {
    const seen = await visible(page);
    const preview: StepPreview = await sendMessage(ext, 'previewStep', { tabId, step });
    expect(preview).toMatchObject({ ok: true, description: descriptions[i], url: page.url() });
    await expect(page.locator('[data-loupe-overlay="step:preview"]')).toHaveCount(1);
    expect(await visible(page), 'a preview changes nothing').toEqual(seen);

    const out: StepOutcome = await sendMessage(ext, 'applyStep', { tabId, step, expectedUrl: preview.url });
    expect(out, out.message).toMatchObject({ ok: true, verified: true, before: preview.before, after: preview.after });
    await shows[i](page);
    applied.push({ step, before: out.before!, seen });
  }
  // The Chart.js charts moved their visible window with the range.
  expect(await page.evaluate(() => {
    const chart = (window as unknown as { Chart: { getChart(id: string): { options: { scales: { x: { min?: string } } } } } }).Chart.getChart('activation-chart');
    return chart.options.scales.x.min;
  })).toBe('2026-10-01');

  for (const { step, before, seen } of applied.reverse()) {
    const out: StepOutcome = await sendMessage(ext, 'revertStep', { tabId, step, before, expectedUrl: page.url() });
    expect(out, out.message).toMatchObject({ ok: true, verified: true, after: before });
    await expect.poll(() => visible(page)).toEqual(seen);
  }
  expect(await visible(page)).toEqual(initial);
  await ext.close();
});

test('page steps: a page that navigated between preview and apply is left alone', async ({ context, extensionId, serverUrl, page }) => {
  await openBoard(page, `${serverUrl}/growth-mixpanel/`);
  const ext = await extensionPage(context, extensionId);
  const tabId = await tabIdFor(ext, page.url());
  const preview: StepPreview = await sendMessage(ext, 'previewStep', { tabId, step: SEGMENT });
  expect(preview.ok).toBe(true);

  // Another board with a control of the same id: the step must not land on it.
  await openBoard(page, `${serverUrl}/marketing-ga4/`);
  const out: StepOutcome = await sendMessage(ext, 'applyStep', { tabId, step: SEGMENT, expectedUrl: preview.url });
  expect(out).toMatchObject({ ok: false, verified: false });
  expect(out.message).toMatch(/navigated/);
  await expect(page.locator('#segment')).toHaveValue('All users');

  // Back on the previewed page, a control that is gone fails the same way, changing nothing.
  await openBoard(page, `${serverUrl}/growth-mixpanel/`);
  await page.evaluate(() => document.getElementById('flag-onboarding-v2')?.remove());
  const gone: StepOutcome = await sendMessage(ext, 'applyStep', { tabId, step: FLAG, expectedUrl: page.url() });
  expect(gone).toMatchObject({ ok: false, verified: false });
  await expect(page.locator('#segment')).toHaveValue('All users');
  await expect(page.locator('#date-range-button')).toHaveText('Aug 1 – Oct 23, 2026');
  await ext.close();
});
