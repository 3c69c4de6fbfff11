import { base, type SeriesContext } from './context';
import { fmtValue, fmtX } from './format';
import type { Evidence } from './schema';

// Per-series summary (last, min, max, mean) and the partial-last-period flag. Both run on the
// complete points only: a day that is not over yet would show up as a fake "lowest value".

export function summarize(c: SeriesContext): Evidence | null {
  const { obs, partial, gaps } = c.prep;
  if (!obs.length) return null;
  let lo = obs[0];
  let hi = obs[0];
  let total = 0;
  for (const o of obs) {
    if (o.y < lo.y) lo = o;
    if (o.y > hi.y) hi = o;
    total += o.y;
  }
  const last = obs[obs.length - 1];
  const first = obs[0];
  const mean = total / obs.length;
  const u = c.unit;
  const values: Record<string, number> = {
    last: last.y, min: lo.y, max: hi.y, mean, nPoints: obs.length,
  };
  if (gaps > 0) values.nGaps = gaps;
  const gapText = gaps > 0 ? `; ${gaps} missing ${gaps === 1 ? 'value' : 'values'}` : '';
  const claim = obs.length === 1
    ? `${c.label} has a single complete value: ${fmtValue(last.y, u)} (${fmtX(last.x)})${gapText}.`
    : `${c.label}: last complete value ${fmtValue(last.y, u)} (${fmtX(last.x)}), lowest ${fmtValue(lo.y, u)} (${fmtX(lo.x)}), `
      + `highest ${fmtValue(hi.y, u)} (${fmtX(hi.x)}), average ${fmtValue(mean, u)} over ${obs.length} points `
      + `from ${fmtX(first.x)}${gapText}.`;
  const ev = c.b.add({
    ...base(c),
    claim,
    values,
    points: uniq([last.x, lo.x, hi.x, first.x]),
    method: 'summary',
    confidence: c.chart.exact ? 1 : 0.8,
  });
  if (partial) {
    c.b.add({
      ...base(c),
      claim: `The last point of ${c.label} (${fmtX(partial.x)}) is in a period that is not over yet `
        + `(${fmtValue(partial.y, u)} so far), so it is left out of comparisons and change detection.`,
      values: { value: partial.y },
      points: [partial.x],
      method: 'partial-period',
      confidence: 1,
    });
  }
  return ev;
}

export function uniq<T>(a: T[]): T[] {
  return [...new Set(a)];
}
