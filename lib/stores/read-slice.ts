import type { StateCreator } from 'zustand/vanilla';
import type { ReadFailure } from '@/lib/messaging/protocol';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import type { PanelApi } from './panel-api';
import type { PanelState } from './panel-store';

export type ReadStatus = 'idle' | 'loading' | 'ready' | 'failed';
export type PermissionStatus = 'idle' | 'asking' | 'refused';

export interface ReadSlice {
  status: ReadStatus;
  /** The last snapshot of the current tab; kept while it is read again, dropped on a tab switch. */
  snapshot: DashboardSnapshot | null;
  failure: ReadFailure | null;
  permission: PermissionStatus;
  readAgain(): Promise<void>;
  /** Asks for the failed read's site, then reads again. Call it from the click handler itself. */
  allowSite(): Promise<void>;
}

export const createReadSlice = (api: PanelApi): StateCreator<PanelState, [], [], ReadSlice> => {
  // Only the newest read may write its result: a slow read of a tab the person has left is dropped.
  let latest = 0;
  // Reads of one tab never overlap: the reader marks the charts it claims on the page, so two reads at
  // once (the panel opening while the tab finishes loading, a second click) claimed each other's
  // charts and the newer came back without every chart the page-world reader finds.
  let inflight: { tabId: number; done: Promise<unknown> } | null = null;
  return (set, get) => ({
    status: 'idle',
    snapshot: null,
    failure: null,
    permission: 'idle',
    async readAgain() {
      const tabId = get().tabId;
      if (tabId === null) return;
      const mine = ++latest;
      set({ status: 'loading', failure: null });
      while (inflight?.tabId === tabId) {
        await inflight.done;
        // A newer read was asked for meanwhile: it reads, this one has nothing left to do.
        if (mine !== latest) return;
      }
      const reading = api.readTab(tabId);
      const entry = { tabId, done: reading.catch(() => undefined) };
      inflight = entry;
      const outcome = await reading.finally(() => { if (inflight === entry) inflight = null; });
      if (mine !== latest || get().tabId !== tabId) return;
      if (outcome.ok) set({ status: 'ready', snapshot: outcome.snapshot, failure: null, permission: 'idle' });
      else set({ status: 'failed', failure: outcome, snapshot: null });
    },
    async allowSite() {
      const origin = get().failure?.origin;
      if (!origin) return;
      // No await before the request: the browser needs it inside the click's user gesture.
      const asked = api.requestOrigins([`${origin}/*`]);
      set({ permission: 'asking' });
      const granted = await asked.catch(() => false);
      if (!granted) {
        set({ permission: 'refused' });
        return;
      }
      set({ permission: 'idle' });
      await get().readAgain();
    },
  });
};
