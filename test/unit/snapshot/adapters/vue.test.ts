// @vitest-environment jsdom
import { describe, expect, it, vi, afterEach } from 'vitest';
import { createApp, defineComponent, h, shallowRef, onMounted, ref, markRaw } from 'vue';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';

// The library normalisers are another module's job; fakes say what they were given.
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
const { vue } = await import('@/lib/snapshot/adapters/vue');

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

// Shaped like a Chart.js 4 instance and an ECharts instance (what the router recognises).
function fakeChart(canvas: HTMLCanvasElement, label: string, data: number[]) {
  const cfg = { type: 'line', data: { labels: data.map(String), datasets: [{ label, data }] } };
  return { canvas, config: cfg, data: cfg.data };
}
function fakeECharts(dom: HTMLElement, option: object) {
  return { getDom: () => dom, getOption: () => option, setOption: () => undefined };
}

afterEach(() => { document.body.innerHTML = ''; });

describe('vue adapter', () => {
  it('walks a Vue 3 app from __vue_app__ and reads instances and options kept on components', async () => {
    // Options API: Chart created in mounted() and kept as a non-reactive field (this.chart).
    const ChartJsCard = defineComponent({
      mounted() { (this as unknown as { chart: unknown }).chart = fakeChart(this.$refs.c as HTMLCanvasElement, 'Revenue', [5, 6]); },
      render() { return h('div', { class: 'card' }, [h('h3', 'Revenue'), h('canvas', { ref: 'c' })]); },
    });
    // Composition API: ECharts instance in a shallowRef returned from setup() (setupState). A ref
    // that only a setup() closure holds is out of reach (see the adapter's header).
    const EChartsCard = defineComponent({
      setup() {
        const el = ref<HTMLElement>();
        const inst = shallowRef<unknown>();
        onMounted(() => { inst.value = fakeECharts(el.value!, { xAxis: {}, series: [{ type: 'bar', name: 'Orders', data: [1, 2] }] }); });
        return { el, inst };
      },
      render() { return h('div', { ref: 'el', _echarts_instance_: 'ec_9' }); },
    });
    // Only an option in data(); the chart element is in the component's template.
    const OptionCard = defineComponent({
      data: () => ({ option: markRaw({ yAxis: {}, series: [{ type: 'line', name: 'Churn', data: [3] }] }) }),
      render() { return h('section', [h('div', { _echarts_instance_: 'ec_10' })]); },
    });
    const App = defineComponent({ render: () => h('main', [h(ChartJsCard), h('div', [h(EChartsCard)]), h(OptionCard)]) });
    const host = document.createElement('div');
    document.body.appendChild(host);
    createApp(App).mount(host);
    await Promise.resolve();

    expect(vue.detect(ctx())).toBe(true);
    const reads = await vue.read(ctx());
    const names = reads.map((r) => `${r.source}:${r.series[0]?.name}`).sort();
    expect(names).toEqual(['chartjs:Revenue', 'echarts:Churn', 'echarts:Orders']);
    const rev = reads.find((r) => r.source === 'chartjs')!;
    expect(rev.element.tagName).toBe('CANVAS');
    expect(rev.series[0].points).toEqual([{ x: 0, y: 5 }, { x: 1, y: 6 }]);
    expect(reads.find((r) => r.series[0]?.name === 'Orders')!.element.getAttribute('_echarts_instance_')).toBe('ec_9');
    expect(reads.find((r) => r.series[0]?.name === 'Churn')!.element.getAttribute('_echarts_instance_')).toBe('ec_10');
  });

  it('reads Chart.js-style chartData (vue-chartjs) when no instance is kept', async () => {
    const LineChart = defineComponent({
      name: 'LineChart',
      props: { chartData: { type: Object, required: true } },
      render: () => h('div', [h('canvas')]),
    });
    const host = document.createElement('div');
    document.body.appendChild(host);
    createApp({ render: () => h(LineChart, { chartData: { labels: ['2026-10-01', '2026-10-02'], datasets: [{ label: 'DAU', data: [10, null] }] } }) }).mount(host);
    const [r] = await vue.read(ctx());
    expect(r).toMatchObject({ source: 'chartjs', kind: 'line', exact: true, x: { type: 'time' } });
    expect(r.series).toEqual([{ name: 'DAU', points: [{ x: '2026-10-01', y: 10 }, { x: '2026-10-02', y: null }] }]);
  });

  it('reads a Vue 2 component (__vue__) holding a Chart.js instance, and survives throwing fields', async () => {
    document.body.innerHTML = '<div id="v2"><canvas></canvas></div>';
    const div = document.getElementById('v2')!;
    const vm: Record<string, unknown> = { _isVue: true, $el: div, $parent: undefined, chart: fakeChart(div.querySelector('canvas')!, 'Visits', [1]) };
    Object.defineProperty(vm, 'bad', { get() { throw new Error('no'); }, enumerable: true });
    Object.defineProperty(div, '__vue__', { value: vm });
    const reads = await vue.read(ctx());
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ source: 'chartjs', series: [{ name: 'Visits' }] });
  });
});
