import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openPanel } from './pages/panel';
import { stopServiceWorker } from './pages/service-worker';

const BOARD = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'growth-mixpanel');
const CHARTS = (JSON.parse(readFileSync(join(BOARD, 'dist', 'expected.json'), 'utf8')) as { charts: unknown[] }).charts.length;

/** A loopback endpoint that answers only when released: a page's synchronous request to it holds the
 *  page's main thread exactly as long as the test needs, with no timer. */
async function holdServer() {
  const waiting: ServerResponse[] = [];
  let requested!: () => void;
  const asked = new Promise<void>((r) => { requested = r; });
  const server = createServer((_req, res) => { waiting.push(res); requested(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hold`,
    asked,
    release() { for (const res of waiting.splice(0)) res.writeHead(200, { 'access-control-allow-origin': '*' }).end('ok'); },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

// The browser may stop an extension's service worker at any moment (idle, update, crash). Stopped in
// the middle of a read, the panel says so plainly instead of spinning forever, and "Try again" wakes
// the background and reads the board.
test('the service worker stopped mid-read: a clear message, and trying again reads the board', async ({ context, extensionId, serverUrl, page }) => {
  const hold = await holdServer();
  try {
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto(`${serverUrl}/dashboards/growth-mixpanel/?run=worker-read`);
    await expect(page.locator('canvas').first()).toBeVisible();
    const panel = await openPanel(context, extensionId, page.url());
    await panel.page.setViewportSize({ width: 420, height: 900 });
    await panel.readUntilCharts(CHARTS);

    // The page's main thread is held by a synchronous request, so the reader cannot run: the read
    // waits inside the background, where the stop finds it.
    await page.evaluate((url) => {
      setTimeout(() => { const x = new XMLHttpRequest(); x.open('GET', url, false); try { x.send(); } catch { /* released or refused */ } }, 0);
    }, hold.url);
    await hold.asked;
    const again = panel.page.getByRole('button', { name: 'Read again' });
    await again.click();
    await expect(again).toHaveAttribute('aria-busy', 'true');
    await stopServiceWorker(context, panel.page);

    const problem = panel.page.getByRole('alert').filter({ hasText: 'Something went wrong while reading' });
    await expect(problem).toBeVisible({ timeout: 20_000 });
    await expect(problem).toContainText('Loupe could not reach its background page');

    hold.release();
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect(panel.charts).toHaveCount(CHARTS, { timeout: 30_000 });
    await expect(problem).toHaveCount(0);
    await panel.page.close();
  } finally {
    hold.release();
    await hold.close();
  }
});
