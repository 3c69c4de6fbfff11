import { describe, expect, it } from 'vitest';
import { targetsFor } from '@/lib/actions/locate/common';
import type { ChartRead } from '@/lib/snapshot/adapter';

// A citation names points by the snapshot's x. Where the chart shows "Oct 10", the snapshot says
// "2026-10-10"; the locator, reading the library's own labels again, must still find the point.
const read = (xs: string[]): ChartRead => ({
  element: {} as Element, kind: 'line', source: 'chartjs', exact: true,
  series: [{ name: 'Orders', points: xs.map((x, i) => ({ x, y: i })) }],
});

describe('targetsFor', () => {
  it('finds a cited ISO date among formatted date labels', () => {
    const notes: string[] = [];
    const t = targetsFor(read(['Oct 9', 'Oct 10', 'Oct 11']), ['2026-10-10'], undefined, notes);
    expect(t).toEqual([{ x: '2026-10-10', seriesIndex: 0, pointIndex: 1, series: 'Orders' }]);
    expect(notes).toEqual([]);
  });

  it('still says when a cited point is not on the chart', () => {
    const notes: string[] = [];
    expect(targetsFor(read(['Oct 9', 'Oct 10']), ['2026-10-20'], undefined, notes)).toEqual([]);
    expect(notes[0]).toMatch(/No point at 2026-10-20/);
  });
});
