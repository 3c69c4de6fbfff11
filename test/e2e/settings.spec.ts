import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';
// @ts-expect-error plain .mjs fixture without type declarations
import { startLlmServer } from '../fixtures/llm-server.mjs';

// The settings view against llm-server on loopback: Test connection with the right and a wrong key,
// and settings that survive reopening the panel. The browser is shared, so settings are cleared after.
const KEY = 'sk-e2e-settings-0123456789';

test('an OpenAI-compatible provider: Test connection, a wrong key, and settings that survive reopening', async ({ context, extensionId, page, serverUrl }) => {
  const srv = await startLlmServer({ host: '127.0.0.1', apiKey: KEY });
  await page.goto(`${serverUrl}/growth-mixpanel/`);
  let panel = await openPanel(context, extensionId, page.url());
  // Specs share one browser per worker: start from a person's first run, whatever an earlier spec saved.
  await panel.page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }).chrome.storage.local.clear());
  await panel.page.reload();
  try {
    await expect(panel.providerLabel).toHaveText('Offline');
    await expect(panel.pauseAi).toHaveAttribute('aria-checked', 'false');
    await panel.openSettings();
    await panel.fillProvider({ provider: 'OpenAI-compatible server', baseUrl: srv.url, model: 'test-model', apiKey: KEY });
    await expect(await panel.testConnection()).toHaveText('Connected: 3 models.');

    await panel.field('API key').fill('sk-wrong-key-000000');
    await expect(await panel.testConnection()).toHaveText(/^Wrong key \(401\)/);

    await panel.field('API key').fill(KEY);
    await panel.saveSettings();
    await panel.pauseAi.click();
    await expect(panel.pauseAi).toHaveAttribute('aria-checked', 'true');
    const host = new URL(srv.url).host;
    await expect(panel.providerLabel).toHaveText(`${host} test-model`);

    await panel.page.close();
    panel = await openPanel(context, extensionId, page.url());
    await expect(panel.providerLabel).toHaveText(`${host} test-model`);
    await expect(panel.pauseAi).toHaveAttribute('aria-checked', 'true');
    await panel.openSettings();
    await expect(panel.field('Provider')).toHaveValue('compatible');
    await expect(panel.field('Base URL')).toHaveValue(srv.url);
    await expect(panel.field('Model')).toHaveValue('test-model');
    await expect(panel.field('API key')).toHaveValue(KEY);
    // Two tests, two requests: each sent the key as typed, in the Authorization header.
    const requests = srv.requests as Array<{ path: string; headers: Record<string, string> }>;
    expect(requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/v1/models', `Bearer ${KEY}`], ['/v1/models', 'Bearer sk-wrong-key-000000'],
    ]);
  } finally {
    await panel.clearSettings();
    await panel.page.close();
    await srv.close();
  }
});
