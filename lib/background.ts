import { browser } from 'wxt/browser';
import { messaging } from '@/lib/messaging/protocol';
import { isOwnExtensionPage } from '@/lib/messaging/sender';
import { readTab, type TabApi } from '@/lib/snapshot/read-tab';

const tabApi: TabApi = {
  executeScript: (opts) =>
    browser.scripting.executeScript(opts as Parameters<typeof browser.scripting.executeScript>[0]) as Promise<Array<{ result?: unknown }>>,
  getTab: (tabId) => browser.tabs.get(tabId),
};

function guard(sender: Parameters<typeof isOwnExtensionPage>[0]): void {
  if (!isOwnExtensionPage(sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') })) throw new Error('Loupe ignores messages from outside its own pages.');
}

export function registerHandlers(): void {
  messaging.onMessage('readTab', ({ data, sender }) => {
    guard(sender);
    return readTab(tabApi, data.tabId);
  });
}

/** The toolbar button and the keyboard command open the side panel (Firefox: the sidebar). */
export function setUpPanel(): void {
  const sidePanel = (browser as unknown as { sidePanel?: { setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void> } }).sidePanel;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}
