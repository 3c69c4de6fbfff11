// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import * as echartsLib from 'echarts';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { echarts, readEChartsOption } from '@/lib/snapshot/adapters/echarts';

// The real ECharts 6 runs in jsdom with the SVG renderer and a fixed size.
function chart(option: echartsLib.EChartsOption): { el: HTMLElement; inst: echartsLib.ECharts } {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const inst = echartsLib.init(el, null, { renderer: 'svg', width: 600, height: 300 });
  inst.setOption(option);
  return { el, inst };
}

function ctxFor(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

async function readAll() {
  (window as { echarts?: unknown }).echarts = echartsLib;
  return echarts.read(ctxFor());
}

afterEach(() => {
  for (const el of Array.from(document.querySelectorAll('[_echarts_instance_]'))) echartsLib.getInstanceByDom(el as HTMLElement)?.dispose();
  document.body.innerHTML = '';
  delete (window as { echarts?: unknown }).echarts;
});

describe('echarts adapter (real ECharts 6 in jsdom)', () => {
  it('detects instances through window.echarts.getInstanceByDom and reads a category line with a % formatter', async () => {
    const { el } = chart({
      title: { text: 'Weekly retention' },
      xAxis: { type: 'category', data: ['W1', 'W2', 'W3'], name: 'Week' },
      yAxis: { type: 'value', name: 'Retained', axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'line', name: 'Cohort A', data: [40.5, '-', null] }, { type: 'bar', name: 'Cohort B', data: [{ value: 30, name: 'x' }, 20, 10] }],
    });
    expect(echarts.detect(ctxFor())).toBe(false); // no global yet
    const [read] = await readAll();
    expect(read.element).toBe(el);
    expect(read).toMatchObject({
      title: 'Weekly retention', kind: 'line', source: 'echarts', exact: true,
      x: { type: 'category', label: 'Week' }, y: { label: 'Retained', unit: '%' },
    });
    expect(read.series).toEqual([
      { name: 'Cohort A', points: [{ x: 'W1', y: 40.5 }, { x: 'W2', y: null }, { x: 'W3', y: null }] },
      { name: 'Cohort B', points: [{ x: 'W1', y: 30 }, { x: 'W2', y: 20 }, { x: 'W3', y: 10 }] },
    ]);
  });

  it('reads a time axis of [ms, y] and [date string, y] pairs as ISO, and area series', async () => {
    const d = Date.UTC(2026, 9, 10);
    chart({
      xAxis: { type: 'time' }, yAxis: { type: 'value' },
      series: [
        { type: 'line', name: 'ms', areaStyle: {}, data: [[d, 1], [d + 3_600_000, NaN]] },
        { type: 'line', name: 'str', data: [['2026-10-10', 2], ['2026-10-11 00:00:00', 3]] },
      ],
    });
    const [read] = await readAll();
    expect(read.kind).toBe('area');
    expect(read.x).toEqual({ type: 'time' });
    expect(read.title).toBeUndefined();
    expect(read.series[0].points).toEqual([{ x: '2026-10-10', y: 1 }, { x: '2026-10-10T01:00:00.000Z', y: null }]);
    expect(read.series[1].points).toEqual([{ x: '2026-10-10', y: 2 }, { x: '2026-10-11', y: 3 }]);
  });

  it('reads dataset.source with a header row and encode by name, and a second series by default column', async () => {
    chart({
      dataset: { source: [['date', 'retained', 'churned'], ['2026-10-09', 41, 5], ['2026-10-10', 39, 6]] },
      xAxis: { type: 'category' }, yAxis: {},
      series: [{ type: 'line', encode: { x: 'date', y: 'retained' } }, { type: 'line' }],
    });
    const [read] = await readAll();
    expect(read.x).toEqual({ type: 'time' }); // ISO dates on a category axis are days
    expect(read.series).toEqual([
      { name: 'retained', points: [{ x: '2026-10-09', y: 41 }, { x: '2026-10-10', y: 39 }] },
      { name: 'churned', points: [{ x: '2026-10-09', y: 5 }, { x: '2026-10-10', y: 6 }] },
    ]);
  });

  it('reads dataset.source of objects with encode by index, on a horizontal bar', async () => {
    chart({
      dataset: { source: [{ region: 'EU', orders: 12 }, { region: 'US', orders: 20 }] },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `$${v}` } }, yAxis: { type: 'category' },
      series: [{ type: 'bar', name: 'Orders', encode: { y: 0, x: 1 } }],
    });
    const [read] = await readAll();
    expect(read).toMatchObject({ kind: 'bar', x: { type: 'category' }, y: { unit: 'USD' } });
    expect(read.series).toEqual([{ name: 'Orders', points: [{ x: 'EU', y: 12 }, { x: 'US', y: 20 }] }]);
  });

  it('reads a pie of {name, value} and a value-axis scatter', async () => {
    chart({ title: { text: 'Share' }, series: [{ type: 'pie', name: 'Channels', data: [{ name: 'Paid', value: 60 }, { name: 'Organic', value: 40 }] }] });
    chart({ xAxis: { type: 'value' }, yAxis: { type: 'value' }, series: [{ type: 'scatter', name: 'S', data: [[1.5, 2], [3, 4]] }] });
    const [pie, scatter] = await readAll();
    expect(pie).toMatchObject({ title: 'Share', kind: 'pie', x: { type: 'category' } });
    expect(pie.series).toEqual([{ name: 'Channels', points: [{ x: 'Paid', y: 60 }, { x: 'Organic', y: 40 }] }]);
    expect(pie.y).toBeUndefined();
    expect(scatter).toMatchObject({ kind: 'scatter', x: { type: 'number' }, series: [{ points: [{ x: 1.5, y: 2 }, { x: 3, y: 4 }] }] });
  });

  it('reads a pie from a dataset with itemName/value encode', () => {
    const [read] = readEChartsOption({
      dataset: [{ source: [['channel', 'share'], ['Paid', 0.6], ['Organic', 0.4]] }],
      series: [{ type: 'pie', encode: { itemName: 'channel', value: 'share' } }],
    }, document.body);
    expect(read.series[0].points).toEqual([{ x: 'Paid', y: 0.6 }, { x: 'Organic', y: 0.4 }]);
  });

  it('accepts a raw option (echarts-for-react props): single objects instead of arrays, columns dataset', () => {
    const [read] = readEChartsOption({
      title: { text: 'Revenue' },
      dataset: { source: { month: ['Jan', 'Feb'], revenue: [10, 12] } },
      xAxis: { type: 'category' }, yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v * 100}%` } },
      series: { type: 'bar', encode: { x: 'month', y: 'revenue' } },
    }, document.body);
    expect(read).toMatchObject({ title: 'Revenue', kind: 'bar', y: { unit: '%' } });
    // The formatter shows fractions ×100: the number shown is kept.
    expect(read.series[0].points).toEqual([{ x: 'Jan', y: 1000 }, { x: 'Feb', y: 1200 }]);
  });

  it('turns a series whose data getter throws into a note, and a throwing instance into a chart with a note', async () => {
    const opt = { xAxis: { data: ['a'] }, yAxis: {}, series: [{ type: 'line', name: 'ok', data: [1] }, { type: 'line', name: 'bad' }] };
    Object.defineProperty(opt.series[1], 'data', { get() { throw new Error('boom'); }, enumerable: true });
    const [read] = readEChartsOption(opt, document.body);
    expect(read.series).toEqual([{ name: 'ok', points: [{ x: 'a', y: 1 }] }]);
    expect(read.notes?.[0]).toMatch(/bad.*boom/);

    const { inst } = chart({ xAxis: { data: ['a'] }, yAxis: {}, series: [{ type: 'line', data: [1] }] });
    Object.defineProperty(inst, 'getOption', { value: () => { throw new Error('hostile'); } });
    const reads = await readAll();
    expect(reads).toHaveLength(1);
    expect(reads[0].notes?.[0]).toMatch(/hostile/);
  });

  it('leaves the chart option unchanged', async () => {
    const { inst } = chart({ xAxis: { data: ['a', 'b'] }, yAxis: {}, series: [{ type: 'bar', data: [1, 2] }] });
    const before = JSON.stringify(inst.getOption());
    await readAll();
    expect(JSON.stringify(inst.getOption())).toBe(before);
  });
});
