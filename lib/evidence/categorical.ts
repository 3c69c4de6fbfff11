import type { Chart, Series } from '../snapshot/schema';
import { base, isRateLike, type SeriesContext } from './context';
import { fmtNumber, fmtPct, fmtValue, quote } from './format';

// Category charts (bars, pies, tables by row label): share of total, top and bottom, and step
// conversion when the chart reads as a funnel. Shares only for values that add up (counts, money);
// a bar chart of conversion rates by country has a top and a bottom but no "share".

const MAX_LISTED = 25;

interface Cat {
  label: string;
  x: string | number;
  y: number;
}

export function isCategorical(chart: Chart): boolean {
  if (chart.kind === 'pie') return true;
  if (chart.x?.type === 'category') return true;
  if (chart.x?.type) return false;
  // No axis type: strings that are not dates read as categories.
  const xs = chart.series.flatMap((s) => s.points.map((p) => p.x));
  return xs.length > 0 && xs.every((x) => typeof x === 'string');
}

function cats(series: Series): Cat[] {
  return series.points
    .filter((p): p is { x: string | number; y: number } => p.y !== null && Number.isFinite(p.y))
    .map((p) => ({ label: String(p.x), x: p.x, y: p.y }));
}

/** Monotonically non-increasing non-negative steps, or a chart that calls itself a funnel. */
export function looksLikeFunnel(chart: Chart, series: Series, cs: Cat[]): boolean {
  if (cs.length < 2 || cs[0].y <= 0 || cs.some((c) => c.y < 0)) return false;
  if (/funnel/i.test(`${chart.title} ${series.name}`)) return true;
  if (cs.length < 3 || chart.kind === 'pie') return false;
  for (let i = 1; i < cs.length; i++) if (cs[i].y > cs[i - 1].y) return false;
  return cs[cs.length - 1].y < cs[0].y;
}

export function categorical(c: SeriesContext): void {
  const cs = cats(c.series);
  if (cs.length < 2) return;
  const u = c.unit;
  let top = cs[0];
  let bottom = cs[0];
  for (const k of cs) {
    if (k.y > top.y) top = k;
    if (k.y < bottom.y) bottom = k;
  }
  const total = cs.reduce((a, k) => a + k.y, 0);
  const isFunnel = looksLikeFunnel(c.chart, c.series, cs);
  // Steps of a funnel count the same people again: their sum is no total to take shares of.
  const shares = !isFunnel && !isRateLike(c) && total > 0 && cs.every((k) => k.y >= 0);
  const conf = c.chart.exact ? 1 : 0.8;
  if (shares) {
    const topShare = (top.y / total) * 100;
    const bottomShare = (bottom.y / total) * 100;
    c.b.add({
      ...base(c),
      claim: `${c.label}: ${quote(top.label)} is the largest at ${fmtValue(top.y, u)} (${fmtPct(topShare)} of the `
        + `${fmtValue(total, u)} total across ${cs.length} categories) and ${quote(bottom.label)} the smallest at `
        + `${fmtValue(bottom.y, u)} (${fmtPct(bottomShare)}).`,
      values: { total, top: top.y, topShare, bottom: bottom.y, bottomShare, nCategories: cs.length },
      points: [top.x, bottom.x],
      method: 'categorical/top-bottom-share',
      confidence: conf,
    });
    const listed = [...cs].sort((p, q) => q.y - p.y).slice(0, MAX_LISTED);
    const values: Record<string, number> = {};
    listed.forEach((k, i) => { values[`${i + 1}: ${k.label} share`] = (k.y / total) * 100; });
    c.b.add({
      ...base(c),
      claim: `Shares of the total in ${c.label}: `
        + listed.map((k) => `${quote(k.label)} ${fmtPct((k.y / total) * 100)}`).join(', ')
        + (cs.length > listed.length ? ', and smaller ones.' : '.'),
      values,
      points: listed.map((k) => k.x),
      method: 'categorical/share-of-total',
      confidence: conf,
    });
  } else {
    const avg = total / cs.length;
    c.b.add({
      ...base(c),
      claim: `${c.label}: ${quote(top.label)} is the highest at ${fmtValue(top.y, u)} and ${quote(bottom.label)} the `
        + `lowest at ${fmtValue(bottom.y, u)}`
        + (isFunnel ? '.' : `; the plain average across ${cs.length} categories is ${fmtValue(avg, u)}.`),
      values: { top: top.y, bottom: bottom.y, mean: avg, nCategories: cs.length },
      points: [top.x, bottom.x],
      method: 'categorical/top-bottom',
      confidence: conf,
    });
  }
  if (isFunnel) funnel(c, cs, conf);
}

function funnel(c: SeriesContext, cs: Cat[], conf: number): void {
  const values: Record<string, number> = { nSteps: cs.length };
  const parts: string[] = [];
  let worst = 1;
  let worstRate = Infinity;
  for (let i = 1; i < cs.length; i++) {
    const rate = cs[i - 1].y > 0 ? (cs[i].y / cs[i - 1].y) * 100 : NaN;
    if (!Number.isFinite(rate)) continue;
    values[`step ${i + 1} conversionShare`] = rate;
    parts.push(`${quote(cs[i - 1].label)} to ${quote(cs[i].label)} ${fmtPct(rate)}`);
    if (rate < worstRate) {
      worstRate = rate;
      worst = i;
    }
  }
  const overall = (cs[cs.length - 1].y / cs[0].y) * 100;
  values.overallConversionShare = overall;
  values.largestDropShare = 100 - worstRate;
  c.b.add({
    ...base(c),
    claim: `${c.label} reads as a funnel of ${fmtNumber(cs.length)} steps: ${fmtPct(overall)} of ${quote(cs[0].label)} `
      + `reach ${quote(cs[cs.length - 1].label)}. Step conversion: ${parts.join(', ')}. The largest drop is from `
      + `${quote(cs[worst - 1].label)} to ${quote(cs[worst].label)}, where ${fmtPct(100 - worstRate)} are lost.`,
    values,
    points: cs.map((k) => k.x),
    method: 'funnel/step-conversion',
    confidence: conf,
  });
}
