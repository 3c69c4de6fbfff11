// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { Adapter } from '@/lib/snapshot/adapter';
import { readEach } from '@/lib/snapshot/adapter';
import { runWorld, MAX_POINTS_PER_SERIES } from '@/lib/snapshot/run';
import { CHART_ATTR } from '@/lib/snapshot/dom';

const win = window as Window & typeof globalThis;

function adapter(id: string, world: 'main' | 'isolated', read: Adapter['read']): Adapter {
  return { id, world, detect: () => true, read };
}

const line = (el: Element, title?: string) => ({
  element: el, title, kind: 'line' as const, source: 'chartjs' as const, exact: true,
  series: [{ name: 'a', points: [{ x: '2026-10-01', y: 1 }, { x: '2026-10-02', y: 2 }] }],
});

beforeEach(() => {
  document.body.innerHTML = `
    <section><h3>Activation rate</h3><canvas id="c1"></canvas></section>
    <section><h3>Activation rate</h3><canvas id="c2"></canvas></section>
    <div aria-label="Revenue"><svg id="s1"></svg></div>`;
});

describe('runWorld', () => {
  it('reads a chart inside a web component\'s shadow root again on the next read (its mark is cleared too)', async () => {
    const host = document.body.appendChild(document.createElement('dash-widget'));
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div class="card"><h2>Orders placed</h2><canvas></canvas></div>';
    const canvas = shadow.querySelector('canvas')!;
    const reader = adapter('x', 'main', (ctx) => readEach([canvas], ctx, 'chartjs', (el) => line(el)));
    for (let i = 0; i < 2; i++) {
      const r = await runWorld('main', win, document, [reader], { reset: true });
      expect(r.charts.map((c) => [c.id, c.title])).toEqual([['orders-placed', 'Orders placed']]);
    }
    expect(canvas.getAttribute(CHART_ATTR)).toBe('orders-placed');
  });

  it('gives each chart an id from its title, marks it on the element, and keeps duplicates apart', async () => {
    const els = [document.getElementById('c1')!, document.getElementById('c2')!];
    const r = await runWorld('main', win, document, [adapter('x', 'main', () => els.map((e) => line(e)))]);
    expect(r.charts.map((c) => [c.id, c.title])).toEqual([['activation-rate', 'Activation rate'], ['activation-rate-2', 'Activation rate']]);
    expect(els[1].getAttribute(CHART_ATTR)).toBe('activation-rate-2');
  });

  it('lets the first adapter claim an element; later adapters and the other world skip it', async () => {
    const c1 = document.getElementById('c1')!;
    const first = adapter('first', 'main', () => [line(c1, 'From config')]);
    const second = adapter('second', 'main', () => [{ ...line(c1), source: 'react' as const }]);
    const main = await runWorld('main', win, document, [first, second], { reset: true });
    expect(main.charts).toHaveLength(1);
    expect(main.charts[0].title).toBe('From config');
    const iso = await runWorld('isolated', win, document, [adapter('dom', 'isolated', (ctx) =>
      readEach([c1], ctx, 'canvas', (el) => line(el)))]);
    expect(iso.charts).toHaveLength(0);
  });

  it('turns an adapter that throws into a note and still reads the others', async () => {
    const c2 = document.getElementById('c2')!;
    const r = await runWorld('main', win, document, [
      adapter('broken', 'main', () => { throw new Error('config getter threw'); }),
      adapter('fine', 'main', () => [line(c2)]),
    ]);
    expect(r.charts).toHaveLength(1);
    expect(r.notes.join(' ')).toMatch(/broken reader stopped: config getter threw/);
  });

  it('turns one failing chart into a chart with a note (readEach)', async () => {
    const els = [document.getElementById('c1')!, document.getElementById('c2')!];
    const r = await runWorld('main', win, document, [adapter('x', 'main', (ctx) =>
      readEach(els, ctx, 'chartjs', (el) => { if (el.id === 'c1') throw new Error('boom'); return line(el); }))]);
    expect(r.charts).toHaveLength(2);
    expect(r.charts[0].series).toHaveLength(0);
    expect(r.charts[0].notes?.[0]).toMatch(/could not be read: boom/);
    expect(r.charts[1].series[0].points).toHaveLength(2);
  });

  it('stops an adapter that never finishes, with a note, within its budget', async () => {
    const t0 = Date.now();
    const r = await runWorld('main', win, document, [adapter('hang', 'main', () => new Promise(() => {}))], { budgetMs: 100 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.notes.join(' ')).toMatch(/hang reader stopped: took longer than 100 ms/);
  });

  it('keeps at most MAX_POINTS_PER_SERIES points and says so', async () => {
    const points = Array.from({ length: MAX_POINTS_PER_SERIES + 5 }, (_, i) => ({ x: i, y: i }));
    const r = await runWorld('main', win, document, [adapter('big', 'main', () => [{ ...line(document.getElementById('c1')!), series: [{ name: 'big', points }] }])]);
    expect(r.charts[0].series[0].points).toHaveLength(MAX_POINTS_PER_SERIES);
    expect(r.charts[0].notes?.[0]).toMatch(/first 20000 were kept/);
  });

  it('falls back to the accessible name when the adapter has no title', async () => {
    const r = await runWorld('main', win, document, [adapter('x', 'main', () => [line(document.getElementById('s1')!)])]);
    expect(r.charts[0].title).toBe('Revenue');
  });
});
