// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { getHighchartsRegistry, installHighchartsHook } from '@/lib/snapshot/hooks/highcharts-hook';

// A constructor shaped like Highcharts' Chart.init (v12 ESM): `labelCollectors` is assigned early,
// userOptions and series exist by the end of the same synchronous init.
class FakeChart {
  [key: string]: unknown;
  constructor(public renderTo: Element) {
    this.userOptions = { title: { text: 'Active users' } };
    this.labelCollectors = [];
    this.series = [];
  }
}

describe('the Highcharts page hook', () => {
  it('records charts built after it was installed, without changing what the page sees', async () => {
    const win = window as Window & typeof globalThis;
    const registry = installHighchartsHook(win);
    const el = document.createElement('div');
    const chart = new FakeChart(el);
    // The instance keeps a plain own property, as an ordinary assignment would make.
    expect(Object.getOwnPropertyDescriptor(chart, 'labelCollectors')).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect(Object.keys(chart)).toContain('labelCollectors');
    await Promise.resolve();
    expect(registry).toEqual([chart]);
    expect(getHighchartsRegistry(win)).toBe(registry);
  });

  it('ignores other objects that happen to assign the same name', async () => {
    const registry = installHighchartsHook(window as Window & typeof globalThis); // second install: same list
    const before = registry.length;
    const other: Record<string, unknown> = {};
    other.labelCollectors = 1;
    await Promise.resolve();
    expect(registry.length).toBe(before);
    expect(other.labelCollectors).toBe(1);
  });
});
