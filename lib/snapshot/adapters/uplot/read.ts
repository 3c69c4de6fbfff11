// Reads one uPlot instance (fields: root, data, series, scales, mode). Shared by the uPlot adapter
// (registry from the document_start hook) and the React/Vue adapters (instances kept by wrappers).
import type { ChartRead } from '../../adapter';
import type { Series } from '../../schema';
import { point, timeX } from '../../values';
import { arr, get, isArr, isElement, isFn, isObj, str } from '../react/safe';
import { unitFromTicks } from '../d3/infer';

export function isUPlot(v: unknown): boolean {
  return isObj(v) && isElement(get(v, 'root')) && isArr(get(v, 'data')) && isArr(get(v, 'series'))
    && isObj(get(v, 'scales')) && isFn(get(v, 'setData'));
}

export function readUPlotInstance(u: unknown): ChartRead {
  const root = get(u, 'root') as Element;
  const data = arr(get(u, 'data')) ?? [];
  const series = arr(get(u, 'series')) ?? [];
  const xScale = get(get(u, 'scales'), 'x');
  const isTime = get(xScale, 'time') !== false;
  const title = str(get(root.querySelector('.u-title'), 'textContent'))?.trim() || undefined;
  const out: Series[] = [];
  let area = false;
  if (get(u, 'mode') === 2) {
    // Scatter mode: data[i] is [xs, ys] for series i (series[0] is a placeholder).
    for (let i = 1; i < data.length && i < 500; i++) {
      const [xs, ys] = [arr(get(data[i], 0)) ?? [], arr(get(data[i], 1)) ?? []];
      out.push({ name: str(get(series[i], 'label')) ?? `Series ${i}`, points: xs.map((x, j) => point(typeof x === 'number' ? x : String(x), ys[j])) });
    }
    return { element: root, title, kind: 'scatter', source: 'uplot', exact: true, x: { type: 'number' }, series: out };
  }
  const xs = arr(data[0]) ?? [];
  // uPlot time scales hold seconds since the epoch unless the plot was built with `ms: 1`.
  const big = xs.some((x) => typeof x === 'number' && Math.abs(x) > 1e11);
  const xOf = (x: unknown): string | number =>
    isTime ? (typeof x === 'number' ? timeX(big ? x : x * 1000) ?? String(x) : String(x)) : typeof x === 'number' ? x : String(x);
  const xVals = xs.map(xOf);
  for (let i = 1; i < data.length && i < 500; i++) {
    const ys = arr(data[i]) ?? [];
    if (hasFill(series[i])) area = true;
    out.push({ name: str(get(series[i], 'label')) ?? `Series ${i}`, points: xVals.map((x, j) => point(x, ys[j])) });
  }
  const yAxis = arr(get(u, 'axes'))?.[1];
  const yLabel = str(get(yAxis, 'label'));
  // The y axis's drawn tick labels (uPlot keeps them as `_values`) carry the unit: "120 ms", "2.5%".
  const ticks = (arr(get(yAxis, '_values')) ?? []).filter((t): t is string => typeof t === 'string');
  const unit = unitFromTicks(ticks);
  const y = { ...(yLabel ? { label: yLabel } : {}), ...(unit ? { unit } : {}) };
  return {
    element: root, title, kind: area ? 'area' : 'line', source: 'uplot', exact: true,
    x: { type: isTime ? 'time' : 'number' }, ...(yLabel || unit ? { y } : {}), series: out,
  };
}

/** uPlot wraps a constant fill (or none) as `() => value`; a fill the page computes itself takes
 *  (u, seriesIdx) and means the series is filled. */
function hasFill(s: unknown): boolean {
  const fill = get(s, 'fill');
  if (typeof fill !== 'function') return !!fill;
  if (fill.length > 0) return true;
  try {
    return !!(fill as () => unknown)();
  } catch {
    return false;
  }
}
