import { assembleSnapshot } from './assemble';
import { fromWire } from './wire';
import type { ReadOutcome } from '@/lib/messaging/protocol';

/** The slice of chrome.scripting / chrome.tabs the read needs: passed in so tests can fake it. */
export interface TabApi {
  executeScript(opts: { target: { tabId: number }; world?: 'MAIN' | 'ISOLATED'; files: string[] }): Promise<Array<{ result?: unknown }>>;
  getTab(tabId: number): Promise<{ url?: string; title?: string } | undefined>;
}

const RESTRICTED = /^(chrome|edge|about|moz-extension|chrome-extension|view-source|devtools):|^https:\/\/chrome(web)?\.google\.com\/webstore/;

/** Reads one tab: the MAIN-world reader first (chart libraries claim their elements), then the
 *  ISOLATED-world reader (tables, SVG, tiles, context), then one validated snapshot. */
export async function readTab(api: TabApi, tabId: number, now = () => new Date()): Promise<ReadOutcome> {
  const tab = await api.getTab(tabId).catch(() => undefined);
  if (!tab) return { ok: false, reason: 'gone', message: 'That tab is closed. Open a dashboard and read it again.' };
  const url = tab.url ?? '';
  if (RESTRICTED.test(url)) {
    return { ok: false, reason: 'restricted', message: 'This is a browser page; no extension may read it. Open a dashboard tab.' };
  }
  try {
    const [main] = await api.executeScript({ target: { tabId }, world: 'MAIN', files: ['/reader-main.js'] });
    const [isolated] = await api.executeScript({ target: { tabId }, world: 'ISOLATED', files: ['/reader-dom.js'] });
    const snapshot = assembleSnapshot({ main: fromWire(main?.result), isolated: fromWire(isolated?.result), readAt: now(), url, title: tab.title });
    return { ok: true, snapshot };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/permission|Cannot access contents|host/i.test(message)) {
      const origin = originOf(url);
      return {
        ok: false, reason: 'no-access', origin,
        message: `Loupe needs your permission to read ${origin ?? 'this site'}.`,
      };
    }
    if (/No tab with id|Frame with ID 0 was removed|tab was closed/i.test(message)) {
      return { ok: false, reason: 'gone', message: 'The page went away while Loupe was reading it. Read it again.' };
    }
    return { ok: false, reason: 'error', message: `Loupe could not read this page: ${message.slice(0, 200)}` };
  }
}

export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol.startsWith('http') ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Runs reads of one tab one after another. A read marks the charts it claims on the page and the next
 *  read clears those marks first, so two reads of one tab at once (two panels, a panel and the command
 *  line) would clear each other's claims and lose charts. Reads of different tabs still run together. */
export function oneReadPerTab(): <T>(tabId: number, read: () => Promise<T>) => Promise<T> {
  const last = new Map<number, Promise<unknown>>();
  return (tabId, read) => {
    const run = (last.get(tabId) ?? Promise.resolve()).catch(() => undefined).then(read);
    last.set(tabId, run);
    void run.finally(() => { if (last.get(tabId) === run) last.delete(tabId); }).catch(() => undefined);
    return run;
  };
}
