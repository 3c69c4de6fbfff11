// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChartRead, ReadContext } from '@/lib/snapshot/adapter';
import { svg } from '@/lib/snapshot/adapters/svg';
import { parseTransform, pathPoints } from '@/lib/snapshot/adapters/svg/geometry';
import { isClaimed } from '@/lib/snapshot/dom';

const FIXTURE = readFileSync(resolve(process.cwd(), 'test/fixtures/adapters/svg.html'), 'utf8');

interface Truth {
  aov: { dates: string[]; Web: number[]; iOS: number[]; range: number };
  orders: { cats: string[]; vals: number[]; range: number };
  funnel: { cats: string[]; vals: number[]; range: number };
}

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

let truth: Truth;
let reads: ChartRead[];
const byId = (id: string) => reads.find((r) => r.element.id === id)!;

/** Every estimate within 2% of the axis' value range of the value drawn. */
function expectClose(got: Array<number | null>, want: number[], range: number): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    expect(g).not.toBeNull();
    expect(Math.abs(g! - want[i]), `point ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(0.02 * range);
  });
}

describe('svg adapter', () => {
  beforeEach(async () => {
    document.documentElement.innerHTML = FIXTURE.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
    truth = JSON.parse(document.getElementById('truth')!.textContent!) as Truth;
    const c = ctx();
    reads = svg.detect(c) ? await svg.read(c) : [];
  });

  it('reads charts with axes and skips icons, sparklines, diagrams and claimed charts', () => {
    expect(reads.map((r) => r.element.id)).toEqual(['aov', 'orders', 'funnel']);
    for (const r of reads) expect(r).toMatchObject({ source: 'svg', exact: false });
  });

  it('inverts a hand-drawn line chart (absolute, relative and curve commands) on a time axis', () => {
    const r = byId('aov');
    expect(r).toMatchObject({ title: 'Average order value', kind: 'line', x: { type: 'time' }, y: { unit: 'USD' } });
    expect(r.series.map((s) => s.name)).toEqual(['Web', 'iOS']); // from the legend swatches' colours
    for (const s of r.series) {
      expect(s.points.map((p) => p.x)).toEqual(truth.aov.dates);
      expectClose(s.points.map((p) => p.y), truth.aov[s.name as 'Web' | 'iOS'], truth.aov.range);
    }
    expect(r.notes?.[0]).toMatch(/estimated/i);
  });

  it('inverts a d3-style bar chart with category ticks placed by group transforms', () => {
    const r = byId('orders');
    expect(r).toMatchObject({ title: 'Orders by region', kind: 'bar', x: { type: 'category' } });
    expect(r.series).toHaveLength(1);
    expect(r.series[0].name).toBe('Orders by region');
    expect(r.series[0].points.map((p) => p.x)).toEqual(truth.orders.cats);
    expectClose(r.series[0].points.map((p) => p.y), truth.orders.vals, truth.orders.range);
  });

  it('reads horizontal bars with categories down the side and percent ticks', () => {
    const r = byId('funnel');
    expect(r).toMatchObject({ kind: 'bar', x: { type: 'category' }, y: { unit: '%' } });
    expect(r.series[0].points.map((p) => p.x)).toEqual(truth.funnel.cats);
    expectClose(r.series[0].points.map((p) => p.y), truth.funnel.vals, truth.funnel.range);
  });
});

describe('svg geometry', () => {
  it('parses path commands, absolute and relative, curves by their end points', () => {
    expect(pathPoints('M10,20L30,40h5v-5l-5,0C1,1 2,2 50,60Z M0 0 1 1')).toEqual([
      [[10, 20], [30, 40], [35, 40], [35, 35], [30, 35], [50, 60]],
      [[0, 0], [1, 1]],
    ]);
    expect(pathPoints('m5,5 10,0 0,10')).toEqual([[[5, 5], [15, 5], [15, 15]]]);
  });
  it('composes transforms', () => {
    const m = parseTransform('translate(10,20) scale(2)');
    expect(m).toEqual([2, 0, 0, 2, 10, 20]);
  });
});

describe('svg adapter without a year on the page', () => {
  it('assumes the current year for "Oct 1" ticks and says so', async () => {
    document.documentElement.innerHTML = FIXTURE.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
    document.querySelector('.toolbar')!.remove();
    const r = (await svg.read(ctx())).find((c) => c.element.id === 'aov')!;
    const year = new Date().getFullYear();
    expect(r.x?.type).toBe('time');
    expect(r.series[0].points[0].x).toBe(`${year}-10-01`);
    expect(r.notes).toContain(`The dates on the axis have no year and the page names none; ${year} was assumed.`);
  });
});

describe('svg adapter legends and titles', () => {
  it('names series from an HTML legend beside the SVG and from stroke-line legend symbols', async () => {
    const ticksY = [0, 50, 100].map((v) => `<text x="40" y="${200 - v * 1.8}" text-anchor="end" dominant-baseline="middle">${v}</text>`).join('');
    const ticksX = ['A', 'B', 'C'].map((c, i) => `<text x="${100 + i * 100}" y="220" text-anchor="middle">${c}</text>`).join('');
    document.documentElement.innerHTML = `<body><article class="card"><div class="wrap">
      <svg id="s" width="400" height="240">${ticksY}${ticksX}
        <path d="M100,110L200,74L300,38" fill="none" stroke="#ff0000"/>
        <path d="M100,164L200,146L300,128" fill="none" stroke="#0000ff"/>
        <g><path d="M300,10L316,10" stroke="#0000ff"/><text x="320" y="14">Returning</text></g>
        <text class="chart-title" x="200" y="12" text-anchor="middle">Visits by step</text>
      </svg>
      <ul class="legend"><li><svg width="10" height="10"><rect width="10" height="10" fill="#f00"/></svg>New</li></ul>
    </div></article></body>`;
    const [r] = await svg.read(ctx());
    expect(r.title).toBe('Visits by step');
    expect(r.series.map((s) => s.name)).toEqual(['New', 'Returning']);
    expect(r.series[0].points.map((p) => p.y)).toEqual([50, 70, 90]);
    expect(r.series[1].points.map((p) => p.y)).toEqual([20, 30, 40]);
  });
});
