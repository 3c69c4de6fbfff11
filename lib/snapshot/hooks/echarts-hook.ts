import { installRegistry, pushBounded, readRegistry } from './first-field';

// ECharts imported as a module (`import * as echarts from 'echarts'`, or `echarts/core`) sets no
// `echarts` global, so `getInstanceByDom` is out of reach and its charts were read as bare canvases.
// The ECharts constructor (v4–v6) assigns `_chartsViews` first thing on each new instance; the
// document_start hook records those instances here, and the ECharts adapter reads them beside the
// elements the global finds.
export const ECHARTS_REGISTRY_KEY = Symbol.for('loupe.echarts.registry');
export const ECHARTS_FIRST_FIELD = '_chartsViews';

type HookWindow = Window & typeof globalThis;

export function getEChartsRegistry(win: unknown): object[] | undefined {
  return readRegistry(win, ECHARTS_REGISTRY_KEY);
}

export function installEChartsHook(win: HookWindow): object[] {
  return installRegistry(win, ECHARTS_REGISTRY_KEY, ECHARTS_FIRST_FIELD, (inst, registry) => {
    // Only ECharts instances: getOption and getDom on the prototype by the time the constructor is done.
    const c = inst as { getOption?: unknown; getDom?: unknown; isDisposed?: unknown };
    if (typeof c.getOption !== 'function' || typeof c.getDom !== 'function') return;
    // Disposed charts are dropped first, so a page that rebuilds its charts does not grow the list.
    for (let i = registry.length - 1; i >= 0; i--) {
      const old = registry[i] as { isDisposed?: () => boolean };
      try { if (typeof old.isDisposed === 'function' && old.isDisposed()) registry.splice(i, 1); } catch { registry.splice(i, 1); }
    }
    pushBounded(registry, inst);
  });
}
