import { describe, expect, it } from 'vitest';
import { computeEvidence, EvidenceResult } from '../../../lib/evidence';
import type { Chart } from '../../../lib/snapshot/schema';
import { genDaily, lineChart, snapshot } from './gen';

// Whole-board behaviour: categorical charts, co-occurring changes, stable ids, speed.

const cat = (id: string, title: string, rows: Array<[string, number | null]>, extra: Partial<Chart> = {}): Chart => ({
  id, title, kind: 'bar', source: 'echarts', exact: true, x: { type: 'category' },
  series: [{ name: 'value', points: rows.map(([x, y]) => ({ x, y })) }], ...extra,
});

describe('categorical charts', () => {
  it('pie: share of total, top and bottom', () => {
    const chart = { ...cat('p', 'Browsers', [['Chrome', 600], ['Safari', 300], ['Firefox', 100]]), kind: 'pie' as const };
    const { evidence, findings } = computeEvidence(snapshot([chart]));
    const tb = evidence.find((e) => e.method === 'categorical/top-bottom-share')!;
    expect(tb.values).toMatchObject({ total: 1000, top: 600, topShare: 60, bottom: 100, bottomShare: 10, nCategories: 3 });
    expect(tb.points).toEqual(['Chrome', 'Firefox']);
    const shares = evidence.find((e) => e.method === 'categorical/share-of-total')!;
    expect(Object.values(shares.values)).toEqual([60, 30, 10]);
    expect(findings).toEqual([]);
  });

  it('funnel by shape: step conversion and the largest drop, no shares', () => {
    const { evidence } = computeEvidence(snapshot([cat('f', 'Checkout', [['Visit', 1000], ['Cart', 400], ['Pay', 300], ['Done', 270]])]));
    const f = evidence.find((e) => e.method === 'funnel/step-conversion')!;
    expect(f.values).toMatchObject({ nSteps: 4, 'step 2 conversionShare': 40, 'step 3 conversionShare': 75, 'step 4 conversionShare': 90, overallConversionShare: 27, largestDropShare: 60 });
    expect(f.claim).toContain('The largest drop is from “Visit” to “Cart”, where 60.0% are lost.');
    expect(evidence.some((e) => e.method === 'categorical/share-of-total')).toBe(false);
  });

  it('funnel by title even when a step goes up; not a funnel otherwise', () => {
    const rows: Array<[string, number]> = [['A', 100], ['B', 120], ['C', 50]];
    expect(computeEvidence(snapshot([cat('f', 'Signup funnel', rows)])).evidence.some((e) => e.method === 'funnel/step-conversion')).toBe(true);
    expect(computeEvidence(snapshot([cat('f', 'Signups by plan', rows)])).evidence.some((e) => e.method === 'funnel/step-conversion')).toBe(false);
  });

  it('rates by category get a top and bottom but no share of a meaningless total', () => {
    const { evidence } = computeEvidence(snapshot([cat('r', 'Conversion rate by country', [['DE', 3.1], ['FR', 2.2], ['US', 4.0]], { y: { unit: '%' } })]));
    expect(evidence.map((e) => e.method)).toEqual(['categorical/top-bottom']);
    expect(evidence[0].values).toMatchObject({ top: 4, bottom: 2.2 });
  });

  it('skips null categories and single-category charts', () => {
    const { evidence } = computeEvidence(snapshot([cat('n', 'Plans', [['Free', null], ['Pro', 5]])]));
    expect(evidence).toEqual([]);
  });
});

describe('co-occurring changes', () => {
  it('links shifts within two points on different charts, as co-occurrence only', () => {
    const a = lineChart('a', 'Activation', genDaily({ seed: 21, n: 90, seasonalAmp: 0.1, noise: 0.03, shift: { at: 60, pct: -20 } }));
    const b = lineChart('b', 'Revenue', genDaily({ seed: 22, n: 90, seasonalAmp: 0.1, noise: 0.03, shift: { at: 61, pct: -25 } }));
    const c = lineChart('c', 'Sessions', genDaily({ seed: 23, n: 90, seasonalAmp: 0.1, noise: 0.03, shift: { at: 30, pct: 25 } }));
    const { evidence, findings } = computeEvidence(snapshot([a, b, c]));
    const co = evidence.filter((e) => e.method.startsWith('co-occurrence'));
    expect(co).toHaveLength(1);
    expect(co[0].chartId).toBe('a');
    expect(co[0].relatedChartIds).toEqual(['b']);
    expect(co[0].values).toMatchObject({ nCharts: 2, spanDays: 1 });
    expect(co[0].claim).toMatch(/co-occurrence only; it does not show that one caused the other/);
    const linked = findings.filter((f) => f.evidenceIds.includes(co[0].id)).map((f) => f.chartId).sort();
    expect(linked).toEqual(['a', 'b']);
  });
});

describe('ids and contracts', () => {
  const board = () => snapshot([
    lineChart('a', 'Activation', genDaily({ seed: 31, n: 80, seasonalAmp: 0.15, noise: 0.04, shift: { at: 40, pct: 20 } })),
    lineChart('b', 'Signups', genDaily({ seed: 32, n: 80, seasonalAmp: 0.15, noise: 0.04, spikes: [{ at: 50, pct: 90 }] })),
    cat('c', 'Plans', [['Free', 70], ['Pro', 25], ['Team', 5]]),
  ]);

  it('is deterministic, parses with its schema, and numbers ids in order', () => {
    const r1 = computeEvidence(board());
    const r2 = computeEvidence(board());
    expect(r2).toEqual(r1);
    expect(() => EvidenceResult.parse(r1)).not.toThrow();
    expect(r1.evidence.map((e) => e.id)).toEqual(r1.evidence.map((_, i) => `E${i + 1}`));
    expect(r1.findings.map((f) => f.id)).toEqual(r1.findings.map((_, i) => `F${i + 1}`));
    // Charts in snapshot order: all of a's evidence comes before b's, b's before c's.
    const order = r1.evidence.map((e) => e.chartId).join('');
    expect(order).toMatch(/^a+b+c+$/);
    // Ranked: scores never increase.
    const scores = r1.findings.map((f) => f.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('respects maxFindings', () => {
    expect(computeEvidence(board(), { maxFindings: 1 }).findings).toHaveLength(1);
  });
});

describe('speed', () => {
  it('24 charts, 100,000 points: well under two seconds of CPU', () => {
    const charts = Array.from({ length: 24 }, (_, i) => lineChart(`c${i}`, `Metric ${i}`, genDaily({
      seed: 100 + i, n: i < 16 ? 4167 : 4166, start: '2015-01-01', seasonalAmp: 0.15, noise: 0.05,
      shift: i % 2 ? { at: 2000 + 10 * i, pct: 20 } : undefined, trendPctPerWeek: i % 3 === 0 ? 0.05 : 0,
      spikes: i % 4 === 0 ? [{ at: 100, pct: 90 }] : undefined,
    })));
    const snap = snapshot(charts);
    expect(snap.stats.points).toBe(100_000);
    computeEvidence(snapshot(charts.slice(0, 2))); // warm-up: JIT, not the algorithm
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const { evidence } = computeEvidence(snap);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.info(`[evidence speed] 24 charts, 100,000 points: ${cpuMs.toFixed(0)} ms CPU, ${(performance.now() - wall).toFixed(0)} ms wall, ${evidence.length} evidence items`);
    expect(cpuMs).toBeLessThan(2000);
  });
});
