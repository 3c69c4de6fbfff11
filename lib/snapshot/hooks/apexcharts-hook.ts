import { hookFirstField } from './first-field';

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
  try {
    const reg = (win as Record<symbol, unknown>)[APEX_REGISTRY_KEY];
    return Array.isArray(reg) ? (reg as object[]) : undefined;
  } catch {
    return undefined;
  }
}

export function installApexHook(win: HookWindow): object[] {
  const existing = getApexRegistry(win);
  if (existing) return existing;
  const registry: object[] = [];
  Object.defineProperty(win, APEX_REGISTRY_KEY, { value: registry, enumerable: false, configurable: false, writable: false });
  hookFirstField(win, APEX_FIRST_FIELD, (chart) => {
    try {
      // Only ApexCharts charts: an element and a `w` holding the config.
      const c = chart as { el?: unknown; w?: { config?: unknown } };
      if (!(c.el instanceof win.Element) || typeof c.w?.config !== 'object') return;
      registry.push(chart);
      if (registry.length > 256) registry.splice(0, registry.length - 256);
    } catch {
      /* an odd object: not a chart */
    }
  });
  return registry;
}
