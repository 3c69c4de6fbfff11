import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { readEach, queryAll } from '../adapter';
import { hasReact, heldValues, nearestFiber } from './react/fiber';
import { readRechartsProps, readSeriesProps } from './react/props';
import { isInstance, readConfig, readInstance } from './react/route';
import { get, isObj, str } from './react/safe';

// Charts in React apps, found through the fibers React keeps on rendered elements. This is what reads
// bundled dashboards (PostHog-style) where chart libraries are imported as modules and no global exists:
// react-chartjs-2 (the Chart in the component's useRef), echarts-for-react (getEchartsInstance / the
// `option` prop), Recharts (the chart root's `data` + Line/Bar/Area children), Nivo-style series props,
// and any component holding a chart instance (class field, ref, hook state).

const CANDIDATES = '.recharts-wrapper, [_echarts_instance_], canvas, div.uplot, svg';
const MAX_CANDIDATES = 600;
/** Fibers walked up from a chart element; Recharts 3 puts ~15 provider layers under the chart root. */
const MAX_FIBER_DEPTH = 40;

export const react: Adapter = {
  id: 'react',
  world: 'main',
  detect: (ctx) => hasReact(ctx.document),
  read(ctx) {
    const els = queryAll(ctx, CANDIDATES).slice(0, MAX_CANDIDATES)
      .filter((el) => !(el.tagName.toLowerCase() === 'svg' && (el.closest('.recharts-wrapper') || el.parentElement?.closest('svg'))));
    const done = new Set<Element>();
    return readEach(els, ctx, 'react', (el) => {
      if (done.has(el)) return null;
      const reads = readFromFibers(el, ctx).filter((r) => !done.has(r.element) && !ctx.isClaimed(r.element));
      for (const r of reads) done.add(r.element);
      return reads;
    });
  },
};

export function readFromFibers(el: Element, ctx?: ReadContext): ChartRead[] {
  let fiber = nearestFiber(el);
  const generic = el.tagName.toLowerCase() === 'svg' || el.tagName.toLowerCase() === 'canvas';
  for (let depth = 0; fiber && depth < MAX_FIBER_DEPTH; depth++, fiber = get(fiber, 'return')) {
    if (ctx?.expired()) break;
    for (const v of heldValues(fiber)) {
      if (!isInstance(v)) continue;
      const r = readInstance(v);
      // An instance drawn elsewhere (a parent holding another chart) is not this element's chart.
      if (r && r.length && r.some((c) => c.element === el || c.element.contains(el) || el.contains(c.element))) return r;
    }
    const props = get(fiber, 'memoizedProps');
    if (!isObj(props)) continue;
    const target = el.closest('[_echarts_instance_]') ?? el.closest('.recharts-wrapper') ?? el;
    const option = get(props, 'option');
    if (option !== undefined) {
      const r = readConfig(option, target);
      if (r) return r;
    }
    const data = get(props, 'data');
    if (isObj(data) && get(data, 'datasets') !== undefined) {
      // react-chartjs-2 before its Chart exists (or with the ref unreachable): the `data` prop.
      const r = readConfig(data, target, str(get(props, 'type')) ?? typeFromName(get(fiber, 'type')));
      if (r) return r;
    }
    const rc = readRechartsProps(props, target);
    if (rc) return [rc];
    // Series-shaped props (Nivo) only near the element: a page-level component's `data` is not this chart.
    if (!generic || depth < 8) {
      const s = readSeriesProps(props, target, 'react');
      if (s) return [s];
    }
  }
  return [];
}

function typeFromName(type: unknown): string | undefined {
  const n = String(get(type, 'displayName') ?? get(type, 'name') ?? '').toLowerCase();
  return ['line', 'bar', 'pie', 'doughnut', 'scatter', 'bubble', 'radar'].find((t) => n.includes(t));
}
