import { browser } from 'wxt/browser';
import { messaging, type CaptureOutcome, type ProtocolMap, type ReadOutcome } from '@/lib/messaging/protocol';
import type { PageStep, StepOutcome, StepPreview } from '@/lib/actions/steps/schema';
import type { SettingsApi } from './settings-slice';
import { decodeRead } from '@/lib/snapshot/wire';

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
  /** Page steps (level 3), each sent from that step's own button; optional so older fakes still fit. */
  previewStep?(tabId: number, step: PageStep): Promise<StepPreview>;
  applyStep?(tabId: number, step: PageStep, expectedUrl: string): Promise<StepOutcome>;
  revertStep?(tabId: number, step: PageStep, before: string, expectedUrl?: string): Promise<StepOutcome>;
  /** Screenshots of charts for the reviewer export; optional: without it the export has no images. */
  captureCharts?(request: Parameters<ProtocolMap['captureCharts']>[0]): Promise<CaptureOutcome>;
  /** Settings storage and the connection test; optional so fakes without it use WXT's (fake) storage. */
  settings?: SettingsApi;
}

function failure(err: unknown): ReadOutcome {
  const text = err instanceof Error ? err.message : String(err);
  return { ok: false, reason: 'error', message: `Loupe could not reach its background page: ${text.slice(0, 200)}` };
}

export function browserPanelApi(): PanelApi {
  return {
    readTab: (tabId) => messaging.sendMessage('readTab', { tabId }).then(decodeRead, failure),
    highlightChart: (tabId, chartId, points) =>
      messaging.sendMessage('highlightChart', { tabId, chartId, points }).catch((err: unknown) => ({
        ok: false, message: err instanceof Error ? err.message : String(err),
      })),
    previewStep: (tabId, step) => messaging.sendMessage('previewStep', { tabId, step }),
    applyStep: (tabId, step, expectedUrl) => messaging.sendMessage('applyStep', { tabId, step, expectedUrl }),
    revertStep: (tabId, step, before, expectedUrl) => messaging.sendMessage('revertStep', { tabId, step, before, expectedUrl }),
    captureCharts: (request) =>
      messaging.sendMessage('captureCharts', request).catch((err: unknown) => ({
        ok: false, message: err instanceof Error ? err.message : String(err), shots: [],
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
