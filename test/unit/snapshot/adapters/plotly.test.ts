// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { plotly, readPlotlyGraph } from '@/lib/snapshot/adapters/plotly';
import { openShadowRoots } from '@/lib/snapshot/shadow';

// Plotly does not draw in jsdom, so each test builds a graph div shaped like one after Plotly.newPlot
// (plotly.js 2.x–4.x): the div has class "js-plotly-plot" and carries `data` (the page's traces),
// `_fullData` (traces with defaults: type, mode, orientation, xaxis/yaxis refs), `layout` and
// `_fullLayout` (axes with resolved `type`: "date" | "category" | "linear" | "log").
function graphDiv(props: Record<string, unknown>): HTMLElement {
  const gd = document.createElement('div');
  gd.className = 'js-plotly-plot';
  Object.assign(gd, props);
  document.body.appendChild(gd);
  return gd;
}

function ctxFor(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

afterEach(() => { document.body.innerHTML = ''; });

describe('plotly adapter (graph div shapes)', () => {
  it('finds graph divs and reads bars on a category axis with a title object and a % suffix', async () => {
    const gd = graphDiv({
      data: [{ type: 'bar', x: ['Search', 'Social'], y: [3.4, null], name: 'ROAS' }],
      _fullData: [{ type: 'bar', x: ['Search', 'Social'], y: [3.4, null], name: 'ROAS', orientation: 'v', xaxis: 'x', yaxis: 'y' }],
      layout: { title: { text: 'ROAS by channel' }, yaxis: { ticksuffix: '%', title: { text: 'Return' } }, xaxis: { title: 'Channel' } },
      _fullLayout: { xaxis: { type: 'category' }, yaxis: { type: 'linear', ticksuffix: '%' } },
    });
    expect(plotly.detect(ctxFor())).toBe(true);
    const [read] = await plotly.read(ctxFor());
    expect(read.element).toBe(gd);
    expect(read).toMatchObject({
      title: 'ROAS by channel', kind: 'bar', source: 'plotly', exact: true,
      x: { type: 'category', label: 'Channel' }, y: { label: 'Return', unit: '%' },
      series: [{ name: 'ROAS', points: [{ x: 'Search', y: 3.4 }, { x: 'Social', y: null }] }],
    });
  });

  it('reads date strings ("2026-10-10", "2026-10-10 00:00", with a time) on a date axis as ISO, lines vs markers', () => {
    const gd = graphDiv({
      data: [],
      _fullData: [
        { type: 'scatter', mode: 'lines', name: 'Sessions', x: ['2026-10-10', '2026-10-11 00:00', '2026-10-11 12:30'], y: [1, Number.NaN, 3] },
        { type: 'scatter', mode: 'markers', name: 'Dots', x: ['2026-10-10'], y: [2] },
      ],
      layout: { title: 'Sessions (v1 string title)', yaxis: { tickprefix: '$' } },
      _fullLayout: { xaxis: { type: 'date' }, yaxis: { type: 'linear' } },
    });
    const read = readPlotlyGraph(gd);
    expect(read).toMatchObject({ title: 'Sessions (v1 string title)', kind: 'line', x: { type: 'time' }, y: { unit: 'USD' } });
    expect(read.series[0].points).toEqual([
      { x: '2026-10-10', y: 1 }, { x: '2026-10-11', y: null }, { x: '2026-10-11T12:30:00.000Z', y: 3 },
    ]);
    expect(read.series[1].points).toEqual([{ x: '2026-10-10', y: 2 }]);
  });

  it('reads typed arrays, x0/dx defaults, fill as area and a ".1%" tickformat as percent of fractions', () => {
    const gd = graphDiv({
      data: [{ y: new Float64Array([0.25, 0.5]), fill: 'tozeroy', name: 'Rate' }],
      layout: { yaxis: { tickformat: '.1%' } },
    });
    const read = readPlotlyGraph(gd); // no _fullData: falls back to data with Plotly's defaults
    expect(read).toMatchObject({ kind: 'area', x: { type: 'number' }, y: { unit: '%' } });
    expect(read.series[0].points).toEqual([{ x: 0, y: 25 }, { x: 1, y: 50 }]);
    expect(read.title).toBeUndefined();
  });

  it('reads horizontal bars with the category as x and a pie by labels/values', () => {
    const bar = graphDiv({ _fullData: [{ type: 'bar', orientation: 'h', x: [5, 7], y: ['EU', 'US'], name: 'Orders' }], data: [], layout: {} });
    expect(readPlotlyGraph(bar)).toMatchObject({
      kind: 'bar', x: { type: 'category' }, series: [{ points: [{ x: 'EU', y: 5 }, { x: 'US', y: 7 }] }],
    });
    const pie = graphDiv({ _fullData: [{ type: 'pie', labels: ['Paid', 'Organic'], values: new Int32Array([60, 40]) }], data: [], layout: {} });
    const read = readPlotlyGraph(pie);
    expect(read).toMatchObject({ kind: 'pie', x: { type: 'category' } });
    expect(read.series).toEqual([{ name: 'Share', points: [{ x: 'Paid', y: 60 }, { x: 'Organic', y: 40 }] }]);
  });

  it('guesses the axis type from values when layout leaves it unresolved, including ISO date categories', () => {
    const gd = graphDiv({ data: [{ type: 'scatter', x: ['2026-10-10', '2026-10-11'], y: [1, 2] }, { type: 'scatter', x: [1, 2], y: [3, 4] }], layout: {} });
    const read = readPlotlyGraph(gd);
    expect(read.x).toEqual({ type: 'time' });
    expect(read.series[0].points).toEqual([{ x: '2026-10-10', y: 1 }, { x: '2026-10-11', y: 2 }]);
  });

  it('turns a throwing trace into a note, and a div whose data getter throws into a chart with a note', async () => {
    const trace = { type: 'scatter', name: 'bad' };
    Object.defineProperty(trace, 'y', { get() { throw new Error('boom'); } });
    const gd = graphDiv({ data: [{ type: 'scatter', name: 'ok', x: [1], y: [2] }, trace], layout: {} });
    const read = readPlotlyGraph(gd);
    expect(read.series).toEqual([{ name: 'ok', points: [{ x: 1, y: 2 }] }]);
    expect(read.notes?.[0]).toMatch(/bad.*boom/);

    const hostile = graphDiv({});
    Object.defineProperty(hostile, 'data', { get() { throw new Error('hostile'); } });
    const reads = await plotly.read(ctxFor());
    expect(reads).toHaveLength(2);
    expect(reads[1].notes?.[0]).toMatch(/hostile/);
    expect(() => readPlotlyGraph({})).toThrow();
  });

  it('leaves out traces the chart hides (visible false or legend-only), with a note', () => {
    const trace = (name: string, visible: unknown) => ({ type: 'scatter', mode: 'lines', name, x: ['2026-10-01'], y: [3], visible, xaxis: 'x', yaxis: 'y' });
    const gd = graphDiv({
      data: [trace('Actual', true), trace('Forecast', 'legendonly'), trace('Old', false)],
      _fullData: [trace('Actual', true), trace('Forecast', 'legendonly'), trace('Old', false)],
      layout: {}, _fullLayout: { xaxis: { type: 'date' }, yaxis: { type: 'linear' } },
    });
    const read = readPlotlyGraph(gd);
    expect(read.series).toEqual([{ name: 'Actual', points: [{ x: '2026-10-01', y: 3 }] }]);
    expect(read.notes).toEqual(['Trace "Forecast" is hidden in the chart and was left out.', 'Trace "Old" is hidden in the chart and was left out.']);
  });

  it('finds graph divs inside open shadow roots (web-component dashboards)', async () => {
    const host = document.body.appendChild(document.createElement('plot-card'));
    const shadow = host.attachShadow({ mode: 'open' });
    const gd = document.createElement('div');
    gd.className = 'js-plotly-plot';
    Object.assign(gd, { data: [{ type: 'bar', x: ['A'], y: [2], name: 'Count' }], layout: { title: { text: 'Shadow bars' } }, _fullLayout: { xaxis: { type: 'category' } } });
    shadow.append(gd);
    const ctx = { ...ctxFor(), shadowRoots: openShadowRoots(document) }; // as runWorld gives them
    expect(plotly.detect(ctx)).toBe(true);
    const reads = await plotly.read(ctx);
    expect(reads.map((r) => [r.element, r.title])).toEqual([[gd, 'Shadow bars']]);
  });
});
