import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { handlers } from '@/lib/background';
import type { ProtocolMap } from '@/lib/messaging/protocol';

// Every message handler must refuse anyone but Loupe's own pages, before it touches a tab. The table
// is built from the handlers map itself, so a handler added later without the check fails here.

type Sender = { id?: string; url?: string; origin?: string; tab?: { id: number } };
const OTHER_ID = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';

const step = { id: 's1', kind: 'page', label: 'Set budget', action: 'set-value', target: { chartId: 'c' }, value: '10' };
/** Plausible data for each message, plus fields a hostile sender might add to pass as the panel. */
const spoof = (own: string) => ({ origin: own, url: `${own}/sidepanel.html`, id: fakeBrowser.runtime.id, sender: { id: fakeBrowser.runtime.id, url: `${own}/sidepanel.html` } });
const DATA: { [K in keyof ProtocolMap]: Parameters<ProtocolMap[K]>[0] } = {
  readTab: { tabId: 3 },
  highlightChart: { tabId: 3, chartId: 'c', points: ['2026-10-10'] },
  clearHighlight: { tabId: 3 },
  previewStep: { tabId: 3, step: step as never },
  applyStep: { tabId: 3, step: step as never, expectedUrl: 'https://dash.example.test/board' },
  revertStep: { tabId: 3, step: step as never, before: '5' },
  captureCharts: { tabId: 3, chartIds: ['c'] },
};

function senders(): Array<[string, Sender]> {
  const own = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
  return [
    ['another extension', { id: OTHER_ID, url: `chrome-extension://${OTHER_ID}/page.html`, origin: `chrome-extension://${OTHER_ID}` }],
    ['a web page (no id)', { url: 'https://evil.example.test/', origin: 'https://evil.example.test' }],
    ['Loupe’s content script in a web page', { id: fakeBrowser.runtime.id, url: 'https://evil.example.test/board', origin: 'https://evil.example.test', tab: { id: 3 } }],
    ['a content script whose message claims the panel’s origin', { id: fakeBrowser.runtime.id, url: 'https://evil.example.test/board', tab: { id: 3 } }],
    ['our id with a look-alike extension origin', { id: fakeBrowser.runtime.id, url: `${own}.evil/sidepanel.html`, origin: `${own}.evil` }],
    ['our page URL with a foreign origin', { id: fakeBrowser.runtime.id, url: `${own}/sidepanel.html`, origin: 'https://evil.example.test' }],
    ['our page URL with an empty origin', { id: fakeBrowser.runtime.id, url: `${own}/sidepanel.html`, origin: '' }],
  ];
}

describe('every message handler checks the sender', () => {
  let touched: string[];
  beforeEach(() => {
    fakeBrowser.reset();
    touched = [];
    // Any tab access at all counts as the handler having acted.
    const record = (what: string) => vi.fn(async () => { touched.push(what); return [{ result: null }]; });
    (browser.scripting as unknown as Record<string, unknown>).executeScript = record('scripting.executeScript');
    (browser.tabs as unknown as Record<string, unknown>).get = record('tabs.get');
    (browser.tabs as unknown as Record<string, unknown>).captureVisibleTab = record('tabs.captureVisibleTab');
    (browser.tabs as unknown as Record<string, unknown>).update = record('tabs.update');
  });

  it('the table covers every handler', () => {
    expect(Object.keys(DATA).sort()).toEqual(Object.keys(handlers).sort());
  });

  const names = Object.keys(DATA) as Array<keyof ProtocolMap>;
  for (const name of names) {
    it.each(senders())(`${name} refuses %s and touches no tab`, async (_label, sender) => {
      const own = fakeBrowser.runtime.getURL('/').replace(/\/$/, '');
      const data = { ...DATA[name], ...spoof(own) } as never;
      const call = handlers[name] as (d: never, s: Sender) => Promise<unknown>;
      await expect(call(data, sender)).rejects.toThrow(/ignores messages from outside its own pages/);
      expect(touched).toEqual([]);
    });
  }

  it('the same data from the panel is accepted (the check is not refusing everything)', async () => {
    const panel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html'), origin: fakeBrowser.runtime.getURL('/').replace(/\/$/, '') };
    await handlers.clearHighlight(DATA.clearHighlight, panel);
    expect(touched).toContain('scripting.executeScript');
  });
});
