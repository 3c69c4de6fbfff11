import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openPanel, type PanelPage } from './pages/panel';

// A non-technical person asks about the open dashboard. The model is the local OpenAI-compatible test
// server on 127.0.0.1, set as the provider through the same storage key the settings view writes.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const BOARD = join(FIXTURES, 'dashboards', 'growth-mixpanel');
const CHARTS = (JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8')) as { charts: unknown[] }).charts.length;

type Turn = Record<string, unknown>;
interface LlmServer { url: string; requests: Array<{ method: string; path: string }>; setScript(s: Turn[]): void; close(): Promise<void> }
/** The fixture server is plain JavaScript without types; this is the part of it the spec uses. */
async function startLlm(script: Turn[]): Promise<LlmServer> {
  const mod = (await import(pathToFileURL(join(FIXTURES, 'llm-server.mjs')).href)) as { startLlmServer(o: { script: Turn[] }): Promise<LlmServer> };
  return mod.startLlmServer({ script });
}

// Each flow opens a board, reads it fully and waits on streamed answers: longer than the default.
test.describe.configure({ timeout: 120_000 });

let llm: LlmServer | undefined;
test.afterEach(async () => { await llm?.close(); llm = undefined; });

/** The board open in a tab (its own conversation: `run` makes the URL unique), the panel read it fully,
 *  the test server set as provider, and the Ask tab open. */
async function askPanel(context: BrowserContext, extensionId: string, page: Page, url: string): Promise<PanelPage> {
  // A panel opened again finds the board already open in its tab, as a person's would.
  if (page.url() !== url) await page.goto(url);
  await expect(page.locator('canvas').first()).toBeVisible();
  const panel = await openPanel(context, extensionId, page.url());
  await panel.page.setViewportSize({ width: 420, height: 900 });
  await expect(async () => {
    await panel.page.getByRole('button', { name: 'Read again' }).click();
    await expect(panel.charts).toHaveCount(CHARTS, { timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await panel.openAsk();
  return panel;
}

async function useProvider(panel: PanelPage, baseUrl: string): Promise<void> {
  // WXT's 'local:provider' item is the key "provider" in chrome.storage.local.
  await panel.page.evaluate(async (provider) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } };
    await chrome.storage.local.set({ provider, pauseAi: false });
  }, { provider: 'compatible', baseUrl, model: 'test-model' });
}

const boardUrl = (serverUrl: string, run: string) => `${serverUrl}/dashboards/growth-mixpanel/?run=${run}`;

test('an answer streams in, cites evidence as chips that show it on the page, and Stop keeps what arrived', async ({ context, extensionId, serverUrl, page }) => {
  const words = ['Activation ', 'rate ', 'is ', 'the ', 'chart ', 'to ', 'watch ', 'on ', 'this ', 'board ', '[E1]. ', 'The ', 'end.'];
  llm = await startLlm([
    { match: { user: 'Which chart matters?' }, text: words, chunkDelayMs: 200 },
    { match: { user: 'Tell me everything' }, text: Array.from({ length: 40 }, (_, i) => `part${i} `), chunkDelayMs: 250 },
  ]);
  await page.setViewportSize({ width: 1100, height: 700 });
  const panel = await askPanel(context, extensionId, page, boardUrl(serverUrl, 'stream'));
  await useProvider(panel, llm.url);

  const q = 'Which chart matters?';
  await expect(panel.page.getByRole('heading', { name: 'Suggested questions' })).toBeVisible();
  await panel.ask(q);
  // Progressive: the first words are on screen while the answer is still coming.
  await expect(panel.answerText(q)).toContainText('Activation rate');
  await expect(panel.turnStatus(q)).toHaveText('Answering…');
  await expect(panel.answerText(q)).not.toContainText('The end.');
  await expect(panel.answerText(q)).toContainText('The end.');
  await expect(panel.turnStatus(q)).toHaveCount(0);

  await panel.chip(q, 'E1').click();
  await expect(page.locator('[data-loupe-overlay] .outline')).toBeVisible();
  await expect(panel.page.locator('.ask-view .highlight-status')).toContainText('on the page');

  const long = 'Tell me everything';
  await panel.ask(long);
  await expect(panel.answerText(long)).toContainText('part1');
  await panel.stopButton.click();
  await expect(panel.turnStatus(long)).toHaveText('Stopped — partial answer');
  await expect(panel.answer(long)).toContainText('Stopped. What arrived so far is kept.');
  const kept = await panel.answerText(long).innerText();
  expect(kept).toContain('part1');
  expect(kept).not.toContain('part39');
  await expect(panel.retryButton(long)).toBeEnabled();
});

test('after a 429 and after a 500 Loupe shows the wait, retries, and the answer arrives', async ({ context, extensionId, serverUrl, page }) => {
  llm = await startLlm([
    { error: { preset: 'rate_limit', retryAfter: 1 } },
    { text: 'Recovered after the rate limit.' },
    { error: 'server_error' },
    { text: 'Recovered after the server error.' },
  ]);
  const panel = await askPanel(context, extensionId, page, boardUrl(serverUrl, 'retry'));
  await useProvider(panel, llm.url);

  const first = 'Is this normal?';
  await panel.ask(first);
  await expect(panel.answer(first).getByRole('status')).toContainText(/rate-limiting requests; retrying in 1 s/);
  await expect(panel.answerText(first)).toHaveText('Recovered after the rate limit.');
  await expect(panel.answer(first)).toContainText('Loupe waited for the provider first');

  const second = 'And now?';
  await panel.ask(second);
  await expect(panel.answer(second).getByRole('status')).toContainText(/server error; retrying in \d+ s/);
  await expect(panel.answerText(second)).toHaveText('Recovered after the server error.');
  await expect(panel.turnStatus(second)).toHaveCount(0);
});

test('a cut stream keeps the partial answer marked incomplete; the panel reopened shows the conversation as it was', async ({ context, extensionId, serverUrl, page }) => {
  llm = await startLlm([
    { match: { user: 'What changed?' }, text: ['Activation ', 'rate ', 'dropped ', 'sharply ', 'after ', 'the ', 'release.'], chunkDelayMs: 100, cutAfter: 3 },
    { match: { user: 'Keep talking' }, text: Array.from({ length: 40 }, (_, i) => `word${i} `), chunkDelayMs: 200 },
  ]);
  const url = boardUrl(serverUrl, 'cut');
  let panel = await askPanel(context, extensionId, page, url);
  await useProvider(panel, llm.url);

  const cut = 'What changed?';
  await panel.ask(cut);
  await expect(panel.turnStatus(cut)).toHaveText('Incomplete answer');
  await expect(panel.answerText(cut)).toHaveText('Activation rate dropped');
  await expect(panel.answer(cut)).toContainText('cut off');

  // Closed mid-answer: what had arrived (saved while streaming) is there on the next open.
  const open = 'Keep talking';
  await panel.ask(open);
  await expect(panel.answerText(open)).toContainText('word3');
  await panel.page.close();

  panel = await askPanel(context, extensionId, page, url);
  await expect(panel.turns).toHaveCount(2);
  await expect(panel.turnStatus(cut)).toHaveText('Incomplete answer');
  await expect(panel.answerText(cut)).toHaveText('Activation rate dropped');
  await expect(panel.turnStatus(open)).toHaveText('Incomplete answer');
  await expect(panel.answerText(open)).toContainText('word0 word1');
  await expect(panel.answer(open)).toContainText('closed before the answer finished');
  await panel.page.close();
});
