import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';
import { stopServiceWorker } from './pages/service-worker';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const CHARTS = (JSON.parse(readFileSync(join(FIXTURES, 'dashboards', 'growth-mixpanel', 'dist', 'expected.json'), 'utf8')) as { charts: unknown[] }).charts.length;

type Turn = Record<string, unknown>;
interface LlmServer { url: string; close(): Promise<void> }
async function startLlm(script: Turn[]): Promise<LlmServer> {
  const mod = (await import(pathToFileURL(join(FIXTURES, 'llm-server.mjs')).href)) as { startLlmServer(o: { script: Turn[] }): Promise<LlmServer> };
  return mod.startLlmServer({ script });
}

test.describe.configure({ timeout: 120_000 });

// The browser stops the service worker while an answer streams in. The answer comes from the panel
// itself, so it keeps streaming and is kept with its question; the next thing that needs the
// background (a citation chip, a read) wakes it and works.
test('the service worker stopped mid-answer: the answer finishes, the question is kept, the chip and a new read work', async ({ context, extensionId, serverUrl, page }) => {
  // Long enough (about 8 s) that the stop surely lands while it streams, even on a busy machine.
  const filler = Array.from({ length: 12 }, (_, i) => `point${i} `);
  const words = ['Activation ', 'rate ', 'is ', 'the ', 'chart ', 'to ', 'watch ', '[E1]. ', ...filler, 'The ', 'end.'];
  const llm = await startLlm([{ match: { user: 'Which chart matters?' }, text: words, chunkDelayMs: 350 }]);
  try {
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?run=worker-answer`);
    await expect(page.locator('canvas').first()).toBeVisible();
    const panel = await openPanel(context, extensionId, page.url());
    await panel.page.setViewportSize({ width: 420, height: 900 });
    await panel.readUntilCharts(CHARTS);
    await panel.page.evaluate(async (provider) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
      await chrome.storage.local.set({ provider, pauseAi: false });
    }, { provider: 'compatible', baseUrl: llm.url, model: 'test-model' });
    await panel.openAsk();

    const q = 'Which chart matters?';
    await panel.ask(q);
    await expect(panel.turnStatus(q)).toHaveText('Answering…');
    await expect(panel.answerText(q)).toContainText('Activation');
    await stopServiceWorker(context, panel.page);
    await expect(panel.answerText(q)).not.toContainText('The end.');

    await expect(panel.answerText(q)).toContainText('The end.', { timeout: 30_000 });
    await expect(panel.turnStatus(q)).toHaveCount(0);

    // The chip's message starts the background again.
    await panel.chip(q, 'E1').click();
    await expect(page.locator('[data-loupe-overlay] .outline')).toBeVisible({ timeout: 20_000 });

    // Closed and reopened, the panel has the question and its whole answer.
    await panel.page.close();
    const again = await openPanel(context, extensionId, page.url());
    await again.readUntilCharts(CHARTS);
    await again.openAsk();
    await expect(again.turns).toHaveCount(1);
    await expect(again.answerText(q)).toContainText('The end.');
    await again.page.close();
  } finally {
    await llm.close();
  }
});
