// Recognises chart objects that a framework keeps (a Chart.js or ECharts instance, an ECharts option,
// Chart.js-style `{labels, datasets}` data, a uPlot instance, a Highcharts or ApexCharts chart) and
// hands each to its library's normaliser. Shared by the React and Vue adapters and the uPlot fallback.
import type { ChartRead } from '../../adapter';
import type { ChartKind, Series } from '../../schema';
import { plainX, point, timeX } from '../../values';
import * as chartjsMod from '../chartjs';
import * as echartsMod from '../echarts';
import * as highchartsMod from '../highcharts';
import * as apexMod from '../apexcharts';
import { isUPlot, readUPlotInstance } from '../uplot/read';
import { arr, call, get, isArr, isElement, isFn, isObj, keys, str } from './safe';

type ReadChartJs = (chart: unknown, element?: Element) => ChartRead;
type ReadEChartsOption = (option: unknown, element: Element) => ChartRead[];
type ReadOne = (chart: unknown) => ChartRead;

// The library normalisers are written in parallel by another engineer; looked up by name so this
// module still builds (and says so in a note) while one of them is a placeholder.
function normaliser<T>(mod: object, name: string): T | undefined {
  const fn = (mod as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as T) : undefined;
}

function missing(element: Element, source: ChartRead['source'], lib: string): ChartRead {
  return { element, kind: 'other', source, exact: false, series: [], notes: [`Found a ${lib} chart, but its reader is not available.`] };
}

export function isChartJs(v: unknown): boolean {
  return isObj(v) && isObj(get(v, 'config')) && isElement(get(v, 'canvas')) && isArr(get(get(v, 'data'), 'datasets'));
}
export function isECharts(v: unknown): boolean {
  return isObj(v) && isFn(get(v, 'getOption')) && isFn(get(v, 'getDom')) && isFn(get(v, 'setOption'));
}
export function isEChartsOption(v: unknown): boolean {
  if (!isObj(v) || isElement(v)) return false;
  const series = get(v, 'series');
  if (!isObj(series)) return false;
  const list = arr(series) ?? [series];
  return list.length > 0 && list.some((s) => typeof get(s, 'type') === 'string' || get(s, 'data') !== undefined || get(s, 'encode') !== undefined)
    && (get(v, 'xAxis') !== undefined || get(v, 'yAxis') !== undefined || get(v, 'dataset') !== undefined
      || list.some((s) => get(s, 'type') === 'pie'));
}
export function isChartJsData(v: unknown): boolean {
  const ds = arr(get(v, 'datasets'));
  return !!ds && ds.length > 0 && ds.every((d) => isArr(get(d, 'data')));
}
function isHighcharts(v: unknown): boolean {
  return isObj(v) && isElement(get(v, 'container')) && isArr(get(v, 'series')) && isArr(get(v, 'xAxis')) && isFn(get(v, 'redraw'));
}
function isApex(v: unknown): boolean {
  return isObj(v) && isObj(path2(v, 'w', 'config')) && isObj(path2(v, 'w', 'globals')) && isElement(get(v, 'el'));
}
function path2(v: unknown, a: string, b: string): unknown {
  return get(get(v, a), b);
}

/** A chart instance (it knows its own element), as opposed to a config that needs one. */
export function isInstance(v: unknown): boolean {
  return isChartJs(v) || isECharts(v) || isUPlot(v) || isHighcharts(v) || isApex(v);
}

/** Reads a chart instance; null when `v` is none. */
export function readInstance(v: unknown): ChartRead[] | null {
  if (isChartJs(v)) {
    const canvas = get(v, 'canvas') as Element;
    const fn = normaliser<ReadChartJs>(chartjsMod, 'readChartJsInstance');
    return [fn ? { ...fn(v, canvas), element: canvas, source: 'chartjs' } : missing(canvas, 'chartjs', 'Chart.js')];
  }
  if (isECharts(v)) {
    const dom = call(v, 'getDom');
    if (!isElement(dom)) return null;
    const fn = normaliser<ReadEChartsOption>(echartsMod, 'readEChartsOption');
    if (!fn) return [missing(dom, 'echarts', 'ECharts')];
    return fn(call(v, 'getOption'), dom).map((r) => ({ ...r, source: 'echarts' }));
  }
  if (isUPlot(v)) return [readUPlotInstance(v)];
  if (isHighcharts(v)) {
    const el = get(v, 'container') as Element;
    const fn = normaliser<ReadOne>(highchartsMod, 'readHighchartsChart');
    return [fn ? { ...fn(v), source: 'highcharts' } : missing(el, 'highcharts', 'Highcharts')];
  }
  if (isApex(v)) {
    const el = get(v, 'el') as Element;
    const fn = normaliser<ReadOne>(apexMod, 'readApexChart');
    return [fn ? { ...fn(v), source: 'apexcharts' } : missing(el, 'apexcharts', 'ApexCharts')];
  }
  return null;
}

/** Reads a chart config kept by a component (an ECharts option, Chart.js data) drawn into `element`. */
export function readConfig(v: unknown, element: Element, typeHint?: unknown): ChartRead[] | null {
  if (isEChartsOption(v)) {
    const fn = normaliser<ReadEChartsOption>(echartsMod, 'readEChartsOption');
    if (!fn) return [missing(element, 'echarts', 'ECharts')];
    return fn(v, element).map((r) => ({ ...r, source: 'echarts' }));
  }
  if (isChartJsData(v)) return [readChartJsData(v, element, typeHint)];
  return null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Chart.js `{labels, datasets}` data as a component holds it (react-chartjs-2 `data`, vue-chartjs
 *  `chartData`), used when no Chart instance is reachable. */
export function readChartJsData(data: unknown, element: Element, typeHint?: unknown): ChartRead {
  const labels = arr(get(data, 'labels')) ?? [];
  const datasets = arr(get(data, 'datasets')) ?? [];
  const type = str(typeHint) ?? 'line';
  const timeLike = labels.length > 0 && labels.every((l) => l instanceof Date || (typeof l === 'string' && ISO_DAY.test(l)));
  const xType = timeLike ? 'time' : labels.length && labels.every((l) => typeof l === 'number') ? 'number' : 'category';
  const toX = (v: unknown): string | number => (xType === 'time' ? timeX(v) ?? String(v) : plainX(v));
  let area = false;
  const series: Series[] = datasets.slice(0, 200).map((ds, i) => {
    if (get(ds, 'fill')) area = true;
    const values = arr(get(ds, 'data')) ?? [];
    const points = values.map((v, j) =>
      isObj(v) && !isArr(v) ? point(toX(get(v, 'x')), get(v, 'y')) : point(toX(labels[j] ?? j), v));
    return { name: str(get(ds, 'label')) ?? `Series ${i + 1}`, points };
  });
  const kinds: Record<string, ChartKind> = { line: 'line', bar: 'bar', pie: 'pie', doughnut: 'pie', polarArea: 'pie', scatter: 'scatter', bubble: 'scatter' };
  let kind = kinds[type] ?? 'other';
  if (kind === 'line' && area) kind = 'area';
  return { element, kind, source: 'chartjs', exact: true, x: { type: xType }, series };
}
