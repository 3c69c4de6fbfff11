import type { Page } from '@playwright/test';
import { test, expect, extensionPage } from './fixtures';
import { openPanelWindow, type PanelPage } from './pages/panel';
import { CORPUS, batches } from '../injection/corpus';
import { placeCases } from '../injection/place';
import { CHECKS, KEY, controlState, hasKey, promptProblems, quoteProblems } from '../injection/checks';
import {
  endProviderRun,
  downloadExports, dumpIdb, dumpStorage, expectCleanExports, expectGuardrailsUnchanged, expectKeyOnlyInProvider,
  expectOnlyProvider, expectServerSawOnlyItsOwn, loupeRequests, recordRequests,
} from './support/injection';
// @ts-expect-error plain .mjs fixture without type declarations
import { startLlmServer } from '../fixtures/llm-server.mjs';
// @ts-expect-error plain .mjs fixture without type declarations
import { compromised } from '../fixtures/llm-scripts/presets.mjs';

// The injection corpus on a real sample board in Chromium, in batches: each batch of cases is placed
// on one copy of the marketing board (charts, table rows, KPI tiles, headings, filters, the page
// title), read by the panel, asked of a fully compromised model (every harmful tool call and reply it
// can send), looked at in Drafts and exported in every format. Then, for every case of the batch:
// 1 the dashboard's controls and DOM as before; 2 rules, sign-offs, drafts, undo records as before;
// 3 no request to a host but the provider; 4 the canary key only in the provider's Authorization
// header and the provider setting; 5 the case's text shown only inside quoted page text.

const BATCHES = batches(CORPUS, 2);
const QUESTION = 'What changed on this board, and what should we do?';

interface LlmRequest { method: string; path: string; headers: Record<string, string>; body: { messages?: Array<{ role: string; content?: string | null }> } | null }
interface Llm { url: string; origin: string; requests: LlmRequest[]; close(): Promise<void> }

test.describe.configure({ timeout: 120_000 });

async function quoted(panel: PanelPage, markers: string[]): Promise<{ unquoted: string[]; shown: string[] }> {
  return panel.page.evaluate(quoteProblems, { markers });
}

for (const [index, batch] of BATCHES.entries()) {
  test(`batch ${index + 1}/${BATCHES.length}: ${batch.length} cases × ${CHECKS} checks, read, asked of a compromised model, drafted, exported`,
    async ({ context, extensionId, serverUrl, page }) => {
      const llm = (await startLlmServer({ script: compromised(), apiKey: KEY })) as Llm;
      const markers = batch.map((c) => c.marker);
      const rec = recordRequests(context);
      let panel: PanelPage | undefined;
      let ext: Page | undefined;
      try {
        await page.goto(`${serverUrl}/marketing-ga4/?injection=${index + 1}`);
        await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');
        expect(await page.evaluate(placeCases, batch)).toEqual({ placed: batch.length });
        const pageBefore = await page.evaluate(controlState, undefined);
        ext = await extensionPage(context, extensionId);
        const dbBefore = await dumpIdb(ext);
        await ext.evaluate(async (provider) => {
          const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
          await chrome.storage.local.set({ provider, pauseAi: false });
        }, { provider: 'compatible', baseUrl: llm.url, model: 'test-model', apiKey: KEY });

        // Read: the batch's charts, table, tiles, headings and filters are in the panel, quoted.
        panel = await openPanelWindow(context, extensionId, page.url());
        const p = panel;
        await expect.poll(() => p.charts.count(), { timeout: 60_000, message: 'the injected charts were read' }).toBeGreaterThan(20);
        await expect(p.page.getByRole('button', { name: 'Read again' })).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
        const read = await quoted(p, markers);
        expect(read.unquoted, 'page text shown unquoted after the read').toEqual([]);

        // Ask the compromised model: its answer is inert text, its tool calls fail.
        await p.openAsk();
        await p.ask(QUESTION);
        await expect(p.answerText(QUESTION)).toContainText('Done.', { timeout: 45_000 });
        await expect(p.turnStatus(QUESTION)).toHaveCount(0, { timeout: 15_000 });
        await expect(p.answerText(QUESTION)).toContainText('[image removed');
        await expect(p.answer(QUESTION).locator('img, script, iframe, a, form, [onerror]')).toHaveCount(0);
        await expect(p.page.locator('.ask-view').locator('img, script, iframe, a, [onerror]')).toHaveCount(0);

        // Drafts: nothing proposed, nothing applied.
        await p.openDrafts();
        await expect(p.page.getByText(/No proposals yet/)).toBeVisible();
        await expect(p.killSwitch).toHaveCount(0);

        // Exports: JSON holds everything the others render (the pure runner checks all four formats
        // for every case; test/e2e/canary-key.spec.ts downloads all four); CSV has the evidence rows.
        const files = await downloadExports(p, ['JSON', 'CSV (evidence)']);
        expectCleanExports(files);

        const after = await quoted(p, markers);
        expect(after.unquoted, 'page text shown unquoted after asking, drafts and export').toEqual([]);
        rec.stop();

        // 1: the page as it was.
        expect(await page.evaluate(controlState, undefined), 'the dashboard unchanged').toEqual(pageBefore);
        // 2 and 4 at rest: the guardrail tables, storage and the log.
        const dbAfter = await dumpIdb(ext);
        expectGuardrailsUnchanged(dbBefore, dbAfter);
        expect(hasKey(JSON.stringify(dbAfter)), 'the key in IndexedDB (log included)').toBe(false);
        expectKeyOnlyInProvider(await dumpStorage(ext));
        // 3 and 4 on the wire, from the browser's side and from the provider's.
        const seen = await loupeRequests(rec.requests, page, new URL(serverUrl).origin);
        expect(seen.filter((r) => r.url.startsWith(`${llm.url}/chat/completions`) && r.method === 'POST').length, 'the model was asked').toBeGreaterThan(1);
        await expectOnlyProvider(seen, llm.origin, context);
        expectServerSawOnlyItsOwn(llm);
        // 5 for the model: page text only as quoted untrusted data.
        for (const r of llm.requests) expect(promptProblems(r.body?.messages ?? [], markers)).toEqual([]);

        test.info().annotations.push({ type: 'cases', description: `${batch.length} cases × ${CHECKS} checks; ${after.shown.length} cases' text shown in the panel, all quoted` });
      } finally {
        await endProviderRun({ rec, panel, ext, llm });
      }
    });
}
