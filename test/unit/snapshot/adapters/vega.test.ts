// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import * as vegaLib from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { vega, readVegaView, RELOAD_NOTE } from '@/lib/snapshot/adapters/vega';
import { VEGA_VIEWS_KEY } from '@/lib/snapshot/hooks/vega-hook';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}
afterEach(() => { document.body.innerHTML = ''; (window as unknown as Record<symbol, unknown>)[VEGA_VIEWS_KEY] = undefined; });

const values = [
  { day: '2026-10-01', service: 'api', requests: 120 },
  { day: '2026-10-02', service: 'api', requests: 90 },
  { day: '2026-10-03', service: 'api', requests: 150 },
  { day: '2026-10-01', service: 'web', requests: 30 },
  { day: '2026-10-02', service: 'web', requests: 45 },
  { day: '2026-10-03', service: 'web', requests: 40 },
];
const lineSpec: TopLevelSpec = {
  data: { values }, mark: 'line', width: 300, height: 150,
  encoding: { x: { field: 'day', type: 'temporal' }, y: { field: 'requests', type: 'quantitative' }, color: { field: 'service', type: 'nominal' } },
};
const barSpec: TopLevelSpec = {
  data: { values }, mark: 'bar', width: 300, height: 150,
  encoding: { x: { field: 'service', type: 'nominal' }, y: { field: 'requests', aggregate: 'sum', type: 'quantitative' } },
};

async function view(spec: TopLevelSpec, renderer: 'none' | 'svg', el?: HTMLElement) {
  const v = new vegaLib.View(vegaLib.parse(compile(spec).spec), { renderer });
  if (el) v.initialize(el);
  await v.runAsync();
  return v;
}

describe('vega adapter', () => {
  it('reads a Vega-Lite line view with its spec: fields from the encoding, one series per colour', async () => {
    const el = document.createElement('div');
    const v = await view(lineSpec, 'none');
    const r = readVegaView(v, el, lineSpec)!;
    expect(r).toMatchObject({ kind: 'line', source: 'vega', exact: true, x: { type: 'time', label: 'day' }, y: { label: 'requests' } });
    expect(r.series.map((s) => s.name)).toEqual(['api', 'web']);
    expect(r.series[0].points).toEqual([{ x: '2026-10-01', y: 120 }, { x: '2026-10-02', y: 90 }, { x: '2026-10-03', y: 150 }]);
  });

  it('reads a stacked area (Vega-Lite stacks areas split by colour) as each series\' own values, not running totals', async () => {
    // Three bands of about equal, steady thickness: each band's start field tracks its drawn edge as well as its end.
    const days = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'];
    const api = [100, 100, 100, 100, 100, 100, 100, 100];
    const cdn = [101, 99, 102, 98, 100, 101, 99, 100];
    const web = [99, 102, 100, 101, 98, 100, 102, 99];
    const rows = days.flatMap((day, i) => [{ day, service: 'api', requests: api[i] }, { day, service: 'cdn', requests: cdn[i] }, { day, service: 'web', requests: web[i] }]);
    const area = { ...lineSpec, data: { values: rows }, mark: { type: 'area', line: true }, encoding: { ...lineSpec.encoding, y: { field: 'requests', type: 'quantitative', scale: { zero: false } } } } as TopLevelSpec;
    const r = readVegaView(await view(area, 'none'), document.body)!;
    expect(r.kind).toBe('area');
    const byName = Object.fromEntries(r.series.map((s) => [s.name, s.points.map((p) => p.y)]));
    expect(byName).toEqual({ api, cdn, web });
  });

  it('infers fields from item geometry without a spec (aggregated bars)', async () => {
    const r = readVegaView(await view(barSpec, 'none'), document.body)!;
    // Fields inferred (sum_requests); the lone series and y are named by the value axis's title.
    expect(r).toMatchObject({ kind: 'bar', x: { type: 'category', label: 'service' }, y: { label: 'Sum of requests' } });
    expect(r.series[0].name).toBe('Sum of requests');
    expect(r.series[0].points).toEqual([{ x: 'api', y: 360 }, { x: 'web', y: 115 }]);
  });

  it('finds SVG-rendered charts through the items bound to their elements, and recorded views by their container', async () => {
    const a = document.createElement('div');
    a.className = 'vega-embed';
    document.body.appendChild(a);
    await view(barSpec, 'svg', a);
    expect(a.querySelector('svg.marks')).not.toBeNull();
    const b = document.createElement('div');
    document.body.appendChild(b);
    const vb = await view(lineSpec, 'none', b);
    const detached = await view(lineSpec, 'none', document.createElement('div'));
    (window as unknown as Record<symbol, unknown>)[VEGA_VIEWS_KEY] = [vb, detached];
    expect(vega.detect(ctx())).toBe(true);
    const reads = await vega.read(ctx());
    expect(reads.map((r) => [r.element, r.kind])).toEqual([[b, 'line'], [a, 'bar']]);
    expect(reads[0].series.map((s) => s.points.length)).toEqual([3, 3]);
    expect(reads[1].series[0].points).toEqual([{ x: 'api', y: 360 }, { x: 'web', y: 115 }]);
  });

  it('gives a canvas chart whose view was never recorded its heading and a reload note, not a bare canvas', async () => {
    document.body.innerHTML = '<section><h3>Signups by channel</h3><div class="vega-embed" role="graphics-document" aria-label="Vega visualization"><canvas class="marks" width="300" height="150"></canvas></div></section>';
    expect(vega.detect(ctx())).toBe(true);
    const reads = await vega.read(ctx());
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ element: document.querySelector('.vega-embed'), title: 'Signups by channel', source: 'vega', exact: false, series: [], notes: [RELOAD_NOTE] });
  });

  it("takes the card's label as the title, never Vega's default label or another card's heading", async () => {
    document.body.innerHTML = '<section class="grid"><article class="card"><div class="panel-title">Infra cost</div><div class="chart"></div></article>'
      + '<article class="card" aria-label="Cart abandonment"><div class="vega-embed" aria-label="Vega visualization"><canvas class="marks"></canvas></div></article>'
      + '<figure class="card"><figcaption>Median response time</figcaption><div class="vega-embed"><div class="chart-wrapper" aria-label="Vega visualization"><canvas class="marks"></canvas></div></div></figure></section>';
    const reads = await vega.read(ctx());
    expect(reads.map((r) => r.title)).toEqual(['Cart abandonment', 'Median response time']);
  });
});
