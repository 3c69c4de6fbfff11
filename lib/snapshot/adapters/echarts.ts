import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { errorText, queryAll, readEach } from '../adapter';
import type { ChartKind, Point, Series } from '../schema';
import {
  at, categoryX, datesAsTime, firstUnit, get, isObj, isoX, list, must, pt, scaleY, text,
  unitFromFormatter, unitFromLabel, unitFromTemplate,
} from './shared-read';
import { getEChartsRegistry } from '../hooks/echarts-hook';

// ECharts v4–v6 from `echarts.getInstanceByDom(el)` over the elements ECharts marks with
// `_echarts_instance_`, read through `getOption()` (a normalized copy: title, xAxis, yAxis, dataset
// and series are arrays there; the page's chart is not touched). Bundled ECharts sets no global: its
// instances come from the page hook's list instead.

type XType = 'time' | 'category' | 'number';

export const echarts: Adapter = {
  id: 'echarts',
  world: 'main',
  detect(ctx) {
    return (typeof get(ctx.window, 'echarts', 'getInstanceByDom') === 'function'
      && queryAll(ctx, '[_echarts_instance_]').length > 0) || (getEChartsRegistry(ctx.window)?.length ?? 0) > 0;
  },
  read(ctx: ReadContext) {
    const byEl = new Map<Element, unknown>();
    const lib = get(ctx.window, 'echarts');
    const byDom = get(lib, 'getInstanceByDom');
    if (typeof byDom === 'function') {
      for (const el of queryAll(ctx, '[_echarts_instance_]')) {
        let inst: unknown;
        try { inst = (byDom as (e: Element) => unknown).call(lib, el); } catch { inst = undefined; }
        if (isObj(inst)) byEl.set(el, inst); // else disposed, or marked by another copy of ECharts
      }
    }
    // Bundled copies (no global) through the page hook's list.
    for (const [el, inst] of hookedInstances(ctx)) if (!byEl.has(el)) byEl.set(el, inst);
    return readEach(byEl.keys(), ctx, 'echarts', (el) => {
      const inst = byEl.get(el);
      const disposed = get(inst, 'isDisposed');
      if (typeof disposed === 'function' && (disposed as () => unknown).call(inst) === true) return null;
      const getOption = must(inst, 'getOption');
      if (typeof getOption !== 'function') throw new Error('the instance has no getOption()');
      return readEChartsOption((getOption as () => unknown).call(inst), el);
    });
  },
};

/** Live instances the page hook recorded (lib/snapshot/hooks/echarts-hook.ts), by their element. */
function hookedInstances(ctx: ReadContext): Map<Element, unknown> {
  const out = new Map<Element, unknown>();
  for (const inst of getEChartsRegistry(ctx.window) ?? []) {
    const getDom = get(inst, 'getDom');
    if (typeof getDom !== 'function') continue;
    let el: unknown;
    try { el = (getDom as () => unknown).call(inst); } catch { continue; }
    if (isObj(el) && typeof get(el, 'tagName') === 'string' && get(el, 'isConnected') === true) out.set(el as unknown as Element, inst);
  }
  return out;
}

/** Reads an ECharts option (from `getOption()`, or the option object given to echarts-for-react /
 *  vue-echarts) as one chart over all its series. Throws when there is no option at all; a series that
 *  cannot be read becomes a note. */
export function readEChartsOption(option: unknown, element: Element): ChartRead[] {
  if (!isObj(option)) throw new Error('the chart has no option');
  const seriesList = asArray(must(option, 'series'));
  const xAxes = asArray(get(option, 'xAxis'));
  const yAxes = asArray(get(option, 'yAxis'));
  const datasets = asArray(get(option, 'dataset'));
  const series: Series[] = [];
  const kinds: ChartKind[] = [];
  const notes: string[] = [];
  let xType: XType | undefined;
  let horizontal = false;
  const perDataset = new Map<number, number>(); // how many series already took a column of each dataset

  for (let i = 0; i < seriesList.length; i++) {
    const s = seriesList[i];
    const type = String(get(s, 'type') ?? 'line');
    const name = text(get(s, 'name')) ?? `Series ${i + 1}`;
    try {
      const kind = kindOf(type, get(s, 'areaStyle'));
      kinds.push(kind);
      const dsIndex = Number(get(s, 'datasetIndex') ?? 0) || 0;
      const useDataset = datasets.length > 0 && must(s, 'data') == null;
      const nth = perDataset.get(dsIndex) ?? 0;
      if (useDataset) perDataset.set(dsIndex, nth + 1);

      if (kind === 'pie' || type === 'funnel') {
        const points = useDataset ? datasetPoints(datasets[dsIndex], get(s, 'encode'), nth, 'pie', 'category')
          : namedPoints(must(s, 'data'));
        xType ??= 'category';
        series.push({ name: useDataset ? name : text(get(s, 'name')) ?? 'Share', points: points.points });
        continue;
      }
      const xAxis = xAxes[Number(get(s, 'xAxisIndex') ?? 0) || 0];
      const yAxis = yAxes[Number(get(s, 'yAxisIndex') ?? 0) || 0];
      horizontal = axisType(yAxis) === 'category' && axisType(xAxis) !== 'category';
      const indexAxis = horizontal ? yAxis : xAxis;
      const t = axisType(indexAxis);
      const sType: XType = t === 'time' ? 'time' : t === 'category' || !indexAxis ? (kind === 'scatter' && !indexAxis ? 'number' : 'category') : 'number';
      xType ??= sType;
      if (useDataset) {
        const r = datasetPoints(datasets[dsIndex], get(s, 'encode'), nth, horizontal ? 'horizontal' : 'cartesian', sType);
        series.push({ name: text(get(s, 'name')) ?? r.name ?? name, points: r.points });
      } else {
        series.push({ name, points: dataPoints(must(s, 'data'), categoriesOf(indexAxis), sType, horizontal) });
      }
    } catch (err) {
      notes.push(`Series "${name}" could not be read: ${errorText(err)}`);
    }
  }

  if (xType === 'category' && series.some((s) => s.points.length) && series.every((s) => datesAsTime(s.points))) xType = 'time';
  const kind = kinds[0] ?? 'other';
  const isPie = kind === 'pie';
  const xAxis = horizontal ? yAxes[0] : xAxes[0];
  const valueAxis = horizontal ? xAxes[0] : yAxes[0];
  const xLabel = isPie ? undefined : text(get(xAxis, 'name'));
  const yLabel = isPie ? undefined : text(get(valueAxis, 'name'));
  const formatter = get(valueAxis, 'axisLabel', 'formatter');
  const unit = isPie ? {} : firstUnit(
    unitFromTemplate(formatter),
    unitFromFormatter(formatter, undefined, (v) => [v, 0]),
    unitFromFormatter(get(option, 'tooltip', 0, 'valueFormatter') ?? get(option, 'tooltip', 'valueFormatter'), undefined, (v) => [v, 0]),
    unitFromLabel(yLabel),
  );
  for (const s of series) scaleY(s.points, unit.scale);

  const read: ChartRead = {
    element, kind, source: 'echarts', exact: true,
    x: { type: xType ?? 'category', ...(xLabel ? { label: xLabel } : {}) },
    series,
  };
  const title = text(get(option, 'title', 0, 'text') ?? get(option, 'title', 'text'));
  if (title) read.title = title;
  if (yLabel || unit.unit) read.y = { ...(yLabel ? { label: yLabel } : {}), ...(unit.unit ? { unit: unit.unit } : {}) };
  if (notes.length) read.notes = notes;
  return [read];
}

/** getOption() gives arrays; a raw option (echarts-for-react props) may give a single object. */
function asArray(v: unknown): unknown[] {
  const l = list(v);
  if (l) {
    const out: unknown[] = [];
    for (let i = 0; i < l.length; i++) out.push(at(l, i));
    return out;
  }
  return isObj(v) ? [v] : [];
}

function kindOf(type: string, areaStyle: unknown): ChartKind {
  switch (type) {
    case 'line': return isObj(areaStyle) ? 'area' : 'line';
    case 'bar': case 'pictorialBar': return 'bar';
    case 'pie': return 'pie';
    case 'scatter': case 'effectScatter': return 'scatter';
    default: return 'other';
  }
}

function axisType(axis: unknown): string | undefined {
  if (!isObj(axis)) return undefined;
  const t = get(axis, 'type');
  if (typeof t === 'string') return t;
  return list(get(axis, 'data')) ? 'category' : 'value';
}

function categoriesOf(axis: unknown): ArrayLike<unknown> | null {
  return list(get(axis, 'data'));
}

/** An item of series.data or an axis category: ECharts wraps either in { value }. */
function unwrap(v: unknown): unknown {
  return isObj(v) && !Array.isArray(v) ? get(v, 'value') : v;
}

/** ECharts writes a gap as '-' as well as null. */
function yOf(v: unknown): unknown {
  return v === '-' ? null : v;
}

function xOf(v: unknown, type: XType, cats: ArrayLike<unknown> | null): string | number {
  if (type === 'time') return isoX(v) ?? categoryX(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : categoryX(v);
  // A category given by index (how [x, y] pairs on a category axis are often written).
  if (typeof v === 'number' && cats && Number.isInteger(v) && v >= 0 && v < cats.length) return categoryX(unwrap(at(cats, v)));
  return categoryX(v);
}

function dataPoints(raw: unknown, cats: ArrayLike<unknown> | null, type: XType, horizontal: boolean): Point[] {
  const data = list(raw);
  if (!data) return [];
  const out: Point[] = [];
  for (let j = 0; j < data.length; j++) {
    const v = unwrap(at(data, j));
    const pair = list(v);
    if (pair && pair.length >= 2) {
      const xv = horizontal ? at(pair, 1) : at(pair, 0);
      const yv = horizontal ? at(pair, 0) : at(pair, 1);
      out.push(pt(xOf(xv, type, cats), yOf(yv)));
    } else {
      const xv = cats ? unwrap(at(cats, j)) : j;
      out.push(pt(type === 'category' ? categoryX(xv) : xOf(xv, type, null), yOf(v)));
    }
  }
  return out;
}

/** Pie/funnel data: { name, value } items (or bare values, named by position). */
function namedPoints(raw: unknown): { points: Point[] } {
  const data = list(raw);
  const points: Point[] = [];
  if (!data) return { points };
  for (let j = 0; j < data.length; j++) {
    const d = at(data, j);
    const name = text(get(d, 'name')) ?? `Slice ${j + 1}`;
    const v = unwrap(d);
    const l = list(v);
    points.push(pt(name, yOf(l ? at(l, l.length - 1) : v)));
  }
  return { points };
}

interface Table { dims: string[]; rows: (i: number, d: number) => unknown; length: number }

/** dataset.source as rows × dimensions: array of arrays (optionally with a header row), array of
 *  objects, or an object of columns. */
function tableOf(dataset: unknown): Table {
  const source = must(dataset, 'source');
  const declared: string[] = [];
  const dl = list(get(dataset, 'dimensions'));
  if (dl) for (let i = 0; i < dl.length; i++) declared.push(text(get(at(dl, i), 'name') ?? at(dl, i)) ?? String(i));
  const rows = list(source);
  if (rows) {
    const first = at(rows, 0);
    const firstRow = list(first);
    if (firstRow) {
      const header = get(dataset, 'sourceHeader');
      let hasHeader = header === true || header === 1;
      if (header === undefined && !declared.length) {
        // ECharts' own guess: a first row of non-numeric strings is the header.
        hasHeader = firstRow.length > 0;
        for (let i = 0; i < firstRow.length; i++) {
          const c = at(firstRow, i);
          if (typeof c !== 'string' || (c.trim() !== '' && Number.isFinite(Number(c)))) { hasHeader = false; break; }
        }
      }
      const dims = declared.length ? declared : hasHeader ? Array.from({ length: firstRow.length }, (_, i) => categoryX(at(firstRow, i))) : [];
      const off = hasHeader ? 1 : 0;
      return { dims, length: rows.length - off, rows: (i, d) => at(list(at(rows, i + off)) ?? [], d) };
    }
    if (isObj(first)) {
      let dims = declared;
      if (!dims.length) { try { dims = Object.keys(first); } catch { dims = []; } }
      return { dims, length: rows.length, rows: (i, d) => get(at(rows, i), dims[d]) };
    }
    return { dims: declared, length: 0, rows: () => undefined };
  }
  if (isObj(source)) {
    let dims = declared;
    if (!dims.length) { try { dims = Object.keys(source); } catch { dims = []; } }
    const cols = dims.map((d) => list(get(source, d)));
    return { dims, length: cols[0]?.length ?? 0, rows: (i, d) => (cols[d] ? at(cols[d]!, i) : undefined) };
  }
  return { dims: [], length: 0, rows: () => undefined };
}

/** A dimension named by encode: a name, an index, or an array of either (the first is used). */
function dimIndex(t: Table, ref: unknown): number | undefined {
  const l = list(ref);
  const r = l ? at(l, 0) : ref;
  if (typeof r === 'number' && Number.isInteger(r)) return r;
  if (typeof r === 'string') {
    const i = t.dims.indexOf(r);
    if (i >= 0) return i;
    if (/^\d+$/.test(r)) return Number(r);
  }
  return undefined;
}

function datasetPoints(
  dataset: unknown, encode: unknown, nth: number, mode: 'pie' | 'cartesian' | 'horizontal', type: XType,
): { name?: string; points: Point[] } {
  const t = tableOf(dataset);
  let xi: number | undefined;
  let yi: number | undefined;
  if (mode === 'pie') {
    xi = dimIndex(t, get(encode, 'itemName')) ?? 0;
    yi = dimIndex(t, get(encode, 'value')) ?? 1 + nth;
  } else {
    const [catKey, valKey] = mode === 'horizontal' ? ['y', 'x'] : ['x', 'y'];
    xi = dimIndex(t, get(encode, catKey)) ?? 0;
    // Without encode, ECharts gives the nth series of a dataset the column after the category one.
    yi = dimIndex(t, get(encode, valKey)) ?? dimIndex(t, get(encode, 'value')) ?? 1 + nth;
  }
  const points: Point[] = [];
  for (let i = 0; i < t.length; i++) {
    const xv = t.rows(i, xi);
    points.push(pt(mode === 'pie' ? categoryX(xv) : xOf(xv, type, null), yOf(t.rows(i, yi))));
  }
  return { name: t.dims[yi], points };
}
