import { afterEach, describe, expect, it } from 'vitest';
import { readTab, type TabApi } from '@/lib/snapshot/read-tab';
import { fromWire, toWire, Unusable } from '@/lib/snapshot/wire';
import { MAX_CHARTS } from '@/lib/snapshot/assemble';

// The MAIN-world reader runs beside the page's own scripts, so its result is whatever the page wants
// it to be. Each case hands readTab a hostile MAIN result (as the wire string or as an object) next to
// an honest DOM result: the read must finish, keep the honest part, and say what it left out.

const URL = 'http://127.0.0.1:4173/dashboards/growth/';
const chart = (id: string, extra: Record<string, unknown> = {}) => ({
  id, title: id, kind: 'line', source: 'chartjs', exact: true, pos: [0, 0],
  series: [{ name: 's', points: [{ x: '2026-10-01', y: 1 }, { x: '2026-10-02', y: 2 }] }], ...extra,
});
const honestDom = toWire({
  world: 'isolated', charts: [chart('table-1', { source: 'table', kind: 'table', pos: [900, 0] })], notes: [], ms: 2,
  page: { url: URL, title: 'Growth', metrics: [{ id: 'wau', label: 'WAU', value: 12300 }] },
});

function api(main: unknown): TabApi {
  return {
    getTab: async () => ({ url: URL, title: 'Growth' }),
    executeScript: async (o) => [{ result: o.world === 'MAIN' ? main : honestDom }],
  };
}
const world = (charts: unknown[], extra: Record<string, unknown> = {}) => ({ world: 'main', charts, notes: [], ms: 1, ...extra });

async function read(main: unknown) {
  const out = await readTab(api(main), 1, () => new Date('2026-10-23T12:00:00Z'));
  if (!out.ok) throw new Error(`read failed: ${out.message}`);
  return out.snapshot;
}

afterEach(() => {
  // No case may leave anything on Object.prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('hostile MAIN-world results', () => {
  it('wrong types: the world or the chart is left out with a note, the DOM reading stays', async () => {
    for (const bad of [42, 'not json', toWire('a string'), toWire([1, 2]), toWire(world('charts' as unknown as unknown[])),
      toWire(world([chart('c', { series: [{ name: 's', points: [{ x: {}, y: '12' }] }] })]))]) {
      const s = await read(bad);
      expect(s.charts.map((c) => c.id)).toEqual(['table-1']);
      expect(s.metrics).toHaveLength(1);
    }
    const s = await read(toWire(world([chart('c', { kind: 'pwn' }), chart('ok')])));
    expect(s.charts.map((c) => c.id)).toEqual(['ok', 'table-1']);
    expect(s.notes?.join(' ')).toMatch(/A chart \("c"\) was left out/);
  });

  it('huge strings: a title past the limit drops that chart; a result past the wire limit is refused', async () => {
    const s = await read(toWire(world([chart('big', { title: 'x'.repeat(1_000_000) }), chart('ok')])));
    expect(s.charts.map((c) => c.id)).toEqual(['ok', 'table-1']);
    expect(s.notes?.every((n) => n.length <= 500)).toBe(true);
    const refused = fromWire(toWire(world([chart('ok')])), 50);
    expect(refused).toBeInstanceOf(Unusable);
  });

  it('floods: a chart with too many points and a page with too many charts are cut with a note', async () => {
    const flood = Array.from({ length: 25_000 }, (_, i) => ({ x: i, y: i }));
    const s = await read(toWire(world([chart('flood', { series: [{ name: 's', points: flood }] }), chart('ok')])));
    expect(s.charts.map((c) => c.id)).toEqual(['ok', 'table-1']);
    expect(s.notes?.join(' ')).toMatch(/\("flood"\) was left out: it held more data/);
    const many = await read(toWire(world(Array.from({ length: MAX_CHARTS + 20 }, (_, i) => chart(`c${i}`)))));
    expect(many.charts.length).toBe(MAX_CHARTS);
    expect(many.notes?.join(' ')).toMatch(/more charts were left out/);
  });

  it('prototype keys: __proto__, constructor and prototype neither pollute nor survive', async () => {
    const wire = `{"world":"main","ms":1,"notes":[],"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},
      "charts":[{"__proto__":{"polluted":"yes"},"id":"c","title":"t","kind":"line","source":"chartjs","exact":true,"pos":[0,0],
      "series":[{"name":"s","__proto__":{"isAdmin":true},"points":[{"x":1,"y":2,"__proto__":{"polluted":"yes"}}]}]}]}`;
    const s = await read(wire);
    expect(s.charts.map((c) => c.id)).toEqual(['c', 'table-1']);
    const json = JSON.stringify(s);
    expect(json).not.toMatch(/polluted|isAdmin|__proto__/);
    expect(Object.getPrototypeOf(s.charts[0])).toBe(Object.prototype);
    // The object path (an older reader) drops the keys too.
    const obj = JSON.parse(wire) as unknown;
    expect(JSON.stringify(fromWire(obj))).not.toMatch(/polluted|__proto__/);
  });

  it('getters, functions and class instances are refused without being called', async () => {
    let called = 0;
    const withGetter = world([chart('c')]);
    Object.defineProperty(withGetter, 'charts', { enumerable: true, get: () => { called++; throw new Error('page code ran'); } });
    const withFn = world([chart('c', { toJSON: () => { called++; return {}; } })]);
    const withInstance = world([chart('c', { series: new (class Sneaky { name = 's'; points = []; })() })]);
    for (const bad of [withGetter, withFn, withInstance]) {
      const s = await read(bad);
      expect(s.charts.map((c) => c.id)).toEqual(['table-1']);
      expect(s.notes?.join(' ')).toMatch(/main reader returned data Loupe could not use: it/);
    }
    expect(called).toBe(0);
  });

  it('a MAIN result cannot rename the board: URL, title and KPIs come from the browser and the DOM reader', async () => {
    const s = await read(toWire(world([chart('ok')], { page: { url: 'http://127.0.0.2:9/evil', title: 'Evil', metrics: [{ id: 'fake', label: 'Fake', value: 1 }] } })));
    expect(s.url).toBe(URL);
    expect(s.title).toBe('Growth');
    expect(s.metrics.map((m) => m.id)).toEqual(['wau']);
  });

  it('deep nesting is refused, not a stack overflow', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const s = await read(world([chart('c', { extra: deep })]));
    expect(s.charts.map((c) => c.id)).toEqual(['table-1']);
    expect(s.notes?.join(' ')).toMatch(/nested deeper/);
  });
});
