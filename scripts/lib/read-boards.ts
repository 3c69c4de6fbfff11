// Reads a list of pages through the built extension, the same path as `npm run -s snapshot`:
// headless Chromium with the e2e build, the background's readTab message, re-reads until they agree.
// Used by `npm run accuracy`; the e2e specs use their own fixtures around the same helpers.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureBuild } from './build.mjs';
import { extensionPage, launchLoupe, readWithLoupe, scrollThrough } from './loupe-browser.mjs';
import type { ReadOutcome } from '../../lib/messaging/protocol';

/** Waits for a generated board's own "drawn" flag (async libraries: Plotly, Vega, ApexCharts), but
 *  never fails on it: a board without the flag is read after the timeout anyway. */
export async function waitForBoard(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true', null, { timeout: timeoutMs }).catch(() => undefined);
}

/** A private copy of the e2e build: the shared .output folder is rebuilt by any other `wxt build` on
 *  this machine, which pulled reader-main.js out from under a running read ("Could not load file"). */
export function privateExtension(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-ext-'));
  cpSync(ensureBuild('e2e'), dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function readPages(urls: string[], opts: { settleMs?: number } = {}): Promise<Map<string, ReadOutcome>> {
  const ext0 = privateExtension();
  const loupe = await launchLoupe({ extensionDir: ext0.dir });
  const out = new Map<string, ReadOutcome>();
  try {
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    for (const url of urls) {
      const page = await loupe.context.newPage();
      try {
        // No wait for the generated boards' own "drawn" flag: the snapshot command cannot know of one,
        // so the hold-out waits only as readWithLoupe does (network quiet, reads that agree).
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        await page.bringToFront();
        await scrollThrough(page);
        out.set(url, await readWithLoupe(ext, page, { settleMs: opts.settleMs ?? 6000 }));
      } catch (err) {
        out.set(url, { ok: false, reason: 'error', message: (err as Error).message.split('\n')[0] });
      } finally {
        await page.close();
      }
    }
  } finally {
    await loupe.close();
    ext0.remove();
  }
  return out;
}
