import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { outDir } from '../../scripts/lib/build.mjs';
import { extensionPage, launchLoupe, readWithLoupe, sendMessage, tabIdFor } from '../../scripts/lib/loupe-browser.mjs';
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
  readPage: async ({ loupe }, use) => {
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    await use(async (page) => {
      await page.bringToFront();
      return readWithLoupe(ext, page) as Promise<ReadOutcome>;
    });
    await ext.close();
  },
});

export { expect, sendMessage, tabIdFor, extensionPage };
