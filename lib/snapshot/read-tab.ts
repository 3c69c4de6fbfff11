import { assembleSnapshot } from './assemble';
import { fromWire } from './wire';
import type { ReadOutcome } from '@/lib/messaging/protocol';

/** The slice of chrome.scripting / chrome.tabs the read needs: passed in so tests can fake it. */
export interface TabApi {
  executeScript(opts: { target: { tabId: number; allFrames?: boolean }; world?: 'MAIN' | 'ISOLATED'; files: string[] }): Promise<Array<{ result?: unknown; frameId?: number }>>;
  getTab(tabId: number): Promise<{ url?: string; title?: string } | undefined>;
}

const RESTRICTED = /^(chrome|edge|about|moz-extension|chrome-extension|view-source|devtools):|^https:\/\/chrome(web)?\.google\.com\/webstore/;

const NO_ACCESS = /permission|Cannot access contents|host/i;
export const FRAMES_SKIPPED_NOTE = 'Charts inside frames from other sites were not read: Loupe reads only the sites you allowed.';

/** Reads one tab: the MAIN-world reader first (chart libraries claim their elements), then the
 *  ISOLATED-world reader (tables, SVG, tiles, context), then one validated snapshot. Both run in every
 *  frame of the page (embedded panels); where a frame of another site is out of reach, Chrome runs
 *  nothing at all, so the read falls back to the top frame and says what it left out. */
export async function readTab(api: TabApi, tabId: number, now = () => new Date()): Promise<ReadOutcome> {
  const tab = await api.getTab(tabId).catch(() => undefined);
  if (!tab) return { ok: false, reason: 'gone', message: 'That tab is closed. Open a dashboard and read it again.' };
  const url = tab.url ?? '';
  if (RESTRICTED.test(url)) {
    return { ok: false, reason: 'restricted', message: 'This is a browser page; no extension may read it. Open a dashboard tab.' };
  }
  try {
    const { value: main, allFrames } = await allFramesElseTop(
      (all) => api.executeScript({ target: { tabId, allFrames: all }, world: 'MAIN', files: ['/reader-main.js'] }),
      (err) => NO_ACCESS.test(err instanceof Error ? err.message : String(err)),
    );
    const isolated = await api.executeScript({ target: { tabId, allFrames }, world: 'ISOLATED', files: ['/reader-dom.js'] });
    const frames = byFrame(main, isolated);
    const top = frames.get(0) ?? { main: null, isolated: null };
    frames.delete(0);
    const snapshot = assembleSnapshot({
      ...top, subframes: [...frames.values()], readAt: now(), url, title: tab.title,
      ...(allFrames ? {} : { notes: [FRAMES_SKIPPED_NOTE] }),
    });
    return { ok: true, snapshot };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (NO_ACCESS.test(message)) {
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

/** Runs `run` in every frame of the tab; where it fails (Chrome runs nothing when one frame of another
 *  site is out of reach) and `fallBackOn` agrees, runs it in the top frame alone. */
export async function allFramesElseTop<T>(
  run: (allFrames: boolean) => Promise<T>, fallBackOn: (err: unknown) => boolean = () => true,
): Promise<{ value: T; allFrames: boolean }> {
  try {
    return { value: await run(true), allFrames: true };
  } catch (err) {
    if (!fallBackOn(err)) throw err;
    return { value: await run(false), allFrames: false };
  }
}

/** Pairs each frame's two results (a result without a frame id is the top frame's). */
function byFrame(
  main: Array<{ result?: unknown; frameId?: number }>, isolated: Array<{ result?: unknown; frameId?: number }>,
): Map<number, { main: unknown; isolated: unknown }> {
  const frames = new Map<number, { main: unknown; isolated: unknown }>();
  const slot = (id: number) => frames.get(id) ?? frames.set(id, { main: null, isolated: null }).get(id)!;
  for (const r of main) slot(r.frameId ?? 0).main = fromWire(r.result);
  for (const r of isolated) slot(r.frameId ?? 0).isolated = fromWire(r.result);
  return frames;
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
