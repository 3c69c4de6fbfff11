import type { Page } from '@playwright/test';
import { test, expect, extensionPage } from './fixtures';
import { openPanelWindow, type PanelPage } from './pages/panel';
import { KEY, hasKey } from '../injection/checks';
import {
  endProviderRun,
  downloadExports, dumpIdb, dumpStorage, EXPORTS, expectCleanExports, expectKeyOnlyInProvider, expectOnlyProvider,
  expectServerSawOnlyItsOwn, loupeRequests, recordRequests,
} from './support/injection';
// @ts-expect-error plain .mjs fixture without type declarations
import { startLlmServer } from '../fixtures/llm-server.mjs';

// A person types their API key into Settings, tests the connection, asks a question and exports the
// review. The key then exists in exactly two places: the `provider` setting in chrome.storage.local
// and the Authorization header of requests to the configured base URL. Not in any other request, not
// in storage.sync or storage.session, not in any IndexedDB table (the decision log included), not on
// the Log tab, not in the Markdown, HTML, JSON or CSV export, not in "Show what will be sent".

interface LlmRequest { method: string; path: string; headers: Record<string, string>; body: unknown }
interface Llm { url: string; origin: string; requests: LlmRequest[]; close(): Promise<void> }

const QUESTION = 'How is activation doing?';

test.describe.configure({ timeout: 120_000 });

test('the API key lives only in its setting and in the Authorization header sent to the configured base URL', async ({ context, extensionId, serverUrl, page }) => {
  const llm = (await startLlmServer({ apiKey: KEY, script: [{ times: 'always', text: 'Activation is being read [E1]; ask me about a chart.' }] })) as Llm;
  const rec = recordRequests(context);
  let panel: PanelPage | undefined;
  let ext: Page | undefined;
  try {
    await page.goto(`${serverUrl}/growth-mixpanel/?run=canary`);
    await expect(page.locator('canvas').first()).toBeVisible();
    panel = await openPanelWindow(context, extensionId, page.url());
    const p = panel;
    await p.clearSettings();
    await expect(p.charts.first()).toBeVisible({ timeout: 45_000 });

    // Settings: the key typed once, the connection tested, saved.
    await p.openSettings();
    await p.fillProvider({ provider: 'OpenAI-compatible server', baseUrl: llm.url, model: 'test-model', apiKey: KEY });
    await expect(await p.testConnection()).toHaveText('Connected: 3 models.');
    await p.saveSettings();
    await p.page.getByRole('button', { name: 'Settings', exact: true }).click();

    // Ask, and look at what would be sent: the key is masked there.
    await p.openAsk();
    await p.askBox.fill(QUESTION);
    const preview = p.page.locator('details').filter({ hasText: 'Show what will be sent' });
    await preview.locator('summary').click();
    await expect(preview).toContainText('Authorization');
    expect(hasKey(await preview.innerText()), 'the key in "Show what will be sent"').toBe(false);
    await p.askBox.press('Enter');
    await expect(p.answerText(QUESTION)).toContainText('Activation is being read', { timeout: 30_000 });
    await expect(p.turnStatus(QUESTION)).toHaveCount(0);

    // Every export format, and the Log tab as shown.
    const files = await downloadExports(p);
    expect(Object.keys(files)).toEqual([...EXPORTS]);
    expectCleanExports(files);
    expect(hasKey(await p.page.locator('body').innerText()), 'the key shown on the Log tab').toBe(false);
    rec.stop();

    // Storage: the key in provider.apiKey and nowhere else; IndexedDB (log included): nowhere.
    ext = await extensionPage(context, extensionId);
    const storage = await dumpStorage(ext);
    expect((storage.local.provider as { apiKey?: string }).apiKey).toBe(KEY);
    expectKeyOnlyInProvider(storage);
    const idb = await dumpIdb(ext);
    expect(idb.chats?.length, 'the question was saved').toBeGreaterThan(0);
    expect(hasKey(JSON.stringify(idb)), 'the key in IndexedDB').toBe(false);

    // The wire, from the browser's side and the server's: only the base URL, the key only as bearer.
    const seen = await loupeRequests(rec.requests, page, new URL(serverUrl).origin);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(expect.arrayContaining(['GET /v1/models', 'POST /v1/chat/completions']));
    await expectOnlyProvider(seen, llm.origin, context);
    expectServerSawOnlyItsOwn(llm);
  } finally {
    await endProviderRun({ rec, panel, ext, llm });
  }
});
