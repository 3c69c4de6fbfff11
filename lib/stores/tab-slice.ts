import type { StateCreator } from 'zustand/vanilla';
import type { PanelApi } from './panel-api';
import type { PanelState } from './panel-store';

export interface TabSlice {
  /** The tab being read; null until the panel has found one. */
  tabId: number | null;
  /** True when the panel was opened for one tab (the `tabId` query parameter): it does not follow switches. */
  pinned: boolean;
  windowId: number | null;
  /** Finds the tab to read, reads it and follows the person's tab switches. Returns a stop function. */
  start(opts?: { tabId?: number }): Promise<() => void>;
  switchTab(tabId: number): Promise<void>;
}

export const createTabSlice = (api: PanelApi): StateCreator<PanelState, [], [], TabSlice> => (set, get) => ({
  tabId: null,
  pinned: false,
  windowId: null,
  async start(opts = {}) {
    const pinned = opts.tabId !== undefined;
    const active = pinned ? undefined : await api.activeTab();
    const tabId = pinned ? opts.tabId! : active?.tabId ?? null;
    set({ pinned, tabId, windowId: active?.windowId ?? null });
    const stops = [
      api.onTabActivated(({ tabId: next, windowId }) => {
        const own = get().windowId;
        if (get().pinned || (own !== null && windowId !== own)) return;
        void get().switchTab(next);
      }),
      // A finished load of the tab being read (a reload, a new page in it) is read again.
      api.onTabUpdated((updated, change) => {
        if (updated === get().tabId && change.status === 'complete') void get().readAgain();
      }),
    ];
    if (tabId !== null) await get().readAgain();
    else set({ status: 'failed', failure: { ok: false, reason: 'gone', message: 'Loupe found no open tab to read. Open a dashboard and press Read again.' } });
    return () => stops.forEach((stop) => stop());
  },
  async switchTab(tabId) {
    if (tabId === get().tabId && get().status !== 'failed') return;
    // A different page: nothing of the previous one may stay on screen.
    set({ tabId, snapshot: null, failure: null, permission: 'idle', highlight: null });
    await get().readAgain();
  },
});

/** The `tabId` query parameter (the panel opened as a page for one tab), if it is a tab id. */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  const id = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(id) && id >= 0 ? id : undefined;
}
