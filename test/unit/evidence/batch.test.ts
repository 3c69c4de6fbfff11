import { describe, expect, it } from 'vitest';
import { computeEvidence, type EvidenceOptions, type Finding } from '../../../lib/evidence';
import { genDaily, lineChart, nullBatch, shiftBatch, snapshot, type DailySpec } from './gen';

// Acceptance batch for level shifts (design "Level 1"): measured on seeded series, so a regression
// in detection shows up as a number, and the measurement itself is shown to be able to fail.

interface Measure {
  total: number;
  found: number;
  wrongDirection: number;
  meanAbsPctError: number;
  maxAbsPctError: number;
  maxAtError: number;
  extraFindings: number;
}

function measureShifts(count: number, opts?: EvidenceOptions): Measure {
  const cases = shiftBatch(count);
  let found = 0;
  let wrongDirection = 0;
  let extra = 0;
  const pctErr: number[] = [];
  const atErr: number[] = [];
  for (const c of cases) {
    const points = genDaily(c.spec);
    const { findings } = computeEvidence(snapshot([lineChart('m', 'Metric', points)]), opts);
    const shifts = findings.filter((f) => f.kind === 'level-shift');
    const index = (f: Finding) => points.findIndex((p) => p.x === f.at);
    const near = shifts.filter((f) => Math.abs(index(f) - c.truth.at) <= 3);
    const hit = near.find((f) => Math.sign(f.changePct) === Math.sign(c.truth.pct));
    if (!hit && near.length) wrongDirection++;
    extra += shifts.length - (hit ? 1 : 0);
    if (!hit) continue;
    found++;
    pctErr.push(Math.abs(hit.changePct - c.truth.pct));
    atErr.push(Math.abs(index(hit) - c.truth.at));
  }
  return {
    total: cases.length, found, wrongDirection, extraFindings: extra,
    meanAbsPctError: pctErr.length ? pctErr.reduce((a, b) => a + b, 0) / pctErr.length : NaN,
    maxAbsPctError: pctErr.length ? Math.max(...pctErr) : NaN,
    maxAtError: atErr.length ? Math.max(...atErr) : NaN,
  };
}

/** Level-shift findings raised over a list of series. */
function countShifts(specs: DailySpec[]): number {
  return specs.reduce((n, spec) => {
    const { findings } = computeEvidence(snapshot([lineChart('m', 'Metric', genDaily(spec))]));
    return n + findings.filter((f) => f.kind === 'level-shift').length;
  }, 0);
}

describe('level-shift acceptance batch', () => {
  it('finds every injected 10–30% shift with the right direction, size within 6 pp and start within 3 points', () => {
    const m = measureShifts(40);
    console.info('[evidence batch] shifts', JSON.stringify(m));
    expect(m.found).toBe(m.total);
    expect(m.wrongDirection).toBe(0);
    expect(m.maxAbsPctError).toBeLessThanOrEqual(6);
    expect(m.maxAtError).toBeLessThanOrEqual(3);
  });

  it('raises at most one level-shift finding across 40 shift-free series (seasonal, trends, spikes)', () => {
    const fp = countShifts(nullBatch(40));
    console.info('[evidence batch] false level shifts on 40 shift-free series:', fp);
    expect(fp).toBeLessThanOrEqual(1);
  });

  it('can fail: a detector that is too strict misses shifts and the measure says so', () => {
    const m = measureShifts(10, { threshold: 40 });
    expect(m.found).toBeLessThan(m.total);
  });

  it('can fail: the false-finding count sees shifts when there are some', () => {
    // The same counter over series that do shift: a detector that cried wolf would look like this.
    expect(countShifts(shiftBatch(10).map((c) => c.spec))).toBeGreaterThan(1);
  });
});
