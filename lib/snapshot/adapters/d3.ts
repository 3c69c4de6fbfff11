import type { Adapter, ChartRead } from '../adapter';
import { readEach, queryAll } from '../adapter';
import type { ChartKind, Series } from '../schema';
import { plainX, point, timeX } from '../values';
import { constantLabel, fieldsOf, GENERIC_FIELD, humanize, inferFields, numeric, type Fields, type Geo, type XType } from './d3/infer';
import { findTitle } from '../dom';
import { arr, get, isArr, isObj, str } from './react/safe';

// D3 charts: SVG marks carrying the data D3 bound to them (`__data__`). A line is a <path> whose datum
// is the row array; bars and dots are one <rect>/<circle> per row. Which field is x and which is y is
// inferred from the geometry (d3/infer.ts): the field that maps linearly (or one-to-one for categories)
// onto the drawn positions. Conservative: an svg is only claimed when every series it reads maps
// clearly; axis ticks (bound to bare numbers/dates) never qualify.

const MAX_SVGS = 300;
const MAX_MARKS = 5000;

export const d3: Adapter = {
  id: 'd3',
  world: 'main',
  detect(ctx) {
    const marks = queryAll(ctx, 'svg path, svg rect, svg circle');
    for (let i = 0; i < marks.length && i < 2000; i++) if (isObj(get(marks[i], '__data__'))) return true;
    return false;
  },
  read(ctx) {
    const svgs = (queryAll(ctx, 'svg') as SVGSVGElement[]).filter((s) => !s.parentElement?.closest('svg') && !isVega(s)).slice(0, MAX_SVGS);
    return readEach(svgs, ctx, 'd3', (svg) => readSvg(svg, () => ctx.expired()));
  },
};

function isVega(svg: SVGSVGElement): boolean {
  if (svg.closest('.vega-embed') || svg.classList.contains('marks')) return true;
  const first = svg.querySelector('path, rect, g');
  const d = get(first, '__data__');
  return isObj(d) && get(d, 'mark') !== undefined && get(d, 'datum') !== undefined; // a Vega scenegraph item
}

interface Drawn { kind: ChartKind; series: Series; type: XType; fields: Fields }

export function readSvg(svg: SVGSVGElement, expired: () => boolean = () => false): ChartRead | null {
  const drawn: Drawn[] = [];
  const marks = Array.from(svg.querySelectorAll('path, rect, circle')).slice(0, MAX_MARKS);
  // Lines and areas: a path bound to an array of rows.
  for (const path of marks) {
    if (expired()) break;
    if (path.tagName.toLowerCase() !== 'path') continue;
    const rows = lineRows(get(path, '__data__'));
    if (!rows || rows.length < 2 || !rows.every((r) => isObj(r))) continue;
    const verts = pathVertices(path.getAttribute('d') ?? '');
    const area = verts.length === rows.length * 2 && fillOf(path) !== 'none';
    const geo: Geo[] | null = verts.length === rows.length || area ? rows.map((r, i) => ({ datum: r, x: verts[i][0], y: verts[i][1] })) : null;
    const fields = geo ? inferFields(geo, false) : orderOnly(rows);
    if (!fields) continue;
    const name = seriesName(path, rows, fields, drawn.length);
    drawn.push({ kind: area ? 'area' : 'line', fields, type: fields.xType, series: { name, points: rows.map((r) => toPoint(r, fields)) } });
  }
  // Bars and dots: one rect/circle per row, grouped by parent (d3's usual one <g> per series).
  const groups = new Map<Element, Element[]>();
  for (const m of marks) {
    const tag = m.tagName.toLowerCase();
    if (tag === 'path') continue;
    const d = get(m, '__data__');
    if (!isObj(d) || isArr(d)) continue;
    const parent = m.parentElement;
    if (!parent) continue;
    const list = groups.get(parent) ?? [];
    list.push(m);
    groups.set(parent, list);
  }
  for (const [parent, els] of groups) {
    if (expired()) break;
    if (els.length < 2) continue;
    const bars = els[0].tagName.toLowerCase() === 'rect';
    for (const part of splitByColor(els, bars)) {
      const geo = part.map((el) => geometry(el));
      const fields = inferFields(geo, bars);
      if (!fields) continue;
      const rows = geo.map((g) => g.datum);
      const name = seriesName(parent, rows, fields, drawn.length, fillOf(part[0]), svg);
      drawn.push({ kind: bars ? 'bar' : 'scatter', fields, type: fields.xType, series: { name, points: rows.map((r) => toPoint(r, fields)) } });
    }
  }
  dropMarkers(drawn);
  if (!drawn.length) return null;
  const kind = drawn[0].kind;
  const type = drawn[0].type;
  const same = drawn.filter((d) => d.type === type);
  const yField = same[0].fields.y;
  if (same.length === 1 && same[0].series.name === yField) {
    // One series with no name of its own: a generic field ("value") takes the chart's title.
    same[0].series = { ...same[0].series, name: (GENERIC_FIELD.test(yField) && findTitle(svg)) || humanize(yField) };
  }
  return {
    element: svg, kind, source: 'd3', exact: true,
    x: { type, label: same[0].fields.x },
    y: { label: yField },
    series: same.map((d) => d.series),
    ...(same.length < drawn.length ? { notes: ['Some marks use a different x axis and were left out.'] } : {}),
  };
}

/** Dots drawn on a line's own points (markers, d3's usual `circle` per row beside the `path`) are the
 *  same series drawn twice: kept, they doubled the line as "Series 2" and every change in it was
 *  reported twice. A dot series is dropped when a line or area already has exactly its points. */
function dropMarkers(drawn: Drawn[]): void {
  const key = (d: Drawn) => d.series.points.map((p) => `${p.x}\u0000${p.y}`).join('\u0001');
  const lines = new Set(drawn.filter((d) => d.kind === 'line' || d.kind === 'area').map(key));
  for (let i = drawn.length - 1; i >= 0; i--) if (drawn[i].kind === 'scatter' && lines.has(key(drawn[i]))) drawn.splice(i, 1);
}

/** A line's rows: the datum itself, or a d3.group entry [key, rows], or a d3.nest {key, values}. */
export function lineRows(d: unknown): unknown[] | null {
  const a = arr(d);
  if (a && a.length === 2 && (typeof a[0] === 'string' || typeof a[0] === 'number') && isArr(a[1])) return a[1] as unknown[];
  if (!a && isArr(get(d, 'values'))) return get(d, 'values') as unknown[];
  return a;
}

/** Split one group's marks by fill when the whole group does not read as one series (grouped bars in
 *  one <g>, dots coloured by series). */
function splitByColor(els: Element[], bars: boolean): Element[][] {
  if (inferFields(els.map(geometry), bars)) return [els];
  const by = new Map<string, Element[]>();
  for (const el of els) {
    const c = fillOf(el);
    by.set(c, [...(by.get(c) ?? []), el]);
  }
  return by.size > 1 ? [...by.values()] : [els];
}

/** A path whose vertices do not match its rows (curves that add points): only a clear pair of one
 *  monotonic time/number field and one other numeric field will do. */
function orderOnly(rows: unknown[]): Fields | null {
  const ks = fieldsOf(rows);
  const xs = ks.filter((k) => {
    const n = numeric(rows.map((r) => get(r, k)), k);
    return n && n.type === 'time' && n.nums.every((v, i) => i === 0 || v > n.nums[i - 1]);
  });
  const ys = ks.filter((k) => !xs.includes(k) && rows.every((r) => typeof get(r, k) === 'number' || get(r, k) === null));
  if (xs.length !== 1 || ys.length !== 1) return null;
  return { x: xs[0], y: ys[0], xType: 'time' };
}

export function toPoint(row: unknown, f: Fields) {
  const xv = get(row, f.x);
  const x = f.xType === 'time' ? timeX(xv) ?? String(xv) : f.xType === 'number' ? plainX(xv) : String(xv ?? '');
  return point(x, get(row, f.y));
}

function seriesName(el: Element, rows: unknown[], f: Fields, index: number, color?: string, svg?: Element): string {
  // d3.group / d3.stack leave the series key on the parent's datum.
  const pd = get(el.parentElement ?? undefined, '__data__');
  const own = get(el, '__data__');
  for (const d of [own, pd]) {
    if (isArr(d) && typeof get(d, 0) === 'string' && isArr(get(d, 1))) return get(d, 0) as string;
    const k = str(get(d, 'key')) ?? str(get(d, 'name')) ?? str(get(d, 'id'));
    if (!isArr(d) && k) return k;
  }
  const label = constantLabel(rows, [f.x, f.y]);
  if (label) return label;
  const aria = el.getAttribute('aria-label') ?? el.getAttribute('data-series') ?? el.getAttribute('data-name');
  if (aria) return aria;
  const legend = svg && color ? legendText(svg, color) : el.tagName.toLowerCase() === 'path' ? legendText(el.closest('svg'), strokeOf(el)) : undefined;
  return legend ?? (index === 0 ? f.y : `Series ${index + 1}`);
}

/** Legend entry: a swatch drawn in the series' colour beside a text. */
function legendText(svg: Element | null, color: string): string | undefined {
  if (!svg || !color || color === 'none') return undefined;
  for (const sw of Array.from(svg.querySelectorAll('rect, line, circle, path')).slice(0, 500)) {
    if (get(sw, '__data__') !== undefined && isObj(get(sw, '__data__')) && !isLegendDatum(get(sw, '__data__'))) continue;
    if (fillOf(sw) !== color && strokeOf(sw) !== color) continue;
    const text = sw.parentElement?.querySelector('text')?.textContent?.trim();
    if (text) return text;
  }
  return undefined;
}
function isLegendDatum(d: unknown): boolean {
  return typeof d === 'string';
}

function attrNum(el: Element, name: string): number {
  const v = parseFloat(el.getAttribute(name) ?? '');
  return Number.isFinite(v) ? v : 0;
}
function translate(el: Element): [number, number] {
  const m = /translate\(\s*(-?[\d.e]+)[ ,]*(-?[\d.e]+)?/.exec(el.getAttribute('transform') ?? '');
  return m ? [parseFloat(m[1]), parseFloat(m[2] ?? '0')] : [0, 0];
}
function geometry(el: Element): Geo {
  const [tx, ty] = translate(el);
  const datum = get(el, '__data__');
  if (el.tagName.toLowerCase() === 'circle') return { datum, x: attrNum(el, 'cx') + tx, y: attrNum(el, 'cy') + ty };
  return { datum, x: attrNum(el, 'x') + tx, y: attrNum(el, 'y') + ty, w: attrNum(el, 'width'), h: attrNum(el, 'height') };
}
function fillOf(el: Element): string {
  return (el.getAttribute('fill') ?? (el as HTMLElement).style?.fill ?? '').trim().toLowerCase();
}
function strokeOf(el: Element): string {
  return (el.getAttribute('stroke') ?? (el as HTMLElement).style?.stroke ?? '').trim().toLowerCase();
}

/** End points of each segment of an SVG path (absolute), in drawing order. */
export function pathVertices(d: string): [number, number][] {
  const out: [number, number][] = [];
  let cx = 0, cy = 0, sx = 0, sy = 0;
  const re = /([MLHVCSQTAZmlhvcsqtaz])([^MLHVCSQTAZmlhvcsqtaz]*)/g;
  const arity: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
  for (let m = re.exec(d); m; m = re.exec(d)) {
    const cmd = m[1];
    const lower = cmd.toLowerCase();
    const rel = cmd !== cmd.toUpperCase();
    const nums = (m[2].match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) ?? []).map(Number);
    if (lower === 'z') { cx = sx; cy = sy; continue; }
    const n = arity[lower];
    for (let i = 0; i + n <= nums.length && n > 0; i += n) {
      const g = nums.slice(i, i + n);
      if (lower === 'h') cx = rel ? cx + g[0] : g[0];
      else if (lower === 'v') cy = rel ? cy + g[0] : g[0];
      else {
        const [x, y] = g.slice(-2);
        cx = rel ? cx + x : x;
        cy = rel ? cy + y : y;
      }
      if (lower === 'm' && i === 0) { sx = cx; sy = cy; }
      out.push([cx, cy]);
    }
  }
  return out;
}
