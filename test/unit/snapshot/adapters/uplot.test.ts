// @vitest-environment jsdom
import { describe, expect, it, afterEach } from 'vitest';
import { uplot, RELOAD_NOTE } from '@/lib/snapshot/adapters/uplot';
import { UPLOT_REGISTRY_KEY } from '@/lib/snapshot/hooks/uplot-hook';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

// Shaped like a real uPlot 1.6 instance (the fields the reader uses).
function fakePlot(opts: { time?: boolean; title?: string; fill?: boolean } = {}) {
  const root = document.createElement('div');
  root.className = 'uplot';
  if (opts.title) root.innerHTML = `<div class="u-title">${opts.title}</div>`;
  document.body.appendChild(root);
  return {
    root,
    data: [[1790812800, 1790899200, 1790902800], [120.5, null, 130], [1, 2, 3]],
    series: [{}, { label: 'p95', fill: opts.fill ? 'red' : undefined }, { label: 'p50' }],
    scales: { x: { time: opts.time ?? true } },
    axes: [{}, { label: 'Latency', _values: ['100 ms', '150 ms', '200 ms'] }],
    setData: () => undefined,
  };
}

const registry = new Map<Element, object>();
Object.defineProperty(window, UPLOT_REGISTRY_KEY, { value: registry });
afterEach(() => { registry.clear(); document.body.innerHTML = ''; });

describe('uplot adapter', () => {
  it('reads plots from the hook registry: seconds → ISO, labels, gaps', async () => {
    const p = fakePlot({ title: 'p95 latency' });
    registry.set(p.root, p);
    expect(uplot.detect(ctx())).toBe(true);
    const [r] = await uplot.read(ctx());
    expect(r).toMatchObject({ element: p.root, title: 'p95 latency', kind: 'line', source: 'uplot', exact: true, x: { type: 'time' }, y: { label: 'Latency', unit: 'ms' } });
    expect(r.series).toEqual([
      { name: 'p95', points: [{ x: '2026-10-01', y: 120.5 }, { x: '2026-10-02', y: null }, { x: '2026-10-02T01:00:00.000Z', y: 130 }] },
      { name: 'p50', points: [{ x: '2026-10-01', y: 1 }, { x: '2026-10-02', y: 2 }, { x: '2026-10-02T01:00:00.000Z', y: 3 }] },
    ]);
  });

  it('keeps numeric x when the x scale is not a time scale, area when filled', async () => {
    const p = fakePlot({ time: false, fill: true });
    registry.set(p.root, p);
    const [r] = await uplot.read(ctx());
    expect(r.kind).toBe('area');
    expect(r.x).toEqual({ type: 'number' });
    expect(r.series[0].points[0]).toEqual({ x: 1790812800, y: 120.5 });
  });

  it('notes plots built before the hook (no registry entry, no framework)', async () => {
    const root = document.createElement('div');
    root.className = 'uplot';
    document.body.appendChild(root);
    const [r] = await uplot.read(ctx());
    expect(r).toMatchObject({ element: root, source: 'uplot', series: [], notes: [RELOAD_NOTE] });
  });

  it('turns a throwing registry entry into a chart with a note', async () => {
    const p = fakePlot();
    Object.defineProperty(p, 'data', { get() { throw new Error('nope'); } });
    registry.set(p.root, p);
    const [r] = await uplot.read(ctx());
    expect(r.series).toEqual([]);
    expect(r.notes?.length).toBe(1);
  });
});
