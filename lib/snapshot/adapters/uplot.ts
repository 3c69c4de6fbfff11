import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { readEach, queryAll } from '../adapter';
import { getUPlotRegistry } from '../hooks/uplot-hook';
import { readFromFibers } from './react';
import { vue } from './vue';
import { isUPlot, readUPlotInstance } from './uplot/read';

// uPlot keeps no registry, so plots are found (1) in the registry the document_start hook fills
// (lib/snapshot/hooks/uplot-hook.ts), else (2) through a React or Vue component that keeps the
// instance (uplot-react's ref, Grafana-style class fields). A `.uplot` element found neither way was
// built before the hook ran: it is returned with no series and a note saying to reload.

export const RELOAD_NOTE = 'Reload the page to read this chart (uPlot keeps no registry Loupe can reach)';

export const uplot: Adapter = {
  id: 'uplot',
  world: 'main',
  detect: (ctx) => (getUPlotRegistry(ctx.window)?.size ?? 0) > 0 || queryAll(ctx, '.uplot').length > 0,
  async read(ctx) {
    const registry = getUPlotRegistry(ctx.window);
    const roots = queryAll(ctx, 'div.uplot').slice(0, 500);
    let viaVue: ChartRead[] | undefined;
    const vueReads = async (): Promise<ChartRead[]> => {
      if (!viaVue) viaVue = vue.detect(ctx) ? (await vue.read(ctx)).filter((r) => r.source === 'uplot') : [];
      return viaVue;
    };
    // Vue's tree walk is async-typed; resolve it up front only when some plot is not in the registry.
    const unresolved = roots.some((el) => !registry?.has(el));
    const vueFound = unresolved ? await vueReads() : [];
    return readEach(roots, ctx, 'uplot', (el) => {
      const inst = registry?.get(el);
      if (inst !== undefined && isUPlot(inst)) return { ...readUPlotInstance(inst), element: el };
      const framework = [...fromReact(el, ctx), ...vueFound].find((r) => r.element === el);
      if (framework) return framework;
      return { element: el, kind: 'line', source: 'uplot', exact: false, series: [], notes: [RELOAD_NOTE] };
    });
  },
};

function fromReact(el: Element, ctx: ReadContext): ChartRead[] {
  return readFromFibers(el, ctx).filter((r) => r.source === 'uplot');
}
