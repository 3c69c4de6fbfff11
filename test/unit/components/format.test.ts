import { describe, expect, it } from 'vitest';
import { contextLine, formatDelta, formatValue, lastValue, readAgo } from '@/components/format';

describe('panel formatting', () => {
  it('shows values with their units', () => {
    expect(formatValue(34.2, '%')).toBe('34.2%');
    expect(formatValue(12300, 'USD')).toBe('$12,300');
    expect(formatValue(48.5, 'USD')).toBe('$48.50');
    expect(formatValue(120, 'ms')).toBe('120 ms');
    expect(formatValue(3.4, 'x')).toBe('3.4x');
    expect(formatValue(1234.5678)).toBe('1,235');
    expect(formatValue(0.12345)).toBe('0.12');
  });

  it('shows deltas with a sign and their own unit', () => {
    expect(formatDelta(-4.2, '%')).toBe('−4.2%');
    expect(formatDelta(1.5, 'pp')).toBe('+1.5 pp');
    expect(formatDelta(300, 'USD')).toBe('+$300');
    expect(formatDelta(0)).toBe('±0');
  });

  it('joins the analysis context in the order ui.md gives', () => {
    expect(contextLine({ dateRange: 'Aug 1 – Oct 23', comparison: 'vs previous 7 days', timezone: 'UTC', filters: ['All users', ''] }))
      .toBe('Aug 1 – Oct 23 · vs previous 7 days · UTC · All users');
    expect(contextLine(undefined)).toBe('');
  });

  it('takes the last value that is not a gap', () => {
    expect(lastValue({ name: 's', points: [{ x: 'a', y: 1 }, { x: 'b', y: null }] })).toEqual({ x: 'a', y: 1 });
    expect(lastValue({ name: 's', points: [{ x: 'a', y: null }] })).toBeUndefined();
  });

  it('says how long ago the page was read', () => {
    const now = Date.parse('2026-10-23T12:00:00Z');
    expect(readAgo('2026-10-23T11:59:40Z', now)).toBe('read just now');
    expect(readAgo('2026-10-23T11:58:00Z', now)).toBe('read 2 min ago');
    expect(readAgo('2026-10-23T09:00:00Z', now)).toBe('read 3 h ago');
    expect(readAgo('not a date', now)).toBe('');
  });
});
