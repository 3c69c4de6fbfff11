// Shared pieces of the point locators (MAIN world). A locator finds the chart library's instance behind
// a chart element, re-reads it with the reader's own adapter (so x values are normalized exactly as the
// evidence that cites them), and asks the library where point j of series i is drawn.
import type { ChartRead } from '@/lib/snapshot/adapter';
import { dateLabelsAsTime } from '@/lib/snapshot/date-labels';
import type { Series } from '@/lib/snapshot/schema';
import { categoryX, get, isObj, isoX } from '@/lib/snapshot/adapters/shared-read';
import { attrMatrix } from '@/lib/snapshot/adapters/svg/geometry';

/** One located mark, in page coordinates (CSS px from the document's top-left). */
export interface LocatedPoint {
  x: string | number;
  series: string;
  left: number;
  top: number;
}
export interface LocateResult {
  points: LocatedPoint[];
  method: string;
  notes: string[];
}

/** A point of the re-read chart that a cited x asks for. */
export interface Target {
  x: string | number;
  seriesIndex: number;
  pointIndex: number;
  series: string;
}

/** Where a library says a point is, relative to an element's top-left (client px). */
export type Pixel = { left: number; top: number } | null;

/** Marks for more points than this would hide the chart; evidence cites a handful. */
export const MAX_TARGETS = 50;

export function sameX(a: unknown, b: string | number): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  return false;
}

/** Matches cited x values to (series, point) indices of a read. With a series name only that series
 *  is searched; without one, the first series that has the x is marked (one ring a cited x). */
export function targetsFor(read: ChartRead, xs: ReadonlyArray<string | number>, series: string | undefined, notes: string[]): Target[] {
  const out: Target[] = [];
  let indices = read.series.map((_, i) => i);
  if (series !== undefined) {
    indices = indices.filter((i) => read.series[i].name === series);
    if (!indices.length) notes.push(`The chart has no series named "${series.slice(0, 80)}"; every series was searched.`);
    if (!indices.length) indices = read.series.map((_, i) => i);
  }
  // The snapshot gives formatted date labels ("Oct 10") as ISO dates (lib/snapshot/date-labels.ts);
  // the library still holds the labels, so a cited ISO date is looked up among them converted alike.
  let dated: Series[] | null | undefined;
  const seriesFor = (x: string | number): readonly Series[] => {
    if (typeof x !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(x)) return read.series;
    dated ??= dateLabelsAsTime(read.series, { year: Number(x.slice(0, 4)) });
    return dated ?? read.series;
  };
  for (const x of xs.slice(0, MAX_TARGETS)) {
    let found = false;
    const all = read.series.some((s) => s.points.some((p) => sameX(p.x, x))) ? read.series : seriesFor(x);
    for (const i of indices) {
      const j = all[i].points.findIndex((p) => sameX(p.x, x));
      if (j < 0) continue;
      out.push({ x, seriesIndex: i, pointIndex: j, series: read.series[i].name });
      found = true;
      break;
    }
    if (!found) notes.push(`No point at ${String(x).slice(0, 80)} on this chart.`);
  }
  return out;
}

/** Page coordinates of a point given relative to an element's top-left. */
export function toPage(win: Window, el: Element, px: Pixel): Pixel {
  if (!px || !Number.isFinite(px.left) || !Number.isFinite(px.top)) return null;
  const r = el.getBoundingClientRect();
  return { left: r.left + win.scrollX + px.left, top: r.top + win.scrollY + px.top };
}

/** Page coordinates of a client (viewport) position. */
export function clientToPage(win: Window, left: number, top: number): Pixel {
  if (!Number.isFinite(left) || !Number.isFinite(top)) return null;
  return { left: left + win.scrollX, top: top + win.scrollY };
}

/** Runs `pixelOf` for each target, each guarded: one point a library cannot place becomes a note. */
export function placeAll(targets: Target[], notes: string[], pixelOf: (t: Target) => Pixel): LocatedPoint[] {
  const out: LocatedPoint[] = [];
  for (const t of targets) {
    let p: Pixel = null;
    try {
      p = pixelOf(t);
    } catch (err) {
      notes.push(`Point ${String(t.x).slice(0, 80)} could not be placed: ${err instanceof Error ? err.message.slice(0, 120) : 'error'}`);
      continue;
    }
    if (p && Number.isFinite(p.left) && Number.isFinite(p.top)) out.push({ x: t.x, series: t.series, left: p.left, top: p.top });
    else notes.push(`The chart did not say where ${String(t.x).slice(0, 80)} is drawn.`);
  }
  return out;
}

/** Calls a page-provided method, or undefined when it is missing or throws. */
export function call(o: unknown, name: string, ...args: unknown[]): unknown {
  const fn = get(o, name);
  if (typeof fn !== 'function' || !isObj(o)) return undefined;
  try {
    return (fn as (...a: unknown[]) => unknown).apply(o, args);
  } catch {
    return undefined;
  }
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** True when a datum's field value is the cited x as the reader would have normalized it. */
export function valueIsX(v: unknown, x: string | number): boolean {
  if (v === null || v === undefined || isObj(v) && !(v instanceof Date)) return false;
  if (sameX(v, x)) return true;
  if (typeof x !== 'string') return false;
  if (v instanceof Date || typeof v === 'number' && /^\d{4}-/.test(x)) return isoX(v) === x;
  return categoryX(v) === x || (typeof v === 'string' && isoX(v) === x);
}

/** Which field of a datum (a data row object) holds the cited x, if any. */
export function datumHasX(d: unknown, x: string | number): boolean {
  if (!isObj(d) || Array.isArray(d)) return valueIsX(d, x);
  let keys: string[] = [];
  try { keys = Object.keys(d).slice(0, 50); } catch { return false; }
  return keys.some((k) => valueIsX(get(d, k), x));
}

/** Client (viewport) position of a point in an SVG element's own user space: the browser's screen
 *  matrix when laid out, else the attribute transforms up to the <svg> plus its box (no viewBox). */
export function svgToClient(el: Element, x: number, y: number): { left: number; top: number } | null {
  const withCtm = el as Element & { getScreenCTM?: () => DOMMatrix | null };
  const m = typeof withCtm.getScreenCTM === 'function' ? withCtm.getScreenCTM() : null;
  if (m) return { left: m.a * x + m.c * y + m.e, top: m.b * x + m.d * y + m.f };
  const svg = el.closest('svg');
  if (!svg) return null;
  const [a, b, c, d, e, f] = attrMatrix(el, svg);
  const r = svg.getBoundingClientRect();
  return { left: r.left + a * x + c * y + e, top: r.top + b * x + d * y + f };
}

/** Where a mark element is: the value end of a bar (its top; its right end for horizontal bars), the
 *  centre of anything else. Client px. */
export function markClient(el: Element, shape: 'bar' | 'hbar' | 'dot'): { left: number; top: number } {
  const r = el.getBoundingClientRect();
  if (shape === 'hbar') return { left: r.right, top: r.top + r.height / 2 };
  if (shape === 'bar') return { left: r.left + r.width / 2, top: r.top };
  return { left: r.left + r.width / 2, top: r.top + r.height / 2 };
}
