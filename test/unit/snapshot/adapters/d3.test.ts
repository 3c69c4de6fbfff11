// @vitest-environment jsdom
// @ts-nocheck -- d3 ships no type declarations and @types/d3 is not installed; this file drives real d3.
import { afterEach, describe, expect, it } from 'vitest';
import * as d3lib from 'd3';
import { d3 } from '@/lib/snapshot/adapters/d3';
import { pathVertices } from '@/lib/snapshot/adapters/d3';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { isClaimed } from '@/lib/snapshot/dom';

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}
afterEach(() => { document.body.innerHTML = ''; });

const days = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'];
const rows = days.flatMap((d, i) => [
  { date: new Date(`${d}T00:00:00Z`), service: 'api', depth: [10, 14, 12, 19][i], idx: i },
  { date: new Date(`${d}T00:00:00Z`), service: 'worker', depth: 40 - i * i, idx: i },
]);

function lineChart(curve: d3lib.CurveFactory = d3lib.curveLinear) {
  const svg = d3lib.select(document.body).append('div').append('svg').attr('width', 400).attr('height', 200);
  const x = d3lib.scaleUtc().domain(d3lib.extent(rows, (r) => r.date) as [Date, Date]).range([30, 380]);
  const y = d3lib.scaleLinear().domain([0, 50]).range([180, 10]);
  svg.append('g').call(d3lib.axisBottom(x));
  svg.append('g').call(d3lib.axisLeft(y));
  const line = d3lib.line<(typeof rows)[number]>().x((r) => x(r.date)).y((r) => y(r.depth)).curve(curve);
  svg.append('g').selectAll('path').data(d3lib.groups(rows, (r) => r.service)).join('path')
    .attr('fill', 'none').attr('stroke', (_, i) => ['red', 'blue'][i]).attr('d', ([, v]) => line(v));
  return svg;
}

describe('d3 adapter', () => {
  it('reads lines bound to row arrays: x field by geometry, dates → ISO, series from the group key', async () => {
    lineChart();
    expect(d3.detect(ctx())).toBe(true);
    const [r] = await d3.read(ctx());
    expect(r).toMatchObject({ kind: 'line', source: 'd3', exact: true, x: { type: 'time', label: 'date' }, y: { label: 'depth' } });
    expect(r.element.tagName.toLowerCase()).toBe('svg');
    expect(r.series).toEqual([
      { name: 'api', points: days.map((d, i) => ({ x: d, y: [10, 14, 12, 19][i] })) },
      { name: 'worker', points: days.map((d, i) => ({ x: d, y: 40 - i * i })) },
    ]);
  });

  it('reads curved lines (one vertex per row)', async () => {
    lineChart(d3lib.curveMonotoneX);
    const [r] = await d3.read(ctx());
    expect(r.series[1].points[3]).toEqual({ x: '2026-10-04', y: 31 });
  });

  it('reads band-scale bars with a string category and a horizontal bar chart', async () => {
    const data = [{ region: 'EMEA', orders: 120 }, { region: 'APAC', orders: 80 }, { region: 'AMER', orders: 150 }];
    const x = d3lib.scaleBand().domain(data.map((d) => d.region)).range([0, 300]).padding(0.1);
    const y = d3lib.scaleLinear().domain([0, 200]).range([200, 0]);
    const svg = d3lib.select(document.body).append('svg');
    svg.append('g').selectAll('rect').data(data).join('rect')
      .attr('x', (d) => x(d.region)!).attr('width', x.bandwidth()).attr('y', (d) => y(d.orders)).attr('height', (d) => 200 - y(d.orders)).attr('fill', 'steelblue');
    const svg2 = d3lib.select(document.body).append('svg');
    const yb = d3lib.scaleBand().domain(data.map((d) => d.region)).range([0, 300]);
    const xl = d3lib.scaleLinear().domain([0, 200]).range([0, 400]);
    svg2.append('g').selectAll('rect').data(data).join('rect')
      .attr('y', (d) => yb(d.region)!).attr('height', yb.bandwidth()).attr('x', 0).attr('width', (d) => xl(d.orders));
    const reads = await d3.read(ctx());
    expect(reads).toHaveLength(2);
    for (const r of reads) {
      expect(r).toMatchObject({ kind: 'bar', x: { type: 'category' } });
      expect(r.series[0].points).toEqual(data.map((d) => ({ x: d.region, y: d.orders })));
    }
  });

  it('reads a scatter of circles with numeric x, and leaves an unclear svg alone', async () => {
    const pts = [{ a: 1, b: 5 }, { a: 2, b: 3 }, { a: 4, b: 9 }, { a: 7, b: 1 }];
    const svg = d3lib.select(document.body).append('svg');
    svg.selectAll('circle').data(pts).join('circle').attr('cx', (d) => d.a * 10).attr('cy', (d) => 100 - d.b * 10).attr('r', 3);
    // Circles whose positions have nothing to do with their data.
    const noise = d3lib.select(document.body).append('svg');
    noise.selectAll('circle').data([{ v: 1, w: 2 }, { v: 5, w: 0 }, { v: 2, w: 7 }]).join('circle').attr('cx', (_, i) => [50, 10, 90][i]).attr('cy', 3);
    const reads = await d3.read(ctx());
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ kind: 'scatter', x: { type: 'number' } });
    expect(reads[0].series[0].points).toEqual(pts.map((p) => ({ x: p.a, y: p.b })));
  });

  it('turns a throwing datum into a note, not a failed read', async () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    const rowsBad = [{}, {}];
    Object.defineProperty(rowsBad[0], 'x', { get() { throw new Error('x'); }, enumerable: true });
    (p as unknown as { __data__: unknown }).__data__ = rowsBad;
    p.setAttribute('d', 'M0,0L1,1');
    svg.appendChild(p);
    document.body.appendChild(svg);
    const reads = await d3.read(ctx());
    expect(reads).toEqual([]);
  });

  it('parses path vertices (absolute, relative, curves)', () => {
    expect(pathVertices('M0,10L5,5h5v-5C1,1,2,2,20,0Z')).toEqual([[0, 10], [5, 5], [10, 5], [10, 0], [20, 0]]);
  });
});

describe('d3 adapter: markers on a line', () => {
  // Unseen boards draw a line and a circle on each of its points (both bound to the same rows): the
  // dots were read as a second series, "Series 2", and the evidence engine reported each shift twice.
  it('reads a line with a dot on every point as one series', async () => {
    const pts = days.map((d, i) => ({ x: d, y: [120, 90, 130, 110][i] }));
    const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const svg = d3lib.select(document.body).append('div').append('svg').attr('width', 400).attr('height', 200);
    const x = d3lib.scaleUtc().domain(d3lib.extent(pts, (p) => ms(p.x))).range([40, 390]);
    const y = d3lib.scaleLinear().domain([0, 150]).range([176, 8]);
    svg.append('g').attr('transform', 'translate(0,176)').call(d3lib.axisBottom(x));
    svg.append('path').datum(pts).attr('fill', 'none').attr('stroke', 'red').attr('d', d3lib.line().x((p) => x(ms(p.x))).y((p) => y(p.y)));
    svg.append('g').selectAll('circle').data(pts).join('circle').attr('r', 1.5).attr('fill', 'red').attr('cx', (p) => x(ms(p.x))).attr('cy', (p) => y(p.y));
    const [r] = await d3.read(ctx());
    expect(r.kind).toBe('line');
    expect(r.series).toHaveLength(1);
    expect(r.series[0].points).toEqual(pts);
  });
});
