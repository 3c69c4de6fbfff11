import { installRegistry, readRegistry } from './first-field';

// Chart.js imported as a module (`import Chart from 'chart.js/auto'`) sets no `Chart` global and puts
// no back-reference on its canvas, so without a framework holding the instance its charts were read
// only as bare canvases. Its constructor assigns `$proxies` on each new chart (v3 and v4); the
// document_start hook records the constructor of every such chart here. The constructor's own
// `instances` and `getChart` are live, so the adapter reads this list like a `window.Chart`.
export const CHARTJS_REGISTRY_KEY = Symbol.for('loupe.chartjs.registry');
export const CHARTJS_FIRST_FIELD = '$proxies';

type HookWindow = Window & typeof globalThis;

/** Chart.js constructors seen on the page (usually one; two bundles give two). */
export function getChartJsRegistry(win: unknown): unknown[] | undefined {
  return readRegistry<unknown>(win, CHARTJS_REGISTRY_KEY);
}

export function installChartJsHook(win: HookWindow): unknown[] {
  return installRegistry<unknown>(win, CHARTJS_REGISTRY_KEY, CHARTJS_FIRST_FIELD, (chart, registry) => {
    // Only Chart.js charts: a canvas, a config, and a constructor with the live `instances` map.
    const c = chart as { canvas?: unknown; config?: unknown; constructor?: unknown };
    const ctor = c.constructor;
    const instances: unknown = typeof ctor === 'function' ? (ctor as { instances?: unknown }).instances : undefined;
    if (typeof instances !== 'object' || instances === null) return;
    if (!(c.canvas instanceof win.HTMLCanvasElement) || typeof c.config !== 'object') return;
    if (!registry.includes(ctor) && registry.length < 8) registry.push(ctor);
  });
}
