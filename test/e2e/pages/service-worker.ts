import { expect, type BrowserContext, type Page } from '@playwright/test';

/** Stops Loupe's service worker the way the browser does when it is idle or crashes: through the
 *  DevTools protocol from one of the extension's own pages (ServiceWorker.stopWorker), and waits until
 *  the browser reports it stopped. The next message to the background starts it again. */
export async function stopServiceWorker(context: BrowserContext, extensionPage: Page): Promise<void> {
  const session = await context.newCDPSession(extensionPage);
  const status = new Map<string, string>();
  session.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.endsWith('/background.js')) status.set(v.versionId, v.runningStatus);
  });
  await session.send('ServiceWorker.enable');
  await expect.poll(() => [...status.values()].includes('running') || [...status.values()].includes('starting'), { timeout: 10_000 }).toBe(true);
  for (const [versionId, s] of status) if (s !== 'stopped') await session.send('ServiceWorker.stopWorker', { versionId });
  await expect.poll(() => [...status.values()].every((s) => s === 'stopped'), { timeout: 10_000 }).toBe(true);
  await session.detach();
}
