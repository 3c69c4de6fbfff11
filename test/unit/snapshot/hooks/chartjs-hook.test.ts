// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { Chart, registerables } from 'chart.js';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { chartjs } from '@/lib/snapshot/adapters/chartjs';
import { getChartJsRegistry, installChartJsHook } from '@/lib/snapshot/hooks/chartjs-hook';

// The unseen ESM board imports Chart.js as a module: no window.Chart, so its charts were read only as
// bare canvases (source canvas, no points). The page hook records the constructor of every chart
// built after it, and the adapter reads that constructor's live instances.
const win = window as Window & typeof globalThis;
const ctx = (): ReadContext => ({ window: win, document, signal: new AbortController().signal, expired: () => false, isClaimed });

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

beforeAll(() => Chart.register(...registerables));

describe('the Chart.js page hook', () => {
  it('finds a bundled Chart.js chart (no window.Chart) and the adapter reads it exactly', async () => {
    const registry = installChartJsHook(win);
    expect(registry).toEqual([]);
    expect((window as { Chart?: unknown }).Chart).toBeUndefined();
    expect(chartjs.detect(ctx())).toBe(false);
    const chart = new Chart(canvas(), {
      type: 'line',
      data: { labels: ['2026-10-01', '2026-10-02', '2026-10-03'], datasets: [{ label: 'Active accounts', data: [120, 130, 90] }] },
      options: { responsive: false, animation: false },
    });
    // The instance keeps a plain own property, as an ordinary assignment would make.
    expect(Object.getOwnPropertyDescriptor(chart, '$proxies')).toMatchObject({ writable: true, enumerable: true, configurable: true });
    await Promise.resolve();
    expect(getChartJsRegistry(win)).toEqual([Chart]);
    expect(chartjs.detect(ctx())).toBe(true);
    const [read] = await chartjs.read(ctx());
    expect(read).toMatchObject({ source: 'chartjs', exact: true, x: { type: 'time' } });
    expect(read.series).toEqual([{ name: 'Active accounts', points: [
      { x: '2026-10-01', y: 120 }, { x: '2026-10-02', y: 130 }, { x: '2026-10-03', y: 90 }] }]);
    chart.destroy();
  });

  it('ignores other objects that assign the same name, and installs once', async () => {
    const registry = installChartJsHook(win);
    const before = registry.length;
    const other: Record<string, unknown> = {};
    other.$proxies = {};
    await Promise.resolve();
    expect(registry.length).toBe(before);
    expect(installChartJsHook(win)).toBe(registry);
  });
});
