/**
 * Axis tick labels of an SVG chart: where each label sits, which labels form the x and the y axis, and
 * the pixel → value map of each (a least-squares line, log10 when that fits and the line does not).
 */
import { parseDateLabels } from '../../dates';
import { parseNumber } from '../../numbers';
import { apply, num, rotated, type Frame } from './geometry';

export interface Label {
  el: Element;
  text: string;
  /** The text's anchor point (x, y attributes) in chart coordinates: right-aligned y ticks share ax. */
  ax: number;
  ay: number;
  /** Estimated visual centre: where the tick is. */
  cx: number;
  cy: number;
  fontSize: number;
  rotated: boolean;
  anchor: 'start' | 'middle' | 'end';
}

export interface Axis {
  kind: 'number' | 'time' | 'category';
  labels: Label[];
  /** Along x for the horizontal axis, along y for the vertical one. */
  horizontal: boolean;
  unit?: string;
  log?: boolean;
  /** Every tick is a date without a time: values snap to whole days. */
  dateOnly?: boolean;
  /** Date ticks carried no year and none was on the page: this one was assumed. */
  assumedYear?: number;
  toValue(px: number): number;
  /** Category axes: the band nearest to px, or null when px is between bands. */
  toCategory(px: number): string | null;
  /** Tick values (numbers, or ms since the epoch for time). */
  min: number;
  max: number;
}

/** A text's font size: inline style or attribute on it or an ancestor, else a typical 12px. */
export function fontSize(el: Element, root: Element): number {
  for (let n: Element | null = el; n; n = n.parentElement) {
    const style = (n as HTMLElement).style?.fontSize || n.getAttribute('font-size') || '';
    const m = style.match(/^([\d.]+)(px)?$/);
    if (m) return Number(m[1]);
    if (n === root) break;
  }
  return 12;
}

function attrFirst(el: Element, name: string): string | null {
  const v = el.getAttribute(name);
  return v ? v.trim().split(/[\s,]+/)[0] : null;
}

function length(v: string | null, fs: number): number {
  if (!v) return 0;
  const n = parseFloat(v);
  if (!Number.isFinite(n)) return 0;
  return /em$/.test(v) ? n * fs : n;
}

function inheritedAttr(el: Element, root: Element, name: string): string | null {
  for (let n: Element | null = el; n; n = n.parentElement) {
    const v = (n as HTMLElement).style?.getPropertyValue(name) || n.getAttribute(name);
    if (v) return v.trim();
    if (n === root) break;
  }
  return null;
}

/** Every visible `<text>` of the chart with its position. */
export function readLabels(root: Element, frame: Frame): Label[] {
  const out: Label[] = [];
  for (const el of Array.from(root.querySelectorAll('text'))) {
    if (el.closest('defs,clipPath,mask,pattern,symbol,marker,[display="none"],[visibility="hidden"]')) continue;
    const tspans = Array.from(el.querySelectorAll('tspan'));
    const text = (tspans.length > 1 ? tspans.map((t) => t.textContent ?? '').join(' ') : el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 80) continue;
    const fs = fontSize(el, root);
    const first = el.hasAttribute('x') || !tspans.length ? el : tspans[0];
    const x = parseFloat(attrFirst(first, 'x') ?? '0') || 0;
    const y = parseFloat(attrFirst(first, 'y') ?? '0') || 0;
    const dx = length(attrFirst(el, 'dx') ?? attrFirst(tspans[0] ?? el, 'dx'), fs);
    const dy = length(attrFirst(el, 'dy') ?? attrFirst(tspans[0] ?? el, 'dy'), fs);
    const anchorAttr = inheritedAttr(el, root, 'text-anchor');
    const anchor = anchorAttr === 'middle' ? 'middle' : anchorAttr === 'end' ? 'end' : 'start';
    const baseline = inheritedAttr(el, root, 'dominant-baseline') ?? inheritedAttr(el, root, 'alignment-baseline') ?? '';
    const m = frame.matrix(el);
    const isRotated = rotated(m);
    const box = frame.bbox(el);
    let hx: number;
    let vy: number;
    if (box) {
      // Layout knows the glyphs: the box centre is where the label is drawn.
      hx = isRotated || anchor === 'middle' ? x + dx : box.x + box.width / 2;
      vy = box.y + box.height / 2;
    } else {
      // No layout: estimate the width from the characters and the middle from the baseline.
      const w = 0.58 * fs * text.length;
      hx = x + dx + (isRotated ? 0 : anchor === 'start' ? w / 2 : anchor === 'end' ? -w / 2 : 0);
      vy = y + dy - (/middle|central/.test(baseline) ? 0 : /hanging|text-before-edge/.test(baseline) ? -0.5 * fs : 0.35 * fs);
    }
    const [ax, ay] = apply(m, x + dx, y + dy);
    const [cx, cy] = apply(m, hx, vy);
    const scale = Math.hypot(m[0], m[1]) || 1;
    out.push({ el, text, ax, ay, cx, cy, fontSize: fs * scale, rotated: isRotated, anchor });
  }
  return out;
}

/** Groups items whose key differs by at most `tol` from the previous one. */
export function cluster<T>(items: readonly T[], key: (t: T) => number, tol: number): T[][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const groups: T[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && key(it) - key(g[g.length - 1]) <= tol) g.push(it);
    else groups.push([it]);
  }
  return groups;
}

interface Fit { a: number; b: number; maxErr: number }

function fitLine(ps: number[], vs: number[]): Fit | null {
  const n = ps.length;
  if (n < 2) return null;
  const mp = ps.reduce((s, p) => s + p, 0) / n;
  const mv = vs.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) { sxx += (ps[i] - mp) ** 2; sxy += (ps[i] - mp) * (vs[i] - mv); }
  if (sxx === 0) return null;
  const a = sxy / sxx;
  const b = mv - a * mp;
  const span = Math.max(...vs) - Math.min(...vs);
  if (!(span > 0) || a === 0) return null;
  const maxErr = Math.max(...ps.map((p, i) => Math.abs(a * p + b - vs[i]))) / span;
  return { a, b, maxErr };
}

/** Tolerated misfit of a tick against the fitted line, relative to the tick range. */
const MAX_FIT_ERROR = 0.02;

/** Makes an axis of a group of labels, or null when it is not one (fewer than two usable ticks,
 *  values that no line fits, ticks stacked on one spot). */
export interface AxisOptions {
  locale?: string;
  /** The year the chart or page names, for date ticks without one. */
  year?: number;
  /** The year to assume (and say so) when neither the ticks nor the page name one. */
  assumeYear?: number;
}

export function makeAxis(labels: Label[], horizontal: boolean, opts: AxisOptions): Axis | null {
  const pos = (l: Label) => (horizontal ? l.cx : l.cy);
  const sorted = [...labels].sort((a, b) => pos(a) - pos(b));
  if (sorted.length < 2 || pos(sorted[sorted.length - 1]) - pos(sorted[0]) < 10) return null;
  const numbers = sorted.map((l) => parseNumber(l.text, { locale: opts.locale }));
  const okNums = numbers.filter((n) => n.ok);
  const need = Math.max(2, Math.ceil(sorted.length * 0.75));
  const linear = (ps: number[], vs: number[], extra: Partial<Axis>): Axis | null => {
    let fit = fitLine(ps, vs);
    let log = false;
    if ((!fit || fit.maxErr > MAX_FIT_ERROR) && vs.every((v) => v > 0)) {
      const lf = fitLine(ps, vs.map(Math.log10));
      if (lf && lf.maxErr <= MAX_FIT_ERROR) { fit = lf; log = true; }
    }
    if (!fit || fit.maxErr > MAX_FIT_ERROR) return null;
    const { a, b } = fit;
    return {
      kind: 'number', labels: sorted, horizontal, log,
      toValue: (px) => (log ? 10 ** (a * px + b) : a * px + b),
      toCategory: () => null,
      min: Math.min(...vs), max: Math.max(...vs),
      ...extra,
    };
  };
  if (okNums.length >= need) {
    const ps: number[] = [];
    const vs: number[] = [];
    const units = new Map<string, number>();
    numbers.forEach((n, i) => {
      if (!n.ok) return;
      ps.push(pos(sorted[i])); vs.push(n.value);
      units.set(n.unit ?? '', (units.get(n.unit ?? '') ?? 0) + 1);
    });
    const unit = [...units].sort((x, y) => y[1] - x[1])[0][0] || undefined;
    return linear(ps, vs, unit ? { unit } : {});
  }
  let dates = parseDateLabels(sorted.map((l) => l.text), opts);
  let assumedYear: number | undefined;
  // Ticks like "Oct 1" on a page that names no year: a time axis in an assumed year (noted) reads
  // better than categories, which would snap points between ticks onto the wrong label.
  if (dates.filter(Boolean).length < need && opts.year === undefined && opts.assumeYear !== undefined) {
    const assumed = parseDateLabels(sorted.map((l) => l.text), { ...opts, year: opts.assumeYear });
    if (assumed.filter(Boolean).length >= need) { dates = assumed; assumedYear = opts.assumeYear; }
  }
  if (dates.filter(Boolean).length >= need) {
    const ps: number[] = [];
    const vs: number[] = [];
    dates.forEach((d, i) => {
      if (!d) return;
      const ms = Date.parse(d.length === 10 ? `${d}T00:00:00Z` : /[Z+-]\d*:?\d*$/.test(d.slice(10)) ? d : `${d}Z`);
      if (Number.isFinite(ms)) { ps.push(pos(sorted[i])); vs.push(ms); }
    });
    const axis = linear(ps, vs, { kind: 'time', dateOnly: dates.every((d) => !d || d.length === 10), ...(assumedYear ? { assumedYear } : {}) });
    return axis && !axis.log ? axis : null;
  }
  // Categories: bands centred on their labels.
  const centres = sorted.map(pos);
  const gaps = centres.slice(1).map((c, i) => c - centres[i]).filter((g) => g > 0);
  const spacing = gaps.length ? Math.min(...gaps) : 0;
  return {
    kind: 'category', labels: sorted, horizontal,
    toValue: () => NaN,
    toCategory(px) {
      let best = -1;
      let dist = Infinity;
      centres.forEach((c, i) => { const d = Math.abs(c - px); if (d < dist) { dist = d; best = i; } });
      return best >= 0 && dist <= Math.max(spacing * 0.6, 4) ? sorted[best].text : null;
    },
    min: NaN, max: NaN,
  };
}

/** Attribute-based bounding box of a simple shape in its own user space. */
export function shapeBox(el: Element): { x: number; y: number; width: number; height: number } | null {
  const tag = el.tagName.toLowerCase();
  if (tag === 'rect') return { x: num(el, 'x'), y: num(el, 'y'), width: num(el, 'width'), height: num(el, 'height') };
  if (tag === 'circle') { const r = num(el, 'r'); return { x: num(el, 'cx') - r, y: num(el, 'cy') - r, width: 2 * r, height: 2 * r }; }
  if (tag === 'ellipse') {
    const rx = num(el, 'rx');
    const ry = num(el, 'ry');
    return { x: num(el, 'cx') - rx, y: num(el, 'cy') - ry, width: 2 * rx, height: 2 * ry };
  }
  if (tag === 'line') {
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => num(el, a));
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
  }
  return null;
}
