import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { handlers, registerHandlers, setUpPanel } from '@/lib/background';
import { messaging } from '@/lib/messaging/protocol';

type Injection = { target: { tabId: number; allFrames?: boolean }; world?: string; files?: string[]; func?: (...args: unknown[]) => unknown; args?: unknown[] };

const panelSender = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
const pageSender = () => ({ id: fakeBrowser.runtime.id, url: 'https://dash.example.test/board', tab: { id: 3 } });

/** fake-browser's scripting throws "not implemented": replace executeScript with a recorder that
 *  answers the function call with `answer`. */
function stubScripting(answer: unknown): Injection[] {
  const calls: Injection[] = [];
  const executeScript = vi.fn(async (opts: Injection) => {
    calls.push(opts);
    return [{ frameId: 0, result: opts.func ? answer : true }];
  });
  (browser.scripting as unknown as { executeScript: typeof executeScript }).executeScript = executeScript;
  return calls;
}

/** Like stubScripting, with a different answer for each world's function call. */
function stubByWorld(answers: { MAIN: unknown; ISOLATED: unknown }): Injection[] {
  const calls: Injection[] = [];
  const executeScript = vi.fn(async (opts: Injection) => {
    calls.push(opts);
    return [{ frameId: 0, result: opts.func ? answers[opts.world === 'MAIN' ? 'MAIN' : 'ISOLATED'] : true }];
  });
  (browser.scripting as unknown as { executeScript: typeof executeScript }).executeScript = executeScript;
  return calls;
}

describe('background handlers', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('highlightChart injects the highlight script in the isolated world, then calls it with the chart', async () => {
    const calls = stubScripting({ ok: true });
    const result = await handlers.highlightChart({ tabId: 7, chartId: 'activation-rate' }, panelSender());
    expect(result).toEqual({ ok: true });
    expect(calls[0]).toMatchObject({ target: { tabId: 7 }, world: 'ISOLATED', files: ['/highlight.js'] });
    expect(calls[1]).toMatchObject({ target: { tabId: 7 }, world: 'ISOLATED', args: ['activation-rate', null] });
    expect(typeof calls[1].func).toBe('function');
  });

  it('with points: locates them in the MAIN world first, then highlights with the located positions', async () => {
    const located = { points: [{ x: '2026-10-10', series: 'Activation', left: 120.5, top: 340 }], method: 'chartjs', notes: [] };
    const calls = stubByWorld({ MAIN: located, ISOLATED: { ok: true, marked: 1 } });
    const result = await handlers.highlightChart({ tabId: 7, chartId: 'activation-rate', points: ['2026-10-10'], series: 'Activation' }, panelSender());
    expect(result).toEqual({ ok: true, marked: 1 });
    expect(calls[0]).toMatchObject({ target: { tabId: 7 }, world: 'MAIN', files: ['/locate-points.js'] });
    expect(calls[1]).toMatchObject({ world: 'MAIN', args: ['loupe.locatePoints', 'activation-rate', ['2026-10-10'], 'Activation'] });
    expect(calls[2]).toMatchObject({ world: 'ISOLATED', files: ['/highlight.js'] });
    expect(calls[3]).toMatchObject({ world: 'ISOLATED', args: ['activation-rate', located.points] });
  });

  it('a malformed or hostile locator answer falls back to the outline with the bare x values', async () => {
    for (const bad of [null, { ok: true }, { points: [{ x: 'a', left: 'x', top: 1 }], method: 'm', notes: [] },
      { points: Array.from({ length: 500 }, () => ({ x: 1, left: 1, top: 1 })), method: 'm', notes: [] },
      { points: [{ x: { toString: 1 }, left: 1, top: 1 }], method: 'm', notes: [] }]) {
      const calls = stubByWorld({ MAIN: bad, ISOLATED: { ok: true } });
      expect(await handlers.highlightChart({ tabId: 7, chartId: 'c', points: ['2026-10-10', 3] }, panelSender())).toEqual({ ok: true });
      expect(calls[3]).toMatchObject({ world: 'ISOLATED', args: ['c', ['2026-10-10', 3]] });
    }
    // The MAIN world refusing (CSP, a frame gone) still outlines the chart.
    const calls: Injection[] = [];
    (browser.scripting as unknown as { executeScript: (o: Injection) => Promise<unknown> }).executeScript = async (o) => {
      calls.push(o);
      if (o.world === 'MAIN') throw new Error('blocked');
      return [{ result: o.func ? { ok: true } : true }];
    };
    expect(await handlers.highlightChart({ tabId: 7, chartId: 'c', points: ['x'] }, panelSender())).toEqual({ ok: true });
    expect(calls.at(-1)).toMatchObject({ world: 'ISOLATED', args: ['c', ['x']] });
  });

  it('the MAIN-world locate function is self-contained: it calls what the script installed', async () => {
    const calls = stubByWorld({ MAIN: null, ISOLATED: { ok: true } });
    await handlers.highlightChart({ tabId: 7, chartId: 'c1', points: [5] }, panelSender());
    const locate = vi.fn(() => ({ points: [], method: 'none', notes: [] }));
    const key = Symbol.for('loupe.locatePoints');
    const g = globalThis as unknown as Record<string | symbol, unknown>;
    g[key] = locate;
    g.window = { w: 1 };
    g.document = { d: 1 };
    try {
      const rebuilt = new Function(`return (${calls[1].func!.toString()})`)() as (...a: unknown[]) => unknown;
      expect(rebuilt('loupe.locatePoints', 'c1', [5], null)).toEqual({ points: [], method: 'none', notes: [] });
      expect(locate).toHaveBeenCalledWith({ w: 1 }, { d: 1 }, 'c1', [5], undefined);
    } finally {
      delete g[key];
      delete g.window;
      delete g.document;
    }
  });

  it('the injected function is self-contained: it calls what the script installed', async () => {
    const calls = stubScripting({ ok: true });
    await handlers.highlightChart({ tabId: 7, chartId: 'c1' }, panelSender());
    const installed = { highlightChart: vi.fn(() => ({ ok: true })), clearHighlight: vi.fn() };
    (globalThis as Record<string, unknown>).__loupeHighlight = installed;
    // `document` is what the func uses in the page; give it a stand-in here.
    (globalThis as Record<string, unknown>).document = { title: 'page' };
    try {
      // Serialized as executeScript would, then run: no closure may be needed.
      const rebuilt = new Function(`return (${calls[1].func!.toString()})`)() as (...a: unknown[]) => unknown;
      expect(rebuilt('c1', null)).toEqual({ ok: true });
      expect(installed.highlightChart).toHaveBeenCalledWith({ title: 'page' }, 'c1', undefined);
    } finally {
      delete (globalThis as Record<string, unknown>).__loupeHighlight;
      delete (globalThis as Record<string, unknown>).document;
    }
  });

  it('a chart that is gone comes back as a message, and a failed injection does not throw', async () => {
    stubScripting({ ok: false, message: 'That chart is no longer on the page. Read the page again.' });
    expect(await handlers.highlightChart({ tabId: 7, chartId: 'x' }, panelSender())).toMatchObject({ ok: false, message: /no longer on the page/ });

    (browser.scripting as unknown as { executeScript: () => Promise<never> }).executeScript = () => Promise.reject(new Error('Cannot access contents of the page'));
    expect(await handlers.highlightChart({ tabId: 7, chartId: 'x' }, panelSender())).toMatchObject({ ok: false, message: /could not show/ });
  });

  it('a chart inside an embedded frame is outlined by that frame: its answer wins over the top frame\'s "not found"', async () => {
    const calls: Injection[] = [];
    (browser.scripting as unknown as { executeScript: (o: Injection) => Promise<unknown> }).executeScript = async (o) => {
      calls.push(o);
      if (!o.func) return [{ frameId: 0, result: true }, { frameId: 5, result: true }];
      return [{ frameId: 0, result: { ok: false, message: 'That chart is no longer on the page.' } }, { frameId: 5, result: { ok: true } }];
    };
    expect(await handlers.highlightChart({ tabId: 7, chartId: 'f1-orders' }, panelSender())).toEqual({ ok: true });
    expect(calls.every((c) => c.target.allFrames === true)).toBe(true);
  });

  it('where a frame of another site is out of reach, the outline is drawn in the top frame alone', async () => {
    const calls: Injection[] = [];
    (browser.scripting as unknown as { executeScript: (o: Injection) => Promise<unknown> }).executeScript = async (o) => {
      calls.push(o);
      if (o.target.allFrames) throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
      return [{ frameId: 0, result: o.func ? { ok: true } : true }];
    };
    expect(await handlers.highlightChart({ tabId: 7, chartId: 'c' }, panelSender())).toEqual({ ok: true });
    expect(calls.at(-1)).toMatchObject({ target: { tabId: 7, allFrames: false }, args: ['c', null] });
  });

  it('clearHighlight removes the outline in the tab', async () => {
    const calls = stubScripting({ ok: true });
    expect(await handlers.clearHighlight({ tabId: 4 }, panelSender())).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(calls[1].args).toEqual([]);
  });

  it('refuses messages from a web page or a content script', async () => {
    const calls = stubScripting({ ok: true });
    await expect(handlers.highlightChart({ tabId: 7, chartId: 'c' }, pageSender())).rejects.toThrow(/ignores messages/);
    await expect(handlers.clearHighlight({ tabId: 7 }, pageSender())).rejects.toThrow(/ignores messages/);
    await expect(handlers.readTab({ tabId: 7 }, pageSender())).rejects.toThrow(/ignores messages/);
    expect(calls).toHaveLength(0);
  });

  it('registerHandlers wires every message to its handler, sender check included', async () => {
    // @webext-core/messaging 4 calls chrome.runtime with callbacks, which fake-browser does not answer:
    // record the registrations instead and call them as the library would.
    const registered = new Map<string, (m: { data: unknown; sender: unknown }) => Promise<unknown>>();
    vi.spyOn(messaging, 'onMessage').mockImplementation(((type: string, cb: (m: { data: unknown; sender: unknown }) => Promise<unknown>) => {
      registered.set(type, cb);
      return () => undefined;
    }) as unknown as typeof messaging.onMessage);
    stubScripting({ ok: true });
    registerHandlers();
    expect([...registered.keys()].sort()).toEqual(['applyStep', 'captureCharts', 'clearHighlight', 'highlightChart', 'previewStep', 'readTab', 'revertStep']);
    await expect(registered.get('highlightChart')!({ data: { tabId: 1, chartId: 'c' }, sender: pageSender() })).rejects.toThrow(/ignores messages/);
    await expect(registered.get('highlightChart')!({ data: { tabId: 1, chartId: 'c' }, sender: panelSender() })).resolves.toEqual({ ok: true });
  });
});

describe('opening the panel', () => {
  type CommandListener = (command: string, tab?: { windowId?: number }) => void;
  let onCommand: CommandListener | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    onCommand = undefined;
    // fake-browser implements neither commands.onCommand nor sidePanel/sidebarAction.open.
    (browser.commands.onCommand as unknown as { addListener: (l: CommandListener) => void }).addListener = (l) => { onCommand = l; };
  });

  it('Chrome: the toolbar button opens the panel and the command opens it in the tab’s window', () => {
    const sidePanel = { setPanelBehavior: vi.fn(async () => undefined), open: vi.fn(async () => undefined) };
    (browser as unknown as Record<string, unknown>).sidePanel = sidePanel;
    try {
      setUpPanel();
      expect(sidePanel.setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: true });
      onCommand!('something-else', { windowId: 2 });
      expect(sidePanel.open).not.toHaveBeenCalled();
      onCommand!('open-loupe', { windowId: 2 });
      expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 2 });
    } finally {
      delete (browser as unknown as Record<string, unknown>).sidePanel;
    }
  });

  it('Firefox: the command opens the sidebar', () => {
    const open = vi.fn(async () => undefined);
    const toggle = vi.fn(async () => undefined);
    const sidebar = (browser as unknown as { sidebarAction: unknown }).sidebarAction as { open: typeof open; toggle: typeof toggle };
    sidebar.open = open;
    sidebar.toggle = toggle;
    let clicked: (() => void) | undefined;
    ((browser as unknown as { browserAction: { onClicked: unknown } }).browserAction.onClicked as { addListener: (l: () => void) => void }).addListener = (l) => { clicked = l; };
    setUpPanel();
    onCommand!('open-loupe', { windowId: 2 });
    expect(open).toHaveBeenCalledTimes(1);
    clicked!();
    expect(toggle).toHaveBeenCalledTimes(1);
  });
});
