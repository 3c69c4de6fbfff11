import { describe, expect, it } from 'vitest';
import { computeEvidence, Evidence } from '../../../lib/evidence';
import { nextEvidenceId, runTool, TOOL_NAMES, TOOL_SPECS, type ToolContext } from '../../../lib/copilot/tools';
import { board } from '../../fixtures/llm-scripts/board';

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

const snapshot = board();
const { evidence, findings } = computeEvidence(snapshot);
const ctx = (): ToolContext => ({ snapshot, evidence, findings });
const call = (name: string, args: unknown) => ({ id: 'c', name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });

describe('tools', () => {
  it('describes themselves with JSON Schema generated from their zod schemas', () => {
    expect(TOOL_SPECS.map((t) => t.name)).toEqual(['get_series', 'compare_periods', 'list_findings', 'describe_chart']);
    const cmp = TOOL_SPECS[1].parameters as { required: string[]; $schema?: string };
    expect(cmp.required).toEqual(['chartId', 'a', 'b']);
    expect(cmp.$schema).toBeUndefined();
  });

  it('get_series reads a range and adds a citable evidence item with the next id', () => {
    const run = runTool(call('get_series', { chartId: 'activation', from: '2026-10-10', to: '2026-10-16' }), ctx());
    expect(run.ok).toBe(true);
    expect(nextEvidenceId(evidence)).toBe(`E${evidence.length + 1}`);
    const [e] = run.added;
    expect(Evidence.parse(e)).toEqual(e);
    expect(e).toMatchObject({ id: `E${evidence.length + 1}`, chartId: 'activation', series: 'Activation rate', unit: '%', method: 'tool/get_series' });
    expect(e.values.nPoints).toBe(7);
    expect(e.points).toEqual(['2026-10-10', '2026-10-11', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16']);
    expect(e.claim).toMatch(/^“Activation rate” from Oct 10, 2026 to Oct 16, 2026: first 35\.3%/);
    expect(run.output).toMatchObject({ evidenceId: e.id, points: expect.any(Array) });
  });

  it('compare_periods gives the change b versus a, and ids keep counting across calls', () => {
    const c = ctx();
    const first = runTool(call('get_series', { chartId: 'activation' }), c);
    c.evidence = [...c.evidence, ...first.added];
    const run = runTool(call('compare_periods', { chartId: 'activation', a: { from: '2026-09-01', to: '2026-09-30' }, b: { from: '2026-10-10', to: '2026-10-23' } }), c);
    expect(run.added[0].id).toBe(`E${evidence.length + 2}`);
    expect(run.added[0].values).toMatchObject({ before: 41.23, after: 34.9286, nBefore: 30, nAfter: 14 });
    expect(run.added[0].values.changePct).toBeCloseTo(-15.29, 1);
    expect(run.added[0].values.changePp).toBeCloseTo(-6.30, 1);
  });

  it('list_findings and describe_chart read without adding numbers', () => {
    const lf = runTool(call('list_findings', {}), ctx());
    expect(lf.output).toMatchObject({ findings: [{ id: 'F1', evidenceIds: ['E6', 'E1'] }] });
    const dc = runTool(call('describe_chart', { chartId: 'signups' }), ctx());
    expect(dc.output).toMatchObject({ kind: 'bar', series: [{ name: 'Organic', points: 84, from: '2026-08-01', to: '2026-10-23' }, { name: 'Paid' }] });
    expect(lf.added).toEqual([]);
    expect(dc.added).toEqual([]);
  });

  it('turns every bad call into an error result for the model, never a throw', () => {
    const cases: [string, unknown, RegExp][] = [
      ['apply_budget', { amount: 50000 }, /no tool "apply_budget".*nothing can be changed/],
      ['get_series', '{"chartId": "activation", series: oops', /not valid JSON/],
      ['compare_periods', { chartId: 42, a: { from: '2026-10-01' } }, /Invalid arguments: chartId: .*a\.to/],
      ['get_series', { chartId: 'nope' }, /No chart with id "nope"\. Chart ids: activation, signups/],
      ['get_series', { chartId: 'signups' }, /has 2 series; pass one of: Organic, Paid/],
      ['get_series', { chartId: 'activation', from: 'last tuesday' }, /does not match/],
      ['compare_periods', { chartId: 'activation', a: { from: '2025-01-01', to: '2025-01-31' }, b: { from: '2026-10-01', to: '2026-10-02' } }, /Period a has no values/],
      ['get_series', 'null', /Invalid arguments/],
    ];
    for (const [name, args, msg] of cases) {
      const run = runTool(call(name, args), ctx());
      expect(run.ok, name).toBe(false);
      expect(run.added).toEqual([]);
      expect((run.output as { error: string }).error).toMatch(msg);
    }
  });

  it('cannot change anything: every tool runs over a frozen snapshot and evidence', () => {
    const frozen = deepFreeze({ snapshot: board(), evidence: structuredClone(evidence), findings: structuredClone(findings) });
    const before = JSON.stringify(frozen);
    const calls = [
      call('get_series', { chartId: 'signups', series: 'paid' }),
      call('compare_periods', { chartId: 'signups', series: 'Organic', a: { from: '2026-08-01', to: '2026-08-31' }, b: { from: '2026-09-01', to: '2026-09-30' } }),
      call('list_findings', {}), call('describe_chart', { chartId: 'activation' }),
    ];
    for (const c of calls) expect(runTool(c, frozen).ok).toBe(true);
    expect(JSON.stringify(frozen)).toBe(before);
    expect(TOOL_NAMES).toEqual(['get_series', 'compare_periods', 'list_findings', 'describe_chart']);
  });
});
