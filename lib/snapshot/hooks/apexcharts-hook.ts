import { installRegistry, pushBounded, readRegistry } from './first-field';

// ApexCharts lists a chart in `Apex._chartInstances` only when the page gave it a `chart.id`, and puts
// no back-reference on its element: a chart without an id left only its SVG, where lines carry no
// values and time axes no dates (unseen boards read "Page load time" as an SVG estimate and "API
// calls" with numbered x). Its constructor assigns `parentResizeHandler` in every browser build
// (v4, v5); the document_start hook records those charts here and the adapter reads them like
// registered ones.
export const APEX_REGISTRY_KEY = Symbol.for('loupe.apexcharts.registry');
export const APEX_FIRST_FIELD = 'parentResizeHandler';

type HookWindow = Window & typeof globalThis;

export function getApexRegistry(win: unknown): object[] | undefined {
  return readRegistry(win, APEX_REGISTRY_KEY);
}

export function installApexHook(win: HookWindow): object[] {
  return installRegistry(win, APEX_REGISTRY_KEY, APEX_FIRST_FIELD, (chart, registry) => {
    // Only ApexCharts charts: an element and a `w` holding the config.
    const c = chart as { el?: unknown; w?: { config?: unknown } };
    if (c.el instanceof win.Element && typeof c.w?.config === 'object') pushBounded(registry, chart);
  });
}
