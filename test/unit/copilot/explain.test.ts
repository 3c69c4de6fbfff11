import { describe, expect, it } from 'vitest';
import { explainChart, explainDashboard } from '../../../lib/copilot/explain';
import { verifyText } from '../../../lib/copilot/verify';
import { computeEvidence } from '../../../lib/evidence';
import type { Chart, DashboardSnapshot } from '../../../lib/snapshot/schema';
import { genDaily, int, isoDate, lineChart, rng, snapshot, uniform } from '../evidence/gen';

// The offline explainer must pass its own verifier: every number it writes is cited and matches.

function board(seed: number): DashboardSnapshot {
  const r = rng(seed);
  const n = int(r, 40, 120);
  const charts: Chart[] = [
    lineChart('act', 'Activation rate', genDaily({
      seed: seed + 1, n, level: uniform(r, 20, 60), seasonalAmp: 0.1, noise: 0.03, shift: { at: Math.floor(n * 0.6), pct: -uniform(r, 10, 30) },
    }).map((p) => ({ ...p, y: p.y === null ? null : Math.round(p.y * 10) / 10 })), { y: { unit: '%' } }),
    lineChart('rev', 'Revenue (2026, top 10 markets)', genDaily({
      seed: seed + 2, n, level: uniform(r, 5_000, 500_000), seasonalAmp: 0.15, noise: 0.04,
      spikes: [{ at: int(r, 5, n - 5), pct: 90 }], nulls: [int(r, 0, n - 1)],
    }), { y: { unit: 'USD' }, exact: seed % 2 === 0 }),
    lineChart('sig', 'Signups', genDaily({ seed: seed + 3, n, seasonalAmp: 0.15, noise: 0.04, trendPctPerWeek: uniform(r, 1, 4) })),
    {
      id: 'plans', title: 'Users by plan', kind: 'pie', source: 'echarts', exact: true,
      series: [{ name: 'Users', points: [['Free', 6200], ['Pro 2', 2100], ['Team', 900], ['Enterprise', int(r, 50, 400)]].map(([x, y]) => ({ x, y: y as number })) }],
    },
    {
      id: 'funnel', title: 'Checkout funnel', kind: 'bar', source: 'chartjs', exact: true, x: { type: 'category' },
      series: [{ name: 'Users', points: [['Visit', 10000], ['Cart', int(r, 2000, 5000)], ['Pay', 1400], ['Done', 1250]].map(([x, y]) => ({ x, y: y as number })) }],
    },
    {
      id: 'weekly', title: 'Weekly orders', kind: 'bar', source: 'vega', exact: true, x: { type: 'time' },
      series: [{ name: 'Orders', points: Array.from({ length: 12 }, (_, i) => ({ x: isoDate('2026-01-05', 7 * i), y: 400 + 10 * i + int(r, 0, 20) })) }],
    },
  ];
  // Read during the last day of the daily series: its last point is partial.
  const last = charts[0].series[0].points[n - 1].x as string;
  return snapshot(charts, `${last}T15:00:00Z`);
}

describe('explainDashboard', () => {
  it.each([1, 2, 3, 4, 5, 6])('board %i: every number in the explanation is cited and supported', (seed) => {
    const snap = board(seed);
    const result = computeEvidence(snap);
    const ex = explainDashboard(snap, result);
    const v = verifyText(ex.markdown, result.evidence, { findings: result.findings });
    const bad = v.numbers.filter((x) => x.status !== 'ok').map((x) => `${x.status}: ${x.text} in "${x.sentence}"`);
    expect(bad).toEqual([]);
    expect(v.numbers.length).toBeGreaterThan(40);
    expect(v.unknownCitations).toEqual([]);
    // The sentence list and the markdown agree, and any sentence with a digit cites something.
    for (const s of ex.sentences) {
      expect(ex.markdown).toContain(s.text);
      if (/\d/.test(s.text.replace(/“[^”]*”/g, ''))) expect(s.cites.length, s.text).toBeGreaterThan(0);
    }
    // Findings come first, with what could make them wrong.
    expect(ex.markdown.indexOf('## Notable changes')).toBe(0);
    if (result.findings.length) expect(ex.markdown).toContain('What could make this wrong');
  });

  it('percents are written with one decimal', () => {
    const snap = board(7);
    const ex = explainDashboard(snap, computeEvidence(snap));
    const pcts = ex.markdown.match(/\d[\d,.]*%/g) ?? [];
    expect(pcts.length).toBeGreaterThan(5);
    for (const p of pcts) expect(p).toMatch(/^\d[\d,]*\.\d%$/);
  });

  it('says so when nothing stands out, and when nothing was read', () => {
    const flat = snapshot([lineChart('f', 'Flat', Array.from({ length: 30 }, (_, i) => ({ x: isoDate('2026-01-01', i), y: 10 })))]);
    expect(explainDashboard(flat, computeEvidence(flat)).markdown).toContain('Nothing stands out');
    const empty = snapshot([]);
    expect(explainDashboard(empty, { evidence: [], findings: [] }).markdown).toContain('No chart data was read');
  });
});

describe('explainChart', () => {
  it('explains one chart and passes the verifier scoped to that chart', () => {
    const snap = board(11);
    const result = computeEvidence(snap);
    const ex = explainChart(snap, 'act', result);
    expect(ex.markdown).toContain('“Activation rate”');
    expect(ex.markdown).not.toContain('“Signups”');
    const v = verifyText(ex.markdown, result.evidence, { chartId: 'act', findings: result.findings });
    expect(v.numbers.filter((x) => x.status !== 'ok')).toEqual([]);
    expect(v.numbers.length).toBeGreaterThan(5);
  });

  it('an unknown chart gets a plain message', () => {
    const snap = board(12);
    expect(explainChart(snap, 'nope', computeEvidence(snap)).markdown).toMatch(/not on this snapshot/);
  });
});
