import { browser } from 'wxt/browser';
import { messaging, type ProtocolMap } from '@/lib/messaging/protocol';
import { isOwnExtensionPage } from '@/lib/messaging/sender';
import { allFramesElseTop, oneReadPerTab, readTab, type TabApi } from '@/lib/snapshot/read-tab';
import { encodeRead } from '@/lib/snapshot/wire';
import type { HighlightResult, PointMark } from '@/lib/actions/highlight';
import { locateInTab, marksFor, type ExecuteScript } from '@/lib/actions/locate/in-tab';
import { syncPageHook, type HookApi } from '@/lib/page-hook-sync';
import { applyStepInTab, previewStepInTab, revertStepInTab, type StepTabApi } from '@/lib/actions/steps/in-tab';
import { captureChartsInTab, scrollToChartInPage, type CaptureTabApi, type PageBox } from '@/lib/actions/capture';

type Sender = Parameters<typeof isOwnExtensionPage>[0];
type ScriptingTarget = Parameters<typeof browser.scripting.executeScript>[0];

const tabApi: TabApi = {
  executeScript: (opts) =>
    browser.scripting.executeScript(opts as ScriptingTarget) as Promise<Array<{ result?: unknown }>>,
  getTab: (tabId) => browser.tabs.get(tabId),
};

type Scripting = {
  getRegisteredContentScripts(): Promise<Array<{ id: string }>>;
  registerContentScripts(scripts: unknown[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
};
const scripting = browser.scripting as unknown as Scripting;
const hookApi: HookApi = {
  grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
  registeredIds: async () => (await scripting.getRegisteredContentScripts()).map((s) => s.id),
  register: (reg) => scripting.registerContentScripts([reg]),
  unregister: (ids) => scripting.unregisterContentScripts({ ids }),
};

/** The page hook (uPlot, bundled Highcharts) follows the user's site grants. A browser without MAIN-world
 *  registration (older Firefox) still reads everything else, so a failure here is not fatal. */
export function keepPageHookInSync(): void {
  const sync = () => void syncPageHook(hookApi).catch(() => undefined);
  sync();
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
}

function guard(sender: Sender): void {
  if (!isOwnExtensionPage(sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') })) throw new Error('Loupe ignores messages from outside its own pages.');
}

/** What entrypoints/highlight.ts installs in the tab's isolated world. */
interface InstalledHighlight {
  highlightChart(doc: Document, chartId: string, points?: Array<string | number | PointMark>): HighlightResult;
  clearHighlight(doc: Document): void;
}

// These two run inside the page and are serialized by executeScript: they may use only their
// arguments and the page's globals, never this module's imports.
function runHighlight(chartId: string, points: Array<string | number | PointMark> | null): HighlightResult {
  const api = (globalThis as { __loupeHighlight?: InstalledHighlight }).__loupeHighlight;
  if (!api) return { ok: false, message: 'Loupe could not prepare this page. Read it again.' };
  return api.highlightChart(document, chartId, points ?? undefined);
}
function runClear(): { ok: boolean } {
  (globalThis as { __loupeHighlight?: InstalledHighlight }).__loupeHighlight?.clearHighlight(document);
  return { ok: true };
}

type FrameResult = { result?: unknown; frameId?: number };

/** Runs `func` in every frame of the tab that Loupe may reach (charts can sit in embedded frames);
 *  where a frame of another site is out of reach Chrome runs nothing, so it falls back to the top frame. */
async function inFrames(tabId: number, func: (...args: never[]) => unknown, args: unknown[]): Promise<FrameResult[]> {
  const { value } = await allFramesElseTop(async (allFrames) => {
    await browser.scripting.executeScript({ target: { tabId, allFrames }, world: 'ISOLATED', files: ['/highlight.js'] } as ScriptingTarget);
    return (await browser.scripting.executeScript({ target: { tabId, allFrames }, world: 'ISOLATED', func, args } as ScriptingTarget)) as FrameResult[];
  });
  return value;
}

/** The answer of the frame that holds the chart; else the top frame's ("not found"). */
async function inTab<T extends { ok: boolean }>(tabId: number, func: (...args: never[]) => T, fallback: T, args: unknown[] = []): Promise<T> {
  const results = (await inFrames(tabId, func, args)).map((r) => ({ frameId: r.frameId ?? 0, value: r.result as T | undefined }));
  const found = results.find((r) => r.value?.ok) ?? results.find((r) => r.frameId === 0);
  return found?.value ?? fallback;
}

const mainWorld: ExecuteScript = (opts) =>
  browser.scripting.executeScript(opts as unknown as ScriptingTarget) as Promise<Array<{ result?: unknown }>>;

/** Page steps run in the ISOLATED world; the tab's URL (host permission) guards against a page that
 *  navigated between a step's preview and its click. */
const stepTabApi: StepTabApi = {
  executeScript: (opts) => browser.scripting.executeScript(opts as unknown as ScriptingTarget) as Promise<Array<{ result?: unknown }>>,
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
};

/** Chart screenshots for the reviewer export (lib/actions/capture.ts). */
const captureApi: CaptureTabApi = {
  async tabState(tabId) {
    const tab = await browser.tabs.get(tabId);
    return { windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT, active: Boolean(tab.active) };
  },
  async bringToFront(tabId, windowId) {
    const [before] = await browser.tabs.query({ windowId, active: true });
    await browser.tabs.update(tabId, { active: true });
    return before?.id ?? null;
  },
  async restore(tabId) {
    await browser.tabs.update(tabId, { active: true });
  },
  async scrollToChart(tabId, chartId) {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, world: 'ISOLATED', func: scrollToChartInPage, args: [chartId] } as ScriptingTarget);
    return (first?.result as PageBox | null | undefined) ?? null;
  },
  captureVisible: (windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
  locate: (tabId, chartId, xs, series) => locateInTab(mainWorld, tabId, chartId, xs, series),
  wait: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};

type Handler<K extends keyof ProtocolMap> = (data: Parameters<ProtocolMap[K]>[0], sender: Sender) => Promise<ReturnType<ProtocolMap[K]>>;

const queueRead = oneReadPerTab();

/** One handler per message; each checks that the message comes from Loupe's own pages. */
export const handlers: { [K in keyof ProtocolMap]: Handler<K> } = {
  async readTab(data, sender) {
    guard(sender);
    return encodeRead(await queueRead(data.tabId, () => readTab(tabApi, data.tabId)));
  },
  async highlightChart(data, sender) {
    guard(sender);
    try {
      // Cited points are located first in the MAIN world (library pixel mapping); a page that gives
      // no usable answer still gets the outline.
      const xs = data.points ?? [];
      const located = xs.length
        ? await locateInTab(mainWorld, data.tabId, data.chartId, xs, data.series).catch(() => null)
        : null;
      const points = xs.length ? marksFor(located, xs) : null;
      return await inTab(data.tabId, runHighlight, { ok: false, message: 'The page did not answer. Read it again.' }, [data.chartId, points]);
    } catch (err) {
      return { ok: false, message: `Loupe could not show that chart on the page: ${errorMessage(err)}` };
    }
  },
  async clearHighlight(data, sender) {
    guard(sender);
    try {
      return await inTab(data.tabId, runClear, { ok: false });
    } catch {
      return { ok: false };
    }
  },
  // Page steps: each message is one person's click on one step's button; nothing calls these otherwise.
  async previewStep(data, sender) {
    guard(sender);
    return previewStepInTab(stepTabApi, data.tabId, data.step);
  },
  async applyStep(data, sender) {
    guard(sender);
    return applyStepInTab(stepTabApi, data.tabId, data.step, data.expectedUrl);
  },
  async revertStep(data, sender) {
    guard(sender);
    return revertStepInTab(stepTabApi, data.tabId, data.step, data.before, data.expectedUrl);
  },
  async captureCharts(data, sender) {
    guard(sender);
    try {
      return await captureChartsInTab(captureApi, data);
    } catch (err) {
      return { ok: false, message: `Loupe could not capture the charts: ${errorMessage(err)}`, shots: [] };
    }
  },
};

export function registerHandlers(): void {
  messaging.onMessage('readTab', ({ data, sender }) => handlers.readTab(data, sender));
  messaging.onMessage('highlightChart', ({ data, sender }) => handlers.highlightChart(data, sender));
  messaging.onMessage('clearHighlight', ({ data, sender }) => handlers.clearHighlight(data, sender));
  messaging.onMessage('previewStep', ({ data, sender }) => handlers.previewStep(data, sender));
  messaging.onMessage('applyStep', ({ data, sender }) => handlers.applyStep(data, sender));
  messaging.onMessage('revertStep', ({ data, sender }) => handlers.revertStep(data, sender));
  messaging.onMessage('captureCharts', ({ data, sender }) => handlers.captureCharts(data, sender));
}

interface ChromeSidePanel {
  setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void>;
  open(o: { windowId: number }): Promise<void>;
}
interface FirefoxSidebar {
  open(): Promise<void>;
  toggle(): Promise<void>;
}
type ClickEvent = { addListener(cb: () => void): void };

/** The toolbar button and the keyboard command open the side panel (Firefox: the sidebar). Both
 *  browsers accept the open call only inside the user's gesture, so nothing is awaited before it. */
export function setUpPanel(): void {
  const api = browser as unknown as {
    sidePanel?: ChromeSidePanel;
    sidebarAction?: FirefoxSidebar;
    browserAction?: { onClicked: ClickEvent };
    action?: { onClicked: ClickEvent };
  };
  const { sidePanel, sidebarAction } = api;
  sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  if (sidebarAction && !sidePanel) (api.browserAction ?? api.action)?.onClicked.addListener(() => void sidebarAction.toggle().catch(() => undefined));

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'open-loupe') return;
    if (sidePanel && tab?.windowId !== undefined) void sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
    else void sidebarAction?.open().catch(() => undefined);
  });
}

function errorMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}
