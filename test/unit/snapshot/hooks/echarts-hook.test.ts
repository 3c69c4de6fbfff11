// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import * as echartsLib from 'echarts';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { getEChartsRegistry, installEChartsHook } from '@/lib/snapshot/hooks/echarts-hook';
import { echarts } from '@/lib/snapshot/adapters/echarts';

// A bundled app imports ECharts as a module: no window.echarts, so only the page hook's list finds
// its charts. The real ECharts 6 runs in jsdom with the SVG renderer.
describe('the ECharts page hook', () => {
  it('records instances built after it was installed, and the adapter reads them without a global', async () => {
    const win = window as Window & typeof globalThis;
    const registry = installEChartsHook(win);
    expect(installEChartsHook(win)).toBe(registry); // a second install keeps the same list
    const el = document.createElement('div');
    document.body.appendChild(el);
    const inst = echartsLib.init(el, null, { renderer: 'svg', width: 400, height: 200 });
    inst.setOption({
      title: { text: 'Orders' },
      xAxis: { type: 'time' }, yAxis: { type: 'value' },
      series: [{ type: 'line', name: 'Orders', data: [['2026-10-01', 5], [Date.UTC(2026, 9, 2), 7]] }],
    });
    await Promise.resolve();
    expect(getEChartsRegistry(win)).toEqual([inst]);
    expect((window as { echarts?: unknown }).echarts).toBeUndefined();

    const ctx: ReadContext = { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
    expect(echarts.detect(ctx)).toBe(true);
    const reads = await echarts.read(ctx);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ element: el, title: 'Orders', source: 'echarts', x: { type: 'time' },
      series: [{ name: 'Orders', points: [{ x: '2026-10-01', y: 5 }, { x: '2026-10-02', y: 7 }] }] });

    // A disposed chart is neither read nor kept once the page builds another.
    inst.dispose();
    expect(await echarts.read(ctx)).toEqual([]);
    const next = echartsLib.init(document.body.appendChild(document.createElement('div')), null, { renderer: 'svg', width: 400, height: 200 });
    await Promise.resolve();
    expect(registry).toEqual([next]);
    next.dispose();
  });

  it('ignores other objects that assign the same name', async () => {
    const registry = installEChartsHook(window as Window & typeof globalThis);
    const before = registry.length;
    const other: Record<string, unknown> = {};
    other._chartsViews = [];
    await Promise.resolve();
    expect(registry.length).toBe(before);
    expect(other._chartsViews).toEqual([]);
  });
});
