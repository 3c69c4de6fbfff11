import { afterEach, describe, expect, it } from 'vitest';
// First, as in every entrypoint: zod decides per schema, when the schema is built, whether to compile.
import '@/lib/no-eval';
import { DashboardSnapshot } from '@/lib/snapshot/schema';

// With jitless set (lib/no-eval.ts), zod never builds code from strings: replacing the Function
// constructor with a recorder shows every construction, and parsing a snapshot makes none.

const RealFunction = globalThis.Function;
afterEach(() => { globalThis.Function = RealFunction; });

describe('no code from strings', () => {
  it('zod parses a snapshot without constructing a Function once lib/no-eval is loaded', () => {
    const made: string[] = [];
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args: string[]) { made.push(args.join(',')); return Reflect.construct(target, args); },
      apply(target, self, args: string[]) { made.push(args.join(',')); return Reflect.apply(target, self, args); },
    });
    const snap = {
      url: 'u', title: 't', readAt: 'r', metrics: [], stats: { readMs: 1, charts: 1, points: 1 },
      charts: [{ id: 'c', title: 'c', kind: 'line', source: 'chartjs', exact: true, series: [{ name: 's', points: [{ x: 1, y: 2 }] }] }],
    };
    for (let i = 0; i < 3; i++) expect(DashboardSnapshot.parse(snap).charts).toHaveLength(1);
    expect(made).toEqual([]);
  });
});
