import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { errorText, readEach } from '../adapter';
import type { ChartKind, Point, Series } from '../schema';
import {
  at, categoryX, datesAsTime, firstUnit, get, isObj, isoX, list, must, pt, scaleY, text,
  unitFromFormatter, unitFromLabel, unitFromShown, unitFromTemplate, type UnitGuess,
} from './shared-read';
import { getHighchartsRegistry } from '../hooks/highcharts-hook';

// Highcharts from its chart registry: `Highcharts.charts` (an array with undefined holes where charts
// were destroyed), or `_Highcharts`, the global UMD builds also set, or the list the page hook keeps
// for ESM builds that set neither. Values come from each series'
// data columns: `dataTable.columns` (v12+), `xData`/`yData` (v≤11), else the series' own
// `options.data`, so cropped or zoomed views still read whole.

type XType = 'time' | 'category' | 'number';

function registries(win: unknown): unknown[] {
  const out: unknown[] = [];
  for (const name of ['Highcharts', '_Highcharts']) {
    const charts = list(get(win, name, 'charts'));
    if (charts && !out.includes(charts)) out.push(charts);
  }
  // Charts of bundled ESM builds, recorded by the document_start page hook on granted sites.
  const hooked = getHighchartsRegistry(win);
  if (hooked) out.push(hooked);
  return out;
}

export function chartsOf(win: unknown): unknown[] {
  const seen = new Set<unknown>();
  for (const reg of registries(win)) {
    const l = reg as ArrayLike<unknown>;
    for (let i = 0; i < l.length; i++) {
      const c = at(l, i);
      if (isObj(c)) seen.add(c);
    }
  }
  return [...seen];
}

export function containerOf(chart: unknown): Element | undefined {
  for (const c of [get(chart, 'renderTo'), get(chart, 'container')]) {
    if (isObj(c) && typeof get(c, 'getAttribute') === 'function' && typeof get(c, 'tagName') === 'string') return c as unknown as Element;
  }
  return undefined;
}

export const highcharts: Adapter = {
  id: 'highcharts',
  world: 'main',
  detect(ctx) {
    return chartsOf(ctx.window).length > 0;
  },
  read(ctx: ReadContext) {
    const byEl = new Map<Element, unknown>();
    for (const chart of chartsOf(ctx.window)) {
      if (ctx.expired()) break;
      const el = containerOf(chart);
      if (el && el.isConnected && !byEl.has(el)) byEl.set(el, chart);
    }
    return readEach(byEl.keys(), ctx, 'highcharts', (el) => readHighchartsChart(byEl.get(el)));
  },
};

/** Reads one Highcharts chart (registry entry, highcharts-react `chart` ref, Vue component's chart).
 *  The element is `chart.renderTo` (else `chart.container`). Throws when it is not a chart; a series
 *  that cannot be read becomes a note. */
export function readHighchartsChart(chart: unknown): ChartRead {
  const element = containerOf(chart);
  if (!element || !isObj(chart)) throw new Error('not a Highcharts chart (no container)');
  const seriesList = list(must(chart, 'series')) ?? [];
  const xAxis = at(list(get(chart, 'xAxis')) ?? [], 0);
  const yAxis = at(list(get(chart, 'yAxis')) ?? [], 0);
  const xOpts = get(xAxis, 'options');
  const axisType = String(get(xOpts, 'type') ?? '');
  const cats = nonEmpty(list(get(xAxis, 'categories'))) ?? nonEmpty(list(get(xOpts, 'categories')));
  // A category axis without a categories array (`type: 'category'` with [name, value] pairs or named
  // points) keeps an empty `categories` and the point names in `names`.
  const names = nonEmpty(list(get(xAxis, 'names')));
  let xType: XType = axisType === 'datetime' ? 'time' : cats || names || axisType === 'category' ? 'category' : 'number';

  const series: Series[] = [];
  const kinds: ChartKind[] = [];
  const notes: string[] = [];
  for (let i = 0; i < seriesList.length; i++) {
    const s = at(seriesList, i);
    const opts = get(s, 'options');
    if (get(opts, 'isInternal') === true || get(s, 'isInternal') === true) continue; // navigator series
    const name = text(get(s, 'name')) ?? text(get(opts, 'name')) ?? `Series ${i + 1}`;
    // A series switched off (`visible: false`, or a legend click) is not what the chart draws.
    if (get(s, 'visible') === false) {
      notes.push(`Series "${name}" is hidden in the chart and was left out.`);
      continue;
    }
    try {
      const type = String(get(s, 'type') ?? get(opts, 'type') ?? 'line');
      const kind = kindOf(type);
      kinds.push(kind);
      series.push({ name, points: kind === 'pie' ? piePoints(s) : seriesPoints(s, xType, cats ?? names) });
    } catch (err) {
      notes.push(`Series "${name}" could not be read: ${errorText(err)}`);
    }
  }
  const kind = kinds[0] ?? kindOf(String(get(chart, 'options', 'chart', 'type') ?? 'line'));
  const isPie = kind === 'pie';
  if (isPie) xType = 'category';
  else if (xType === 'category' && series.some((s) => s.points.length) && series.every((s) => datesAsTime(s.points))) xType = 'time';

  const yOpts = get(yAxis, 'options');
  // Titles from what the page configured (userOptions), not Highcharts' placeholders ("Chart title",
  // "Values") that the merged options carry.
  const user = get(chart, 'userOptions');
  const fromUser = isObj(user);
  const yLabel = isPie ? undefined : text(get(fromUser ? firstOf(get(user, 'yAxis')) : yOpts, 'title', 'text'));
  const xLabel = isPie ? undefined : text(get(fromUser ? firstOf(get(user, 'xAxis')) : xOpts, 'title', 'text'));
  const unit: UnitGuess = isPie ? {} : firstUnit(
    unitFromTemplate(get(yOpts, 'labels', 'format')),
    // Highcharts calls label formatters with the label context as `this` and as the argument.
    unitFromFormatter(get(yOpts, 'labels', 'formatter'), labelContext(yAxis, 0.25), () => [labelContext(yAxis, 0.25)]),
    affixUnit(get(chart, 'options', 'tooltip')),
    affixUnit(get(at(seriesList, 0), 'options', 'tooltip')),
    unitFromLabel(yLabel),
  );
  // A formatter written as `this.value * 100 + '%'` shows fractions as percent; keep the number shown.
  for (const s of series) scaleY(s.points, unit.scale);

  const read: ChartRead = {
    element, kind, source: 'highcharts', exact: true,
    x: { type: xType, ...(xLabel ? { label: xLabel } : {}) },
    series,
  };
  const title = fromUser ? text(get(user, 'title', 'text')) : text(get(chart, 'options', 'title', 'text'));
  if (title) read.title = title;
  if (yLabel || unit.unit) read.y = { ...(yLabel ? { label: yLabel } : {}), ...(unit.unit ? { unit: unit.unit } : {}) };
  if (notes.length) read.notes = notes;
  return read;
}

function nonEmpty(l: ArrayLike<unknown> | null): ArrayLike<unknown> | null {
  return l && l.length ? l : null;
}

function labelContext(axis: unknown, value: number): object {
  return { value, axis, chart: get(axis, 'chart'), isFirst: false, isLast: false, pos: value, text: String(value) };
}

/** An axis option given as one object or an array of them. */
function firstOf(v: unknown): unknown {
  const l = list(v);
  return l ? at(l, 0) : v;
}

function affixUnit(tooltip: unknown): UnitGuess {
  const suffix = get(tooltip, 'valueSuffix');
  const prefix = get(tooltip, 'valuePrefix');
  return unitFromShown(`${typeof prefix === 'string' ? prefix : ''}1${typeof suffix === 'string' ? suffix : ''}`);
}

function kindOf(type: string): ChartKind {
  if (/^(line|spline|step)/.test(type)) return 'line';
  if (/^area/.test(type)) return 'area';
  if (/^(column|bar)/.test(type) || type === 'waterfall') return 'bar';
  if (/pie$/.test(type)) return 'pie';
  if (type === 'scatter' || type === 'bubble') return 'scatter';
  return 'other';
}

/** A series' x and y columns, whichever generation of Highcharts holds them. */
function columns(s: unknown): { x: ArrayLike<unknown> | null; y: ArrayLike<unknown> | null; name: ArrayLike<unknown> | null } {
  const cols = get(s, 'dataTable', 'columns');
  let x = list(get(cols, 'x')) ?? list(get(s, 'xData'));
  let y = list(get(cols, 'y')) ?? list(get(s, 'yData'));
  const name = list(get(cols, 'name'));
  // v12+ leaves x out of the table when it follows from pointStart/pointInterval; getColumn derives
  // it without changing the series.
  const getColumn = get(s, 'getColumn');
  if (typeof getColumn === 'function') {
    try {
      if (!x) x = list((getColumn as (k: string) => unknown).call(s, 'x'));
      if (!y) y = list((getColumn as (k: string) => unknown).call(s, 'y'));
    } catch { /* fall back to options.data */ }
  }
  return { x, y, name };
}

function seriesPoints(s: unknown, type: XType, cats: ArrayLike<unknown> | null): Point[] {
  const { x, y } = columns(s);
  const out: Point[] = [];
  if (y && y.length) {
    for (let j = 0; j < y.length; j++) out.push(pt(xOf(x ? at(x, j) : j, type, cats), at(y, j)));
    return out;
  }
  // No columns (an odd build or a copy of the options): parse options.data.
  const opts = get(s, 'options');
  const data = list(must(opts, 'data')) ?? [];
  const start = Number(get(opts, 'pointStart') ?? 0) || 0;
  const step = Number(get(opts, 'pointInterval') ?? 1) || 1;
  for (let j = 0; j < data.length; j++) {
    const d = at(data, j);
    let xv: unknown = start + j * step;
    let yv: unknown = d;
    const pair = list(d);
    if (pair) {
      if (pair.length >= 2) { xv = at(pair, 0); yv = at(pair, pair.length - 1); } else yv = at(pair, 0);
    } else if (isObj(d)) {
      const px = get(d, 'x');
      if (px !== undefined) xv = px;
      else if (type === 'category' && text(get(d, 'name'))) xv = text(get(d, 'name'));
      yv = get(d, 'y');
    }
    out.push(pt(xOf(xv, type, cats), yv));
  }
  return out;
}

function xOf(v: unknown, type: XType, cats: ArrayLike<unknown> | null): string | number {
  if (type === 'time') return isoX(v) ?? categoryX(v);
  if (type === 'category') {
    if (typeof v === 'number' && cats && Number.isInteger(v) && v >= 0 && v < cats.length) return categoryX(at(cats, v));
    return categoryX(v);
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : categoryX(v);
}

/** Pie slices by name: a name column, else the points' names, else options.data names. */
function piePoints(s: unknown): Point[] {
  const { y, name } = columns(s);
  const points = list(get(s, 'points')) ?? list(get(s, 'data'));
  const data = list(get(s, 'options', 'data'));
  const out: Point[] = [];
  const n = y?.length ?? data?.length ?? 0;
  for (let j = 0; j < n; j++) {
    const d = data ? at(data, j) : undefined;
    const label = text(name ? at(name, j) : undefined) ?? text(get(points ? at(points, j) : undefined, 'name'))
      ?? text(get(d, 'name')) ?? (list(d) ? text(at(list(d)!, 0)) : undefined) ?? `Slice ${j + 1}`;
    let yv: unknown = y ? at(y, j) : undefined;
    if (!y) yv = list(d) ? at(list(d)!, 1) : isObj(d) ? get(d, 'y') : d;
    out.push(pt(label, yv));
  }
  return out;
}
