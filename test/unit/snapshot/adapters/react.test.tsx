// @vitest-environment jsdom
import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { createElement as h, useEffect, useRef, Component, act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { LineChart, Line, BarChart, Bar, XAxis, YAxis } from 'recharts';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';

// The library normalisers are another module's job; here they are fakes that say what they were given.
vi.mock('@/lib/snapshot/adapters/chartjs', () => ({
  chartjs: { id: 'chartjs', world: 'main', detect: () => false, read: () => [] },
  readChartJsInstance: (chart: { data: { datasets: { label: string; data: number[] }[] } }, element: Element) => ({
    element, kind: 'line', source: 'chartjs', exact: true,
    series: chart.data.datasets.map((d) => ({ name: d.label, points: d.data.map((y, i) => ({ x: i, y })) })),
  }),
}));
vi.mock('@/lib/snapshot/adapters/echarts', () => ({
  echarts: { id: 'echarts', world: 'main', detect: () => false, read: () => [] },
  readEChartsOption: (option: { series: { name: string; data: number[] }[] }, element: Element) => [{
    element, kind: 'bar', source: 'echarts', exact: true,
    series: option.series.map((s) => ({ name: s.name, points: s.data.map((y, i) => ({ x: i, y })) })),
  }],
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const { react } = await import('@/lib/snapshot/adapters/react');

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

// Shaped like a Chart.js 4 instance: what the route test recognises (config, canvas, data.datasets).
class FakeChart {
  config: object; data: object; canvas: HTMLCanvasElement;
  constructor(canvas: HTMLCanvasElement, cfg: { type: string; data: object }) {
    this.canvas = canvas; this.config = cfg; this.data = cfg.data;
  }
}

// Like react-chartjs-2's ChartComponent: the Chart lives in a useRef, the canvas has a ref too.
function ChartLike(props: { type: string; data: object }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<FakeChart | null>(null);
  useEffect(() => { chartRef.current = new FakeChart(canvasRef.current!, { type: props.type, data: props.data }); }, []);
  return h('canvas', { ref: canvasRef, role: 'img' });
}

// Like echarts-for-react: a class component rendering a div; here only the `option` prop is reachable.
class EChartsLike extends Component<{ option: object }> {
  render() { return h('div', { _echarts_instance_: 'ec_1', style: { height: 300 } }); }
}

const rows = [
  { day: '2026-10-01', views: 10, users: 4 },
  { day: '2026-10-02', views: 12, users: null },
  { day: '2026-10-03', views: 9, users: 6 },
];

let root: Root;
let host: HTMLElement;
beforeEach(() => { host = document.createElement('div'); document.body.appendChild(host); root = createRoot(host); });
afterEach(() => { act(() => root.unmount()); host.remove(); });

describe('react adapter (fibers)', () => {
  it('reads Recharts, a Chart.js instance in a hook ref and an ECharts option prop', async () => {
    await act(async () => {
      root.render(h('main', null,
        h('section', null, h('h2', null, 'Pageviews'),
          h(LineChart, { width: 400, height: 200, data: rows },
            h(XAxis, { dataKey: 'day' }), h(YAxis, { unit: '%' }),
            h(Line, { dataKey: 'views', name: 'Views' }), h(Line, { dataKey: 'users' }))),
        h(BarChart, { width: 400, height: 200, data: [{ c: 'web', n: 5 }, { c: 'ios', n: 3 }] },
          h(XAxis, { dataKey: 'c' }), h(Bar, { dataKey: 'n' })),
        h(ChartLike, { type: 'line', data: { labels: ['a', 'b'], datasets: [{ label: 'Signups', data: [1, 2] }] } }),
        h(EChartsLike, { option: { xAxis: { type: 'category' }, series: [{ type: 'bar', name: 'Retention', data: [7, 8] }] } }),
      ));
    });
    expect(react.detect(ctx())).toBe(true);
    const reads = await react.read(ctx());
    const bySource = Object.fromEntries(reads.map((r) => [`${r.source}:${r.series[0]?.name}`, r]));
    const line = bySource['recharts:Views'];
    expect(line.kind).toBe('line');
    expect(line.element.classList.contains('recharts-wrapper')).toBe(true);
    expect(line.x).toEqual({ type: 'time' });
    expect(line.y).toEqual({ unit: '%' });
    expect(line.series).toEqual([
      { name: 'Views', points: [{ x: '2026-10-01', y: 10 }, { x: '2026-10-02', y: 12 }, { x: '2026-10-03', y: 9 }] },
      { name: 'users', points: [{ x: '2026-10-01', y: 4 }, { x: '2026-10-02', y: null }, { x: '2026-10-03', y: 6 }] },
    ]);
    const bar = bySource['recharts:n'];
    expect(bar.kind).toBe('bar');
    expect(bar.series[0].points).toEqual([{ x: 'web', y: 5 }, { x: 'ios', y: 3 }]);
    const cj = bySource['chartjs:Signups'];
    expect(cj.element.tagName).toBe('CANVAS');
    expect(cj.series[0].points).toEqual([{ x: 0, y: 1 }, { x: 1, y: 2 }]);
    const ec = bySource['echarts:Retention'];
    expect(ec.element.getAttribute('_echarts_instance_')).toBe('ec_1');
    expect(reads).toHaveLength(4);
  });

  it('falls back to react-chartjs-2 `data` props when no Chart instance is reachable', async () => {
    function Line2(props: { data: object; type?: string }) { return h('canvas', { 'data-p': String(!!props) }); }
    await act(async () => {
      root.render(h(Line2, { type: 'bar', data: { labels: ['2026-10-01', '2026-10-02'], datasets: [{ label: 'Spend', data: [3, '4'] }] } }));
    });
    const [r] = await react.read(ctx());
    expect(r).toMatchObject({ source: 'chartjs', kind: 'bar', exact: true, x: { type: 'time' } });
    expect(r.series).toEqual([{ name: 'Spend', points: [{ x: '2026-10-01', y: 3 }, { x: '2026-10-02', y: 4 }] }]);
  });

  it('reads Nivo-style series props and ignores plain svgs and throwing props', async () => {
    function Nivo(props: { data: object }) { return h('div', null, h('svg', { width: 10, height: 10, 'data-n': !!props })); }
    function Icon() { return h('svg', { width: 10, height: 10 }); }
    const hostile = {};
    Object.defineProperty(hostile, 'data', { get() { throw new Error('boom'); }, enumerable: true });
    function Hostile(props: { cfg: object }) { return h('canvas', { title: String(!!props.cfg) }); }
    await act(async () => {
      root.render(h('div', null,
        h(Nivo, { data: [{ id: 'A', data: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }] }),
        h(Icon), h(Hostile, { cfg: hostile })));
    });
    const reads = await react.read(ctx());
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ source: 'react', kind: 'line', x: { type: 'number' } });
    expect(reads[0].series).toEqual([{ name: 'A', points: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }]);
  });
});
