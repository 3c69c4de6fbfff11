// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Chart, registerables } from 'chart.js';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { chartjs, readChartJsInstance } from '@/lib/snapshot/adapters/chartjs';

// Real Chart.js 4 runs in jsdom once the canvas has a 2D context: a no-op context is enough since
// the adapter reads the chart's data and options, never pixels.
function canvas(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  const ctx2d: object = new Proxy({}, {
    get: (_t, k) => (k === 'measureText' ? () => ({ width: 10 }) : k === 'canvas' ? c : () => undefined),
    set: () => true,
  });
  Object.defineProperty(c, 'getContext', { value: () => ctx2d });
  document.body.appendChild(c);
  return c;
}

function ctxFor(win: Window & typeof globalThis): ReadContext {
  return { window: win, document: win.document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

// A fresh object per chart: Chart.js writes resolved scales into the options object it is given.
const opts = () => ({ responsive: false, animation: false }) as const;

beforeAll(() => Chart.register(...registerables));
afterEach(() => {
  for (const [id, c] of Object.entries(Chart.instances)) {
    try { c.destroy(); } catch { delete (Chart.instances as Record<string, unknown>)[id]; }
  }
  document.body.innerHTML = '';
  delete (window as { Chart?: unknown }).Chart;
});

describe('chartjs adapter, Chart.js 4 (real library)', () => {
  it('finds charts through window.Chart.instances and reads a category line with % ticks and a title', async () => {
    (window as { Chart?: unknown }).Chart = Chart;
    const el = canvas();
    new Chart(el, {
      type: 'line',
      data: { labels: ['Mon', 'Tue', 'Wed'], datasets: [{ label: 'Activation', data: [41.2, null, NaN] }] },
      options: {
        ...opts(),
        plugins: { title: { display: true, text: 'Activation rate' } },
        scales: { y: { title: { display: true, text: 'Rate' }, ticks: { callback: (v) => `${v}%` } }, x: { title: { display: true, text: 'Day' } } },
      },
    });
    const ctx = ctxFor(window);
    expect(chartjs.detect(ctx)).toBe(true);
    const [read] = await chartjs.read(ctx);
    expect(read.element).toBe(el);
    expect(read).toMatchObject({
      title: 'Activation rate', kind: 'line', source: 'chartjs', exact: true,
      x: { type: 'category', label: 'Day' }, y: { label: 'Rate', unit: '%' },
    });
    expect(read.series).toEqual([{ name: 'Activation', points: [{ x: 'Mon', y: 41.2 }, { x: 'Tue', y: null }, { x: 'Wed', y: null }] }]);
  });

  it('treats ISO date labels on a category axis as a time axis', () => {
    const c = new Chart(canvas(), {
      type: 'line',
      data: { labels: ['2026-10-09', '2026-10-10'], datasets: [{ label: 'Users', data: [10, 12], fill: true }] },
      options: opts(),
    });
    const read = readChartJsInstance(c);
    expect(read.kind).toBe('area');
    expect(read.x).toEqual({ type: 'time' });
    expect(read.series[0].points).toEqual([{ x: '2026-10-09', y: 10 }, { x: '2026-10-10', y: 12 }]);
    expect(read.title).toBeUndefined();
  });

  it('reads stacked bars, {x,y} objects, custom parsing keys and fractions shown as percent', () => {
    const c = new Chart(canvas(), {
      type: 'bar',
      data: {
        labels: ['iOS', 'Android'],
        datasets: [
          { label: 'Week 1', data: [0.1, 0.2] },
          { label: 'Week 2', data: [{ x: 'iOS', y: 0.3 }, { x: 'Android', y: 0.4 }] },
          { label: 'Week 3', data: [{ k: 'iOS', v: 0.5 }], parsing: { xAxisKey: 'k', yAxisKey: 'v' } },
        ],
      },
      options: {
        ...opts(),
        scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: (v) => `${Math.round(Number(v) * 100)}%` } } },
      },
    });
    const read = readChartJsInstance(c);
    expect(read.kind).toBe('bar');
    expect(read.y).toEqual({ unit: '%' });
    expect(read.series.map((s) => s.points)).toEqual([
      [{ x: 'iOS', y: 10 }, { x: 'Android', y: 20 }],
      [{ x: 'iOS', y: 30 }, { x: 'Android', y: 40 }],
      [{ x: 'iOS', y: 50 }],
    ]);
  });

  it('reads horizontal bars with the category as x, and a $ value axis as USD', () => {
    const c = new Chart(canvas(), {
      type: 'bar',
      data: { labels: ['Search', 'Social'], datasets: [{ label: 'Spend', data: [1200, 800] }] },
      options: { ...opts(), indexAxis: 'y', scales: { x: { ticks: { callback: (v) => `$${v}` } } } },
    });
    const read = readChartJsInstance(c);
    expect(read).toMatchObject({ kind: 'bar', x: { type: 'category' }, y: { unit: 'USD' } });
    expect(read.series[0].points).toEqual([{ x: 'Search', y: 1200 }, { x: 'Social', y: 800 }]);
  });

  it('reads doughnut slices by label and a scatter on a linear x', () => {
    const d = new Chart(canvas(), {
      type: 'doughnut',
      data: { labels: ['Paid', 'Organic'], datasets: [{ label: 'Share', data: [60, 40] }] },
      options: opts(),
    });
    expect(readChartJsInstance(d)).toMatchObject({
      kind: 'pie', x: { type: 'category' }, series: [{ name: 'Share', points: [{ x: 'Paid', y: 60 }, { x: 'Organic', y: 40 }] }],
    });
    const s = new Chart(canvas(), {
      type: 'scatter', data: { datasets: [{ label: 'S', data: [{ x: 1.5, y: 2 }, { x: 3, y: 4 }] }] }, options: opts(),
    });
    expect(readChartJsInstance(s)).toMatchObject({ kind: 'scatter', x: { type: 'number' }, series: [{ points: [{ x: 1.5, y: 2 }, { x: 3, y: 4 }] }] });
  });

  it('reads parsing:false data and finds charts through Chart.getChart when instances is empty', async () => {
    const el = canvas();
    const c = new Chart(el, {
      type: 'line',
      data: { datasets: [{ label: 'P', data: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] },
      options: { ...opts(), parsing: false, scales: { x: { type: 'linear' } } },
    });
    expect(readChartJsInstance(c).series[0].points).toEqual([{ x: 0, y: 1 }, { x: 1, y: 2 }]);
    // A page whose registry object is hidden but getChart works.
    const fakeChart = { instances: { stale: {} }, getChart: (cv: Element) => Chart.getChart(cv as HTMLCanvasElement) };
    (window as { Chart?: unknown }).Chart = fakeChart;
    const reads = await chartjs.read(ctxFor(window));
    expect(reads.map((r) => r.element)).toEqual([el]);
  });

  it('turns a dataset whose data getter throws into a note, and keeps the other datasets', () => {
    const c = new Chart(canvas(), {
      type: 'line', data: { labels: ['a'], datasets: [{ label: 'ok', data: [1] }, { label: 'bad', data: [2] }] }, options: opts(),
    });
    // A page object may carry hostile getters; the chart must still come back.
    const ds = c.data.datasets[1];
    Object.defineProperty(ds, 'data', { get() { throw new Error('boom'); } });
    const read = readChartJsInstance(c);
    expect(read.series).toEqual([{ name: 'ok', points: [{ x: 'a', y: 1 }] }]);
    expect(read.notes?.[0]).toMatch(/bad.*boom/);
  });

  it('turns a chart whose data getter throws into a chart with a note beside a chart that works', async () => {
    const good = canvas();
    new Chart(good, { type: 'bar', data: { labels: ['a'], datasets: [{ label: 'g', data: [3] }] }, options: opts() });
    const badCanvas = canvas();
    const bad = new Chart(badCanvas, { type: 'bar', data: { labels: ['a'], datasets: [] }, options: opts() });
    Object.defineProperty(bad, 'data', { get() { throw new Error('nope'); } });
    (window as { Chart?: unknown }).Chart = Chart;
    const reads = await chartjs.read(ctxFor(window));
    expect(reads).toHaveLength(2);
    expect(reads.find((r) => r.element === good)?.series[0].points).toEqual([{ x: 'a', y: 3 }]);
    expect(reads.find((r) => r.element === badCanvas)?.notes?.[0]).toMatch(/nope/);
  });
});

describe('chartjs adapter, Chart.js 2 and time scales (instance shapes)', () => {
  it('reads a v2 instance from Chart.instances: options.title, xAxes/yAxes arrays, a time scale of ms', async () => {
    // Shape of a Chart.js 2.9 instance: Chart.instances = { [id]: chart }, chart.canvas, chart.config.type,
    // chart.data, chart.options.title, chart.options.scales.{x,y}Axes[] (scaleLabel, ticks.callback).
    const el = canvas();
    const day = Date.UTC(2026, 9, 10);
    const v2 = {
      id: 0, canvas: el, ctx: {},
      config: { type: 'line' },
      data: { datasets: [{ label: 'Sessions', data: [{ x: day, y: 5 }, { t: 0, x: day + 86_400_000, y: 6 }] }] },
      options: {
        title: { display: true, text: ['Sessions', 'per day'] },
        scales: {
          xAxes: [{ type: 'time', scaleLabel: { display: true, labelString: 'Date' } }],
          yAxes: [{ ticks: { callback: (v: number) => `${v}%` } }],
        },
      },
    };
    (window as { Chart?: unknown }).Chart = Object.assign(function ChartV2() {}, { instances: { 0: v2 } });
    const [read] = await chartjs.read(ctxFor(window));
    expect(read).toMatchObject({
      title: 'Sessions per day', kind: 'line', x: { type: 'time', label: 'Date' }, y: { unit: '%' },
      series: [{ name: 'Sessions', points: [{ x: '2026-10-10', y: 5 }, { x: '2026-10-11', y: 6 }] }],
    });
  });

  it('reads a v3 time scale with date-string labels and [x, y] arrays', () => {
    // Shape of a v3/v4 chart on a time scale (needs a date adapter in a real page): scales.x.type 'time'.
    const shape = {
      canvas: canvas(), config: { type: 'line' },
      data: {
        labels: ['2026-10-10 00:00', '2026-10-10T12:30:00Z'],
        datasets: [{ label: 'A', data: [1, 2] }, { label: 'B', data: [[Date.UTC(2026, 9, 12), 3]] }],
      },
      options: {},
      scales: { x: { type: 'time', axis: 'x', options: {} }, y: { type: 'linear', axis: 'y', options: {} } },
    };
    const read = readChartJsInstance(shape);
    expect(read.x).toEqual({ type: 'time' });
    expect(read.series[0].points).toEqual([{ x: '2026-10-10', y: 1 }, { x: '2026-10-10T12:30:00.000Z', y: 2 }]);
    expect(read.series[1].points).toEqual([{ x: '2026-10-12', y: 3 }]);
  });

  it('does not mutate the chart and rejects what is not a chart', () => {
    const c = new Chart(canvas(), { type: 'line', data: { labels: ['a'], datasets: [{ label: 'x', data: [1] }] }, options: opts() });
    const before = JSON.stringify(c.data);
    readChartJsInstance(c);
    expect(JSON.stringify(c.data)).toBe(before);
    expect(() => readChartJsInstance({})).toThrow();
    expect(() => readChartJsInstance(null)).toThrow();
  });

  it('detects nothing without a Chart global', () => {
    expect(chartjs.detect(ctxFor(window))).toBe(false);
  });

  it('leaves out a dataset the chart hides (a dashed target switched off in the legend), with a note', async () => {
    (window as { Chart?: unknown }).Chart = Chart;
    const el = canvas();
    const chart = new Chart(el, {
      type: 'line',
      data: { labels: ['2026-10-01', '2026-10-02'], datasets: [{ label: 'Signups', data: [10, 12] }, { label: 'Target', data: [11, 13], hidden: true }, { label: 'Trials', data: [4, 5] }] },
      options: opts(),
    });
    chart.setDatasetVisibility(2, false); // the person clicked "Trials" off in the legend
    chart.update();
    const [read] = await chartjs.read(ctxFor(window));
    expect(read.series.map((s) => s.name)).toEqual(['Signups']);
    expect(read.notes).toEqual([
      'Dataset "Target" is hidden in the chart (legend off) and was left out.',
      'Dataset "Trials" is hidden in the chart (legend off) and was left out.',
    ]);
  });
});
