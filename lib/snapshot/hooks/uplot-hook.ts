// uPlot keeps no registry of its plots and puts nothing on their elements, so a plot built before
// Loupe was opened is unreachable. This hook runs in the page's MAIN world at document_start (on sites
// the user granted) and records every uPlot constructed afterwards, keyed by its root element, in a
// registry the uPlot adapter reads. Two ways in:
//  1. `window.uPlot` (script-tag builds): an accessor on window wraps whatever is assigned in a
//     construct-trapping Proxy, so statics, prototype and `instanceof` stay intact.
//  2. Bundled copies (uPlot imported as a module, no global): uPlot's constructor starts with
//     `self.valToPosH = …` on the fresh instance. A setter for that one name on Object.prototype sees
//     that first assignment, defines the property on the instance exactly as a plain assignment would
//     (own, writable, enumerable, configurable) and records the instance once its root exists.
//     Only objects that later have a `.uplot` root element are kept.
// Limits: plots built before the hook ran (page already open when access was granted) need a reload;
// a page that freezes Object.prototype or defines `valToPosH` itself keeps path 2 off.

import { hookFirstField } from './first-field';

export const UPLOT_REGISTRY_KEY = Symbol.for('loupe.uplot.registry');
/** The property uPlot assigns first in its constructor (uPlot 1.6). */
export const UPLOT_FIRST_FIELD = 'valToPosH';

/** Plots by root element. Page-reachable, so the adapter still treats its entries as untrusted. */
export type UPlotRegistry = Map<Element, object>;

type HookWindow = Window & typeof globalThis;

export function getUPlotRegistry(win: HookWindow): UPlotRegistry | undefined {
  try {
    const reg = (win as unknown as Record<symbol, unknown>)[UPLOT_REGISTRY_KEY];
    return reg instanceof Map ? (reg as UPlotRegistry) : undefined;
  } catch {
    return undefined;
  }
}

export function installUPlotHook(win: HookWindow): UPlotRegistry {
  const existing = getUPlotRegistry(win);
  if (existing) return existing; // installed twice (reload of the script): keep one registry
  const registry: UPlotRegistry = new Map();
  Object.defineProperty(win, UPLOT_REGISTRY_KEY, { value: registry, enumerable: false, configurable: false, writable: false });

  const record = (inst: unknown): void => {
    try {
      const root = (inst as { root?: unknown }).root;
      if (!(root instanceof win.Element) || !root.classList.contains('uplot')) return;
      registry.set(root, inst as object);
      if (registry.size > 64) for (const el of registry.keys()) if (!el.isConnected) registry.delete(el);
    } catch {
      /* an odd object: not a plot */
    }
  };

  // 1. window.uPlot
  const wrap = (ctor: unknown): unknown => {
    if (typeof ctor !== 'function') return ctor;
    return new Proxy(ctor, {
      construct(target, args, newTarget) {
        const inst = Reflect.construct(target, args, newTarget === wrapped ? target : newTarget) as object;
        record(inst);
        return inst;
      },
      apply(target, thisArg, args) {
        return Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args);
      },
    });
  };
  let wrapped: unknown;
  const own = Object.getOwnPropertyDescriptor(win, 'uPlot');
  if (own && 'value' in own) { wrapped = wrap(own.value); }
  if (!own || own.configurable) {
    Object.defineProperty(win, 'uPlot', {
      configurable: true,
      enumerable: own?.enumerable ?? true,
      get: () => wrapped,
      set: (v: unknown) => { wrapped = wrap(v); },
    });
  }

  // 2. bundled copies, through the first field uPlot's constructor assigns (its root element is
  // created a few statements later in the same constructor, hence the hook's microtask).
  hookFirstField(win, UPLOT_FIRST_FIELD, record);
  return registry;
}
