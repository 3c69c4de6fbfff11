// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { locatePoints } from '@/lib/actions/locate-points';
import { layoutPixel } from '@/lib/actions/locate/canvas-libs';
import { sliceClient } from '@/lib/actions/locate/plot-libs';

// Library objects shaped like the real ones (only the fields the reader and the locator use). jsdom
// lays nothing out: element boxes are at (0, 0) unless a test sets one, and the page is unscrolled,
// so page coordinates equal the library's own pixels plus the box given.

const g = window as unknown as Record<string | symbol, unknown>;
afterEach(() => {
  for (const k of ['Chart', 'echarts', 'Highcharts']) delete g[k];
  delete g[Symbol.for('loupe.uplot.registry')];
  document.body.innerHTML = '';
});

function box(el: Element, left: number, top: number, width = 400, height = 200): void {
  el.getBoundingClientRect = () => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) });
}
const at = (points: Array<{ left: number; top: number }>) => points.map((p) => [Math.round(p.left * 10) / 10, Math.round(p.top * 10) / 10]);

describe('locatePoints', () => {
  it('Chart.js: the dataset meta element’s final position, from the canvas corner', () => {
    document.body.innerHTML = '<canvas data-loupe-chart="signups"></canvas>';
    const canvas = document.querySelector('canvas')!;
    box(canvas, 100, 50);
    const el = (x: number, y: number) => ({ x: -1, y: -1, tooltipPosition: (final: boolean) => (final ? { x, y } : { x: 0, y: 0 }) });
    const chart = {
      canvas, config: { type: 'line' }, options: {},
      data: { labels: ['2026-10-01', '2026-10-02', '2026-10-03'], datasets: [{ label: 'Signups', data: [3, 5, 4] }, { label: 'Trials', data: [1, 2, 3] }] },
      getDatasetMeta: (i: number) => ({ data: i === 1 ? [el(10, 90), el(20, 80), el(30, 70)] : [el(10, 40), el(20, 30), el(30, 35)] }),
    };
    g.Chart = { getChart: (c: unknown) => (c === canvas ? chart : undefined), instances: {} };
    const r = locatePoints(window, document, 'signups', ['2026-10-02', '2026-10-03'], 'Trials');
    expect(r.method).toMatch(/chartjs/);
    expect(r.points.map((p) => [p.x, p.series])).toEqual([['2026-10-02', 'Trials'], ['2026-10-03', 'Trials']]);
    expect(at(r.points)).toEqual([[120, 130], [130, 120]]);
    // Without a series: the first series that has the x.
    expect(at(locatePoints(window, document, 'signups', ['2026-10-01']).points)).toEqual([[110, 90]]);
  });

  it('ECharts: the series item layout (line point, bar value end), else convertToPixel', () => {
    document.body.innerHTML = '<div _echarts_instance_="ec_1" data-loupe-chart="cohorts"></div>';
    const dom = document.querySelector('div')!;
    const option = {
      xAxis: [{ type: 'category', data: ['Week 0', 'Week 1', 'Week 2'] }], yAxis: [{ type: 'value' }],
      series: [{ type: 'line', name: 'Aug 3', data: [100, 41, 30] }, { type: 'bar', name: 'Aug 31', data: [100, 39, 28] }],
    };
    const layouts: Record<number, (j: number) => unknown> = {
      0: (j) => [60 + j * 100, 200 - j],
      1: (j) => (j === 2 ? undefined : { x: 50 + j * 100, y: 300, width: 20, height: -120 }),
    };
    const inst = {
      getOption: () => option,
      getModel: () => ({ getSeriesByIndex: (i: number) => ({
        getData: () => ({ indexOfRawIndex: (j: number) => j, getItemLayout: layouts[i] }), getBaseAxis: () => ({ dim: 'x' }),
      }) }),
      convertToPixel: (finder: { seriesIndex: number }, [x, y]: [number, number]) => (finder.seriesIndex === 1 ? [x * 100 + 60, 300 - y] : null),
    };
    g.echarts = { getInstanceByDom: (e: Element) => (e === dom ? inst : undefined) };
    box(dom, 10, 20);
    const line = locatePoints(window, document, 'cohorts', ['Week 1', 'Week 2'], 'Aug 3');
    expect(at(line.points)).toEqual([[170, 219], [270, 218]]);
    const bar = locatePoints(window, document, 'cohorts', ['Week 1', 'Week 2'], 'Aug 31');
    expect(at(bar.points)).toEqual([[170, 200], [270, 292]]);
  });

  it('ECharts line series: the flat points layout; a dataset series falls back to the value read', () => {
    document.body.innerHTML = '<div _echarts_instance_="ec_2" data-loupe-chart="retention"></div>';
    const dom = document.querySelector('div')!;
    // Data from a dataset: the series carry no `data`, only which column they draw.
    const option = {
      dataset: { source: [['week', 'Aug 3', 'Aug 31'], ['Week 0', 100, 100], ['Week 1', 41, 39], ['Week 2', 30, 28]] },
      xAxis: [{ type: 'category' }], yAxis: [{ type: 'value' }],
      series: [{ type: 'line', name: 'Aug 3', encode: { x: 'week', y: 'Aug 3' } }, { type: 'line', name: 'Aug 31', encode: { x: 'week', y: 'Aug 31' } }],
    };
    const flat = new Float32Array([60, 100, 160, 159, 260, 170]);
    const inst = {
      getOption: () => option,
      getModel: () => ({ getSeriesByIndex: (i: number) => ({
        getData: () => ({ indexOfRawIndex: (j: number) => j, getItemLayout: () => undefined, getLayout: (k: string) => (i === 0 && k === 'points' ? flat : undefined) }),
        getBaseAxis: () => ({ dim: 'x' }),
      }) }),
      convertToPixel: (_: unknown, [x, y]: [number, number]) => [x * 100 + 60, 200 - y],
    };
    g.echarts = { getInstanceByDom: (e: Element) => (e === dom ? inst : undefined) };
    box(dom, 10, 20);
    expect(at(locatePoints(window, document, 'retention', ['Week 1', 'Week 2'], 'Aug 3').points)).toEqual([[170, 179], [270, 190]]);
    // No layout at all: convertToPixel with the value the reader read from the dataset (39, 28).
    expect(at(locatePoints(window, document, 'retention', ['Week 1', 'Week 2'], 'Aug 31').points)).toEqual([[170, 181], [270, 192]]);
  });

  it('bundled libraries (no global): the instance React or Vue holds is asked instead', () => {
    document.body.innerHTML = '<div id="root"><div class="card"><canvas data-loupe-chart="pageviews"></canvas></div><div _echarts_instance_="ec_3" data-loupe-chart="cohorts"></div></div>';
    const canvas = document.querySelector('canvas')!;
    const dom = document.querySelector('[_echarts_instance_]')!;
    box(canvas, 100, 50);
    box(dom, 10, 20);
    const chart = {
      canvas, config: { type: 'line' }, options: {},
      data: { labels: ['2026-10-01', '2026-10-02'], datasets: [{ label: 'Pageviews', data: [3, 5] }] },
      getDatasetMeta: () => ({ data: [{ tooltipPosition: () => ({ x: 10, y: 40 }) }, { tooltipPosition: () => ({ x: 20, y: 30 }) }] }),
    };
    // react-chartjs-2 keeps the chart in a useRef of the component that rendered the canvas.
    const fiber = { memoizedState: { memoizedState: { current: chart }, next: null }, return: null };
    (canvas as unknown as Record<string, unknown>)['__reactFiber$abc'] = fiber;
    const ec = {
      getDom: () => dom, setOption: () => undefined,
      getOption: () => ({ xAxis: [{ type: 'category', data: ['Week 0', 'Week 1'] }], yAxis: [{ type: 'value' }], series: [{ type: 'bar', name: 'Aug 3', data: [100, 41] }] }),
      getModel: () => ({ getSeriesByIndex: () => ({ getData: () => ({ indexOfRawIndex: (j: number) => j, getItemLayout: (j: number) => ({ x: 50 + j * 100, y: 300, width: 20, height: -120 }) }), getBaseAxis: () => ({ dim: 'x' }) }) }),
    };
    // A Vue 3 app whose component keeps the ECharts instance in its setup state.
    const component = { setupState: { chart: ec }, subTree: { el: dom, children: [] } };
    (document.getElementById('root') as unknown as Record<string, unknown>).__vue_app__ = { _instance: component };
    expect(at(locatePoints(window, document, 'pageviews', ['2026-10-02']).points)).toEqual([[120, 80]]);
    const bars = locatePoints(window, document, 'cohorts', ['Week 1']);
    expect(bars.method).toMatch(/echarts/);
    expect(at(bars.points)).toEqual([[170, 200]]);
  });

  it('ApexCharts pies: a ring in the middle of the slice, three quarters out from the centre', () => {
    // A 200 px pie at (100, 100): a right half (0°–180°) and a left half (180°–360°).
    // ApexCharts sets its attributes from script, case kept (the HTML parser would lowercase them).
    document.body.innerHTML = '<svg><path j="0"></path><path j="1"></path><path j="2"></path></svg>';
    const [right, lowerLeft, upperLeft] = Array.from(document.querySelectorAll('path'));
    [[right, 0, 180], [lowerLeft, 180, 90], [upperLeft, 270, 90]].forEach(([el, start, angle]) => {
      (el as Element).setAttribute('data:startAngle', String(start));
      (el as Element).setAttribute('data:angle', String(angle));
    });
    box(right, 200, 100, 100, 200);
    box(lowerLeft, 100, 200, 100, 100);
    box(upperLeft, 100, 100, 100, 100);
    const slices = [right, lowerLeft, upperLeft];
    const round = (p: { left: number; top: number } | null) => p && [Math.round(p.left), Math.round(p.top)];
    expect(round(sliceClient(slices, right))).toEqual([275, 200]); // three o'clock
    expect(round(sliceClient(slices, lowerLeft))).toEqual([147, 253]); // half past seven
    expect(round(sliceClient(slices, upperLeft))).toEqual([147, 147]); // half past ten
    lowerLeft.removeAttribute('data:angle');
    expect(sliceClient(slices, lowerLeft)).toBeNull();
  });

  it('ECharts layouts: horizontal bars end on the right, pie slices at their middle', () => {
    expect(layoutPixel({ x: 10, y: 40, width: 80, height: 20 }, 'y')).toEqual({ left: 90, top: 50 });
    const p = layoutPixel({ cx: 100, cy: 100, r: 50, r0: 0, startAngle: 0, endAngle: Math.PI }, undefined)!;
    expect([Math.round(p.left), Math.round(p.top)]).toEqual([100, 125]);
    expect(layoutPixel('nonsense', 'x')).toBeNull();
  });

  it('Highcharts: plotX/plotY plus the plot area’s corner, inverted for bar charts', () => {
    document.body.innerHTML = '<div id="hc" data-loupe-chart="funnel"><div class="highcharts-container"></div></div>';
    const renderTo = document.getElementById('hc')!;
    const container = renderTo.firstElementChild!;
    box(container, 0, 100);
    const series = {
      name: 'Last 28 days', type: 'column', options: {}, xData: [0, 1], yData: [24180, 11920],
      data: [{ plotX: 40, plotY: 150 }, { plotX: 120, plotY: 210 }], xAxis: { len: 200 }, yAxis: { len: 300 },
    };
    const chart = {
      renderTo, container, series: [series], plotLeft: 60, plotTop: 30, inverted: false,
      xAxis: [{ options: {}, categories: ['Viewed signup page', 'Started signup'] }], yAxis: [{ options: {} }],
    };
    g.Highcharts = { charts: [undefined, chart] };
    expect(at(locatePoints(window, document, 'funnel', ['Started signup']).points)).toEqual([[180, 340]]);
    chart.inverted = true;
    expect(at(locatePoints(window, document, 'funnel', ['Started signup']).points)).toEqual([[150, 210]]);
  });

  it('Plotly: the full layout axes’ d2p plus their offsets, from the paper corner', () => {
    document.body.innerHTML = '<div class="js-plotly-plot" data-loupe-chart="sessions"><svg class="main-svg"></svg></div>';
    const gd = document.querySelector('.js-plotly-plot') as HTMLElement & Record<string, unknown>;
    const trace = { type: 'scatter', mode: 'lines', name: 'Sessions', x: ['2026-10-01', '2026-10-02'], y: [10, 30], xaxis: 'x', yaxis: 'y', index: 0 };
    gd.data = [trace];
    gd._fullData = [trace];
    gd.layout = {};
    gd._fullLayout = {
      xaxis: { type: 'date', _offset: 80, d2p: (v: string) => (v === '2026-10-01' ? 0 : 200) },
      yaxis: { type: 'linear', _offset: 20, l2p: (v: number) => 300 - v * 5, d2l: (v: number) => v },
    };
    box(gd.querySelector('svg')!, 5, 500);
    const r = locatePoints(window, document, 'sessions', ['2026-10-02']);
    expect(r.method).toMatch(/plotly/);
    expect(at(r.points)).toEqual([[285, 670]]);
  });

  it('uPlot: valToPos on the x scale and the series’ scale, from the over element', () => {
    document.body.innerHTML = '<div class="uplot" data-loupe-chart="latency"><div class="u-over"></div></div>';
    const root = document.querySelector('.uplot')!;
    const over = root.querySelector('.u-over')!;
    box(over, 40, 60);
    const t0 = Date.UTC(2026, 7, 1) / 1000;
    const u = {
      root, over, mode: 1, scales: { x: { time: true }, ms: {} }, axes: [], setData: () => undefined,
      data: [[t0, t0 + 86400, t0 + 2 * 86400], [406, 401, 410], [134, 131, 150]],
      series: [{}, { label: 'p95', scale: 'ms' }, { label: 'p50', scale: 'ms' }],
      valToPos: (v: number, scale: string) => (scale === 'x' ? (v - t0) / 864 : scale === 'ms' ? 500 - v : NaN),
    };
    g[Symbol.for('loupe.uplot.registry')] = new Map([[root, u]]);
    const r = locatePoints(window, document, 'latency', ['2026-08-02', '2026-08-03'], 'p50');
    expect(r.points.map((p) => p.series)).toEqual(['p50', 'p50']);
    expect(at(r.points)).toEqual([[140, 429], [240, 410]]);
  });

  it('D3 SVG: the line vertex bound to the row, and the bar bound to the row', () => {
    document.body.innerHTML = `<svg data-loupe-chart="queue" width="300" height="200">
      <g transform="translate(40,10)"><path class="line" d="M0,150L100,120L200,60" fill="none"></path></g>
      <g class="bars"><rect x="0" y="50" width="20" height="150"></rect><rect x="40" y="90" width="20" height="110"></rect></g></svg>`;
    const svg = document.querySelector('svg')!;
    box(svg, 10, 300);
    const path = svg.querySelector('path') as unknown as Record<string, unknown>;
    path.__data__ = [{ day: '2026-08-01', depth: 952 }, { day: '2026-08-02', depth: 908 }, { day: '2026-08-03', depth: 990 }];
    const [r1, r2] = Array.from(svg.querySelectorAll('rect'));
    (r1 as unknown as Record<string, unknown>).__data__ = { region: 'North America', orders: 3184 };
    (r2 as unknown as Record<string, unknown>).__data__ = { region: 'Europe', orders: 2210 };
    box(r2, 50, 390, 20, 110);
    box(r1, 10, 350, 20, 150);
    const line = locatePoints(window, document, 'queue', ['2026-08-02']);
    expect(line.method).toMatch(/svg marks/);
    expect(at(line.points)).toEqual([[150, 430]]); // svg corner (10,300) + translate(40,10) + vertex (100,120)
    expect(at(locatePoints(window, document, 'queue', ['Europe']).points)).toEqual([[60, 390]]);
  });

  it('tables: the cited row’s cell in the series’ column', () => {
    document.body.innerHTML = `<table data-loupe-chart="incidents"><tr><th>Incident</th><th>Duration (min)</th></tr>
      <tr><td>INC-2291 Checkout 502s</td><td id="d">94</td></tr></table>`;
    box(document.getElementById('d')!, 200, 80, 60, 20);
    const r = locatePoints(window, document, 'incidents', ['INC-2291  Checkout 502s', 'INC-9'], 'Duration (min)');
    expect(at(r.points)).toEqual([[230, 90]]);
    expect(r.notes.join(' ')).toMatch(/No row labelled INC-9/);
  });

  it('never throws: a hostile instance, a missing chart, an unknown kind of chart become notes', () => {
    document.body.innerHTML = '<canvas data-loupe-chart="c"></canvas><div data-loupe-chart="plain"></div>';
    g.Chart = { getChart: () => new Proxy({}, { get() { throw new Error('boom'); } }) };
    const r = locatePoints(window, document, 'c', ['a']);
    expect(r.points).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/chartjs locator stopped|cannot tell/);
    expect(locatePoints(window, document, 'gone', ['a']).notes).toEqual(['That chart is no longer on the page.']);
    expect(locatePoints(window, document, 'plain', ['a']).notes.join(' ')).toMatch(/cannot tell where points are drawn/);
    const before = document.body.innerHTML;
    locatePoints(window, document, 'c', ['a']);
    expect(document.body.innerHTML).toBe(before);
  });
});
