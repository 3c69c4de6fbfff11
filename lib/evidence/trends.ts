import type { Analysis } from './analysis';
import { bestSplit, diagnose, sums } from './changepoints';
import { base, commonCaveats, commonPenalty, type SeriesContext } from './context';
import { fmtDiff, fmtPct, fmtX, moved } from './format';
import { clamp, linearFit, mean, pctChange } from './stats';

// Trends: a straight line through the season-adjusted, despiked series. Reported as slope per week
// (per month for monthly data) with R², so "growing 2% a week" comes with how well a line fits.

const MIN_POINTS = 8;
/** A trend becomes a finding only when a line explains most of the movement and moves enough. */
const FINDING_R2 = 0.5;
const FINDING_PCT = 10;
const FINDING_T = 5;

function perUnit(c: SeriesContext): { unit: string; days: number } {
  if (!c.prep.isTime) return { unit: 'point', days: 1 };
  const g = c.prep.granularity;
  if (g === 'monthly' || g === 'quarterly') return { unit: 'month', days: 30.4375 };
  if (g === 'yearly') return { unit: 'year', days: 365.25 };
  return { unit: 'week', days: 7 };
}

export function trend(c: SeriesContext, a: Analysis, hasShift: boolean, summaryId?: string): void {
  const obs = c.prep.obs;
  const n = obs.length;
  if (n < MIN_POINTS) return;
  const t = obs.map((o) => o.t);
  const fit = linearFit(t, a.clean);
  if (!Number.isFinite(fit.slope)) return;
  const { unit, days } = perUnit(c);
  const t0 = t[0];
  const t1 = t[n - 1];
  const start = fit.intercept + fit.slope * t0;
  const end = fit.intercept + fit.slope * t1;
  const slope = fit.slope * days;
  const avg = mean(a.clean);
  const slopePct = avg !== 0 ? (slope / Math.abs(avg)) * 100 : NaN;
  const changePct = pctChange(start, end);
  const r2 = fit.r2;
  const slopeKey = c.unit === '%' ? 'slopePp' : 'slope';
  const values: Record<string, number> = { [slopeKey]: slope, start, end, r2, nPoints: n };
  if (Number.isFinite(slopePct)) values.slopePct = slopePct;
  if (Number.isFinite(changePct)) values.changePct = changePct;
  const dir = slope > 0 ? 'up' : slope < 0 ? 'down' : 'flat';
  const rel = Number.isFinite(slopePct) ? ` (${fmtPct(Math.abs(slopePct))} of its average level)` : '';
  const lineFit = `a straight line explains ${fmtPct(r2 * 100)} of the variation (R² = ${r2.toFixed(2)})`;
  const tStat = fit.seSlope > 0 ? Math.abs(fit.slope / fit.seSlope) : fit.slope !== 0 ? Infinity : 0;
  const between = `between ${fmtX(obs[0].x)} and ${fmtX(obs[n - 1].x)}`;
  // A slope a line barely explains is noise: say so instead of "trends up by 0.4 per week".
  const claim = dir === 'flat'
    ? `${c.label} shows no trend ${between}.`
    : r2 < 0.1 || tStat < 2
      ? `${c.label} shows no clear trend ${between}: ${lineFit}.`
      : `${c.label} trends ${dir} by ${fmtDiff(slope, c.unit)} per ${unit}${rel} ${between}; ${lineFit}.`;
  let conf = clamp((0.3 + 0.65 * r2) * commonPenalty(c), 0.05, 0.99);
  conf = Math.round(conf * 100) / 100;
  const ev = c.b.add({
    ...base(c),
    claim,
    values,
    points: [obs[0].x, obs[n - 1].x],
    method: `trend/least-squares${a.adjusted}`,
    confidence: conf,
  });

  if (hasShift || n < 14 || r2 < FINDING_R2 || tStat < FINDING_T) return;
  if (!Number.isFinite(changePct) || Math.abs(changePct) < FINDING_PCT) return;
  // A step that fits better than the line is a level shift that did not pass its own checks,
  // not a trend: say nothing rather than the wrong thing.
  const S = sums(a.clean);
  const sp = bestSplit(S, 0, n, c.opts.minSegment, a.sigma);
  if (sp && diagnose(S, 0, sp.k, n, a.sigma).sseStep < fit.sse) return;
  c.findings.push({
    chartId: c.chart.id, series: c.series.name, kind: 'trend', at: obs[0].x,
    before: start, after: end, changePct, unit: c.unit, confidence: conf,
    evidenceIds: [ev.id, ...(summaryId ? [summaryId] : [])],
    title: `${c.plain} ${moved(changePct)} steadily, ${fmtPct(Math.abs(changePct))} from ${fmtX(obs[0].x)} to ${fmtX(obs[n - 1].x)}`,
    caveats: [
      ...commonCaveats(c),
      'A straight line is a simplification: the pace may have changed within the period.',
    ],
    // Slow drifts rank below a step of the same total size: they are seldom news.
    score: Math.min(Math.abs(changePct), 100) * conf * 0.5,
  });
}
