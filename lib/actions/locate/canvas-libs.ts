// Point locators for Chart.js, ECharts and Highcharts: each library's own element geometry, so a
// ring lands where the library drew the point (canvas charts have no mark element to measure).
import { canvasOf, chartClasses, instancesOf, readChartJsInstance } from '@/lib/snapshot/adapters/chartjs';
import { isChartJs, isECharts } from '@/lib/snapshot/adapters/react/route';
import { heldInstance } from './held';
import { readEChartsOption } from '@/lib/snapshot/adapters/echarts';
import { chartsOf, containerOf, readHighchartsChart } from '@/lib/snapshot/adapters/highcharts';
import { at, get, isObj, list, text } from '@/lib/snapshot/adapters/shared-read';
import { call, num, placeAll, targetsFor, toPage, type LocateResult, type Pixel } from './common';

export type Locator = (win: Window, el: Element, xs: ReadonlyArray<string | number>, series?: string) => LocateResult | null;

/** The library's series index for a read series: its position when the names agree (the reader skips
 *  unreadable or internal series), else the first library series with that name. */
export function libraryIndex(names: Array<string | undefined>, name: string, readIndex: number): number {
  if (names[readIndex] === name) return readIndex;
  const i = names.indexOf(name);
  return i >= 0 ? i : readIndex;
}

export const locateChartJs: Locator = (win, el, xs, series) => {
  const canvas = el.tagName.toLowerCase() === 'canvas' ? el : el.querySelector('canvas');
  if (!canvas) return null;
  const chart = chartJsFor(win, canvas);
  if (!isObj(chart)) return null;
  const notes: string[] = [];
  const read = readChartJsInstance(chart, canvas);
  const datasets = list(get(chart, 'data', 'datasets')) ?? [];
  const names = Array.from({ length: datasets.length }, (_, i) => text(get(at(datasets, i), 'label')));
  const targets = targetsFor(read, xs, series, notes);
  const points = placeAll(targets, notes, (t) => {
    const meta = call(chart, 'getDatasetMeta', libraryIndex(names, t.series, t.seriesIndex));
    const elem = at(list(get(meta, 'data')) ?? [], t.pointIndex);
    // v3+: the animation's final position; v2 keeps it in _model.
    const pos = call(elem, 'tooltipPosition', true);
    const x = num(get(pos, 'x')) ?? num(get(elem, 'x')) ?? num(get(elem, '_model', 'x'));
    const y = num(get(pos, 'y')) ?? num(get(elem, 'y')) ?? num(get(elem, '_model', 'y'));
    return x === undefined || y === undefined ? null : toPage(win, canvas, { left: x, top: y });
  });
  return { points, method: 'chartjs: getDatasetMeta(i).data[j] position', notes };
};

/** The Chart.js chart drawn on `canvas`: through a `Chart` global or a bundled copy the page hook
 *  recorded, else the instance a framework holds (react-chartjs-2's ref, a Vue component's field). */
function chartJsFor(win: Window, canvas: Element): unknown {
  for (const Chart of chartClasses(win)) {
    const chart = call(Chart, 'getChart', canvas);
    if (isObj(chart)) return chart;
    const found = instancesOf(Chart).find((c) => canvasOf(c) === canvas);
    if (found) return found;
  }
  return heldInstance(canvas.ownerDocument, canvas, (v) => isChartJs(v) && get(v, 'canvas') === canvas);
}

export const locateECharts: Locator = (win, el, xs, series) => {
  const dom = el.hasAttribute('_echarts_instance_') ? el : el.querySelector('[_echarts_instance_]');
  if (!dom) return null;
  const lib = get(win, 'echarts');
  let inst: unknown = typeof get(lib, 'getInstanceByDom') === 'function' ? call(lib, 'getInstanceByDom', dom) : undefined;
  // A bundled ECharts has no global: the instance a framework holds (echarts-for-react, a Vue field).
  if (!isObj(inst)) inst = heldInstance(el.ownerDocument, dom, (v) => isECharts(v) && call(v, 'getDom') === dom);
  if (!isObj(inst)) return null;
  const option = call(inst, 'getOption');
  const notes: string[] = [];
  const [read] = readEChartsOption(option, dom);
  const seriesOpts = list(get(option, 'series')) ?? [];
  const names = Array.from({ length: seriesOpts.length }, (_, i) => text(get(at(seriesOpts, i), 'name')));
  const model = call(inst, 'getModel');
  const points = placeAll(targetsFor(read, xs, series, notes), notes, (t) => {
    const si = libraryIndex(names, t.series, t.seriesIndex);
    const seriesModel = call(model, 'getSeriesByIndex', si);
    const data = call(seriesModel, 'getData');
    const idx = num(call(data, 'indexOfRawIndex', t.pointIndex)) ?? t.pointIndex;
    const fromLayout = idx >= 0 ? layoutPixel(call(data, 'getItemLayout', idx), get(call(seriesModel, 'getBaseAxis'), 'dim')) : null;
    if (fromLayout) return toPage(win, dom, fromLayout);
    // Line series keep their layout as one flat [x0, y0, x1, y1, …] array, not per item.
    const flat = idx >= 0 ? list(call(data, 'getLayout', 'points')) : null;
    const [fx, fy] = flat ? [num(at(flat, idx * 2)), num(at(flat, idx * 2 + 1))] : [];
    if (fx !== undefined && fy !== undefined) return toPage(win, dom, { left: fx, top: fy });
    // No laid-out item (a hidden series, an old build): ECharts' public value-to-pixel mapping, with
    // the value the reader read when the series takes its data from a dataset.
    const raw = get(at(seriesOpts, si), 'data', t.pointIndex) ?? read.series[t.seriesIndex]?.points[t.pointIndex]?.y;
    const v = isObj(raw) && !Array.isArray(raw) ? get(raw, 'value') : raw;
    const pair = list(v) ? [at(list(v)!, 0), at(list(v)!, 1)] : [t.pointIndex, v];
    const px = list(call(inst, 'convertToPixel', { seriesIndex: si }, pair));
    const [left, top] = px ? [num(at(px, 0)), num(at(px, 1))] : [];
    return left === undefined || top === undefined ? null : toPage(win, dom, { left, top });
  });
  return { points, method: 'echarts: series data item layout (convertToPixel fallback)', notes };
};

/** An ECharts item layout: [x, y] for line/scatter points, a rect for bars (the value end), a sector
 *  for pies (the middle of the slice). */
export function layoutPixel(layout: unknown, baseDim: unknown): Pixel {
  const l = list(layout);
  if (l) {
    const [x, y] = [num(at(l, 0)), num(at(l, 1))];
    return x === undefined || y === undefined ? null : { left: x, top: y };
  }
  if (!isObj(layout)) return null;
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => num(get(layout, k)));
  if (x !== undefined && y !== undefined && w !== undefined && h !== undefined) {
    // Bars are laid out from the base line: width/height run to the value end.
    return baseDim === 'y' ? { left: x + w, top: y + h / 2 } : { left: x + w / 2, top: y + h };
  }
  const [cx, cy, r, r0, a0, a1] = ['cx', 'cy', 'r', 'r0', 'startAngle', 'endAngle'].map((k) => num(get(layout, k)));
  if (cx === undefined || cy === undefined || r === undefined || a0 === undefined || a1 === undefined) return null;
  const mid = (a0 + a1) / 2;
  const rm = (r + (r0 ?? 0)) / 2;
  return { left: cx + Math.cos(mid) * rm, top: cy + Math.sin(mid) * rm };
}

export const locateHighcharts: Locator = (win, el, xs, series) => {
  const chart = chartsOf(win).find((c) => {
    const box = containerOf(c);
    return box !== undefined && (box === el || box.contains(el) || el.contains(box));
  });
  if (!isObj(chart)) return null;
  const notes: string[] = [];
  const read = readHighchartsChart(chart);
  const all = list(get(chart, 'series')) ?? [];
  const names = Array.from({ length: all.length }, (_, i) => text(get(at(all, i), 'name')));
  const container = get(chart, 'container');
  const box = isObj(container) && typeof get(container, 'getBoundingClientRect') === 'function'
    ? (container as unknown as Element) : containerOf(chart)!;
  const points = placeAll(targetsFor(read, xs, series, notes), notes, (t) => {
    const s = at(all, libraryIndex(names, t.series, t.seriesIndex));
    const p = highchartsPoint(s, t.pointIndex);
    const [plotX, plotY] = [num(get(p, 'plotX')), num(get(p, 'plotY'))];
    if (plotX === undefined || plotY === undefined) return null;
    const [left0, top0] = [num(get(chart, 'plotLeft')) ?? 0, num(get(chart, 'plotTop')) ?? 0];
    if (get(chart, 'inverted') === true) {
      // Inverted (bar) charts: the x axis runs down the plot and the y axis across it.
      const xLen = num(get(s, 'xAxis', 'len')) ?? num(get(chart, 'plotHeight')) ?? 0;
      const yLen = num(get(s, 'yAxis', 'len')) ?? num(get(chart, 'plotWidth')) ?? 0;
      return toPage(win, box, { left: left0 + yLen - plotY, top: top0 + xLen - plotX });
    }
    return toPage(win, box, { left: left0 + plotX, top: top0 + plotY });
  });
  return { points, method: 'highcharts: point.plotX/plotY + chart.plotLeft/plotTop', notes };
};

/** Point j of a series: `data[j]` when built, else the drawn point whose index is j (cropped views). */
function highchartsPoint(s: unknown, j: number): unknown {
  const d = at(list(get(s, 'data')) ?? [], j);
  if (isObj(d) && num(get(d, 'plotX')) !== undefined) return d;
  const drawn = list(get(s, 'points')) ?? [];
  for (let k = 0; k < drawn.length && k < 100_000; k++) {
    const p = at(drawn, k);
    if (get(p, 'index') === j) return p;
  }
  return undefined;
}
