import { installRegistry, pushBounded, readRegistry } from './first-field';

// Vega (and vega-embed on top of it) leaves no View reachable from the page: a canvas render keeps
// its data only inside the View's scenegraph, so without the View the chart is a bare canvas. Vega's
// View constructor assigns `_elBind = null` on each fresh instance (Vega 5 and 6, every build: a
// property name, so minifiers keep it); the document_start hook records those Views here. The container
// (`view._el`) is set later by `initialize()`, so the adapter resolves it at read time.
export const VEGA_VIEWS_KEY = Symbol.for('loupe.vega.views');
export const VEGA_FIRST_FIELD = '_elBind';
const MAX_VIEWS = 256;

type HookWindow = Window & typeof globalThis;

/** The recorded Views, oldest first. Page-reachable: the adapter treats entries as untrusted. */
export function getVegaViews(win: unknown): object[] | undefined {
  return readRegistry(win, VEGA_VIEWS_KEY);
}

/** Shaped like a Vega View: a scenegraph getter, a run method and the renderer type it was built with. */
export function isVegaView(v: unknown): boolean {
  try {
    const o = v as { scenegraph?: unknown; runAsync?: unknown; _renderType?: unknown };
    return typeof o?.scenegraph === 'function' && typeof o.runAsync === 'function' && typeof o._renderType === 'string';
  } catch {
    return false;
  }
}

export function installVegaHook(win: HookWindow): object[] {
  return installRegistry(win, VEGA_VIEWS_KEY, VEGA_FIRST_FIELD, (view, views) => {
    // Pages that re-embed on every filter change build a View each time; the newest ones matter.
    if (isVegaView(view)) pushBounded(views, view, MAX_VIEWS);
  });
}
