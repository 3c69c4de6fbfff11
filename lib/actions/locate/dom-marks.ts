// Point locators for charts drawn as DOM: SVG marks that carry their data (D3's `__data__`, Vega's
// SVG scenegraph items) and tables. The position is the drawn mark itself, so it is exact wherever
// the mark is.
import { lineRows, pathVertices, readSvg } from '@/lib/snapshot/adapters/d3';
import { get, isObj } from '@/lib/snapshot/adapters/shared-read';
import { clientToPage, datumHasX, markClient, type LocatedPoint, type LocateResult, MAX_TARGETS, svgToClient } from './common';
import type { Locator } from './canvas-libs';

const MAX_MARKS = 5000;

/** The data row a mark stands for: D3 binds it directly; Vega's SVG renderer binds a scenegraph item
 *  whose row is `datum`. */
function rowOf(d: unknown): unknown {
  return isObj(d) && isObj(get(d, 'mark')) && isObj(get(d, 'datum')) ? get(d, 'datum') : d;
}

/** Bars drawn from a shared left edge (same x, different y) are horizontal. */
function horizontalBars(rect: Element): boolean {
  const sibs = Array.from(rect.parentElement?.children ?? []).filter((e) => e.tagName.toLowerCase() === rect.tagName.toLowerCase()).slice(0, 50);
  if (sibs.length < 2) return false;
  const lefts = new Set(sibs.map((s) => Math.round(s.getBoundingClientRect().left)));
  const tops = new Set(sibs.map((s) => Math.round(s.getBoundingClientRect().top)));
  return lefts.size === 1 && tops.size > 1;
}

export const locateBoundSvg: Locator = (win, el, xs, series) => {
  const svg = el.tagName.toLowerCase() === 'svg' ? el : el.querySelector('svg');
  if (!svg) return null;
  const marks = Array.from(svg.querySelectorAll('path, rect, circle, line, symbol, use')).slice(0, MAX_MARKS);
  if (!marks.some((m) => get(m, '__data__') !== undefined)) return null;
  const notes: string[] = [];
  // Series names as the reader gave them (D3 charts); a single series is named even without a match.
  let names: string[] = [];
  try { names = readSvg(svg as SVGSVGElement)?.series.map((s) => s.name) ?? []; } catch { /* Vega or unread: no names */ }
  const label = series ?? (names.length === 1 ? names[0] : '');
  const points: LocatedPoint[] = [];
  for (const x of xs.slice(0, MAX_TARGETS)) {
    const p = findMark(marks, x);
    if (p) points.push({ x, series: label, ...p.page(win) });
    else notes.push(`No mark bound to ${String(x).slice(0, 80)} on this chart.`);
  }
  return { points, method: 'svg marks: the element bound to the row (line vertex, bar end, dot centre)', notes };
};

interface Found { page(win: Window): { left: number; top: number } }

function findMark(marks: Element[], x: string | number): Found | null {
  // Lines first: a path bound to the rows has one vertex a row (an area: the top line first).
  for (const m of marks) {
    if (m.tagName.toLowerCase() !== 'path') continue;
    const rows = lineRows(get(m, '__data__'));
    if (!rows || rows.length < 2) continue;
    const j = rows.findIndex((r) => datumHasX(rowOf(r), x));
    if (j < 0) continue;
    const verts = pathVertices(m.getAttribute('d') ?? '');
    if (verts.length !== rows.length && verts.length !== rows.length * 2) continue;
    const c = svgToClient(m, verts[j][0], verts[j][1]);
    if (c) return { page: (win) => clientToPage(win, c.left, c.top) ?? { left: NaN, top: NaN } };
  }
  for (const m of marks) {
    const d = get(m, '__data__');
    if (!isObj(d) || Array.isArray(d) || !datumHasX(rowOf(d), x)) continue;
    const tag = m.tagName.toLowerCase();
    const bar = tag === 'rect' || tag === 'path' && isObj(get(d, 'mark')) && get(d, 'mark', 'marktype') === 'rect';
    const c = markClient(m, bar ? (horizontalBars(m) ? 'hbar' : 'bar') : 'dot');
    return { page: (win) => clientToPage(win, c.left, c.top) ?? { left: NaN, top: NaN } };
  }
  return null;
}

const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Tables: the cited row's cell in the series' column (its label cell when no column matches). */
export function locateTable(win: Window, el: Element, xs: ReadonlyArray<string | number>, series?: string): LocateResult | null {
  const rows = Array.from(el.querySelectorAll('tr, [role="row"]')).slice(0, 5000);
  if (!rows.length) return null;
  const cellsOf = (r: Element) => Array.from(r.querySelectorAll(':scope > th, :scope > td, :scope > [role="cell"], :scope > [role="gridcell"], :scope > [role="rowheader"], :scope > [role="columnheader"]'));
  const header = cellsOf(rows[0]).map((c) => norm(c.textContent));
  const col = series !== undefined ? header.findIndex((h) => h === norm(series) || h.startsWith(`${norm(series)} `)) : -1;
  const notes: string[] = [];
  const points: LocatedPoint[] = [];
  for (const x of xs.slice(0, MAX_TARGETS)) {
    const want = norm(String(x));
    const row = rows.slice(1).find((r) => cellsOf(r).some((c) => norm(c.textContent) === want));
    if (!row) { notes.push(`No row labelled ${want.slice(0, 80)} in this table.`); continue; }
    const cells = cellsOf(row);
    const cell = (col >= 0 ? cells[col] : undefined) ?? cells.find((c) => norm(c.textContent) === want)!;
    const c = markClient(cell, 'dot');
    const p = clientToPage(win, c.left, c.top);
    if (p) points.push({ x, series: series ?? '', ...p });
  }
  return { points, method: 'table: the row\u2019s cell', notes };
}
