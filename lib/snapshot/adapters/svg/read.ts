/**
 * One generic SVG chart read from its geometry: axes from tick labels, then lines (path d), areas
 * (their top edge), bars (rects, and small closed paths), and dots, inverted through the axis fits.
 * Everything here is an estimate: `exact` is always false.
 */
import type { ChartKind, Point, Series } from '../../schema';
import type { ChartRead } from '../../adapter';
import { apply, pathPoints, polyPoints, type Frame, type Matrix } from './geometry';
import { cluster, makeAxis, readLabels, shapeBox, type Axis, type AxisOptions, type Label } from './axes';

export const ESTIMATE_NOTE = 'Values estimated from the chart\u2019s geometry (axis ticks and mark positions); expect small errors.';
const DAY = 86_400_000;

interface Env { win: Window | null; locale?: string; year?: number; assumeYear?: number; frame: Frame; title?: string }

type Box = { x0: number; y0: number; x1: number; y1: number };
interface Mark { el: Element; kind: 'line' | 'area' | 'bar' | 'dot' | 'swatch'; color: string; pts: Array<[number, number]>; box: Box; swatch?: boolean }

/** A paint value normalised for comparing legend swatches with marks; null for no paint. */
export function paint(el: Element, prop: 'fill' | 'stroke', root: Element, win: Window | null, live = false): string | null {
  let v = '';
  // With layout the computed style is the truth (CSS classes); without it, attributes and inline
  // styles inherited down the tree are all there is.
  if (live && win) {
    try { v = win.getComputedStyle(el).getPropertyValue(prop).trim(); } catch { /* detached */ }
  }
  for (let n: Element | null = el; n && !v; n = n.parentElement) {
    v = ((n as HTMLElement).style?.getPropertyValue(prop) || n.getAttribute(prop) || '').trim();
    if (n === root) break;
  }
  if (!v && win) {
    try { v = win.getComputedStyle(el).getPropertyValue(prop).trim(); } catch { /* detached */ }
  }
  if (!v) v = prop === 'fill' ? '#000' : 'none';
  const opacity = parseFloat(el.getAttribute(`${prop}-opacity`) ?? (el as HTMLElement).style?.getPropertyValue(`${prop}-opacity`) ?? '');
  if (/^(none|transparent)$/i.test(v) || opacity === 0 || /^rgba\([^)]*,\s*0\)$/.test(v)) return null;
  return normColor(v);
}

function normColor(v: string): string {
  const s = v.toLowerCase().replace(/\s+/g, '');
  let m = s.match(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/);
  if (m) return `rgb(${parseInt(m[1] + m[1], 16)},${parseInt(m[2] + m[2], 16)},${parseInt(m[3] + m[3], 16)})`;
  m = s.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/);
  if (m) return `rgb(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)})`;
  m = s.match(/^rgba?\((\d+),(\d+),(\d+)/);
  if (m) return `rgb(${m[1]},${m[2]},${m[3]})`;
  return s;
}

function boxOf(pts: Array<[number, number]>): Box {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function transformAll(m: Matrix, pts: Array<[number, number]>): Array<[number, number]> {
  return pts.map(([x, y]) => apply(m, x, y));
}

/** Marks of the chart, in document order, in chart coordinates. */
function readMarks(root: Element, env: Env): Mark[] {
  const out: Mark[] = [];
  const els = root.querySelectorAll('path,polyline,polygon,rect,circle,ellipse');
  for (const el of Array.from(els)) {
    if (el.closest('defs,clipPath,mask,pattern,symbol,marker,[display="none"],[visibility="hidden"]')) continue;
    const tag = el.tagName.toLowerCase();
    const m = env.frame.matrix(el);
    const stroke = paint(el, 'stroke', root, env.win, env.frame.live);
    const fill = paint(el, 'fill', root, env.win, env.frame.live);
    if (tag === 'path' || tag === 'polyline' || tag === 'polygon') {
      const subpaths = tag === 'path' ? pathPoints(el.getAttribute('d') ?? '') : [polyPoints(el.getAttribute('points') ?? '')];
      const closed = tag === 'polygon' || /z\s*$/i.test(el.getAttribute('d') ?? '');
      for (const sub of subpaths) {
        if (sub.length < 2) continue;
        const pts = transformAll(m, sub);
        const box = boxOf(pts);
        // Only axis-parallel segments: a grid line, an axis domain, a tick.
        if (box.x1 - box.x0 < 0.5 || box.y1 - box.y0 < 0.5) {
          // Not data; but a short stroke is how many libraries draw a line series' legend symbol.
          if (stroke && box.x1 - box.x0 <= 30 && box.y1 - box.y0 <= 30) out.push({ el, kind: 'swatch', color: stroke, pts, box });
          continue;
        }
        const rectilinear = pts.every(([x, y], i) => i === 0 || Math.abs(x - pts[i - 1][0]) < 0.01 || Math.abs(y - pts[i - 1][1]) < 0.01);
        if (rectilinear && !fill && pts.length <= 4) continue; // an axis domain or a frame
        if (rectilinear && fill && pts.length <= 12) {
          out.push({ el, kind: 'bar', color: fill, pts, box }); // a bar drawn as a path
        } else if (fill && (closed || !stroke)) {
          out.push({ el, kind: 'area', color: fill, pts: topEdge(pts), box });
        } else if (stroke) {
          out.push({ el, kind: 'line', color: stroke, pts, box });
        }
      }
      continue;
    }
    const b = env.frame.bbox(el) ?? shapeBox(el);
    if (!b) continue;
    const corners = transformAll(m, [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]);
    const box = boxOf(corners);
    const color = fill ?? stroke;
    if (!color) continue;
    if (tag === 'rect') out.push({ el, kind: 'bar', color, pts: corners, box });
    else if (box.x1 - box.x0 <= 24) out.push({ el, kind: 'dot', color, pts: [[(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]], box });
  }
  return out;
}

/** An area's outline runs along the top, then back along the baseline: keep the forward run. */
function topEdge(pts: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [pts[0]];
  for (let i = 1; i < pts.length && pts[i][0] >= pts[i - 1][0] - 0.01; i++) out.push(pts[i]);
  // A vertical drop to the baseline at either end is not data.
  while (out.length > 2 && Math.abs(out[out.length - 1][0] - out[out.length - 2][0]) < 0.01) out.pop();
  while (out.length > 2 && Math.abs(out[0][0] - out[1][0]) < 0.01) out.shift();
  return out;
}

function pickAxes(labels: Label[], opts: AxisOptions): { x: Axis; y: Axis; notes: string[] } | null {
  const notes: string[] = [];
  const upright = labels.filter((l) => !l.rotated);
  // Vertical axes: labels sharing an anchor x (right-aligned ticks), spread over y.
  const vertical = cluster(upright, (l) => l.ax, 3)
    .filter((g) => g.length >= 2)
    .map((g) => makeAxis(g, false, opts))
    .filter((a): a is Axis => a !== null);
  const numericY = vertical.filter((a) => a.kind === 'number').sort((a, b) => b.labels.length - a.labels.length || a.labels[0].ax - b.labels[0].ax);
  const used = new Set<Label>();
  let y: Axis | undefined = numericY[0];
  if (numericY.length > 1) notes.push('A second value axis was not used; values follow the main one.');
  // Horizontal axes: labels sharing a baseline, spread over x (rotated labels share nothing: cluster
  // them by their anchor's y as well).
  const horiz = (exclude: Set<Label>) => cluster(labels.filter((l) => !exclude.has(l)), (l) => l.ay, 3)
    .filter((g) => g.length >= 2)
    .map((g) => makeAxis(g, true, opts))
    .filter((a): a is Axis => a !== null);
  if (y) {
    y.labels.forEach((l) => used.add(l));
    const bottom = Math.max(...y.labels.map((l) => l.cy));
    const rank = { time: 0, number: 1, category: 2 } as const;
    const xs = horiz(used).filter((a) => a.labels[0].ay >= bottom - 10);
    xs.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.labels[0].ay - bottom) - (b.labels[0].ay - bottom));
    if (xs[0]) return { x: xs[0], y, notes };
    return null;
  }
  // Horizontal bars: categories down the side, numbers along the bottom.
  const xNum = horiz(used).filter((a) => a.kind === 'number').sort((a, b) => b.labels[0].ay - a.labels[0].ay)[0];
  const yCat = vertical.filter((a) => a.kind === 'category').sort((a, b) => a.labels[0].ax - b.labels[0].ax)[0];
  if (xNum && yCat) return { x: xNum, y: yCat, notes };
  return null;
}

/** Legend entries: a short text with a small swatch just to its left; colour → name. */
function readLegend(labels: Label[], marks: Mark[], axisLabels: Set<Label>): Map<string, string> {
  const legend = new Map<string, string>();
  for (const l of labels) {
    if (axisLabels.has(l) || l.rotated) continue;
    const w = 0.58 * l.fontSize * l.text.length;
    const left = l.anchor === 'start' ? l.ax : l.anchor === 'end' ? l.ax - w : l.ax - w / 2;
    for (const m of marks) {
      const bw = m.box.x1 - m.box.x0;
      const bh = m.box.y1 - m.box.y0;
      if (bw > 30 || bh > 20) continue;
      const mx = (m.box.x0 + m.box.x1) / 2;
      const my = (m.box.y0 + m.box.y1) / 2;
      if (mx <= left + 2 && mx >= left - 40 && Math.abs(my - l.cy) <= Math.max(8, l.fontSize)) {
        if (!legend.has(m.color)) legend.set(m.color, l.text);
        m.swatch = true;
        break;
      }
    }
  }
  return legend;
}

/** Legends drawn in HTML next to the SVG (Recharts, many home-made charts): an item's text and the
 *  colour of its swatch (an inline SVG's fill/stroke, or a CSS background/border colour). */
function htmlLegend(root: Element, win: Window | null): Map<string, string> {
  const out = new Map<string, string>();
  let scope: Element | null = root.parentElement;
  for (let i = 0; scope && i < 3 && !scope.querySelector('[class*="legend" i]'); i++) scope = scope.parentElement;
  const box = scope?.querySelector('[class*="legend" i]');
  if (!box || root.contains(box)) return out;
  const items = Array.from(box.querySelectorAll('li,[class*="legend-item" i],[class*="legendItem" i]'));
  for (const item of items.slice(0, 30)) {
    const name = (item.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!name || name.length > 80) continue;
    let color: string | null = null;
    for (const shape of Array.from(item.querySelectorAll('path,rect,circle,line'))) {
      color = paint(shape, 'fill', item, win) ?? paint(shape, 'stroke', item, win);
      if (color && color !== 'rgb(0,0,0)') break;
    }
    if (!color && win) {
      for (const el of [item, ...Array.from(item.querySelectorAll('*'))]) {
        const cs = win.getComputedStyle(el);
        const bg = cs.backgroundColor;
        if (bg && !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(bg)) { color = normColor(bg); break; }
      }
    }
    if (color && !out.has(color)) out.set(color, name);
  }
  return out;
}

function decimals(span: number): number {
  if (!(span > 0)) return 2;
  return Math.max(0, Math.min(10, 3 - Math.floor(Math.log10(span))));
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** Reads one SVG; null when it is not a chart with readable axes (icons, sparklines, maps, pies). */
export function readSvgChart(root: Element, env: Env): ChartRead | null {
  const labels = readLabels(root, env.frame);
  if (labels.length < 4) return null;
  const axes = pickAxes(labels, { locale: env.locale, year: env.year, assumeYear: env.assumeYear });
  if (!axes) return null;
  const { x: xAxis, y: yAxis } = axes;
  const notes = [ESTIMATE_NOTE, ...axes.notes];
  const axisLabels = new Set([...xAxis.labels, ...yAxis.labels]);
  const marks = readMarks(root, env);
  const legend = readLegend(labels, marks, axisLabels);
  for (const [color, name] of htmlLegend(root, env.win)) if (!legend.has(color)) legend.set(color, name);

  // No heading outside: the chart's own title text inside the SVG (Plotly .gtitle, Highcharts title).
  if (!env.title) {
    const own = labels.find((l) => !axisLabels.has(l) && /title/i.test(`${l.el.getAttribute('class') ?? ''} ${l.el.parentElement?.getAttribute('class') ?? ''}`));
    if (own) env = { ...env, title: own.text };
  }
  const horizontalBars = yAxis.kind === 'category';
  const valueAxis = horizontalBars ? xAxis : yAxis;
  const catAxis = horizontalBars ? yAxis : xAxis;
  // The plot: right of (or left of) the value ticks, above the x ticks, not far above the top tick.
  const yTicks = yAxis.labels.map((l) => l.cy);
  const xTicks = xAxis.labels.map((l) => l.cx);
  const plot: Box = {
    x0: Math.min(...xTicks) - (horizontalBars ? 0 : 0.5 * spread(xTicks)),
    x1: Math.max(...xTicks) + 0.5 * spread(xTicks),
    y0: Math.min(...yTicks) - 0.15 * spread(yTicks) - 10,
    y1: Math.min(...xAxis.labels.map((l) => l.cy)) - 2,
  };
  const plotW = plot.x1 - plot.x0;
  const plotH = plot.y1 - plot.y0;
  const inside = (m: Mark) => {
    const cx = (m.box.x0 + m.box.x1) / 2;
    const cy = (m.box.y0 + m.box.y1) / 2;
    return cx >= plot.x0 && cx <= plot.x1 && cy >= plot.y0 && cy <= plot.y1;
  };
  const data = marks.filter((m) => !m.swatch && m.kind !== 'swatch' && inside(m)
    && !(m.kind === 'bar' && m.box.x1 - m.box.x0 > 0.8 * plotW && m.box.y1 - m.box.y0 > 0.6 * plotH));

  const span = valueAxis.max - valueAxis.min;
  const vDec = decimals(span);
  const value = (px: number) => round(valueAxis.toValue(px), vDec);
  const xOf = (px: number): string | number | null => {
    if (xAxis.kind === 'category') return xAxis.toCategory(px);
    const v = xAxis.toValue(px);
    if (!Number.isFinite(v)) return null;
    if (xAxis.kind === 'number') return round(v, decimals(xAxis.max - xAxis.min));
    if (xAxis.dateOnly) return new Date(Math.round(v / DAY) * DAY).toISOString().slice(0, 10);
    return new Date(Math.round(v / 60_000) * 60_000).toISOString().slice(0, 16);
  };

  const series: Series[] = [];
  const named = (color: string, i: number) => legend.get(color) ?? (i === 0 ? '' : `Series ${i + 1}`);
  const lineColors = new Set(data.filter((m) => m.kind === 'line').map((m) => m.color));
  const kinds = new Map<ChartKind, number>();
  const count = (k: ChartKind, n: number) => kinds.set(k, (kinds.get(k) ?? 0) + n);

  for (const m of data) {
    if (m.kind !== 'line' && m.kind !== 'area') continue;
    if (horizontalBars) continue;
    const pts: Point[] = [];
    for (const [px, py] of m.pts) {
      const x = xOf(px);
      if (x === null) continue;
      const p = { x, y: value(py) };
      // Steps and vertical drops repeat an x: the later vertex is the value there.
      if (pts.length && pts[pts.length - 1].x === x) pts[pts.length - 1] = p;
      else pts.push(p);
    }
    if (pts.length < 2) continue;
    series.push({ name: named(m.color, series.length), points: pts });
    count(m.kind, pts.length);
  }

  // Bars: one series per fill colour; the value is the bar's far end, or its length when it sits on
  // another bar (stacked).
  const bars = data.filter((m) => m.kind === 'bar');
  const bySeries = new Map<string, Point[]>();
  const zeroPx = (() => {
    const lo = Math.min(valueAxis.min, valueAxis.max);
    const hi = Math.max(valueAxis.min, valueAxis.max);
    return lo <= 0 && hi >= 0 ? 0 : lo;
  })();
  const near = (a: number, b: number) => Math.abs(a - b) <= Math.abs(span) * 0.01;
  for (const m of bars) {
    const [lo, hi] = horizontalBars ? [m.box.x0, m.box.x1] : [m.box.y1, m.box.y0];
    const vLo = valueAxis.toValue(lo);
    const vHi = valueAxis.toValue(hi);
    let v: number;
    if (near(vLo, zeroPx)) v = vHi;
    else if (near(vHi, zeroPx)) v = vLo;
    else v = vHi - vLo;
    const centre = horizontalBars ? (m.box.y0 + m.box.y1) / 2 : (m.box.x0 + m.box.x1) / 2;
    const x = horizontalBars ? catAxis.toCategory(centre) : xOf(centre);
    if (x === null) continue;
    const list = bySeries.get(m.color) ?? [];
    list.push({ x, y: round(v, vDec) });
    bySeries.set(m.color, list);
  }
  for (const [color, pts] of bySeries) {
    series.push({ name: named(color, series.length), points: pts });
    count('bar', pts.length);
  }

  // Dots: markers on a line of the same colour are that line; others are a scatter.
  const dots = new Map<string, Point[]>();
  for (const m of data) {
    if (m.kind !== 'dot' || lineColors.has(m.color) || horizontalBars) continue;
    const x = xOf(m.pts[0][0]);
    if (x === null) continue;
    const list = dots.get(m.color) ?? [];
    list.push({ x, y: value(m.pts[0][1]) });
    dots.set(m.color, list);
  }
  for (const [color, pts] of dots) {
    series.push({ name: named(color, series.length), points: pts });
    count('scatter', pts.length);
  }
  // Libraries draw an area's fill and its outline as two paths: the same points are one series.
  const seenPoints = new Set<string>();
  for (let i = 0; i < series.length; i++) {
    const key = JSON.stringify(series[i].points);
    if (seenPoints.has(key)) { series.splice(i--, 1); continue; }
    seenPoints.add(key);
  }
  if (!series.length) return null;

  // A single unnamed series takes the chart's title; others already have a legend name or a number.
  series.forEach((s, i) => { if (!s.name) s.name = series.length === 1 ? env.title || 'Series 1' : `Series ${i + 1}`; });
  const kind = [...kinds].sort((a, b) => b[1] - a[1])[0][0];
  if (valueAxis.log) notes.push('The value axis is logarithmic.');
  if (xAxis.assumedYear) notes.push(`The dates on the axis have no year and the page names none; ${xAxis.assumedYear} was assumed.`);
  const yLabel = labels.find((l) => l.rotated && !axisLabels.has(l) && Math.abs(l.cx - Math.min(...valueAxis.labels.map((t) => t.cx))) < 80)?.text;
  return {
    element: root,
    ...(env.title ? { title: env.title } : {}),
    kind, source: 'svg', exact: false,
    x: { type: catAxis.kind === 'category' || horizontalBars ? 'category' : catAxis.kind },
    ...(valueAxis.unit || yLabel ? { y: { ...(yLabel ? { label: yLabel } : {}), ...(valueAxis.unit ? { unit: valueAxis.unit } : {}) } } : {}),
    series,
    notes,
  };
}

function spread(values: number[]): number {
  if (values.length < 2) return 0;
  const s = [...values].sort((a, b) => a - b);
  return (s[s.length - 1] - s[0]) / (s.length - 1);
}

