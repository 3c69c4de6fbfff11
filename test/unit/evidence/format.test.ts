import { describe, expect, it } from 'vitest';
import { fmtDiff, fmtNumber, fmtPct, fmtValue, fmtX, moved, seriesLabel, upDown } from '../../../lib/evidence/format';

// The one formatting helper: every number a person reads goes through it.

describe('format', () => {
  it.each([
    [0, '0'], [0.41234, '0.412'], [3.14159, '3.14'], [12, '12'], [99.999, '100'], [1234.4, '1,234'],
    [9999.6, '10,000'], [12345, '12.3K'], [12000, '12K'], [999_950, '1M'], [2_400_000, '2.4M'],
    [1.25e9, '1.3B'], [-1234, '-1,234'],
  ])('fmtNumber(%s) = %s', (v, s) => expect(fmtNumber(v)).toBe(s));

  it('percents have one decimal; units and money', () => {
    expect(fmtPct(15.25)).toBe('15.3%');
    expect(fmtPct(-0.04)).toBe('0.0%');
    expect(fmtValue(34.2, '%')).toBe('34.2%');
    expect(fmtValue(12345, 'USD')).toBe('$12.3K');
    expect(fmtValue(-500, 'EUR')).toBe('-€500');
    expect(fmtValue(420, 'ms')).toBe('420 ms');
    expect(fmtValue(1234, 'count')).toBe('1,234');
    expect(fmtValue(2.3, 'x')).toBe('2.3x');
    expect(fmtDiff(-6.3, '%')).toBe('6.3 percentage points');
  });

  it('dates, names and directions', () => {
    expect(fmtX('2026-10-10')).toBe('Oct 10, 2026');
    expect(fmtX('2026-10-10T00:00:00Z')).toBe('Oct 10, 2026');
    expect(fmtX('2026-10')).toBe('Oct 2026');
    expect(fmtX('2026-10-10T13:00:00Z')).toBe('2026-10-10T13:00:00Z');
    expect(fmtX('Checkout')).toBe('“Checkout”');
    expect(seriesLabel('Revenue', 'EU', 2)).toBe('“Revenue” (“EU”)');
    expect(seriesLabel('Revenue', 'Revenue', 1)).toBe('“Revenue”');
    expect(moved(-15.2)).toBe('fell');
    expect(upDown(3.45)).toBe('up 3.5%');
    expect(upDown(0.01)).toBe('unchanged');
  });
});
