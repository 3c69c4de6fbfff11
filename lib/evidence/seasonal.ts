import { diffSigma, mean, median, windowMedian } from './stats';
import { weekday, type Obs } from './timeaxis';

// Seasonality and local residuals. Dashboards of daily data swing by weekday (weekends are quiet),
// hourly data by hour of day; a change-point test on the raw series would see those swings as noise
// at best and as shifts at worst, so change detection and anomaly scoring run on the series with the
// cycle divided out (or subtracted when values can be zero or negative).

export interface Seasonality {
  mode: 'multiplicative' | 'additive' | 'none';
  /** Effect per slot (weekday Monday first, or hour of day): a factor (mean 1) or an offset (mean 0). */
  factors: number[];
  /** Slot of a time t (days since epoch). */
  slot: (t: number) => number;
}

export const NO_SEASON: Seasonality = { mode: 'none', factors: [], slot: () => 0 };

interface Cycle {
  period: number;
  /** Grid position of t (whole steps from the first point). */
  pos: (t: number) => number;
  slot: (t: number) => number;
}

/** Weekdays for daily data; hours (or finer slots) of the day for sub-daily data on a regular grid. */
function cycleOf(obs: Obs[], granularity: string, step: number): Cycle | null {
  const t0 = obs[0]?.t ?? 0;
  if (granularity === 'daily') {
    return { period: 7, pos: (t) => Math.floor(t) - Math.floor(t0), slot: weekday };
  }
  if (granularity === 'subdaily' && step > 0) {
    const per = 1 / step;
    const P = Math.round(per);
    if (P < 2 || P > 288 || Math.abs(per - P) > 0.05 * P) return null;
    const slot = (t: number) => ((Math.floor((t - Math.floor(t)) * P + 1e-6) % P) + P) % P;
    return { period: P, pos: (t) => Math.round((t - t0) * P), slot };
  }
  return null;
}

/**
 * Classical decomposition: ratio (or difference) of each point to its centred one-cycle mean, then
 * the median per slot. The median keeps a level shift or a spike from bending a slot's factor.
 */
export function seasonality(obs: Obs[], granularity: string, step: number): Seasonality {
  const cyc = cycleOf(obs, granularity, step);
  if (!cyc || obs.length < 3 * cyc.period) return NO_SEASON;
  const P = cyc.period;
  const span = cyc.pos(obs[obs.length - 1].t) + 1;
  if (span > 2 * obs.length) return NO_SEASON; // mostly gaps: slot effects cannot be told apart
  const dense = new Float64Array(span).fill(NaN);
  const tAt = new Float64Array(span);
  for (const o of obs) {
    const i = cyc.pos(o.t);
    if (i >= 0 && i < span) {
      dense[i] = o.y;
      tAt[i] = o.t;
    }
  }
  const mult = obs.every((o) => o.y > 0);
  // Prefix sums of values and of missing points make every one-cycle window O(1).
  const ps = new Float64Array(span + 1);
  const miss = new Int32Array(span + 1);
  for (let i = 0; i < span; i++) {
    const v = dense[i];
    ps[i + 1] = ps[i] + (Number.isNaN(v) ? 0 : v);
    miss[i + 1] = miss[i] + (Number.isNaN(v) ? 1 : 0);
  }
  const half = Math.floor(P / 2);
  const buckets: number[][] = Array.from({ length: P }, () => []);
  for (let i = half; i - half + P <= span; i++) {
    const lo = i - half;
    const hi = lo + P;
    if (Number.isNaN(dense[i]) || miss[hi] - miss[lo] > 0) continue;
    const ma = (ps[hi] - ps[lo]) / P;
    if (mult && ma <= 0) continue;
    buckets[cyc.slot(tAt[i])].push(mult ? dense[i] / ma : dense[i] - ma);
  }
  if (buckets.some((b) => b.length < 2)) return NO_SEASON;
  const raw = buckets.map((b) => median(b));
  const m = mean(raw);
  if (mult && m <= 0) return NO_SEASON;
  return {
    mode: mult ? 'multiplicative' : 'additive',
    factors: raw.map((f) => (mult ? f / m : f - m)),
    slot: cyc.slot,
  };
}

/** Weekday seasonality of a daily series (kept for callers that only have daily data). */
export function weekdaySeasonality(obs: Obs[], daily: boolean): Seasonality {
  return daily ? seasonality(obs, 'daily', 1) : NO_SEASON;
}

export function deseasonalize(obs: Obs[], s: Seasonality): number[] {
  if (s.mode === 'none') return obs.map((o) => o.y);
  return obs.map((o) => {
    const f = s.factors[s.slot(o.t)];
    return s.mode === 'multiplicative' ? o.y / f : o.y - f;
  });
}

/** The value a deseasonalized level corresponds to at time t. */
export function reseasonalize(level: number, t: number, s: Seasonality): number {
  if (s.mode === 'none') return level;
  const f = s.factors[s.slot(t)];
  return s.mode === 'multiplicative' ? level * f : level + f;
}

export interface LocalResiduals {
  /** Deseasonalized expectation per point. */
  expected: number[];
  /** |d - expected| in units of the noise scale. */
  score: number[];
  /** Noise scale of d (robust, from first differences). */
  sigma: number;
}

const SIDE = 5;

/**
 * Each point against the median of the SIDE points to its left and to its right, keeping the closer
 * of the two. A spike is far from both sides; the first point after a level shift is close to its
 * right side, so shifts do not show up as anomalies and spikes do not show up as shifts.
 */
export function localResiduals(d: number[], minSigma = 0): LocalResiduals {
  const n = d.length;
  const sigma = Math.max(noiseScale(d), minSigma);
  const expected = new Array<number>(n);
  const score = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const left = j >= 3 ? windowMedian(d, j - SIDE, j) : NaN;
    const right = n - 1 - j >= 3 ? windowMedian(d, j + 1, j + 1 + SIDE) : NaN;
    let e = Number.isNaN(left) ? right : Number.isNaN(right) ? left
      : Math.abs(d[j] - left) <= Math.abs(d[j] - right) ? left : right;
    if (Number.isNaN(e)) e = d[j];
    expected[j] = e;
    score[j] = Math.abs(d[j] - e) / sigma;
    if (Number.isNaN(left) || Number.isNaN(right)) {
      // Near either end only one side is available, and it may already sit across a change; the
      // point must then also stand apart from its adjacent neighbour(s) (difference of two noisy
      // values, hence the square root of two).
      let near = Infinity;
      if (j > 0) near = Math.min(near, Math.abs(d[j] - d[j - 1]));
      if (j + 1 < n) near = Math.min(near, Math.abs(d[j] - d[j + 1]));
      if (Number.isFinite(near)) score[j] = Math.min(score[j], near / (sigma * Math.SQRT2));
    }
  }
  return { expected, score, sigma };
}

/**
 * Robust noise scale with a floor, so a constant series gives finite scores instead of NaN: a
 * flat line stays flat, and an exact step in otherwise clean data is still seen.
 */
export function noiseScale(d: number[]): number {
  let s = diffSigma(d);
  const level = median(d.map(Math.abs));
  const floor = 1e-9 * Math.max(1, Number.isFinite(level) ? level : 1);
  if (!(s > floor) && d.length > 2) {
    // Over half the steps are exactly zero (small counts: 0, 0, 1, 0, 2…): the MAD says "no noise",
    // which would make every 1 a sensation. Fall back to the plain spread of the steps.
    let ss = 0;
    for (let i = 1; i < d.length; i++) ss += (d[i] - d[i - 1]) ** 2;
    s = Math.sqrt(ss / (d.length - 1) / 2);
  }
  return Math.max(Number.isFinite(s) ? s : 0, floor);
}
