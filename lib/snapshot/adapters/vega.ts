import type { Adapter, ChartRead } from '../adapter';
import { readEach, queryAll } from '../adapter';
import type { ChartKind, Series } from '../schema';
import { plainX, point, timeX } from '../values';
import { constantLabel, fieldsOf, humanize, inferFields, pearson, unitFromTicks, type Fields, type Geo, type XType } from './d3/infer';
import { arr, call, get, isArr, isObj, str } from './react/safe';
import { getVegaViews, isVegaView } from '../hooks/vega-hook';
import { nearestTitle } from '../page/dom-util';

// Vega and Vega-Lite (vega-embed). Neither vega nor vega-embed leaves the View on the page: the View
// keeps its container (`view._el`) but nothing points back. What the page does keep:
//  - Views recorded by the document_start hook (lib/snapshot/hooks/vega-hook.ts): each one's
//    container is resolved at read time (`view._el`, set by `initialize()`) and `view.scenegraph().root`
//    gives the scenegraph, for canvas renders too;
//  - the SVG renderer binds each scenegraph item to its element (`el.__data__ = item`), and items link
//    to their mark (`item.mark`), marks to their group (`mark.group`), up to the scenegraph root, and
//    each data item to its row (`item.datum`): the chart's own data, bound, so exact.
// The x/y fields are inferred from item geometry (d3/infer.ts); a Vega-Lite spec, when a caller has
// one, names them. A canvas render whose View was built before the hook ran (the page was open before
// access was granted) is returned with its heading, no series and a note saying to reload, rather
// than left to the canvas reader (which would see only pixels).

export const RELOAD_NOTE = 'Reload the page to read this chart (Vega keeps no registry Loupe can reach)';

const DATA_MARKS: Record<string, ChartKind> = { line: 'line', area: 'area', rect: 'bar', symbol: 'scatter', arc: 'pie' };
const SKIP_ROLES = /^(axis|legend|title)/;
const MAX_ITEMS = 50_000;

export const vega: Adapter = {
  id: 'vega',
  world: 'main',
  detect: (ctx) => (getVegaViews(ctx.window)?.length ?? 0) > 0 || queryAll(ctx, '.vega-embed, svg.marks, canvas.marks').length > 0,
  read(ctx) {
    const views = viewsByContainer(ctx.window);
    const containers = new Set<Element>(views.keys());
    for (const el of queryAll(ctx, 'svg.marks, canvas.marks').slice(0, 300)) {
      const c = el.closest('.vega-embed') ?? el;
      if (![...containers].some((k) => k.contains(el))) containers.add(c);
    }
    return readEach(containers, ctx, 'vega', (el) => {
      const view = views.get(el);
      if (view) return readVegaView(view, el) ?? unread(el, 'This Vega chart has no data marks to read');
      const svg = el.matches('svg') ? el : el.querySelector('svg.marks');
      const root = rootFromSvg(svg);
      if (root) return readScenegraph(root, el);
      // A canvas render (or an SVG with nothing bound) whose View the hook never saw.
      return svg ? null : unread(el, RELOAD_NOTE);
    });
  },
};

/** Recorded Views by their chart's container (vega-embed's element, else the View's own); newest wins. */
function viewsByContainer(win: Window & typeof globalThis): Map<Element, unknown> {
  const out = new Map<Element, unknown>();
  for (const view of getVegaViews(win) ?? []) {
    const el = get(view, '_el');
    if (!(el instanceof win.Element) || !el.isConnected || !isVegaView(view)) continue;
    out.set(el.closest('.vega-embed') ?? el, view);
  }
  return out;
}

function unread(el: Element, note: string): ChartRead {
  const title = headingBefore(el);
  return { element: el, kind: 'other', source: 'vega', exact: false, series: [], notes: [note], ...(title ? { title } : {}) };
}

/** The scenegraph root mark, from any SVG element the renderer bound to an item. */
function rootFromSvg(svg: Element | null): unknown {
  if (!svg) return undefined;
  const bound = Array.from(svg.querySelectorAll('g, path')).slice(0, 50).find((e) => isObj(get(get(e, '__data__'), 'mark')));
  let mark = get(get(bound, '__data__'), 'mark');
  for (let i = 0; i < 50; i++) {
    const up = get(get(mark, 'group'), 'mark');
    if (!isObj(up)) break;
    mark = up;
  }
  return mark;
}

/** A View (vega-embed's `result.view`, or one the hook recorded), optionally with its Vega-Lite spec. */
export function readVegaView(view: unknown, element: Element, spec?: unknown): ChartRead | null {
  const root = get(call(view, 'scenegraph'), 'root');
  return isObj(root) ? readScenegraph(root, element, spec) : null;
}

interface DataMark { mark: unknown; kind: ChartKind; items: unknown[] }

function collect(mark: unknown, out: DataMark[], depth: number, budget: { n: number }): void {
  if (depth > 20 || budget.n > MAX_ITEMS || !isObj(mark)) return;
  const role = str(get(mark, 'role')) ?? '';
  if (SKIP_ROLES.test(role)) return;
  const type = str(get(mark, 'marktype')) ?? '';
  const items = arr(get(mark, 'items')) ?? [];
  budget.n += items.length;
  if (type === 'group') {
    for (const item of items) for (const child of arr(get(item, 'items')) ?? []) collect(child, out, depth + 1, budget);
    return;
  }
  if (type in DATA_MARKS && (role === 'mark' || role === '')) {
    const withData = items.filter((it) => isObj(get(it, 'datum')));
    if (withData.length) out.push({ mark, kind: DATA_MARKS[type], items: withData });
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
function geo(item: unknown): Geo {
  const x = num(get(item, 'x'));
  const y = num(get(item, 'y'));
  const w = get(item, 'width') !== undefined ? num(get(item, 'width')) : get(item, 'x2') !== undefined ? num(get(item, 'x2')) - x : undefined;
  const h = get(item, 'height') !== undefined ? num(get(item, 'height')) : get(item, 'y2') !== undefined ? num(get(item, 'y2')) - y : undefined;
  return { datum: get(item, 'datum'), x, y, w, h };
}

/** Fields named by a Vega-Lite encoding (aggregates are stored as `<op>_<field>`). */
function specFields(spec: unknown): (Fields & { color?: string }) | null {
  const enc = get(spec, 'encoding');
  const fx = get(enc, 'x');
  const fy = get(enc, 'y');
  const name = (f: unknown): string | undefined => {
    const field = str(get(f, 'field'));
    const agg = str(get(f, 'aggregate'));
    const tu = str(get(f, 'timeUnit'));
    if (!field) return undefined;
    return agg ? `${agg}_${field}` : tu ? `${tu}_${field}` : field;
  };
  const x = name(fx);
  const y = name(fy);
  if (!x || !y) return null;
  const t = str(get(fx, 'type'));
  const xType: XType = t === 'temporal' ? 'time' : t === 'quantitative' ? 'number' : 'category';
  return { x, y, xType, color: str(get(get(enc, 'color'), 'field')) };
}

export function readScenegraph(root: unknown, element: Element, spec?: unknown): ChartRead | null {
  const r = readMarks(root, element, spec);
  if (!r) return null;
  // Vega labels its container "Vega visualization" (aria), which would win over the card's heading.
  const title = titleText(root, 0) ?? headingBefore(element);
  return title ? { ...r, title } : r;
}

/** The chart's own title (a `title` mark's text), if the spec has one. */
function titleText(mark: unknown, depth: number): string | undefined {
  if (depth > 6 || !isObj(mark)) return undefined;
  const role = str(get(mark, 'role')) ?? '';
  for (const item of (arr(get(mark, 'items')) ?? []).slice(0, 50)) {
    if (role === 'title-text') {
      const t = get(item, 'text');
      const text = isArr(t) ? t.map(String).join(' ') : str(t);
      if (text?.trim()) return text.trim();
    }
    for (const child of (arr(get(item, 'items')) ?? []).slice(0, 50)) {
      const found = titleText(child, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Vega labels its container with the spec's description, "Vega visualization" when there is none. */
const GENERIC_LABEL = /^vega(-lite)? visualization$/i;
/** The chart's heading: its container's label unless that is Vega's default, else the card's heading. */
function headingBefore(el: Element): string | undefined {
  return nearestTitle(el, 6, (name) => GENERIC_LABEL.test(name)) || undefined;
}

function readMarks(root: unknown, element: Element, spec?: unknown): ChartRead | null {
  const marks: DataMark[] = [];
  collect(root, marks, 0, { n: 0 });
  if (!marks.length) return null;
  const kind = marks[0].kind;
  const same = marks.filter((m) => m.kind === kind);
  const allItems = same.flatMap((m) => m.items);
  if (kind === 'pie') return readArcs(allItems, element);
  const bars = kind === 'bar';
  const fromSpec = specFields(spec);
  // Series: one per line/area mark (Vega-Lite facets a coloured line into one mark per colour),
  // else by fill colour.
  const groups: unknown[][] = [];
  if (kind === 'line' || kind === 'area') groups.push(...same.map((m) => m.items));
  else {
    const by = new Map<string, unknown[]>();
    for (const it of allItems) {
      const k = String(get(it, 'fill') ?? '');
      by.set(k, [...(by.get(k) ?? []), it]);
    }
    groups.push(...by.values());
  }
  // A stack's start field tracks the drawn edge about as closely as its end field (a small band on a
  // tall stack), which would make the value ambiguous; marks are drawn from the end field.
  const all = fieldsOf(allItems.map((it) => get(it, 'datum')));
  const keys = all.filter((k) => !(k.endsWith('_start') && all.includes(`${k.slice(0, -6)}_end`)) && !(k === 'y0' && all.includes('y1')));
  let fields: Fields | null = fromSpec;
  if (!fields) fields = inferFields(allItems.map(geo), bars, keys);
  if (!fields) {
    const per = groups.map((g) => inferFields(g.map(geo), bars, keys));
    if (!per.length || per.some((f) => !f || f.x !== per[0]!.x || f.y !== per[0]!.y)) return null;
    fields = per[0];
  }
  const f = { ...fields!, y: unstacked(allItems.map((it) => get(it, 'datum')), fields!.y) };
  // The value axis: the vertical one, or the horizontal one for horizontal bars. Its title names a lone
  // series; its tick labels carry the unit ("$1,200" → USD).
  const axes = axisInfo(root);
  const valueAxis = f.horizontal ? axes.horizontal : axes.vertical;
  const yLabel = valueAxis?.title ?? f.y;
  const unit = valueAxis ? unitFromTicks(valueAxis.labels) : undefined;
  const series: Series[] = groups.map((g, i) => {
    const rows = g.map((it) => get(it, 'datum'));
    const color = fromSpec?.color ? str(get(rows[0], fromSpec.color)) : undefined;
    const name = color ?? (groups.length > 1 ? constantLabel(rows, [f.x, f.y]) ?? `Series ${i + 1}` : valueAxis?.title ?? humanize(f.y));
    return { name, points: rows.map((r) => toPoint(r, f)) };
  });
  return {
    element, kind, source: 'vega', exact: true, x: { type: f.xType, label: f.x },
    y: { label: yLabel, ...(unit ? { unit } : {}) }, series,
  };
}

interface AxisInfo { title?: string; labels: string[]; xs: number[] }
/** Axes from the scenegraph: title, tick labels, and whether they stand vertically (labels share an x). */
function axisInfo(root: unknown): { vertical?: AxisInfo; horizontal?: AxisInfo } {
  const found: AxisInfo[] = [];
  const visit = (mark: unknown, depth: number, axis?: AxisInfo): void => {
    if (depth > 12 || !isObj(mark)) return;
    const role = str(get(mark, 'role')) ?? '';
    for (const item of (arr(get(mark, 'items')) ?? []).slice(0, 500)) {
      let here = axis;
      if (role === 'axis') found.push((here = { labels: [], xs: [] }));
      else if (axis && (role === 'axis-title' || role === 'axis-label')) {
        const t = get(item, 'text');
        const text = (isArr(t) ? t.map(String).join(' ') : str(t))?.trim();
        if (text && role === 'axis-title') axis.title = text;
        if (text && role === 'axis-label') { axis.labels.push(text); axis.xs.push(num(get(item, 'x'))); }
      }
      for (const child of (arr(get(item, 'items')) ?? []).slice(0, 100)) visit(child, depth + 1, here);
    }
  };
  visit(root, 0);
  const out: { vertical?: AxisInfo; horizontal?: AxisInfo } = {};
  for (const a of found) {
    if (a.xs.length < 2) continue;
    const vertical = Math.max(...a.xs) - Math.min(...a.xs) < 1;
    if (vertical) out.vertical ??= a;
    else out.horizontal ??= a;
  }
  return out;
}

/**
 * A stacked mark (Vega-Lite stacks areas and bars split by colour) is drawn from the stack's output,
 * `<field>_start`/`<field>_end` (Vega's stack transform: `y0`/`y1`), so geometry points at the end
 * field: a running total. The value a person reads off a band is its own row's field, end − start.
 */
export function unstacked(rows: unknown[], y: string): string {
  const pair = y.endsWith('_end') ? [`${y.slice(0, -4)}_start`, y, y.slice(0, -4)] : y === 'y1' ? ['y0', 'y1', ''] : null;
  if (!pair || !rows.length) return y;
  const [start, end, base] = pair;
  const n = (r: unknown, k: string) => get(r, k);
  const fits = (k: string) => k !== start && k !== end && rows.every((r) => {
    const [a, b, v] = [n(r, start), n(r, end), n(r, k)];
    return typeof a === 'number' && typeof b === 'number' && typeof v === 'number' && Math.abs(b - a - v) <= 1e-9 * Math.max(1, Math.abs(v));
  });
  if (base && fits(base)) return base;
  return fieldsOf(rows).find(fits) ?? y;
}

function toPoint(row: unknown, f: Fields) {
  const xv = get(row, f.x);
  const x = f.xType === 'time' ? timeX(xv) ?? String(xv) : f.xType === 'number' ? plainX(xv) : String(xv ?? '');
  return point(x, get(row, f.y));
}

/** Pie/donut arcs: the value field is the one proportional to each arc's angle. */
function readArcs(items: unknown[], element: Element): ChartRead | null {
  const rows = items.map((it) => get(it, 'datum'));
  const span = items.map((it) => num(get(it, 'endAngle')) - num(get(it, 'startAngle')));
  const first = rows[0];
  if (!isObj(first) || isArr(first)) return null;
  const keys = Object.keys(first).slice(0, 40);
  const value = keys.find((k) => rows.every((r) => typeof get(r, k) === 'number') && pearson(rows.map((r) => get(r, k) as number), span) > 0.995);
  const label = keys.find((k) => rows.every((r) => typeof get(r, k) === 'string'));
  if (!value || !label) return null;
  return {
    element, kind: 'pie', source: 'vega', exact: true, x: { type: 'category', label }, y: { label: value },
    series: [{ name: value, points: rows.map((r) => point(String(get(r, label)), get(r, value))) }],
  };
}
