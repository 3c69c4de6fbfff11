import { describe, expect, it } from 'vitest';
import { dateLabelsAsTime } from '@/lib/snapshot/date-labels';

const s = (name: string, xs: Array<string | number>) => ({ name, points: xs.map((x, i) => ({ x, y: i })) });

describe('formatted date labels on a category axis', () => {
  it.each([
    [['Oct 1', 'Oct 2', 'Oct 3'], ['2026-10-01', '2026-10-02', '2026-10-03']],
    [['Mon, Oct 5', 'Tue, Oct 6'], ['2026-10-05', '2026-10-06']],
    [['1 Oct 2025', '2 Oct 2025'], ['2025-10-01', '2025-10-02']],
    [['Dec 30', 'Dec 31', 'Jan 1', 'Jan 2'], ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']],
    [['Sep 2026', 'Oct 2026'], ['2026-09-01', '2026-10-01']],
  ])('%j become ISO dates', (labels, want) => {
    const out = dateLabelsAsTime([s('a', labels), s('b', labels)], { year: 2026 });
    expect(out?.map((x) => x.points.map((p) => p.x))).toEqual([want, want]);
  });

  it.each([
    [['Jan', 'Feb', 'Mar']], // month categories, no day
    [['10/01', '10/02']], // ambiguous numbers
    [['Oct 1', 'Search', 'Oct 3']], // not every label a date
    [['Chrome 118', 'Safari 17']], // words and numbers that are not dates
    [['Oct 1']], // one label says nothing about an axis
  ])('%j stay as shown', (labels) => {
    expect(dateLabelsAsTime([s('a', labels)], { year: 2026 })).toBeNull();
  });
});
