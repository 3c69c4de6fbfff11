// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { apexcharts } from '@/lib/snapshot/adapters/apexcharts';
import { getApexRegistry, installApexHook } from '@/lib/snapshot/hooks/apexcharts-hook';

// An ApexCharts chart without `chart.id` is in no registry: the unseen boards' "Page load time" (a
// line) was read as an SVG estimate and "API calls" (datetime bars) with x numbered 1, 2, 3. A
// constructor shaped like ApexCharts 5.9's (el, w, then `parentResizeHandler`) is recorded by the hook
// and read exactly from its config.
class FakeApex {
  [key: string]: unknown;
  constructor(public el: Element, config: Record<string, unknown>) {
    this.w = { config, globals: {} };
    this.parentResizeHandler = () => undefined;
  }
}
const win = window as Window & typeof globalThis;
const ctx = (): ReadContext => ({ window: win, document, signal: new AbortController().signal, expired: () => false, isClaimed });
const day = (d: number) => Date.UTC(2026, 9, d);

describe('the ApexCharts page hook', () => {
  it('records a chart without an id, and the adapter reads its datetime series exactly', async () => {
    const registry = installApexHook(win);
    const el = document.createElement('div');
    el.innerHTML = '<div class="apexcharts-canvas"><svg class="apexcharts-svg"></svg></div>';
    document.body.appendChild(el);
    const chart = new FakeApex(el, {
      chart: { type: 'bar' }, xaxis: { type: 'datetime' },
      series: [{ name: 'API calls', data: [{ x: day(1), y: 46245 }, { x: day(2), y: 47279 }] }],
    });
    expect(Object.getOwnPropertyDescriptor(chart, 'parentResizeHandler')).toMatchObject({ writable: true, enumerable: true, configurable: true });
    await Promise.resolve();
    expect(registry).toEqual([chart]);
    expect(getApexRegistry(win)).toBe(registry);
    const reads = await apexcharts.read(ctx());
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ element: el, source: 'apexcharts', exact: true, kind: 'bar', x: { type: 'time' } });
    expect(reads[0].series).toEqual([{ name: 'API calls', points: [{ x: '2026-10-01', y: 46245 }, { x: '2026-10-02', y: 47279 }] }]);
  });

  it('ignores other objects that assign the same name', async () => {
    const registry = installApexHook(win);
    const before = registry.length;
    const other: Record<string, unknown> = {};
    other.parentResizeHandler = 1;
    await Promise.resolve();
    expect(registry.length).toBe(before);
    expect(other.parentResizeHandler).toBe(1);
  });
});
