import { describe, expect, it } from 'vitest';
import { computeEvidence, EvidenceResult, type FindingKind } from '../../../lib/evidence';
import type { Point } from '../../../lib/snapshot/schema';
import { gauss, genDaily, isoDate, lineChart, rng, snapshot } from './gen';

// What is and is not found, case by case. Each row names a series shape and the findings it must
// (and must not) raise; "methods" lists evidence methods that must be present.

interface Row {
  name: string;
  points: Point[];
  exact?: boolean;
  readAt?: string;
  found: FindingKind[];
  notFound: FindingKind[];
  methods?: string[];
  caveat?: RegExp;
  title?: RegExp;
}

const flat = (n: number, v = 500): Point[] => Array.from({ length: n }, (_, i) => ({ x: isoDate('2026-03-02', i), y: v }));

/** A week of hourly points with a ±40% daily cycle, optionally dropping 20% from hour 100. */
function hourly(seed: number, drop: boolean): Point[] {
  const r = rng(seed);
  return Array.from({ length: 24 * 7 }, (_, i) => {
    const cycle = 1 + 0.4 * Math.sin((2 * Math.PI * ((i % 24) - 9)) / 24);
    const y = 500 * cycle * (1 + 0.04 * gauss(r)) * (drop && i >= 100 ? 0.8 : 1);
    return { x: new Date(Date.UTC(2026, 0, 5) + i * 3_600_000).toISOString().replace('.000', ''), y: Math.round(y * 10) / 10 };
  });
}

const rows: Row[] = [
  {
    name: 'short series (8 points) with a big step: too short to call a shift',
    points: genDaily({ seed: 1, n: 8, noise: 0.01, shift: { at: 4, pct: -40 } }),
    found: [], notFound: ['level-shift', 'anomaly', 'trend'], methods: ['summary'],
  },
  {
    name: 'short series (12 points) of noise: nothing',
    points: genDaily({ seed: 2, n: 12, noise: 0.05 }),
    found: [], notFound: ['level-shift', 'anomaly', 'trend'], methods: ['summary'],
  },
  {
    name: 'short series (12 points) with a clean 40% step: found, with a few-points caveat',
    points: genDaily({ seed: 3, n: 12, noise: 0.01, shift: { at: 6, pct: -40 } }),
    found: ['level-shift'], notFound: ['anomaly', 'trend'], caveat: /Few points/,
  },
  {
    name: 'constant series: nothing at all',
    points: flat(60),
    found: [], notFound: ['level-shift', 'anomaly', 'trend'], methods: ['summary', 'trend/least-squares-weekday-adjusted'],
  },
  {
    name: 'constant series with one spike: an anomaly, not a shift',
    points: flat(60).map((p, i) => (i === 30 ? { ...p, y: 900 } : p)),
    found: ['anomaly'], notFound: ['level-shift', 'trend'],
  },
  {
    name: 'seasonal series with a single spike: an anomaly, not a shift',
    points: genDaily({ seed: 4, n: 90, seasonalAmp: 0.15, noise: 0.04, spikes: [{ at: 60, pct: 80 }] }),
    found: ['anomaly'], notFound: ['level-shift', 'trend'],
  },
  {
    name: 'seasonal series with a steady trend: a trend, not a shift',
    points: genDaily({ seed: 5, n: 90, seasonalAmp: 0.15, noise: 0.04, trendPctPerWeek: 3 }),
    found: ['trend'], notFound: ['level-shift'],
  },
  {
    name: 'seasonal series with a shift and null gaps: the shift, and a caveat about missing values',
    points: genDaily({ seed: 3, n: 90, seasonalAmp: 0.15, noise: 0.04, shift: { at: 50, pct: -20 }, nulls: [10, 11, 49, 70] }),
    found: ['level-shift'], notFound: ['trend'], caveat: /4 missing values/,
  },
  {
    name: 'mostly null series: no findings, still a summary',
    points: genDaily({ seed: 6, n: 40, noise: 0.05, nulls: Array.from({ length: 34 }, (_, i) => i) }),
    found: [], notFound: ['level-shift', 'anomaly', 'trend'], methods: ['summary'],
  },
  {
    name: 'estimated (not exact) data: the shift, with an estimated-data caveat',
    points: genDaily({ seed: 7, n: 90, seasonalAmp: 0.15, noise: 0.03, shift: { at: 45, pct: 25 } }),
    exact: false, found: ['level-shift'], notFound: [], caveat: /estimated/,
  },
  {
    name: 'small counts (0, 1, 2 a day): no shifts or anomalies from discreteness',
    points: (() => {
      const r = rng(41);
      return Array.from({ length: 90 }, (_, i) => ({ x: isoDate('2026-01-01', i), y: r() < 0.7 ? 0 : r() < 0.7 ? 1 : 2 }));
    })(),
    found: [], notFound: ['level-shift', 'anomaly'],
  },
  {
    name: 'a series crossing zero: the shift is found and titled by its size, not a percent of nearly nothing',
    points: (() => {
      const r = rng(9);
      return Array.from({ length: 90 }, (_, i) => ({ x: isoDate('2026-01-01', i), y: (i >= 50 ? -30 : 20) + 15 * (r() - 0.5) }));
    })(),
    found: ['level-shift'], notFound: ['anomaly'], title: /^Signups fell by \d+(\.\d+)? from Feb 20, 2026$/,
  },
  {
    name: 'noise-free data with an exact weekly wiggle and a step: found (no noise is not "autocorrelated noise")',
    points: Array.from({ length: 84 }, (_, i) => ({
      x: isoDate('2026-08-01', i), y: Number(((i < 70 ? 41.2 : 34.9) + [0.4, -0.3, 0.1, -0.2, 0.3, -0.1, 0][i % 7]).toFixed(1)),
    })),
    found: ['level-shift'], notFound: ['anomaly'], title: /^Signups fell 15\.\d% from Oct 10, 2026$/,
  },
  {
    name: 'hourly data with a daily cycle: the cycle is not a shift',
    points: hourly(11, false),
    found: [], notFound: ['level-shift', 'anomaly'],
  },
  {
    name: 'hourly data with a daily cycle and a 20% drop: the drop is found',
    points: hourly(12, true),
    found: ['level-shift'], notFound: ['anomaly'],
  },
  {
    name: 'smooth wandering (autocorrelated) noise: no shift',
    points: (() => {
      const r = rng(77);
      let e = 0;
      return Array.from({ length: 90 }, (_, i) => {
        e = 0.7 * e + Math.sqrt(1 - 0.49) * gauss(r);
        return { x: isoDate('2026-01-01', i), y: Math.round(1000 * (1 + 0.05 * e)) };
      });
    })(),
    found: [], notFound: ['level-shift'],
  },
  {
    name: "today is not over: a half-day last point is flagged, left out, and raises nothing",
    points: genDaily({ seed: 8, n: 60, seasonalAmp: 0.15, noise: 0.04 }).map((p, i) => (i === 59 ? { ...p, y: 120 } : p)),
    readAt: `${isoDate('2026-06-01', 59)}T13:00:00Z`,
    found: [], notFound: ['level-shift', 'anomaly'], methods: ['partial-period'],
  },
];

describe('computeEvidence: what is and is not found', () => {
  it.each(rows)('$name', (row) => {
    const chart = lineChart('m', 'Signups', row.points, row.exact === false ? { exact: false } : {});
    const result = computeEvidence(snapshot([chart], row.readAt));
    expect(() => EvidenceResult.parse(result)).not.toThrow();
    const kinds = result.findings.map((f) => f.kind);
    for (const k of row.found) expect(kinds, `expected a ${k} finding`).toContain(k);
    for (const k of row.notFound) expect(kinds, `expected no ${k} finding`).not.toContain(k);
    for (const m of row.methods ?? []) expect(result.evidence.map((e) => e.method)).toContain(m);
    if (row.caveat) expect(result.findings.flatMap((f) => f.caveats).join(' ')).toMatch(row.caveat);
    if (row.title) expect(result.findings[0]?.title).toMatch(row.title);
    // Every finding cites evidence that exists and belongs to its chart.
    for (const f of result.findings) {
      for (const id of f.evidenceIds) expect(result.evidence.find((e) => e.id === id)?.chartId).toBe(f.chartId);
    }
  });

  it('a partial last point is excluded from the summary and the comparisons', () => {
    const points = flat(30, 100).map((p, i) => (i === 29 ? { ...p, y: 10 } : p));
    const { evidence } = computeEvidence(snapshot([lineChart('m', 'Signups', points)], `${points[29].x}T08:00:00+02:00`));
    const partial = evidence.find((e) => e.method === 'partial-period');
    expect(partial?.points).toEqual([points[29].x]);
    expect(evidence.find((e) => e.method === 'summary')?.values).toMatchObject({ last: 100, min: 100, nPoints: 29 });
  });

  it('uses the snapshot time zone for "today"', () => {
    const points = flat(30, 100);
    const last = points[29].x as string;
    // 23:30 UTC the day before is already "today" in Tokyo.
    const readAt = `${isoDate(last, -1)}T23:30:00Z`;
    const snap = { ...snapshot([lineChart('m', 'Signups', points)], readAt), context: { timezone: 'Asia/Tokyo' } };
    expect(computeEvidence(snap).evidence.some((e) => e.method === 'partial-period')).toBe(true);
    expect(computeEvidence({ ...snap, context: {} }).evidence.some((e) => e.method === 'partial-period')).toBe(false);
  });

  it('reports the level shift with levels, size, start and distance from noise', () => {
    const points = genDaily({ seed: 11, n: 98, seasonalAmp: 0.15, noise: 0.03, shift: { at: 56, pct: -15 } });
    const { evidence, findings } = computeEvidence(snapshot([lineChart('act', 'Activation', points)]));
    const f = findings.find((x) => x.kind === 'level-shift')!;
    expect(f.at).toBe(points[56].x);
    expect(f.changePct).toBeGreaterThan(-19);
    expect(f.changePct).toBeLessThan(-11);
    expect(f.title).toMatch(/^Activation fell \d+\.\d% from \w{3} \d+, 2026$/);
    const e = evidence.find((x) => x.id === f.evidenceIds[0])!;
    expect(e.method).toMatch(/^level-shift\//);
    expect(e.values.noiseMultiple).toBeGreaterThan(3);
    expect(e.points).toContain(points[56].x);
    // Levels are means of raw values over whole weeks.
    expect(e.values.nBefore! % 7).toBe(0);
    expect(e.values.nAfter! % 7).toBe(0);
  });
});
