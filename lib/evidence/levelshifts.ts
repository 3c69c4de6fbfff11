import type { Analysis } from './analysis';
import { diagnose, selectChangePoints, sums } from './changepoints';
import { base, commonCaveats, commonPenalty, type SeriesContext } from './context';
import { fmtDiff, fmtNumber, fmtPct, fmtValue, fmtX, moved } from './format';
import { clamp, pctChange, prefix, round } from './stats';
import type { Obs } from './timeaxis';

// Level shifts: "a 15% drop in activation since Oct 10". Detection runs on the deseasonalized,
// despiked series (log scale for positive data); the levels people read are then means of the raw
// values over whole weeks on each side, so weekday mix cannot fake a difference and the numbers can
// be checked by hand. A change point becomes a finding only when all of these hold:
// - its split statistic (robust t) clears the threshold (doubled below 14 points);
// - it pays for itself: the best model without it (fewer steps, or a straight line) costs at
//   least MIN_MARGIN more BIC — this is what keeps steady trends from reading as staircases;
// - locally a step fits better than a line, and the step stays visible with a trend fitted too;
// - the raw levels differ by at least minChangePct, in the same direction as the step.

/** The step must also stand out when a straight trend is fitted with it (t of the step). */
const TREND_T = 2.5;
/** The step must pay for itself: BIC of the best model without it minus the chosen model's. */
const MIN_MARGIN = 8;
/** Below this many usable points nothing is said about shifts; below SHORT the bar is doubled. */
const MIN_POINTS = 10;
const SHORT = 14;

export interface ShiftRecord {
  chartId: string;
  series: string;
  label: string;
  t: number;
  x: string | number;
  step: number;
  /** Only shifts on a time axis can co-occur by date. */
  isTime: boolean;
  changePct: number;
  evidenceId: string;
  findingIndex: number;
}

interface Level {
  mean: number;
  n: number;
  first: Obs;
  last: Obs;
}

/**
 * Mean of raw values in obs[from, to), trimmed to whole weeks next to the change, spikes left out.
 * With a trend (slope per point on the working scale) values are moved along the trend to the
 * change point first, so the two levels compare like with like.
 */
function level(
  c: SeriesContext, a: Analysis, from: number, to: number, side: 'before' | 'after', k: number, slope: number,
): Level {
  const obs = c.prep.obs;
  // Whole cycles next to the change: weeks for daily data, days for hourly data.
  const cycle = a.season.mode === 'none' ? 0 : c.prep.granularity === 'daily' ? 7 : c.prep.granularity === 'subdaily' ? 1 : 0;
  let lo = from;
  let hi = to;
  if (cycle) {
    const unit = c.prep.granularity === 'daily' ? 1 : c.prep.step;
    if (side === 'before') {
      const w = Math.floor((obs[to].t - obs[lo].t) / cycle + 1e-9) * cycle;
      if (w >= cycle) while (lo < hi && obs[lo].t < obs[to].t - w - 1e-9) lo++;
    } else {
      const w = Math.floor((obs[hi - 1].t - obs[from].t + unit) / cycle + 1e-9) * cycle;
      if (w >= cycle) while (hi > lo && obs[hi - 1].t >= obs[from].t + w - 1e-9) hi--;
    }
  }
  const adj = (j: number) => {
    const y = obs[j].y;
    if (slope === 0) return y;
    return a.log ? y * Math.exp(-slope * (j - k)) : y - slope * (j - k);
  };
  let s = 0;
  let n = 0;
  for (let j = lo; j < hi; j++) {
    if (a.spike[j]) continue;
    s += adj(j);
    n++;
  }
  if (n === 0) for (let j = lo; j < hi; j++, n++) s += adj(j);
  return { mean: s / n, n, first: obs[lo], last: obs[hi - 1] };
}

/** Largest swing between adjacent windows before the change, in percent of the earlier window. */
function priorSwing(c: SeriesContext, a: Analysis, lo: number, k: number): number {
  const g = c.prep.granularity;
  const w = g === 'daily' ? 7 : g === 'subdaily' ? Math.max(3, Math.round(1 / c.prep.step)) : 3;
  if (k - lo < 2 * w) return 0;
  const p = prefix(a.clean);
  let best = 0;
  for (let j = lo + w; j + w <= k; j++) {
    const m1 = (p[j] - p[j - w]) / w;
    const m2 = (p[j + w] - p[j]) / w;
    if (m1 !== 0) best = Math.max(best, Math.abs(((m2 - m1) / m1) * 100));
  }
  return best;
}

/**
 * Deflation of the test statistics for autocorrelated noise (a smooth wander, a cycle that was not
 * removed). The statistics use the point-to-point noise, right for independent noise; for AR(1)
 * noise with lag-1 correlation ρ the scale that matters for a difference of means is larger by
 * sqrt(1 + ρ) / (1 − ρ). ρ comes from the first differences (their lag-1 correlation is −(1 − ρ)/2),
 * clipped at 3 noise units so a real step does not pass for autocorrelation, and reduced by 1 / √n
 * (about half its own noise) so white noise is mostly left alone. Reducing it by the full 2 / √n found
 * 4 more of 400 injected shifts but doubled false shifts on AR(1) series with ρ = 0.5 (10 → 22 of 300).
 * Returns the factor (≤ 1) for the statistics.
 */
function autocorrelationFactor(z: number[], sigma: number): number {
  const n = z.length;
  if (n < 20) return 1; // too few steps to estimate ρ; short series have a doubled bar anyway
  const cap = 3 * sigma * Math.SQRT2;
  const d: number[] = [];
  let flat = 0;
  for (let i = 1; i < n; i++) {
    const step = z[i] - z[i - 1];
    if (Math.abs(step) <= 1e-12 * Math.max(1, Math.abs(z[i]))) flat++;
    d.push(clamp(step, -cap, cap));
  }
  // Mostly unchanged from point to point (flat stretches, coarse rounding): not a noisy process the
  // AR(1) reading applies to; uncorrelated steps there would read as a random walk.
  if (flat > d.length / 3) return 1;
  const m = d.reduce((a, v) => a + v, 0) / d.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < d.length; i++) {
    den += (d[i] - m) ** 2;
    if (i > 0) num += (d[i] - m) * (d[i - 1] - m);
  }
  if (den <= 0) return 1;
  const rho = Math.min(0.95, Math.max(0, 1 + 2 * (num / den) - 1 / Math.sqrt(n)));
  return (1 - rho) / Math.sqrt(1 + rho);
}

export function levelShifts(c: SeriesContext, a: Analysis, summaryId?: string): ShiftRecord[] {
  const obs = c.prep.obs;
  const n = obs.length;
  const { minSegment: minSeg, minChangePct } = c.opts;
  if (n < Math.max(MIN_POINTS, 2 * minSeg)) return [];
  const threshold = c.opts.threshold * (n < SHORT ? 2 : 1);
  const { cps, slope, margins } = selectChangePoints(a.cleanZ, a.sigma, {
    minSeg, threshold, maxChangePoints: Math.min(5, Math.floor(n / (2 * minSeg))),
  });
  // Steps are judged on the series with the common trend (if any) taken out.
  const S = sums(slope === 0 ? a.cleanZ : a.cleanZ.map((v, i) => v - slope * i));
  const out: ShiftRecord[] = [];
  const noiseWord = c.prep.granularity === 'daily' ? 'day-to-day' : 'point-to-point';

  const f = autocorrelationFactor(a.cleanZ, a.sigma);
  cps.forEach((k, i) => {
    const lo = i > 0 ? cps[i - 1] : 0;
    const hi = i + 1 < cps.length ? cps[i + 1] : n;
    const dg = diagnose(S, lo, k, hi, a.sigma);
    dg.stat *= f;
    dg.trendT *= f;
    // A step that a straight line explains as well is a trend, not a shift.
    if (dg.stat < threshold || margins[i] * f * f < MIN_MARGIN || dg.sseStep >= dg.sseLine || dg.trendT < TREND_T) return;
    const before = level(c, a, lo, k, 'before', k, slope);
    const after = level(c, a, k, hi, 'after', k, slope);
    const changePct = pctChange(before.mean, after.mean);
    if (!Number.isFinite(changePct) || Math.abs(changePct) < minChangePct) return;
    if (Math.sign(changePct) !== Math.sign(dg.meanRight - dg.meanLeft)) return;

    const noiseMultiple = round(Math.abs(dg.meanRight - dg.meanLeft) / a.sigma, 1);
    const swing = priorSwing(c, a, lo, k);
    const similarSwing = swing >= 0.8 * Math.abs(changePct);
    const earlier = out.filter((r) => Math.abs(r.changePct) >= 0.8 * Math.abs(changePct));
    const at = obs[k];
    const diff = after.mean - before.mean;
    const values: Record<string, number> = {
      before: before.mean, after: after.mean, [c.unit === '%' ? 'changePp' : 'change']: diff, changePct,
      noiseMultiple, nBefore: before.n, nAfter: after.n,
    };
    if (similarSwing) values.priorSwingPct = swing;
    const noiseText = noiseMultiple >= 1000 ? 'the series is otherwise flat'
      : `the step is ${fmtNumber(noiseMultiple)} times the ${noiseWord} noise`;
    const ev = c.b.add({
      ...base(c),
      claim: `${c.label} ${moved(changePct)} ${fmtPct(Math.abs(changePct))} from ${fmtX(at.x)}: average `
        + `${fmtValue(before.mean, c.unit)} over ${before.n} points before vs ${fmtValue(after.mean, c.unit)} over `
        + `${after.n} points from then on (a change of ${fmtDiff(diff, c.unit)}); ${noiseText}.`,
      values,
      points: [before.first.x, obs[k - 1].x, at.x, after.last.x].filter((x, j, all) => all.indexOf(x) === j),
      method: `level-shift/binary-segmentation${a.adjusted}`,
      confidence: 0,
    });

    const caveats = commonCaveats(c);
    let conf = (1 - 0.5 * Math.exp(-(dg.stat - threshold) / 3)) * commonPenalty(c);
    if (after.n < 7) {
      caveats.push(`The new level rests on only ${after.n} points.`);
      conf *= 0.85;
    }
    if (similarSwing) {
      caveats.push(`Swings of a similar size (up to ${fmtPct(swing)}) happened before in this series.`);
      conf *= 0.8;
    }
    if (earlier.length) {
      caveats.push(`A change at least this large happened earlier in this series, from ${fmtX(earlier[0].x)}.`);
      conf *= 0.9;
    }
    if (dg.trendT < 4) {
      caveats.push('Part of this change could be a gradual trend rather than a step.');
      conf *= 0.9;
    }
    conf = clamp(conf, 0.05, 0.99);
    ev.confidence = Math.round(conf * 100) / 100;
    c.findings.push({
      chartId: c.chart.id, series: c.series.name, kind: 'level-shift', at: at.x,
      before: before.mean, after: after.mean, changePct, unit: c.unit, confidence: ev.confidence,
      evidenceIds: [ev.id, ...earlier.map((r) => r.evidenceId), ...(summaryId ? [summaryId] : [])],
      // Through zero a percent says little ("fell 238%"): the title gives the change itself.
      title: Math.sign(before.mean) * Math.sign(after.mean) < 0
        ? `${c.plain} ${moved(changePct)} by ${fmtDiff(diff, c.unit)} from ${fmtX(at.x)}`
        : `${c.plain} ${moved(changePct)} ${fmtPct(Math.abs(changePct))} from ${fmtX(at.x)}`,
      caveats,
      score: Math.min(Math.abs(changePct), 100) * ev.confidence,
    });
    out.push({
      chartId: c.chart.id, series: c.series.name, label: c.label, t: at.t, x: at.x, step: c.prep.step, isTime: c.prep.isTime,
      changePct, evidenceId: ev.id, findingIndex: c.findings.length - 1,
    });
  });
  return out;
}
