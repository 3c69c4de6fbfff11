import { describe, expect, it } from 'vitest';
import { computeEvidence, type Evidence } from '../../../lib/evidence';
import { detectGranularity, parseDay, weekday } from '../../../lib/evidence/timeaxis';
import type { Point } from '../../../lib/snapshot/schema';
import { isoDate, lineChart, snapshot } from './gen';

// Period comparisons on series small enough to check by hand.

const ramp = (start: string, n: number): Point[] => Array.from({ length: n }, (_, i) => ({ x: isoDate(start, i), y: i + 1 }));
const byMethod = (ev: Evidence[], m: string) => ev.find((e) => e.method === m);

describe('time axis', () => {
  it('parses ISO days, weekdays and granularity', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('2026-03-29T12:00:00Z')).toBe(parseDay('2026-03-29')! + 0.5);
    expect(parseDay('Mar 29')).toBeNull();
    expect(weekday(parseDay('2026-03-29')!)).toBe(6); // a Sunday
    expect(detectGranularity([0, 1, 2, 4, 5]).granularity).toBe('daily');
    expect(detectGranularity([0, 7, 14, 21]).granularity).toBe('weekly');
    expect(detectGranularity([0, 31, 59, 90]).granularity).toBe('monthly');
    expect(detectGranularity([0, 0.04, 0.08]).granularity).toBe('subdaily');
  });
});

describe('period comparisons', () => {
  // Feb 1 – Mar 31 2026, y = 1..59 (a count: totals are compared). Mar 31 is a Tuesday.
  const { evidence } = computeEvidence(snapshot([lineChart('s', 'Signups', ramp('2026-02-01', 59))]));

  it('last 7 days vs the 7 before (totals for counts)', () => {
    const e = byMethod(evidence, 'period/last-7-days-vs-previous-7')!;
    expect(e.values).toMatchObject({ current: 392, previous: 343, change: 49, windowDays: 7 });
    expect(e.values.changePct).toBeCloseTo(14.2857, 3);
    expect(e.points).toEqual(['2026-03-25', '2026-03-31', '2026-03-18', '2026-03-24']);
    expect(e.claim).toContain('total 392 vs 343, up 14.3%');
  });

  it('same weekday last week', () => {
    const e = byMethod(evidence, 'period/same-weekday-last-week')!;
    expect(e.values).toMatchObject({ current: 59, previous: 52 });
    expect(e.points).toEqual(['2026-03-31', '2026-03-24']);
  });

  it('week over week uses the last complete Monday–Sunday week', () => {
    const e = byMethod(evidence, 'period/week-over-week')!;
    expect(e.values).toMatchObject({ current: 378, previous: 329 });
    expect(e.points[0]).toBe('2026-03-23');
    expect(e.points[1]).toBe('2026-03-29');
  });

  it('month over month compares complete calendar months', () => {
    const e = byMethod(evidence, 'period/month-over-month')!;
    expect(e.values).toMatchObject({ current: 1364, previous: 406 });
    expect(e.claim).toContain('Mar 2026 vs Feb 2026');
  });

  it('rates are averaged and their difference is in percentage points', () => {
    const pts = ramp('2026-02-01', 59).map((p) => ({ ...p, y: 40 + (p.y as number) / 10 }));
    const ev = computeEvidence(snapshot([lineChart('r', 'Activation rate', pts, { y: { unit: '%' } })])).evidence;
    const e = byMethod(ev, 'period/last-7-days-vs-previous-7')!;
    expect(e.values.current).toBeCloseTo(45.6, 6);
    expect(e.values.previous).toBeCloseTo(44.9, 6);
    expect(e.values.changePp).toBeCloseTo(0.7, 6);
    expect(e.values.change).toBeUndefined();
    expect(e.claim).toContain('0.7 percentage points');
  });

  it('weekly data: week over week and last 4 weeks vs the 4 before', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ x: isoDate('2026-01-05', 7 * i), y: 100 + 10 * i }));
    // Read a week after the last point starts, so that week is complete.
    const ev = computeEvidence(snapshot([lineChart('w', 'Orders', pts)], `${isoDate('2026-01-05', 70)}T09:00:00Z`)).evidence;
    expect(byMethod(ev, 'period/week-over-week')!.values).toMatchObject({ current: 190, previous: 180 });
    expect(byMethod(ev, 'period/last-4-weeks-vs-previous-4')!.values).toMatchObject({ current: 4 * 100 + 10 * (6 + 7 + 8 + 9), previous: 4 * 100 + 10 * (2 + 3 + 4 + 5) });
  });

  it('monthly data: month over month and year over year', () => {
    const pts = Array.from({ length: 15 }, (_, i) => ({ x: `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, y: 1000 + i }));
    const ev = computeEvidence(snapshot([lineChart('m', 'Revenue', pts)], '2026-03-15T00:00:00Z')).evidence;
    // Mar 2026 is running on Mar 15: the last complete month is Feb 2026.
    expect(byMethod(ev, 'partial-period')?.points).toEqual(['2026-03-01']);
    expect(byMethod(ev, 'period/month-over-month')!.values).toMatchObject({ current: 1013, previous: 1012 });
    expect(byMethod(ev, 'period/year-over-year')!.values).toMatchObject({ current: 1013, previous: 1001 });
  });

  it('a week of missing days falls back to averages instead of a fake drop', () => {
    const pts = ramp('2026-02-01', 59).map((p, i) => (i === 57 || i === 56 ? { ...p, y: null } : p));
    const e = byMethod(computeEvidence(snapshot([lineChart('s', 'Signups', pts)])).evidence, 'period/last-7-days-vs-previous-7')!;
    expect(e.claim).toContain('average');
    expect(e.values.current).toBeCloseTo((53 + 54 + 55 + 56 + 59) / 5, 6);
  });
});
