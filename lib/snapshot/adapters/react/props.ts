// Charts described by component props: Recharts (a chart whose `data` rows are drawn by Line/Bar/Area
// children with a `dataKey`) and Nivo-style `data: [{ id, data: [{x, y}] }]`.
import type { ChartRead } from '../../adapter';
import type { ChartKind, Series } from '../../schema';
import { plainX, point, timeX } from '../../values';
import { arr, get, isArr, isObj, str } from './safe';
import { typeName } from './fiber';

const GRAPHICAL: Record<string, ChartKind> = { Line: 'line', Bar: 'bar', Area: 'area', Scatter: 'scatter', Pie: 'pie' };
const ISO = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** React elements under `children`, through arrays and fragments, bounded. */
export function flatChildren(children: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 4 || out.length > 200) return out;
  const list = arr(children);
  if (list) {
    for (const c of list) flatChildren(c, out, depth + 1);
    return out;
  }
  if (!isObj(children)) return out;
  const type = get(children, 'type');
  out.push(children);
  // Fragments (a symbol type) and plain wrappers pass their children through.
  if (typeof type === 'symbol') flatChildren(get(get(children, 'props'), 'children'), out, depth + 1);
  return out;
}

function key(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

type XType = 'time' | 'category' | 'number';
function xTypeOf(values: unknown[], scale: unknown): XType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (!present.length) return 'category';
  if (present.every((v) => v instanceof Date || (typeof v === 'string' && ISO.test(v)))) return 'time';
  if (present.every((v) => typeof v === 'number')) return scale === 'time' ? 'time' : 'number';
  return 'category';
}
function xOf(type: XType, v: unknown): string | number {
  return type === 'time' ? timeX(v) ?? String(v) : type === 'number' ? plainX(v) : String(v ?? '');
}

/** A Recharts chart root's props (LineChart, BarChart, AreaChart, ComposedChart, PieChart…). */
export function readRechartsProps(props: unknown, element: Element): ChartRead | null {
  const kids = flatChildren(get(props, 'children'));
  const items = kids.filter((k) => typeName(get(k, 'type')) in GRAPHICAL && key(get(get(k, 'props'), 'dataKey')) !== undefined);
  if (!items.length) return null;
  const rows = arr(get(props, 'data'));
  const vertical = get(props, 'layout') === 'vertical';
  const catAxis = kids.find((k) => typeName(get(k, 'type')) === (vertical ? 'YAxis' : 'XAxis'));
  const valAxis = kids.find((k) => typeName(get(k, 'type')) === (vertical ? 'XAxis' : 'YAxis'));
  const xKey = key(get(get(catAxis, 'props'), 'dataKey'));
  const unit = str(get(get(valAxis, 'props'), 'unit'));
  const kinds = new Set<ChartKind>();
  const series: Series[] = [];
  let xType: XType = 'category';
  for (const item of items.slice(0, 100)) {
    const p = get(item, 'props');
    if (get(p, 'hide') === true) continue;
    const kind = GRAPHICAL[typeName(get(item, 'type'))];
    kinds.add(kind);
    const data = arr(get(p, 'data')) ?? rows ?? [];
    const dataKey = key(get(p, 'dataKey'))!;
    const name = str(get(p, 'name')) ?? dataKey;
    if (kind === 'pie') {
      const nameKey = key(get(p, 'nameKey')) ?? 'name';
      xType = 'category';
      series.push({ name, points: data.map((r) => point(String(get(r, nameKey) ?? ''), get(r, dataKey))) });
      continue;
    }
    const xs = data.map((r, i) => (xKey !== undefined ? get(r, xKey) : i));
    xType = xTypeOf(xs, get(get(catAxis, 'props'), 'scale'));
    series.push({ name, points: data.map((r, i) => point(xOf(xType, xs[i]), get(r, dataKey))) });
  }
  const kind: ChartKind = kinds.size === 1 ? [...kinds][0] : kinds.has('bar') && kinds.size === 2 && kinds.has('line') ? 'bar' : 'other';
  const xLabel = str(get(get(catAxis, 'props'), 'name')) ?? str(get(get(catAxis, 'props'), 'label'));
  return {
    element, kind, source: 'recharts', exact: true,
    x: { type: xType, ...(xLabel ? { label: xLabel } : {}) },
    ...(unit ? { y: { unit: unit.trim() } } : {}),
    series,
  };
}

/** Nivo-style series props: `data: [{ id, data: [{ x, y }] }]`. */
export function readSeriesProps(props: unknown, element: Element, source: ChartRead['source']): ChartRead | null {
  const data = arr(get(props, 'data'));
  if (!data || !data.length || data.length > 500) return null;
  const ok = data.every((s) => key(get(s, 'id')) !== undefined && isArr(get(s, 'data'))
    && (arr(get(s, 'data')) ?? []).every((p) => isObj(p) && 'x' in p && 'y' in p));
  if (!ok || !data.some((s) => (arr(get(s, 'data')) ?? []).length > 0)) return null;
  const allX = data.flatMap((s) => (arr(get(s, 'data')) ?? []).map((p) => get(p, 'x')));
  const xType = xTypeOf(allX, get(get(props, 'xScale'), 'type'));
  const series = data.map((s) => ({
    name: key(get(s, 'id'))!,
    points: (arr(get(s, 'data')) ?? []).map((p) => point(xOf(xType, get(p, 'x')), get(p, 'y'))),
  }));
  return { element, kind: 'line', source, exact: true, x: { type: xType }, series };
}
