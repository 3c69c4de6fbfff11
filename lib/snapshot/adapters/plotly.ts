import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { errorText, queryAll, readEach } from '../adapter';
import type { ChartKind, Point, Series } from '../schema';
import {
  at, categoryX, datesAsTime, firstUnit, get, isObj, isoX, list, must, pt, scaleY, text,
  unitFromLabel, unitFromShown, type UnitGuess,
} from './shared-read';

// Plotly graph divs (`.js-plotly-plot`) carry their own data: `gd.data` (what the page passed) and
// `gd._fullData` (with defaults: type, mode, orientation, decoded typed arrays), `gd.layout` and
// `gd._fullLayout` (resolved axis types). No Plotly global is needed, so bundled Plotly reads too.

type XType = 'time' | 'category' | 'number';

export const plotly: Adapter = {
  id: 'plotly',
  world: 'main',
  detect(ctx) {
    return queryAll(ctx, '.js-plotly-plot').length > 0;
  },
  read(ctx: ReadContext) {
    return readEach(queryAll(ctx, '.js-plotly-plot'), ctx, 'plotly', (el) => readPlotlyGraph(el));
  },
};

/** Reads one Plotly graph div (the element `Plotly.newPlot` drew into; react-plotly's `el`). Throws
 *  when it holds no traces; a trace that cannot be read becomes a note. */
export function readPlotlyGraph(gd: unknown): ChartRead {
  if (!isObj(gd) || typeof get(gd, 'tagName') !== 'string') throw new Error('not a Plotly graph div');
  const full = list(get(gd, '_fullData'));
  const raw = list(must(gd, 'data'));
  const traces = full && full.length ? full : raw;
  if (!traces) throw new Error('the graph has no data');
  const layout = get(gd, 'layout');
  const fullLayout = get(gd, '_fullLayout');

  const series: Series[] = [];
  const kinds: ChartKind[] = [];
  const notes: string[] = [];
  let xType: XType | undefined;
  let valueAxis: string | undefined; // layout key of the first trace's value axis (yaxis, xaxis2…)
  let indexAxis: string | undefined;

  for (let i = 0; i < traces.length; i++) {
    const t = at(traces, i);
    const name = text(get(t, 'name')) ?? `trace ${i}`;
    // A trace switched off (`visible: false`, or 'legendonly': only its legend entry shows) is not
    // what the chart draws.
    const visible = get(t, 'visible');
    if (visible === false || visible === 'legendonly') {
      notes.push(`Trace "${name}" is hidden in the chart and was left out.`);
      continue;
    }
    try {
      const type = String(get(t, 'type') ?? 'scatter');
      const kind = kindOf(type, get(t, 'mode'), get(t, 'fill'));
      kinds.push(kind);
      if (kind === 'pie') {
        xType ??= 'category';
        // _fullData names every trace ("trace 0"); a pie's own name is only what the page gave.
        const given = raw ? get(at(raw, Number(get(t, 'index') ?? i) || 0), 'name') : undefined;
        series.push({ name: text(given) ?? (t === at(raw ?? [], i) ? text(get(t, 'name')) : undefined) ?? 'Share', points: piePoints(t) });
        continue;
      }
      const horizontal = get(t, 'orientation') === 'h' && (type === 'bar' || type === 'box');
      const xa = axisKey('x', get(t, 'xaxis'));
      const ya = axisKey('y', get(t, 'yaxis'));
      const [ia, va] = horizontal ? [ya, xa] : [xa, ya];
      indexAxis ??= ia;
      valueAxis ??= va;
      const axType = String(get(fullLayout, ia, 'type') ?? get(layout, ia, 'type') ?? '-');
      const sType: XType = axType === 'date' ? 'time' : axType === 'category' || axType === 'multicategory' ? 'category'
        : axType === 'linear' || axType === 'log' ? 'number' : guessType(must(t, horizontal ? 'y' : 'x'));
      xType ??= sType;
      series.push({ name, points: tracePoints(t, horizontal, sType) });
    } catch (err) {
      notes.push(`Trace "${name}" could not be read: ${errorText(err)}`);
    }
  }

  if (xType === 'category' && series.some((s) => s.points.length) && series.every((s) => datesAsTime(s.points))) xType = 'time';
  const kind = kinds[0] ?? 'other';
  const isPie = kind === 'pie';
  const xLabel = isPie || !indexAxis ? undefined : axisTitle(layout, indexAxis);
  const yLabel = isPie || !valueAxis ? undefined : axisTitle(layout, valueAxis);
  const unit = isPie || !valueAxis ? {} : firstUnit(axisUnit(get(layout, valueAxis)), axisUnit(get(fullLayout, valueAxis)), unitFromLabel(yLabel));
  for (const s of series) scaleY(s.points, unit.scale);

  const read: ChartRead = {
    element: gd as unknown as Element, kind, source: 'plotly', exact: true,
    x: { type: xType ?? 'category', ...(xLabel ? { label: xLabel } : {}) },
    series,
  };
  // layout.title is { text } (v2+) or a bare string (v1).
  const title = text(get(layout, 'title', 'text')) ?? text(get(layout, 'title'));
  if (title) read.title = title;
  if (yLabel || unit.unit) read.y = { ...(yLabel ? { label: yLabel } : {}), ...(unit.unit ? { unit: unit.unit } : {}) };
  if (notes.length) read.notes = notes;
  return read;
}

function kindOf(type: string, mode: unknown, fill: unknown): ChartKind {
  if (type === 'bar' || type === 'histogram' || type === 'waterfall' || type === 'funnel') return 'bar';
  if (type === 'pie' || type === 'sunburst' || type === 'funnelarea') return 'pie';
  if (type === 'scatter' || type === 'scattergl') {
    if (typeof fill === 'string' && fill !== 'none') return 'area';
    const m = typeof mode === 'string' ? mode : 'lines';
    return m.includes('lines') ? 'line' : m.includes('markers') ? 'scatter' : 'other';
  }
  return 'other';
}

/** A trace's axis reference ("x2") as its layout key ("xaxis2"). */
function axisKey(letter: 'x' | 'y', ref: unknown): string {
  const m = typeof ref === 'string' ? /^[xy](\d*)$/.exec(ref) : null;
  return `${letter}axis${m && m[1] !== '1' ? m[1] : ''}`;
}

function axisTitle(layout: unknown, key: string): string | undefined {
  return text(get(layout, key, 'title', 'text')) ?? text(get(layout, key, 'title'));
}

/** ticksuffix "%" / tickprefix "$", or a d3 tickformat: ".0%" shows fractions ×100, "$,.2f" dollars. */
function axisUnit(axis: unknown): UnitGuess {
  const prefix = get(axis, 'tickprefix');
  const suffix = get(axis, 'ticksuffix');
  const affix = unitFromShown(`${typeof prefix === 'string' ? prefix : ''}1${typeof suffix === 'string' ? suffix : ''}`);
  if (affix.unit) return affix;
  const fmt = get(axis, 'tickformat');
  if (typeof fmt === 'string') {
    if (/%$/.test(fmt)) return { unit: '%', scale: 100 };
    if (fmt.startsWith('$')) return { unit: 'USD' };
  }
  return {};
}

/** Plotly's own guess when the axis type is unresolved ("-"): dates, then numbers, else categories. */
function guessType(xs: unknown): XType {
  const l = list(xs);
  if (!l || !l.length) return 'number';
  const first = at(l, 0);
  if (typeof first === 'number') return 'number';
  if (first instanceof Date || (typeof first === 'string' && /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(first.trim()))) return 'time';
  if (typeof first === 'string' && first.trim() !== '' && Number.isFinite(Number(first))) return 'number';
  return 'category';
}

/** Points of a cartesian trace; x defaults to x0 + i·dx as Plotly draws it. Typed arrays read like arrays. */
function tracePoints(t: unknown, horizontal: boolean, type: XType): Point[] {
  const xs = list(must(t, horizontal ? 'y' : 'x'));
  const ys = list(must(t, horizontal ? 'x' : 'y'));
  if (!ys) return [];
  const x0 = Number(get(t, horizontal ? 'y0' : 'x0') ?? 0) || 0;
  const dx = Number(get(t, horizontal ? 'dy' : 'dx') ?? 1) || 1;
  const out: Point[] = [];
  const n = xs ? Math.min(xs.length, ys.length) : ys.length;
  for (let j = 0; j < n; j++) {
    const xv = xs ? at(xs, j) : x0 + j * dx;
    out.push(pt(xOf(xv, type), at(ys, j)));
  }
  return out;
}

function xOf(v: unknown, type: XType): string | number {
  if (type === 'time') return isoX(v) ?? categoryX(v);
  if (type === 'number') {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : categoryX(v);
  }
  return categoryX(v);
}

function piePoints(t: unknown): Point[] {
  const labels = list(get(t, 'labels'));
  const values = list(must(t, 'values'));
  const out: Point[] = [];
  const n = values?.length ?? labels?.length ?? 0;
  for (let j = 0; j < n; j++) {
    // Without values, Plotly counts each label once.
    out.push(pt(labels ? categoryX(at(labels, j)) : `Slice ${j + 1}`, values ? at(values, j) : 1));
  }
  return out;
}
