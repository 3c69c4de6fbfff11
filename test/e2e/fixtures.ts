import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { outDir } from '../../scripts/lib/build.mjs';
import { extensionPage, launchLoupe, readTabOnce, readWithLoupe, sendMessage, tabIdFor } from '../../scripts/lib/loupe-browser.mjs';
import { startFixtureServer } from '../fixtures/server.mjs';
import type { ReadOutcome } from '../../lib/messaging/protocol';

interface WorkerFixtures {
  loupe: { context: BrowserContext; extensionId: string };
  serverUrl: string;
}
interface TestFixtures {
  context: BrowserContext;
  extensionId: string;
  /** A fresh tab in the Loupe-enabled browser, closed after the test. */
  page: Page;
  /** Reads a page through the extension's background, exactly as the side panel does. */
  readPage: (page: Page) => Promise<ReadOutcome>;
  /** Runs before every test: specs of a worker share one browser, so each starts from Loupe's
   *  first-run state (no settings, no triage, drafts, notes, rules or log from an earlier spec). */
  freshState: void;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  loupe: [async ({}, use) => {
    const loupe = await launchLoupe({ extensionDir: outDir('e2e') });
    await use({ context: loupe.context, extensionId: loupe.extensionId });
    await loupe.close();
  }, { scope: 'worker' }],
  serverUrl: [async ({}, use) => {
    const server = await startFixtureServer({ port: 0, build: false });
    await use(server.url);
    await server.close();
  }, { scope: 'worker' }],
  context: async ({ loupe }, use) => { await use(loupe.context); },
  extensionId: async ({ loupe }, use) => { await use(loupe.extensionId); },
  page: async ({ loupe }, use) => {
    const page = await loupe.context.newPage();
    await use(page);
    await page.close();
  },
  freshState: [async ({ loupe }, use) => {
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    await ext.evaluate(forgetEverything);
    await ext.close();
    await use();
  }, { auto: true }],
  readPage: async ({ loupe }, use) => {
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    await use(async (page) => {
      await page.bringToFront();
      return readWithLoupe(ext, page) as Promise<ReadOutcome>;
    });
    await ext.close();
  },
});

/** In an extension page: clears chrome.storage.local and every table of Loupe's IndexedDB. Tables are
 *  cleared in one transaction rather than the database deleted, which a still-open panel would block. */
async function forgetEverything(): Promise<void> {
  const { chrome } = globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } };
  await chrome.storage.local.clear();
  const known = await indexedDB.databases();
  if (!known.some((d) => d.name === 'loupe')) return;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('loupe');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const stores = [...db.objectStoreNames];
  if (stores.length) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      for (const name of stores) tx.objectStore(name).clear();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
}

export { expect, readTabOnce, sendMessage, tabIdFor, extensionPage };
