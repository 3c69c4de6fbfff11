import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { errorText, readEach, queryAll } from '../adapter';
import type { ChartKind, Point, Series } from '../schema';
import { getChartJsRegistry } from '../hooks/chartjs-hook';
import {
  at, categoryX, datesAsTime, firstUnit, get, isObj, isoX, list, must, pt, scaleY, text,
  unitFromFormatter, unitFromLabel, type UnitGuess,
} from './shared-read';

// Chart.js v2–v4 from the page's own instances.
// Instance shape read here (v3/v4): { id, canvas, config: { type }, data: { labels, datasets },
//   options: { indexAxis, parsing, plugins: { title: { display, text } }, scales: { [id]: ... } },
//   scales: { [id]: Scale { id, type, axis, options: { title: { text }, ticks: { callback } } } } }.
// v2: { id, canvas, config: { type }, data, options: { title: { text }, scales: { xAxes: [{ type,
//   scaleLabel: { labelString }, ticks: { callback } }], yAxes: [...] } } } — no `scales[].type`.

type XType = 'time' | 'category' | 'number';

/** The Chart constructor the page exposes (script-tag builds set window.Chart). */
export function chartGlobal(win: unknown): unknown {
  const c = get(win, 'Chart');
  return typeof c === 'function' || isObj(c) ? c : undefined;
}

/** Every Chart constructor the page has: the script-tag global and any bundled copy the page hook
 *  recorded (lib/snapshot/hooks/chartjs-hook.ts). */
export function chartClasses(win: unknown): unknown[] {
  const out: unknown[] = [];
  const g = chartGlobal(win);
  if (g !== undefined) out.push(g);
  for (const c of getChartJsRegistry(win) ?? []) if (!out.includes(c)) out.push(c);
  return out;
}

/** Every live instance from `Chart.instances` (v2 and v3+ both keep an object keyed by id). */
export function instancesOf(Chart: unknown): unknown[] {
  const reg = get(Chart, 'instances');
  const out: unknown[] = [];
  if (!isObj(reg)) return out;
  const arr = list(reg);
  if (arr) {
    for (let i = 0; i < arr.length; i++) if (isObj(at(arr, i))) out.push(at(arr, i));
    return out;
  }
  let keys: string[] = [];
  try { keys = Object.keys(reg); } catch { return out; }
  for (const k of keys) {
    const inst = get(reg, k);
    if (isObj(inst)) out.push(inst);
  }
  return out;
}

export function canvasOf(chart: unknown): Element | undefined {
  for (const c of [get(chart, 'canvas'), get(chart, 'chart', 'canvas'), get(chart, 'ctx', 'canvas')]) {
    if (isElement(c)) return c;
  }
  return undefined;
}

function isElement(v: unknown): v is Element {
  return isObj(v) && typeof get(v, 'tagName') === 'string' && typeof get(v, 'getAttribute') === 'function';
}

function isChartJs(v: unknown): boolean {
  return isObj(v) && isObj(get(v, 'data')) && isObj(get(v, 'config')) && canvasOf(v) !== undefined;
}

export const chartjs: Adapter = {
  id: 'chartjs',
  world: 'main',
  detect(ctx) {
    return chartClasses(ctx.window).some((Chart) => instancesOf(Chart).length > 0);
  },
  read(ctx: ReadContext) {
    const byCanvas = new Map<Element, unknown>();
    for (const Chart of chartClasses(ctx.window)) {
      for (const inst of instancesOf(Chart)) {
        if (ctx.expired()) break;
        const c = canvasOf(inst);
        if (c && !byCanvas.has(c)) byCanvas.set(c, inst);
      }
      // Chart.getChart (v3+) finds charts the instances map may miss on odd builds.
      const getChart = get(Chart, 'getChart');
      if (typeof getChart !== 'function') continue;
      for (const canvas of queryAll(ctx, 'canvas')) {
        if (ctx.expired()) break;
        if (byCanvas.has(canvas)) continue;
        try {
          const inst = (getChart as (c: Element) => unknown).call(Chart, canvas);
          if (isObj(inst)) byCanvas.set(canvas, inst);
        } catch { /* not a chart canvas */ }
      }
    }
    return readEach(byCanvas.keys(), ctx, 'chartjs', (el) => readChartJsInstance(byCanvas.get(el), el));
  },
};

/** Reads one Chart.js (v2–v4) instance: a registry entry, a react-chartjs-2 ref or a Vue component's
 *  chart. `element` defaults to the chart's canvas. Throws when the object is not a Chart.js chart or
 *  its data cannot be reached at all; a single unreadable dataset becomes a note. */
export function readChartJsInstance(chart: unknown, element?: Element): ChartRead {
  const el = element ?? canvasOf(chart);
  if (!el) throw new Error('not a Chart.js chart (no canvas)');
  if (!isObj(chart)) throw new Error('not a Chart.js chart');
  const data = must(chart, 'data');
  if (!isObj(data)) throw new Error('the chart has no data');
  const options = get(chart, 'options');
  const type = String(get(chart, 'config', 'type') ?? get(chart, 'config', '_config', 'type') ?? 'line');
  const indexAxis = get(options, 'indexAxis') === 'y' ? 'y' : 'x';
  const isPie = /^(pie|doughnut|polarArea)$/.test(type);

  const indexScale = scaleInfo(chart, options, indexAxis, 'index');
  const valueScale = scaleInfo(chart, options, indexAxis === 'x' ? 'y' : 'x', 'value');
  let xType: XType = isPie ? 'category' : indexScale.type;
  // Scatter/bubble default to a linear x scale when no live scale says otherwise.
  if (/^(scatter|bubble)$/.test(type) && !indexScale.known) xType = 'number';

  const labels = list(must(data, 'labels'));
  const datasets = list(must(data, 'datasets')) ?? [];
  const series: Series[] = [];
  const kinds: ChartKind[] = [];
  const notes: string[] = [];
  const parsingAll = get(options, 'parsing');

  for (let i = 0; i < datasets.length; i++) {
    const ds = at(datasets, i);
    const name = text(get(ds, 'label')) ?? (isPie ? type : `Series ${i + 1}`);
    if (!isPie && datasetHidden(chart, ds, i)) {
      notes.push(`Dataset "${name}" is hidden in the chart (legend off) and was left out.`);
      continue;
    }
    try {
      const dsType = String(get(ds, 'type') ?? type);
      kinds.push(kindOf(dsType, get(ds, 'fill') ?? get(options, 'elements', 'line', 'fill')));
      const parsing = get(ds, 'parsing') ?? parsingAll;
      series.push({ name, points: datasetPoints(must(ds, 'data'), labels, parsing, indexAxis, xType, isPie) });
    } catch (err) {
      notes.push(`Dataset "${name}" could not be read: ${errorText(err)}`);
    }
  }

  if (!isPie && xType === 'category' && series.every((s) => datesAsTime(s.points)) && series.some((s) => s.points.length)) {
    xType = 'time'; // a category axis of ISO dates is a daily time axis
  }
  const unit = isPie ? {} : valueScale.unit;
  for (const s of series) scaleY(s.points, unit.scale);

  const title = titleOf(options);
  const read: ChartRead = {
    element: el,
    kind: kinds.length ? kinds[0] : kindOf(type, undefined),
    source: 'chartjs',
    exact: true,
    x: { type: xType, ...(indexScale.label && !isPie ? { label: indexScale.label } : {}) },
    series,
  };
  if (title) read.title = title;
  if (!isPie && (valueScale.label || unit.unit)) {
    read.y = { ...(valueScale.label ? { label: valueScale.label } : {}), ...(unit.unit ? { unit: unit.unit } : {}) };
  }
  if (notes.length) read.notes = notes;
  return read;
}

/** A dataset the chart does not draw (`hidden: true`, or switched off in the legend): what a person
 *  sees is the rest, and a hidden target line is not the page's data. Pie slices hide per slice, so
 *  pies keep every value. */
function datasetHidden(chart: unknown, ds: unknown, i: number): boolean {
  const visible = get(chart, 'isDatasetVisible');
  if (typeof visible === 'function') {
    try { return (visible as (n: number) => unknown).call(chart, i) === false; } catch { /* fall back to the option */ }
  }
  return get(ds, 'hidden') === true;
}

function kindOf(type: string, fill: unknown): ChartKind {
  switch (type) {
    case 'line': return fill && fill !== 'false' ? 'area' : 'line';
    case 'bar': case 'horizontalBar': return 'bar';
    case 'pie': case 'doughnut': case 'polarArea': return 'pie';
    case 'scatter': case 'bubble': return 'scatter';
    default: return 'other';
  }
}

function titleOf(options: unknown): string | undefined {
  for (const t of [get(options, 'plugins', 'title'), get(options, 'title')]) {
    if (!isObj(t) || get(t, 'display') === false) continue;
    const s = text(get(t, 'text'));
    if (s) return s;
  }
  return undefined;
}

interface ScaleInfo { type: XType; known: boolean; label?: string; unit: UnitGuess }

/** The index (category/time) or value axis: its type, its title, and the unit its ticks show. */
function scaleInfo(chart: unknown, options: unknown, axis: 'x' | 'y', role: 'index' | 'value'): ScaleInfo {
  let scale: unknown; // a live Scale (v3+), which tick callbacks expect as `this`
  let opts: unknown;
  const scales = get(chart, 'scales');
  if (isObj(scales)) {
    scale = get(scales, axis);
    if (!isObj(scale)) {
      let keys: string[] = [];
      try { keys = Object.keys(scales); } catch { /* keep none */ }
      for (const k of keys) {
        const s = get(scales, k);
        if (get(s, 'axis') === axis || get(s, 'isHorizontal') === undefined && k.startsWith(`${axis}-axis`)) { scale = s; break; }
      }
    }
    opts = get(scale, 'options');
  }
  // v2 keeps scale options in arrays (xAxes/yAxes); v3+ in an object keyed by id.
  const v2 = list(get(options, 'scales', `${axis}Axes`));
  if (!isObj(opts)) opts = v2 ? at(v2, 0) : get(options, 'scales', axis);
  const rawType = String(get(scale, 'type') ?? get(opts, 'type') ?? '');
  const type: XType = rawType === 'time' || rawType === 'timeseries' ? 'time'
    : rawType === 'linear' || rawType === 'logarithmic' ? 'number' : 'category';

  const titleOpt = get(opts, 'title');
  const label = (get(titleOpt, 'display') !== false ? text(get(titleOpt, 'text')) : undefined)
    ?? (get(opts, 'scaleLabel', 'display') !== false ? text(get(opts, 'scaleLabel', 'labelString')) : undefined);
  let unit: UnitGuess = {};
  if (role === 'value') {
    const callback = get(opts, 'ticks', 'callback');
    unit = firstUnit(
      unitFromFormatter(callback, isObj(scale) ? scale : opts, (v) => [v, 0, [{ value: v }]]),
      unitFromLabel(label),
    );
  }
  return { type, known: rawType !== '', ...(label ? { label } : {}), unit };
}

/** One dataset's points, in Chart.js's own data forms: numbers against labels, {x,y} objects (or
 *  custom parsing keys), [x, y] arrays. Horizontal charts keep the category as x. */
function datasetPoints(
  raw: unknown, labels: ArrayLike<unknown> | null, parsing: unknown, indexAxis: 'x' | 'y', xType: XType, isPie: boolean,
): Point[] {
  const data = list(raw);
  if (!data) return [];
  const valueAxis = indexAxis === 'x' ? 'y' : 'x';
  const xKey = String(get(parsing, `${indexAxis}AxisKey`) ?? indexAxis);
  const yKey = String(get(parsing, isPie ? 'key' : `${valueAxis}AxisKey`) ?? (isPie ? 'value' : valueAxis));
  const out: Point[] = [];
  for (let j = 0; j < data.length; j++) {
    const d = at(data, j);
    let xv: unknown = labels ? at(labels, j) : j;
    let yv: unknown = d;
    if (Array.isArray(d)) {
      xv = at(d, 0);
      yv = at(d, 1);
    } else if (isObj(d)) {
      const hasX = get(d, xKey);
      if (hasX !== undefined && !isPie) xv = hasX;
      yv = get(d, yKey) ?? (isPie ? get(d, valueAxis) : undefined);
    }
    out.push(pt(xValue(xv, isPie ? 'category' : xType), yv));
  }
  return out;
}

function xValue(v: unknown, type: XType): string | number {
  if (type === 'time') return isoX(v) ?? categoryX(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : categoryX(v);
  return categoryX(v);
}
