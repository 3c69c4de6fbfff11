// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import Highcharts from 'highcharts';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { highcharts, readHighchartsChart } from '@/lib/snapshot/adapters/highcharts';

// The real Highcharts 13 renders in jsdom (SVG).
function chart(options: Highcharts.Options): { el: HTMLElement; chart: Highcharts.Chart } {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return { el, chart: Highcharts.chart(el, { accessibility: { enabled: false }, ...options }) };
}

function ctxFor(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

afterEach(() => {
  for (const c of Highcharts.charts) c?.destroy();
  document.body.innerHTML = '';
  delete (window as { Highcharts?: unknown }).Highcharts;
});

describe('highcharts adapter (real Highcharts 13 in jsdom)', () => {
  it('reads the registry with undefined holes: categories, a % label format, titles', async () => {
    const gone = chart({ series: [{ type: 'line', data: [1] }] });
    gone.chart.destroy(); // leaves an undefined hole in Highcharts.charts
    const { el } = chart({
      title: { text: 'Signup funnel' },
      xAxis: { categories: ['Visit', 'Signup', 'Activate'], title: { text: 'Step' } },
      yAxis: { title: { text: 'Users' }, labels: { format: '{value}%' } },
      series: [{ type: 'column', name: 'Users', data: [100, null, 42.5] }],
    });
    (window as { Highcharts?: unknown }).Highcharts = Highcharts;
    expect(Highcharts.charts.some((c) => c === undefined)).toBe(true);
    expect(highcharts.detect(ctxFor())).toBe(true);
    const reads = await highcharts.read(ctxFor());
    expect(reads).toHaveLength(1);
    expect(reads[0].element).toBe(el);
    expect(reads[0]).toMatchObject({
      title: 'Signup funnel', kind: 'bar', source: 'highcharts', exact: true,
      x: { type: 'category', label: 'Step' }, y: { label: 'Users', unit: '%' },
      series: [{ name: 'Users', points: [{ x: 'Visit', y: 100 }, { x: 'Signup', y: null }, { x: 'Activate', y: 42.5 }] }],
    });
  });

  it('reads a datetime axis from pointStart/pointInterval and from [ms, y] pairs, with a $ prefix as USD', () => {
    const day = Date.UTC(2026, 9, 10);
    const { chart: c } = chart({
      title: { text: 'Paid spend' },
      xAxis: { type: 'datetime' },
      tooltip: { valuePrefix: '$' },
      series: [
        { type: 'spline', name: 'Spend', data: [10, 12], pointStart: day, pointInterval: 86_400_000 },
        { type: 'areaspline', name: 'Budget', data: [[day, 11], [day + 3_600_000, Number.NaN]] },
      ],
    });
    const read = readHighchartsChart(c);
    expect(read).toMatchObject({ kind: 'line', x: { type: 'time' }, y: { unit: 'USD' } });
    expect(read.series).toEqual([
      { name: 'Spend', points: [{ x: '2026-10-10', y: 10 }, { x: '2026-10-11', y: 12 }] },
      { name: 'Budget', points: [{ x: '2026-10-10', y: 11 }, { x: '2026-10-10T01:00:00.000Z', y: null }] },
    ]);
  });

  it('reads pie points with names, a % valueSuffix does not apply to pies', () => {
    const { chart: c } = chart({
      tooltip: { valueSuffix: '%' },
      series: [{ type: 'pie', name: 'Share', data: [{ name: 'Paid', y: 60 }, ['Organic', 40]] }],
    });
    const read = readHighchartsChart(c);
    expect(read).toMatchObject({ kind: 'pie', x: { type: 'category' } });
    expect(read.y).toBeUndefined();
    expect(read.title).toBeUndefined();
    expect(read.series).toEqual([{ name: 'Share', points: [{ x: 'Paid', y: 60 }, { x: 'Organic', y: 40 }] }]);
  });

  it('reads a linear x, a % tooltip suffix and a labels.formatter that scales fractions', () => {
    const a = chart({ tooltip: { valueSuffix: ' %' }, series: [{ type: 'scatter', name: 'S', data: [[1.5, 2], [3, 4]] }] });
    expect(readHighchartsChart(a.chart)).toMatchObject({
      kind: 'scatter', x: { type: 'number' }, y: { unit: '%' }, series: [{ points: [{ x: 1.5, y: 2 }, { x: 3, y: 4 }] }],
    });
    const b = chart({
      xAxis: { categories: ['a', 'b'] },
      yAxis: { labels: { formatter() { return `${Math.round(Number(this.value) * 100)}%`; } } },
      series: [{ type: 'bar', name: 'Rate', data: [0.25, 0.5] }],
    });
    expect(readHighchartsChart(b.chart)).toMatchObject({ kind: 'bar', y: { unit: '%' }, series: [{ points: [{ x: 'a', y: 25 }, { x: 'b', y: 50 }] }] });
  });

  it('reads the _Highcharts global of bundled builds and falls back to options.data (v≤11 shape)', async () => {
    const { el, chart: real } = chart({ xAxis: { categories: ['x'] }, series: [{ type: 'line', name: 'A', data: [5] }] });
    (window as { _Highcharts?: unknown })._Highcharts = { charts: [undefined, real] };
    const reads = await highcharts.read(ctxFor());
    expect(reads.map((r) => r.element)).toEqual([el]);
    delete (window as { _Highcharts?: unknown })._Highcharts;

    // Highcharts 11 shape: series[i].xData/yData arrays, xAxis[0].categories, options.title.
    const renderTo = document.createElement('div');
    const v11 = {
      renderTo, options: { title: { text: 'Old' } },
      xAxis: [{ categories: ['Mon', 'Tue'], options: {} }], yAxis: [{ options: { labels: {} } }],
      series: [{ type: 'line', name: 'Old', xData: [0, 1], yData: [3, 4], options: {} },
        { type: 'area', name: 'Raw', options: { data: [{ x: 0, y: 1 }, { name: 'Tue', y: 2 }] } }],
    };
    expect(readHighchartsChart(v11)).toMatchObject({
      title: 'Old', kind: 'line', x: { type: 'category' },
      series: [{ name: 'Old', points: [{ x: 'Mon', y: 3 }, { x: 'Tue', y: 4 }] }, { name: 'Raw', points: [{ x: 'Mon', y: 1 }, { x: 'Tue', y: 2 }] }],
    });
  });

  it('turns a throwing series into a note and a throwing chart into a chart with a note', async () => {
    const renderTo = document.createElement('div');
    document.body.appendChild(renderTo);
    const bad = { renderTo, xAxis: [], yAxis: [], series: [{ name: 'ok', type: 'line', options: { data: [1] } }, { name: 'bad', type: 'line', options: {} }] };
    Object.defineProperty(bad.series[1].options, 'data', { get() { throw new Error('boom'); } });
    const read = readHighchartsChart(bad);
    expect(read.series).toEqual([{ name: 'ok', points: [{ x: 0, y: 1 }] }]);
    expect(read.notes?.[0]).toMatch(/bad.*boom/);

    const worse = { renderTo, get series(): unknown { throw new Error('hostile'); } };
    (window as { Highcharts?: unknown }).Highcharts = { charts: [worse] };
    const reads = await highcharts.read(ctxFor());
    expect(reads[0].notes?.[0]).toMatch(/hostile/);
    expect(() => readHighchartsChart({})).toThrow();
  });

  it('leaves out a series the chart hides (visible: false), with a note', () => {
    const { chart: c } = chart({
      xAxis: { categories: ['Mon', 'Tue'] },
      series: [{ type: 'line', name: 'Orders', data: [5, 6] }, { type: 'line', name: 'Goal', data: [7, 7], visible: false }],
    });
    const read = readHighchartsChart(c);
    expect(read.series).toEqual([{ name: 'Orders', points: [{ x: 'Mon', y: 5 }, { x: 'Tue', y: 6 }] }]);
    expect(read.notes).toEqual(['Series "Goal" is hidden in the chart and was left out.']);
  });

  it('reads [name, value] pairs on a category axis that has no categories array by the point names', () => {
    const { chart: c } = chart({
      xAxis: { type: 'category' },
      series: [{ type: 'column', name: 'Tickets', data: [['Urgent', 12], ['High', 30], ['Low', 4]] }],
    });
    const read = readHighchartsChart(c);
    expect(read.x).toEqual({ type: 'category' });
    expect(read.series).toEqual([{ name: 'Tickets', points: [{ x: 'Urgent', y: 12 }, { x: 'High', y: 30 }, { x: 'Low', y: 4 }] }]);
  });
});
