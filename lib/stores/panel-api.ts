import { browser } from 'wxt/browser';
import { messaging, type ReadOutcome } from '@/lib/messaging/protocol';
import type { SettingsApi } from './settings-slice';

/** What the panel needs from the browser, as one small port: the store is tested with a fake one. */
export interface PanelApi {
  readTab(tabId: number): Promise<ReadOutcome>;
  highlightChart(tabId: number, chartId: string, points?: Array<string | number>): Promise<{ ok: boolean; message?: string }>;
  /** Must be called straight from a click: the browser shows its prompt only inside a user gesture. */
  requestOrigins(origins: string[]): Promise<boolean>;
  /** The active tab of the window the panel belongs to. */
  activeTab(): Promise<{ tabId: number; windowId: number } | undefined>;
  onTabActivated(cb: (info: { tabId: number; windowId: number }) => void): () => void;
  onTabUpdated(cb: (tabId: number, change: { status?: string; url?: string }) => void): () => void;
  /** Settings storage and the connection test; optional so fakes without it use WXT's (fake) storage. */
  settings?: SettingsApi;
}

function failure(err: unknown): ReadOutcome {
  const text = err instanceof Error ? err.message : String(err);
  return { ok: false, reason: 'error', message: `Loupe could not reach its background page: ${text.slice(0, 200)}` };
}

export function browserPanelApi(): PanelApi {
  return {
    readTab: (tabId) => messaging.sendMessage('readTab', { tabId }).catch(failure),
    highlightChart: (tabId, chartId, points) =>
      messaging.sendMessage('highlightChart', { tabId, chartId, points }).catch((err: unknown) => ({
        ok: false, message: err instanceof Error ? err.message : String(err),
      })),
    requestOrigins: (origins) => browser.permissions.request({ origins }),
    async activeTab() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? undefined : { tabId: tab.id, windowId: tab.windowId ?? -1 };
    },
    onTabActivated(cb) {
      const listener = (info: { tabId: number; windowId: number }): void => cb(info);
      browser.tabs.onActivated.addListener(listener);
      return () => browser.tabs.onActivated.removeListener(listener);
    },
    onTabUpdated(cb) {
      const listener = (tabId: number, change: { status?: string; url?: string }): void => cb(tabId, change);
      browser.tabs.onUpdated.addListener(listener);
      return () => browser.tabs.onUpdated.removeListener(listener);
    },
  };
}
