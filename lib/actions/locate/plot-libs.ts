// Point locators for Plotly, uPlot and ApexCharts: the library's own value-to-pixel mapping (Plotly
// axes, uPlot valToPos) or the marks it drew and numbered (ApexCharts).
import { elementOf, readApexChart, readApexSvg, registered } from '@/lib/snapshot/adapters/apexcharts';
import { readPlotlyGraph } from '@/lib/snapshot/adapters/plotly';
import { at, get, isObj, list, text } from '@/lib/snapshot/adapters/shared-read';
import { getUPlotRegistry } from '@/lib/snapshot/hooks/uplot-hook';
import { isUPlot, readUPlotInstance } from '@/lib/snapshot/adapters/uplot/read';
import { call, clientToPage, markClient, num, placeAll, svgToClient, targetsFor, toPage } from './common';
import { libraryIndex, type Locator } from './canvas-libs';

/** A Plotly axis position: `d2p` where the build has it, else data → linear → pixel. */
function plotlyPixel(ax: unknown, v: unknown): number | undefined {
  return num(call(ax, 'd2p', v)) ?? num(call(ax, 'l2p', call(ax, 'd2l', v))) ?? num(call(ax, 'c2p', call(ax, 'd2c', v)));
}

export const locatePlotly: Locator = (win, el, xs, series) => {
  const gd = el.classList.contains('js-plotly-plot') ? el : el.querySelector('.js-plotly-plot') ?? el.closest('.js-plotly-plot');
  const fullLayout = get(gd, '_fullLayout');
  if (!gd || !isObj(fullLayout)) return null;
  const notes: string[] = [];
  const read = readPlotlyGraph(gd);
  const traces = list(get(gd, '_fullData')) ?? list(get(gd, 'data')) ?? [];
  const names = Array.from({ length: traces.length }, (_, i) => text(get(at(traces, i), 'name')));
  // Plot coordinates start at the paper's corner (the first .main-svg), the graph div's own box.
  const paper = gd.querySelector('.main-svg') ?? gd;
  const points = placeAll(targetsFor(read, xs, series, notes), notes, (t) => {
    const tr = at(traces, libraryIndex(names, t.series, t.seriesIndex));
    const xa = get(fullLayout, `xaxis${String(get(tr, 'xaxis') ?? 'x').slice(1)}`);
    const ya = get(fullLayout, `yaxis${String(get(tr, 'yaxis') ?? 'y').slice(1)}`);
    const xv = at(list(get(tr, 'x')) ?? [], t.pointIndex);
    const yv = at(list(get(tr, 'y')) ?? [], t.pointIndex);
    const px = plotlyPixel(xa, xv);
    const py = plotlyPixel(ya, yv);
    const ox = num(get(xa, '_offset'));
    const oy = num(get(ya, '_offset'));
    if (px === undefined || py === undefined || ox === undefined || oy === undefined) return null;
    return toPage(win, paper, { left: ox + px, top: oy + py });
  });
  return { points, method: 'plotly: _fullLayout axis d2p + _offset', notes };
};

export const locateUPlot: Locator = (win, el, xs, series) => {
  const registry = getUPlotRegistry(win as Window & typeof globalThis);
  const root = el.classList.contains('uplot') ? el : el.querySelector('.uplot');
  const u = root ? registry?.get(root) : undefined;
  if (!root || u === undefined || !isUPlot(u)) return null;
  const notes: string[] = [];
  const read = readUPlotInstance(u);
  const over = get(u, 'over');
  const box = isObj(over) && typeof get(over, 'getBoundingClientRect') === 'function' ? (over as unknown as Element) : root.querySelector('.u-over');
  if (!box) return { points: [], method: 'uplot', notes: ['The plot has no drawing area to measure.'] };
  const data = list(get(u, 'data')) ?? [];
  const scatter = get(u, 'mode') === 2;
  const points = placeAll(targetsFor(read, xs, series, notes), notes, (t) => {
    // series[0] is the x series; the reader's series k is uPlot's series k + 1.
    const si = t.seriesIndex + 1;
    const xsRaw = scatter ? list(get(at(data, si), 0)) : list(at(data, 0));
    const ysRaw = scatter ? list(get(at(data, si), 1)) : list(at(data, si));
    const xv = xsRaw ? at(xsRaw, t.pointIndex) : undefined;
    const yv = ysRaw ? at(ysRaw, t.pointIndex) : undefined;
    if (typeof xv !== 'number' || typeof yv !== 'number') return null;
    const scale = String(get(u, 'series', si, 'scale') ?? 'y');
    const left = num(call(u, 'valToPos', xv, 'x'));
    const top = num(call(u, 'valToPos', yv, scale));
    return left === undefined || top === undefined ? null : toPage(win, box, { left, top });
  });
  return { points, method: 'uplot: valToPos(x, "x"), valToPos(y, scale) + over', notes };
};

export const locateApex: Locator = (win, el, xs, series) => {
  const chart = registered(win).find((c) => {
    const box = elementOf(c);
    return box !== undefined && (box === el || box.contains(el) || el.contains(box));
  });
  const canvas = el.querySelector('.apexcharts-canvas') ?? el.closest('.apexcharts-canvas');
  if (!chart && !canvas) return null;
  const notes: string[] = [];
  const read = chart ? readApexChart(chart) : readApexSvg(el);
  if (!read) return null;
  const root = canvas ?? el;
  const horizontal = get(chart, 'w', 'config', 'plotOptions', 'bar', 'horizontal') === true;
  const slices = Array.from(root.querySelectorAll('path.apexcharts-pie-area'));
  const points = placeAll(targetsFor(read, xs, series, notes), notes, (t) => {
    // Pies and donuts: one slice path per point, numbered j, with its angles as attributes.
    if (slices.length) {
      const slice = slices.find((s) => s.getAttribute('j') === String(t.pointIndex));
      const c = slice ? sliceClient(slices, slice) : null;
      return c ? clientToPage(win, c.left, c.top) : null;
    }
    const group = apexSeriesGroup(root, t.series, t.seriesIndex);
    // Bars are paths numbered j; markers (when shown) are circles with rel = j.
    const mark = group && Array.from(group.querySelectorAll('path[j], circle[rel]')).find((m) =>
      m.getAttribute('j') === String(t.pointIndex) || m.getAttribute('rel') === String(t.pointIndex));
    if (mark) {
      const c = markClient(mark, mark.tagName.toLowerCase() === 'circle' ? 'dot' : horizontal ? 'hbar' : 'bar');
      return clientToPage(win, c.left, c.top);
    }
    // Lines without markers: the positions ApexCharts keeps for its tooltip, in the inner plot group.
    const gx = num(get(chart, 'w', 'globals', 'seriesXvalues', t.seriesIndex, t.pointIndex));
    const gy = num(get(chart, 'w', 'globals', 'seriesYvalues', t.seriesIndex, t.pointIndex));
    const inner = root.querySelector('.apexcharts-inner');
    const c = gx !== undefined && gy !== undefined && inner ? svgToClient(inner, gx, gy) : null;
    return c ? clientToPage(win, c.left, c.top) : null;
  });
  return { points, method: 'apexcharts: numbered SVG marks (tooltip positions for lines)', notes };
};

function apexSeriesGroup(root: Element, name: string, index: number): Element | null {
  const groups = Array.from(root.querySelectorAll('.apexcharts-series[data\\:realIndex], .apexcharts-series[seriesName]'));
  return groups.find((g) => g.getAttribute('seriesName') === name.replace(/\s+/g, 'x'))
    ?? groups.find((g) => g.getAttribute('data:realIndex') === String(index)) ?? null;
}

/** The middle of a pie slice, three quarters out from the centre (inside a donut's ring too): the
 *  slices together span the whole circle, and ApexCharts keeps each slice's angles in degrees
 *  clockwise from twelve o'clock. */
export function sliceClient(slices: Element[], slice: Element): { left: number; top: number } | null {
  const attr = (name: string) => parseFloat(slice.getAttribute(name) ?? ''); // a missing one is NaN, not 0
  const [start, angle] = [attr('data:startAngle'), attr('data:angle')];
  if (!Number.isFinite(start) || !Number.isFinite(angle)) return null;
  const rects = slices.map((s) => s.getBoundingClientRect());
  const [l, t] = [Math.min(...rects.map((r) => r.left)), Math.min(...rects.map((r) => r.top))];
  const [r, b] = [Math.max(...rects.map((x) => x.right)), Math.max(...rects.map((x) => x.bottom))];
  const radius = Math.max(r - l, b - t) / 2;
  if (!(radius > 0)) return null;
  const mid = ((start + angle / 2) * Math.PI) / 180;
  return { left: (l + r) / 2 + 0.75 * radius * Math.sin(mid), top: (t + b) / 2 - 0.75 * radius * Math.cos(mid) };
}
