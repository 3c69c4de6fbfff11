// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { apexcharts, readApexChart, readApexSvg } from '@/lib/snapshot/adapters/apexcharts';

// ApexCharts needs SVG layout (getBBox) that jsdom lacks, so these tests use instances and markup
// shaped like ApexCharts 5.9 in Chromium (checked against the real library with the fixture
// test/fixtures/adapters/apexcharts.html):
// - registry: window.Apex._chartInstances = [{ id, group, chart }] for charts with chart.id;
//   chart = { el, w: { config, globals, seriesData: { seriesX }, labelData: { labels } } };
// - DOM: <div host><div class="apexcharts-canvas"><svg class="apexcharts-svg">…
//   <g class="apexcharts-series" seriesName="iOS" data:realIndex="0"><path class="apexcharts-bar-area"
//   index="0" j="0" val="40.5">…; pie slices <path class="apexcharts-pie-area" j="0" data:value="44">;
//   labels <text class="apexcharts-xaxis-label"><tspan>Mon</tspan><title>Mon</title></text>;
//   legend <span class="apexcharts-legend-text">iOS</span>.

function ctxFor(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

function host(inner = '<div class="apexcharts-canvas"><svg class="apexcharts-svg"></svg></div>'): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = inner;
  document.body.appendChild(el);
  return el;
}

function instance(config: Record<string, unknown>, w: Record<string, unknown> = {}) {
  return { el: host(), w: { config, globals: {}, ...w } };
}

afterEach(() => {
  document.body.innerHTML = '';
  delete (window as { Apex?: unknown }).Apex;
});

describe('apexcharts adapter: registered charts (chart.id)', () => {
  it('reads a datetime area from [ms, y] pairs through Apex._chartInstances, with its title', async () => {
    const day = Date.UTC(2026, 9, 10);
    const chart = instance({
      chart: { id: 'sessions', type: 'area' }, title: { text: 'Sessions' },
      series: [{ name: 'Sessions', data: [[day, 120], [day + 86_400_000, null]] }], xaxis: { type: 'datetime' }, yaxis: {},
    });
    (window as { Apex?: unknown }).Apex = { _chartInstances: [{ id: 'sessions', chart }] };
    expect(apexcharts.detect(ctxFor())).toBe(true);
    const reads = await apexcharts.read(ctxFor());
    expect(reads).toHaveLength(1); // the canvas inside a registered chart is not read twice
    expect(reads[0]).toMatchObject({
      element: chart.el, title: 'Sessions', kind: 'area', source: 'apexcharts', exact: true, x: { type: 'time' },
      series: [{ name: 'Sessions', points: [{ x: '2026-10-10', y: 120 }, { x: '2026-10-11', y: null }] }],
    });
  });

  it('reads numbers against seriesX of a datetime axis (v5 seriesData and v3/v4 globals)', () => {
    const day = Date.UTC(2026, 9, 10);
    const v5 = instance({ chart: { type: 'line' }, series: [{ name: 'A', data: [1, 2] }], xaxis: { type: 'datetime' } },
      { seriesData: { seriesX: [[day, day + 86_400_000]] } });
    expect(readApexChart(v5).series[0].points).toEqual([{ x: '2026-10-10', y: 1 }, { x: '2026-10-11', y: 2 }]);
    const v3 = instance({ chart: { type: 'line' }, series: [{ name: 'A', data: [3] }], xaxis: { type: 'datetime' } },
      { globals: { seriesX: [[day + 3_600_000]] } });
    expect(readApexChart(v3).series[0].points).toEqual([{ x: '2026-10-10T01:00:00.000Z', y: 3 }]);
  });

  it('reads categories, {x, y} objects, a % formatter output and axis titles; ISO labels become time', () => {
    const bars = instance({
      chart: { type: 'bar', stacked: true },
      series: [{ name: 'iOS', data: [40.5, NaN] }, { name: 'Android', data: [{ x: 'Mon', y: 30 }, { x: 'Tue', y: 31.5 }] }],
      xaxis: { categories: ['Mon', 'Tue'], title: { text: 'Day' } },
      yaxis: [{ title: { text: 'Share' }, labels: { formatter: (v: number) => `${v.toFixed(1)}%` } }],
    });
    expect(readApexChart(bars)).toMatchObject({
      kind: 'bar', x: { type: 'category', label: 'Day' }, y: { label: 'Share', unit: '%' },
      series: [{ name: 'iOS', points: [{ x: 'Mon', y: 40.5 }, { x: 'Tue', y: null }] }, { name: 'Android', points: [{ x: 'Mon', y: 30 }, { x: 'Tue', y: 31.5 }] }],
    });
    const dated = instance({ chart: { type: 'line' }, series: [{ name: 'A', data: [1] }], labels: ['2026-10-10'], yaxis: { labels: { formatter: (v: number) => `$${v}` } } });
    expect(readApexChart(dated)).toMatchObject({ x: { type: 'time' }, y: { unit: 'USD' }, series: [{ points: [{ x: '2026-10-10', y: 1 }] }] });
  });

  it('reads x from `labels` when ApexCharts filled in an empty xaxis.categories, and a mixed chart\'s "column" series as bars', () => {
    const day = Date.UTC(2026, 9, 10);
    // What ApexCharts 5.9 holds after render() for `labels: [ISO dates], xaxis: { type: 'datetime' }`.
    const combo = instance({
      chart: { type: 'line' }, labels: ['2026-10-10', '2026-10-11'], xaxis: { type: 'datetime', categories: [] },
      series: [{ name: 'Orders', type: 'column', data: [224, 230] }, { name: 'Revenue', type: 'line', data: [6300, 6410] }],
    }, { labelData: { labels: [day, day + 86_400_000] }, seriesData: { seriesX: [[day, day + 86_400_000]] } });
    expect(readApexChart(combo)).toMatchObject({
      kind: 'bar', x: { type: 'time' },
      series: [{ name: 'Orders', points: [{ x: '2026-10-10', y: 224 }, { x: '2026-10-11', y: 230 }] }, { name: 'Revenue', points: [{ x: '2026-10-10', y: 6300 }, { x: '2026-10-11', y: 6410 }] }],
    });
  });

  it('reads a donut from series numbers and labels', () => {
    const donut = instance({ chart: { type: 'donut' }, series: [44, 55], labels: ['Paid', 'Organic'] });
    const read = readApexChart(donut);
    expect(read).toMatchObject({ kind: 'pie', x: { type: 'category' }, series: [{ points: [{ x: 'Paid', y: 44 }, { x: 'Organic', y: 55 }] }] });
    expect(read.title).toBeUndefined();
    expect(read.y).toBeUndefined();
  });

  it('turns a throwing series into a note and a throwing chart into a chart with a note', async () => {
    const bad = { name: 'bad' };
    Object.defineProperty(bad, 'data', { get() { throw new Error('boom'); } });
    const chart = instance({ chart: { type: 'line' }, series: [{ name: 'ok', data: [1] }, bad], xaxis: { categories: ['a'] } });
    const read = readApexChart(chart);
    expect(read.series).toEqual([{ name: 'ok', points: [{ x: 'a', y: 1 }] }]);
    expect(read.notes?.[0]).toMatch(/bad.*boom/);

    const hostile = { el: host(), get w(): unknown { throw new Error('hostile'); } };
    (window as { Apex?: unknown }).Apex = { _chartInstances: [{ id: 'h', chart: hostile }] };
    const reads = await apexcharts.read(ctxFor());
    expect(reads).toHaveLength(1);
    expect(reads[0].notes?.[0]).toMatch(/hostile/);
    expect(() => readApexChart({})).toThrow();
  });
});

describe('apexcharts adapter: charts without an id (SVG attributes)', () => {
  const label = (cls: string, t: string) => `<text class="apexcharts-text ${cls}"><tspan>${t}</tspan><title>${t}</title></text>`;

  it('reads stacked bars from val/j/index, names from the legend, categories from x labels, % from y labels', async () => {
    const el = host(`<div class="apexcharts-canvas"><svg class="apexcharts-svg">
      <g class="apexcharts-series" seriesName="iOS" data:realIndex="0">
        <path class="apexcharts-bar-area" index="0" j="0" val="40.5"></path><path class="apexcharts-bar-area" index="0" j="1" val="38"></path></g>
      <g class="apexcharts-series" seriesName="Android" data:realIndex="1">
        <path class="apexcharts-bar-area" index="1" j="0" val="30"></path><path class="apexcharts-bar-area" index="1" j="1" val=""></path></g>
      ${label('apexcharts-xaxis-label', 'Mon')}${label('apexcharts-xaxis-label', 'Tue')}
      ${label('apexcharts-yaxis-label', '0%')}${label('apexcharts-yaxis-label', '50%')}
    </svg></div><div class="apexcharts-legend"><span class="apexcharts-legend-text">iOS</span><span class="apexcharts-legend-text">Android</span></div>`);
    const [read] = await apexcharts.read(ctxFor());
    expect(read).toMatchObject({
      element: el, kind: 'bar', exact: true, x: { type: 'category' }, y: { unit: '%' },
      series: [{ name: 'iOS', points: [{ x: 'Mon', y: 40.5 }, { x: 'Tue', y: 38 }] }, { name: 'Android', points: [{ x: 'Mon', y: 30 }, { x: 'Tue', y: null }] }],
    });
  });

  it('reads pie slices from data:value with legend names, and leaves a line (no values in the SVG) unclaimed', () => {
    const pie = host(`<div class="apexcharts-canvas"><svg class="apexcharts-svg">
      <g class="apexcharts-series" seriesName="Paid"><path class="apexcharts-pie-area" index="0" j="0" data:value="44"></path></g>
      <g class="apexcharts-series" seriesName="Organic"><path class="apexcharts-pie-area" index="0" j="1" data:value="55"></path></g>
    </svg></div><span class="apexcharts-legend-text">Paid</span><span class="apexcharts-legend-text">Organic</span>`);
    expect(readApexSvg(pie)).toMatchObject({ kind: 'pie', series: [{ points: [{ x: 'Paid', y: 44 }, { x: 'Organic', y: 55 }] }] });
    const line = host(`<div class="apexcharts-canvas"><svg class="apexcharts-svg"><g class="apexcharts-series" seriesName="A">
      <path class="apexcharts-line" index="0" d="M0 0L10 10"></path></g></svg></div>`);
    expect(readApexSvg(line)).toBeNull();
  });
});
