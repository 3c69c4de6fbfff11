// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import * as vegaLib from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';
import { vega } from '@/lib/snapshot/adapters/vega';
import { getVegaViews, installVegaHook } from '@/lib/snapshot/hooks/vega-hook';

// A Vega-Lite chart embedded with `renderer: 'canvas'` left only a canvas: the unseen boards' "Signups
// by channel" came out as a bare canvas titled "Vega visualization". The hook records every View Vega
// constructs (its constructor assigns `_elBind`), and the adapter reads the recorded View's scenegraph.
const win = window as Window & typeof globalThis;
const ctx = (): ReadContext => ({ window: win, document, signal: new AbortController().signal, expired: () => false, isClaimed });

const values = ['Search', 'Social', 'Email'].flatMap((category, i) => [
  { category, series: 'This period', value: 100 + i * 10 },
  { category, series: 'Last period', value: 90 + i * 7 },
]);
const spec: TopLevelSpec = {
  width: 300, height: 150, data: { values }, mark: 'bar',
  encoding: { x: { field: 'category', type: 'nominal', sort: null }, xOffset: { field: 'series' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'series' } },
};

describe('the Vega page hook', () => {
  it('records a View built after it, and the adapter reads it exactly once it is initialized', async () => {
    const views = installVegaHook(win);
    expect(installVegaHook(win)).toBe(views);
    document.body.innerHTML = '<article><h2>Signups by channel</h2><div id="host"></div></article>';
    const host = document.getElementById('host')!;
    host.className = 'vega-embed';
    const view = new vegaLib.View(vegaLib.parse(compile(spec).spec), { renderer: 'none' });
    expect(Object.getOwnPropertyDescriptor(view, '_elBind')).toMatchObject({ value: null, writable: true, enumerable: true, configurable: true });
    await Promise.resolve();
    expect(getVegaViews(win)).toEqual([view]);
    await view.initialize(host).runAsync();
    const reads = await vega.read(ctx());
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ element: host, title: 'Signups by channel', kind: 'bar', source: 'vega', exact: true, x: { type: 'category' } });
    const byName = Object.fromEntries(reads[0].series.map((s) => [s.name, s.points]));
    expect(byName['This period']).toEqual([{ x: 'Search', y: 100 }, { x: 'Social', y: 110 }, { x: 'Email', y: 120 }]);
    expect(byName['Last period']).toEqual([{ x: 'Search', y: 90 }, { x: 'Social', y: 97 }, { x: 'Email', y: 104 }]);
  });

  it('ignores other objects that assign the same name', async () => {
    const views = installVegaHook(win);
    const before = views.length;
    const other: Record<string, unknown> = {};
    other._elBind = 1;
    await Promise.resolve();
    expect(views.length).toBe(before);
    expect(other._elBind).toBe(1);
  });
});
