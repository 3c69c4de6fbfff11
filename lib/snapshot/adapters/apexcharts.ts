import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { errorText, readEach, queryAll } from '../adapter';
import type { ChartKind, Point, Series } from '../schema';
import { getApexRegistry } from '../hooks/apexcharts-hook';
import {
  at, categoryX, datesAsTime, firstUnit, get, isObj, isoX, list, must, pt, scaleY, text,
  unitFromFormatter, unitFromLabel, unitFromShown, type UnitGuess,
} from './shared-read';

// ApexCharts (v3–v5). A chart with `chart.id` is in `Apex._chartInstances` ([{ id, group, chart }],
// also reachable by `ApexCharts.getChartByID`), and is read from `w.config` (the page's series and
// labels) plus the parsed state: `w.seriesData.seriesX` / `w.labelData.labels` in v5,
// `w.globals.seriesX` / `w.globals.labels` before (v5 keeps them as aliases). A chart without an id is
// in no registry: only its SVG is left, and bars (`val`), pie slices (`data:value`) and heatmap cells
// carry their exact values as attributes, named by the series groups' `seriesName` and the legend.

type XType = 'time' | 'category' | 'number';

export function registered(win: unknown): unknown[] {
  const out: unknown[] = [];
  const reg = list(get(win, 'Apex', '_chartInstances'));
  for (let i = 0; reg && i < reg.length; i++) {
    const c = get(at(reg, i), 'chart');
    if (isObj(c) && !out.includes(c)) out.push(c);
  }
  // Charts without an id, recorded by the page hook (lib/snapshot/hooks/apexcharts-hook.ts).
  for (const c of getApexRegistry(win) ?? []) if (!out.includes(c)) out.push(c);
  return out;
}

export function elementOf(chart: unknown): Element | undefined {
  const el = get(chart, 'el');
  return isObj(el) && typeof get(el, 'getAttribute') === 'function' ? (el as unknown as Element) : undefined;
}

export const apexcharts: Adapter = {
  id: 'apexcharts',
  world: 'main',
  detect(ctx) {
    return queryAll(ctx, '.apexcharts-canvas').length > 0;
  },
  read(ctx: ReadContext) {
    const targets = new Map<Element, unknown>();
    for (const chart of registered(ctx.window)) {
      const el = elementOf(chart);
      if (el && el.isConnected && !targets.has(el)) targets.set(el, chart);
    }
    // Charts without an id: their drawn SVG, unless a registered chart already covers it.
    const known = [...targets.keys()];
    for (const canvas of queryAll(ctx, '.apexcharts-canvas')) {
      if (known.some((k) => k.contains(canvas))) continue;
      const host = canvas.parentElement ?? canvas;
      if (!targets.has(host)) targets.set(host, null);
    }
    return readEach(targets.keys(), ctx, 'apexcharts', (el) => {
      const chart = targets.get(el);
      return chart ? readApexChart(chart) : readApexSvg(el);
    });
  },
};

/** Reads one ApexCharts instance (registry entry, react-apexcharts `chart`, vue3-apexcharts `chart`)
 *  from its config and parsed state. The element is `chart.el`. Throws when it is not an ApexCharts
 *  chart; a series that cannot be read becomes a note. */
export function readApexChart(chart: unknown): ChartRead {
  const element = elementOf(chart);
  if (!element) throw new Error('not an ApexCharts chart (no el)');
  const w = must(chart, 'w'); // a throwing getter surfaces as the chart's note
  if (!isObj(w)) throw new Error('not an ApexCharts chart (no w)');
  const config = must(w, 'config');
  if (!isObj(config)) throw new Error('the chart has no config');
  const globals = get(w, 'globals');
  const type = String(get(config, 'chart', 'type') ?? 'line');
  const horizontal = get(config, 'plotOptions', 'bar', 'horizontal') === true;
  const rawSeries = list(must(config, 'series')) ?? [];
  // ApexCharts fills its defaults in: `xaxis.categories` and `labels` are `[]` when the page gave none,
  // which would hide the other (x from `labels: [dates]` came out empty). An empty list is no list.
  const filled = (v: unknown) => { const l = list(v); return l && l.length ? l : null; };
  const labels = filled(get(config, 'labels')) ?? filled(get(w, 'labelData', 'labels')) ?? filled(get(globals, 'labels'));
  const categories = filled(get(config, 'xaxis', 'categories'));
  const xaxisType = String(get(config, 'xaxis', 'type') ?? 'category');
  const seriesX = list(get(w, 'seriesData', 'seriesX')) ?? list(get(globals, 'seriesX'));
  const notes: string[] = [];
  const series: Series[] = [];
  const kinds: ChartKind[] = [];
  const isPie = /^(pie|donut|polarArea|radialBar)$/.test(type);
  let xType: XType = isPie ? 'category' : xaxisType === 'datetime' ? 'time' : xaxisType === 'numeric' ? 'number' : 'category';

  if (isPie) {
    // Pie-like series are plain numbers, one a slice, named by config.labels.
    const points: Point[] = [];
    for (let j = 0; j < rawSeries.length; j++) {
      points.push(pt(labels ? categoryX(at(labels, j)) : `Slice ${j + 1}`, at(rawSeries, j)));
    }
    kinds.push('pie');
    series.push({ name: text(get(config, 'title', 'text')) ?? 'Share', points });
  } else {
    for (let i = 0; i < rawSeries.length; i++) {
      const s = at(rawSeries, i);
      const name = text(get(s, 'name')) ?? `Series ${i + 1}`;
      try {
        kinds.push(kindOf(String(get(s, 'type') ?? type)));
        const data = list(must(s, 'data')) ?? [];
        const sx = seriesX ? list(at(seriesX, i)) : null;
        const points: Point[] = [];
        for (let j = 0; j < data.length; j++) {
          const d = at(data, j);
          let xv: unknown = categories ? at(categories, j) : labels ? at(labels, j) : sx ? at(sx, j) : j + 1;
          let yv: unknown = d;
          const pair = list(d);
          if (pair) { xv = at(pair, 0); yv = at(pair, 1); } else if (isObj(d)) { xv = get(d, 'x'); yv = get(d, 'y'); }
          points.push(pt(xOf(xv, xType), list(yv) ? at(list(yv)!, list(yv)!.length - 1) : yv));
        }
        series.push({ name, points });
      } catch (err) {
        notes.push(`Series "${name}" could not be read: ${errorText(err)}`);
      }
    }
  }
  if (xType === 'category' && !isPie && series.some((s) => s.points.length) && series.every((s) => datesAsTime(s.points))) xType = 'time';

  const yaxis = list(get(config, 'yaxis')) ? at(list(get(config, 'yaxis'))!, 0) : get(config, 'yaxis');
  // Horizontal bars show values along the x axis, so the value formatter is xaxis.labels'.
  const valueFormatter = horizontal ? get(config, 'xaxis', 'labels', 'formatter') : get(yaxis, 'labels', 'formatter');
  const yLabel = isPie ? undefined : text(get(horizontal ? get(config, 'xaxis') : yaxis, 'title', 'text'));
  const xLabel = isPie ? undefined : text(get(horizontal ? yaxis : get(config, 'xaxis'), 'title', 'text'));
  const unit: UnitGuess = isPie ? {} : firstUnit(
    unitFromFormatter(valueFormatter, undefined, (v) => [v, { seriesIndex: 0, dataPointIndex: 0, w }]),
    unitFromFormatter(get(config, 'tooltip', 'y', 'formatter'), undefined, (v) => [v, { seriesIndex: 0, dataPointIndex: 0, w }]),
    unitFromLabel(yLabel),
  );
  for (const s of series) scaleY(s.points, unit.scale);

  const read: ChartRead = {
    element, kind: kinds[0] ?? kindOf(type), source: 'apexcharts', exact: true,
    x: { type: xType, ...(xLabel ? { label: xLabel } : {}) },
    series,
  };
  const title = text(get(config, 'title', 'text'));
  if (title) read.title = title;
  if (yLabel || unit.unit) read.y = { ...(yLabel ? { label: yLabel } : {}), ...(unit.unit ? { unit: unit.unit } : {}) };
  if (notes.length) read.notes = notes;
  return read;
}

function kindOf(type: string): ChartKind {
  switch (type) {
    case 'line': return 'line';
    case 'area': case 'rangeArea': return 'area';
    case 'bar': case 'column': case 'rangeBar': case 'boxPlot': case 'candlestick': return 'bar';
    case 'pie': case 'donut': case 'polarArea': case 'radialBar': return 'pie';
    case 'scatter': case 'bubble': return 'scatter';
    default: return 'other';
  }
}

function xOf(v: unknown, type: XType): string | number {
  if (type === 'time') return isoX(v) ?? categoryX(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : categoryX(v);
  return categoryX(v);
}

function attr(el: Element, name: string): string | null {
  try { return el.getAttribute(name); } catch { return null; }
}

/** Label texts without their <title> tooltips (Apex repeats each label in one). */
function labelTexts(root: Element, selector: string): string[] {
  return Array.from(root.querySelectorAll(selector), (t) => {
    let s = '';
    for (const n of Array.from(t.childNodes)) if ((n as Element).tagName?.toLowerCase() !== 'title') s += n.textContent ?? '';
    return s.replace(/\s+/g, ' ').trim();
  });
}

/** A chart without an id, from its SVG: bar paths carry `val`, `j` (point) and `index` (series); pie
 *  slices `data:value` and `j`; heatmap cells `val`. Lines and areas keep only path geometry, so
 *  they are left to the SVG reader (returns null: the element stays unclaimed). */
export function readApexSvg(host: Element): ChartRead | null {
  const svg = host.querySelector('.apexcharts-canvas svg, svg.apexcharts-svg') ?? host.querySelector('svg');
  if (!svg) return null;
  const legend = labelTexts(host, '.apexcharts-legend-text');
  const title = text(host.querySelector('.apexcharts-title-text')?.textContent);

  const slices = Array.from(svg.querySelectorAll('.apexcharts-pie-area[data\\:value], .apexcharts-pie-area'));
  if (slices.length) {
    const points: Point[] = [];
    for (const s of slices) {
      const j = Number(attr(s, 'j') ?? points.length);
      const name = legend[j] ?? text(s.closest('[seriesName]')?.getAttribute('seriesName')) ?? `Slice ${j + 1}`;
      points[j] = pt(name, attr(s, 'data:value'));
    }
    const read: ChartRead = {
      element: host, kind: 'pie', source: 'apexcharts', exact: true, x: { type: 'category' },
      series: [{ name: 'Share', points: points.filter(Boolean) }],
    };
    if (title) read.title = title;
    return read;
  }

  const cells = Array.from(svg.querySelectorAll('.apexcharts-bar-area[val], .apexcharts-heatmap-rect[val], [val][j]'));
  if (!cells.length) return null;
  const isHeat = cells[0].classList.contains('apexcharts-heatmap-rect');
  const xLabels = labelTexts(svg, '.apexcharts-xaxis-label');
  const yLabels = labelTexts(svg, '.apexcharts-yaxis-label');
  const bySeries = new Map<number, { name: string; points: Point[] }>();
  let maxJ = 0;
  for (const c of cells) {
    const i = Number(attr(c, 'index') ?? attr(c.closest('[data\\:realIndex]') ?? c, 'data:realIndex') ?? 0) || 0;
    const j = Number(attr(c, 'j') ?? 0) || 0;
    maxJ = Math.max(maxJ, j);
    let s = bySeries.get(i);
    if (!s) {
      // The legend shows the name as written; `seriesName` is an escaped copy for attributes.
      const name = legend[i] || text(c.closest('[seriesName]')?.getAttribute('seriesName')) || `Series ${i + 1}`;
      s = { name, points: [] };
      bySeries.set(i, s);
    }
    s.points[j] = pt(String(j), attr(c, 'val'));
  }
  // Category names: the axis that has one label per point (x for columns, y for horizontal bars).
  const n = maxJ + 1;
  const cats = xLabels.length === n ? xLabels : yLabels.length === n ? yLabels : null;
  const horizontal = cats !== null && cats === yLabels;
  const series: Series[] = [];
  for (const [, s] of [...bySeries].sort((a, b) => a[0] - b[0])) {
    const points: Point[] = [];
    for (let j = 0; j < s.points.length; j++) {
      const p = s.points[j];
      if (p) points.push({ x: cats?.[j] ?? String(j + 1), y: p.y });
    }
    series.push({ name: s.name, points });
  }
  const timeAxis = series.some((s) => s.points.length) && series.every((s) => datesAsTime(s.points));
  const valueLabels = horizontal ? xLabels : yLabels;
  let unit: UnitGuess = {};
  for (const t of valueLabels) { unit = unitFromShown(t); if (unit.unit) break; }
  const read: ChartRead = {
    element: host, kind: isHeat ? 'other' : 'bar', source: 'apexcharts', exact: true,
    x: { type: timeAxis ? 'time' : 'category' },
    series,
  };
  if (!cats) read.notes = ['The category names of this chart were not found; points are numbered.'];
  if (title) read.title = title;
  if (unit.unit && !isHeat) read.y = { unit: unit.unit };
  return read;
}
