// Launches Chromium with the unpacked Loupe extension and talks to its background through the same
// typed messages the side panel sends. Shared by the snapshot command, the bench and the e2e tests.
import { chromium } from '@playwright/test';
import { ensureChromium } from './chromium.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

export async function launchLoupe({ extensionDir, headless = true, viewport = { width: 1280, height: 900 } }) {
  const executablePath = ensureChromium();
  const context = await chromium.launchPersistentContext('', {
    executablePath, headless, viewport,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_ARGS],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  // The background registers the document_start page hook (uPlot, bundled Highcharts…) for granted
  // sites as it starts; a page opened before that is read without it. Wait for it, bounded.
  await worker.evaluate(async () => {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const scripts = await chrome.scripting.getRegisteredContentScripts().catch(() => []);
      if (scripts.some((s) => s.id === 'loupe-page-hook')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  return { context, extensionId, worker, close: () => context.close() };
}

/** Sends one @webext-core/messaging message from an extension page, as the side panel does. */
export async function sendMessage(extensionPage, type, data) {
  return extensionPage.evaluate(async ({ type, data }) => {
    const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
    const reply = await chrome.runtime.sendMessage(message);
    if (!reply) throw new Error(`No reply to ${type}`);
    if (reply.err) throw new Error(reply.err.message ?? String(reply.err));
    return reply.res;
  }, { type, data });
}

/** Reads one tab through the background, as the panel does. The reply carries the snapshot as one JSON
 *  string (lib/snapshot/wire.ts), decoded here: strings also cross the DevTools protocol fast. */
export async function readTabOnce(extensionPage, tabId) {
  const reply = await sendMessage(extensionPage, 'readTab', { tabId });
  return reply.ok ? { ok: true, snapshot: JSON.parse(reply.snapshotJson) } : reply;
}

/** The tab id of the (first) tab showing `url`, asked from an extension page. */
export async function tabIdFor(extensionPage, url) {
  return extensionPage.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const norm = (u) => (u ?? '').replace(/#.*$/, '');
    return tabs.find((t) => norm(t.url) === norm(url))?.id ?? tabs.find((t) => (t.url ?? '').startsWith(norm(url)))?.id ?? null;
  }, url);
}

/** Opens an extension page (background-free messaging endpoint) once per context. */
export async function extensionPage(context, extensionId, path = 'sidepanel.html') {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

/** Scrolls once through the page and back to the top, as a person looking over a dashboard does:
 *  boards that draw a panel only when it comes into view (lazy loading) then have every panel drawn.
 *  Bounded to 40 screens. */
export async function scrollThrough(page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 40)));
    const step = Math.max(200, window.innerHeight * 0.9);
    for (let y = step, n = 0; y < document.documentElement.scrollHeight && n < 40; y += step, n++) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, 0);
    await frame();
  }).catch(() => undefined);
}

/**
 * Reads `page` (already loaded) through the extension once it has settled, as a person would wait for
 * a dashboard to finish drawing: the network quiet (charts that fetch their data), then reads every
 * 250 ms until `stableReads` in a row agree on the charts, points and tiles found (charts that draw
 * after `load`: Plotly, Vega and ApexCharts render asynchronously). A page with nothing on it yet is
 * given `emptyMs` to show something (a spinner before a timer-driven draw). All bounded by `settleMs`.
 */
export async function readWithLoupe(extPage, page, { settleMs = 6000, stableReads = 3, emptyMs = 2500 } = {}) {
  const started = Date.now();
  const deadline = started + settleMs;
  await page.waitForLoadState('networkidle', { timeout: Math.max(500, Math.min(4000, settleMs / 2)) }).catch(() => undefined);
  const tabId = await tabIdFor(extPage, page.url());
  if (tabId == null) throw new Error(`Loupe could not find the tab for ${page.url()}`);
  let last = null;
  let lastKey = '';
  let agreeing = 0;
  for (;;) {
    const outcome = await readTabOnce(extPage, tabId);
    if (!outcome.ok) return outcome;
    const { stats, metrics } = outcome.snapshot;
    const key = `${stats.charts}/${stats.points}/${metrics.length}`;
    agreeing = last && key === lastKey ? agreeing + 1 : 1;
    last = outcome;
    lastKey = key;
    const empty = stats.charts === 0 && metrics.length === 0;
    if (agreeing >= stableReads && !(empty && Date.now() - started < emptyMs)) return outcome;
    if (Date.now() > deadline) return outcome;
    await page.waitForTimeout(250);
  }
}
