import { installRegistry, pushBounded, readRegistry } from './first-field';

// Highcharts' ESM build (imported by bundled apps) sets no `Highcharts` or `_Highcharts` global and puts
// nothing on its container but event lists, so its charts are unreachable from the page. Chart.init
// assigns `labelCollectors` on each new chart early on; the document_start hook records those charts
// here, and the Highcharts adapter reads this list beside the global registries.
export const HIGHCHARTS_REGISTRY_KEY = Symbol.for('loupe.highcharts.registry');
export const HIGHCHARTS_FIRST_FIELD = 'labelCollectors';

type HookWindow = Window & typeof globalThis;

export function getHighchartsRegistry(win: unknown): object[] | undefined {
  return readRegistry(win, HIGHCHARTS_REGISTRY_KEY);
}

export function installHighchartsHook(win: HookWindow): object[] {
  return installRegistry(win, HIGHCHARTS_REGISTRY_KEY, HIGHCHARTS_FIRST_FIELD, (chart, registry) => {
    // Only Highcharts charts: they carry userOptions and a series array by the time the microtask runs.
    const c = chart as { userOptions?: unknown; series?: unknown };
    if (typeof c.userOptions === 'object' && Array.isArray(c.series)) pushBounded(registry, chart);
  });
}
