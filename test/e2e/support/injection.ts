import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Page, Request } from '@playwright/test';
import { expect } from '../fixtures';
import type { PanelPage } from '../pages/panel';
import { hasKey, requestProblems, type SeenRequest } from '../../injection/checks';

// Browser-side evidence for the injection and canary-key specs: every request the browser made,
// chrome.storage and Loupe's IndexedDB dumped, and every export downloaded. Checks compare these
// with test/injection/checks.ts, the same functions the pure runner uses.

/** Every request any page of the context makes from now on (dashboard, panel, other extension pages). */
export function recordRequests(context: BrowserContext): { requests: Request[]; stop(): void } {
  const requests: Request[] = [];
  const on = (r: Request) => { requests.push(r); };
  context.on('request', on);
  return { requests, stop: () => context.off('request', on) };
}

/** Requests as the checks read them, minus the dashboard's own loads from its own server and the
 *  extension's own files: what is left is what Loupe sent over the network. */
export async function loupeRequests(requests: readonly Request[], dashboard: Page, boardOrigin: string): Promise<SeenRequest[]> {
  const out: SeenRequest[] = [];
  for (const r of requests) {
    const url = r.url();
    if (/^(chrome-extension|data|blob|about|chrome):/.test(url)) continue;
    let fromDashboard = false;
    try { fromDashboard = r.frame().page() === dashboard; } catch { /* a service worker's request has no frame */ }
    if (fromDashboard && new URL(url).origin === boardOrigin) continue;
    out.push({ url, method: r.method(), headers: await r.allHeaders().catch(() => r.headers()), body: r.postData() ?? '' });
  }
  return out;
}

/** Checks 3 and 4 for everything Loupe sent, and what the extension's service worker fetched. */
export async function expectOnlyProvider(seen: readonly SeenRequest[], origin: string, context: BrowserContext): Promise<void> {
  expect(requestProblems(seen, origin)).toEqual([]);
  for (const worker of context.serviceWorkers()) {
    const fetched = await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(fetched.filter((u) => !u.startsWith('chrome-extension:') && !u.startsWith(origin)), 'the service worker fetched another host').toEqual([]);
  }
}

/** What the test LLM server itself received: only its own origin, the key only as the bearer. */
export function expectServerSawOnlyItsOwn(llm: { origin: string; requests: ReadonlyArray<{ path: string; method: string; headers: Record<string, string>; body?: unknown }> }): void {
  const served = llm.requests.map((r) => ({ url: `${llm.origin}${r.path}`, method: r.method, headers: r.headers, body: JSON.stringify(r.body ?? '') }));
  expect(served.filter((r) => r.method !== 'OPTIONS').length, 'the model server was asked').toBeGreaterThanOrEqual(1);
  expect(requestProblems(served, llm.origin)).toEqual([]);
}

type Chrome = { storage: Record<'local' | 'sync' | 'session', { get(k: null): Promise<Record<string, unknown>> }> };

/** chrome.storage local, sync and session, from an extension page. */
export async function dumpStorage(ext: Page): Promise<Record<string, Record<string, unknown>>> {
  return ext.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    return { local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null), session: await chrome.storage.session.get(null) };
  });
}

/** Check 4 at rest in storage: the key only in the `provider` item's own `apiKey`. */
export function expectKeyOnlyInProvider(storage: Record<string, Record<string, unknown>>): void {
  const local = { ...storage.local };
  const provider = { ...(local.provider as Record<string, unknown> | undefined) };
  delete provider.apiKey;
  local.provider = provider;
  expect(hasKey(JSON.stringify({ ...storage, local })), 'the key in chrome.storage outside provider.apiKey').toBe(false);
}

/** Every object store of Loupe's IndexedDB, as rows (empty when the database does not exist yet). */
export async function dumpIdb(ext: Page): Promise<Record<string, unknown[]>> {
  return ext.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'loupe')) return {};
    return new Promise<Record<string, unknown[]>>((resolve, reject) => {
      const open = indexedDB.open('loupe');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const names = Array.from(open.result.objectStoreNames);
        const tx = open.result.transaction(names);
        const out: Record<string, unknown[]> = {};
        for (const n of names) { const r = tx.objectStore(n).getAll(); r.onsuccess = () => { out[n] = r.result; }; }
        tx.oncomplete = () => { open.result.close(); resolve(out); };
      };
    });
  });
}

export const DEFAULT_RULES = ['Budget change over 10%', 'Customer-facing change'];

/** Check 2: rules, sign-offs, drafts, undo records and proposals as before (rules: the defaults). */
export function expectGuardrailsUnchanged(before: Record<string, unknown[]>, after: Record<string, unknown[]>): void {
  for (const t of ['signoffs', 'drafts', 'undo', 'proposals'] as const) expect(after[t] ?? [], t).toEqual(before[t] ?? []);
  const names = (rows: unknown[] | undefined) => (rows ?? []).map((r) => (r as { name: string }).name).sort();
  if (before.rules?.length) expect(after.rules, 'rules').toEqual(before.rules);
  else expect(names(after.rules), 'rules: the defaults a first read seeds').toEqual(DEFAULT_RULES);
  const kinds = (after.log ?? []).slice((before.log ?? []).length).map((r) => (r as { kind: string }).kind);
  expect(kinds.filter((k) => /^step-|signoff|rule-changed|undo-recorded|approved|checkpoint|drafted/.test(k)), 'decisions logged').toEqual([]);
}

export const EXPORTS = ['Markdown', 'HTML', 'JSON', 'CSV (evidence)'] as const;

/** Downloads every export format from the Log tab and returns each file's text. */
export async function downloadExports(panel: PanelPage, formats: ReadonlyArray<(typeof EXPORTS)[number]> = EXPORTS): Promise<Record<string, string>> {
  await panel.openLog();
  const out: Record<string, string> = {};
  for (const label of formats) {
    const button = panel.page.getByRole('button', { name: `Download ${label}` });
    await expect(button).toBeEnabled({ timeout: 30_000 });
    const [download] = await Promise.all([
      panel.page.waitForEvent('download', { timeout: 45_000 }) as Promise<Download>,
      button.click(),
    ]);
    const path = await download.path();
    out[label] = await readFile(path, 'utf8');
  }
  return out;
}

/** Check 4 in exports, and that the HTML export loads and runs nothing. */
export function expectCleanExports(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    expect(text.length, `${name} export`).toBeGreaterThan(0);
    expect(hasKey(text), `the key in the ${name} export`).toBe(false);
  }
  if (files.HTML !== undefined) expect(files.HTML).not.toMatch(/<(script|iframe|form)\b|\s(src|href|action)\s*=\s*["']?(https?:|javascript:)/i);
}

/** The end of a provider run (canary and injection specs): stop recording, forget the key (a failure
 *  there is ignored), close the panel, the extension page and the model server. */
export async function endProviderRun(run: { rec: { stop(): void }; panel?: PanelPage; ext?: Page; llm: { close(): Promise<void> } }): Promise<void> {
  run.rec.stop();
  await run.panel?.clearSettings().catch(() => {});
  await run.panel?.page.close();
  await run.ext?.close();
  await run.llm.close();
}
