import { prefix } from './stats';

// Mean-shift change points by binary segmentation. The split statistic is a two-sample t with a
// robust noise scale (MAD of first differences), computed from prefix sums, so one pass over a
// segment is O(n) and the whole search is O(n log n)-ish. The caller passes a deseasonalized,
// despiked series; this module knows nothing about dates.

export interface SplitStats {
  /** First index of the new level. */
  k: number;
  /** |mean right - mean left| / (sigma * sqrt(1/nL + 1/nR)). */
  stat: number;
  meanLeft: number;
  meanRight: number;
  /** Segment bounds [lo, hi) the split was judged in. */
  lo: number;
  hi: number;
}

export interface Diagnosis extends SplitStats {
  /** t of the step when a linear trend is fitted along with it: a step that survives a trend. */
  trendT: number;
  /** Sum of squared errors of a two-level step and of one straight line over [lo, hi). */
  sseStep: number;
  sseLine: number;
}

export interface SegmentationOptions {
  minSeg: number;
  threshold: number;
  maxChangePoints: number;
}

/** Prefix sums the statistics need: values, squares, and index-weighted values. */
export interface Sums {
  n: number;
  s: Float64Array;
  s2: Float64Array;
  si: Float64Array;
}

export function sums(d: number[]): Sums {
  return { n: d.length, s: prefix(d), s2: prefix(d, (v) => v * v), si: prefix(d, (v, i) => v * i) };
}

export function bestSplit(S: Sums, lo: number, hi: number, minSeg: number, sigma: number): SplitStats | null {
  let best: SplitStats | null = null;
  const total = S.s[hi] - S.s[lo];
  for (let k = lo + minSeg; k <= hi - minSeg; k++) {
    const nL = k - lo;
    const nR = hi - k;
    const left = S.s[k] - S.s[lo];
    const mL = left / nL;
    const mR = (total - left) / nR;
    const stat = Math.abs(mR - mL) / (sigma * Math.sqrt(1 / nL + 1 / nR));
    if (!best || stat > best.stat) best = { k, stat, meanLeft: mL, meanRight: mR, lo, hi };
  }
  return best;
}

/** Split at a given k (no search). */
export function splitAt(S: Sums, lo: number, k: number, hi: number, sigma: number): SplitStats {
  const nL = k - lo;
  const nR = hi - k;
  const mL = (S.s[k] - S.s[lo]) / nL;
  const mR = (S.s[hi] - S.s[k]) / nR;
  return { k, lo, hi, meanLeft: mL, meanRight: mR, stat: Math.abs(mR - mL) / (sigma * Math.sqrt(1 / nL + 1 / nR)) };
}

/**
 * Binary segmentation: repeatedly split the segment whose best split is strongest, while that split
 * clears the threshold. Strongest-first keeps the most convincing changes when maxChangePoints cuts.
 */
export function segment(d: number[], sigma: number, o: SegmentationOptions): number[] {
  const S = sums(d);
  const cps: number[] = [];
  let segs: Array<[number, number]> = [[0, d.length]];
  while (cps.length < o.maxChangePoints) {
    let pick: { seg: number; split: SplitStats } | null = null;
    segs.forEach(([lo, hi], i) => {
      if (hi - lo < 2 * o.minSeg) return;
      const sp = bestSplit(S, lo, hi, o.minSeg, sigma);
      if (sp && sp.stat >= o.threshold && (!pick || sp.stat > pick.split.stat)) pick = { seg: i, split: sp };
    });
    if (!pick) break;
    const { seg, split } = pick as { seg: number; split: SplitStats };
    const [lo, hi] = segs[seg];
    cps.push(split.k);
    segs = [...segs.slice(0, seg), [lo, split.k], [split.k, hi], ...segs.slice(seg + 1)];
  }
  return refine(S, cps.sort((a, b) => a - b), o.minSeg, sigma);
}

/**
 * Re-place each change point between its neighbours. Binary segmentation picks a split with the
 * whole rest of the series on each side; once neighbours are known, the best k within them is
 * a better estimate of where the change starts.
 */
export function refine(S: Sums, cps: number[], minSeg: number, sigma: number): number[] {
  const out = [...cps];
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < out.length; i++) {
      const lo = i > 0 ? out[i - 1] : 0;
      const hi = i + 1 < out.length ? out[i + 1] : S.n;
      const sp = bestSplit(S, lo, hi, Math.min(minSeg, Math.floor((hi - lo) / 2)), sigma);
      if (sp) out[i] = sp.k;
    }
  }
  return out;
}

/** Step, line and step-plus-trend fits of [lo, hi) split at k. */
export function diagnose(S: Sums, lo: number, k: number, hi: number, sigma: number): Diagnosis {
  const split = splitAt(S, lo, k, hi, sigma);
  const n = hi - lo;
  const nL = k - lo;
  const nR = hi - k;
  const sy = S.s[hi] - S.s[lo];
  const syy = S.s2[hi] - S.s2[lo];
  const sseStep = Math.max(0, syy - nL * split.meanLeft ** 2 - nR * split.meanRight ** 2);
  // Local index u = i - lo, centred at its mean to keep the normal equations well conditioned.
  const uBar = (n - 1) / 2;
  const suu = ((n - 1) * n * (n + 1)) / 12; // sum of (u - uBar)^2
  const suy = S.si[hi] - S.si[lo] - lo * sy - uBar * sy; // sum of (u - uBar) * y
  const sseLine = Math.max(0, syy - (sy * sy) / n - (suu > 0 ? (suy * suy) / suu : 0));
  // Step indicator s = [i >= k]; regress y on (1, u - uBar, s) and read the step's t.
  const ss = nR;
  const sus = ((k - lo + n - 1) * nR) / 2 - uBar * nR; // sum over i >= k of (u - uBar)
  const ssy = S.s[hi] - S.s[k];
  const A = [
    [n, 0, ss],
    [0, suu, sus],
    [ss, sus, ss],
  ];
  const inv = invert3(A);
  let trendT = 0;
  if (inv) {
    const b = [sy, suy, ssy];
    const c = inv[2][0] * b[0] + inv[2][1] * b[1] + inv[2][2] * b[2];
    const se = sigma * Math.sqrt(Math.max(inv[2][2], 0));
    trendT = se > 0 ? Math.abs(c) / se : 0;
  }
  return { ...split, trendT, sseStep, sseLine };
}

function invert3(m: number[][]): number[][] | null {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12 * Math.max(1, Math.abs(a * e * i))) return null;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

/** Slope shared by all segments (segment levels free), with its t: the trend left once steps are out. */
export function pooledSlope(d: number[], cps: number[], sigma: number): { slope: number; t: number } {
  const bounds = [0, ...cps, d.length];
  let sxy = 0;
  let sxx = 0;
  for (let s = 0; s + 1 < bounds.length; s++) {
    const lo = bounds[s];
    const hi = bounds[s + 1];
    const m = hi - lo;
    if (m < 2) continue;
    const tBar = (lo + hi - 1) / 2;
    let yBar = 0;
    for (let i = lo; i < hi; i++) yBar += d[i];
    yBar /= m;
    for (let i = lo; i < hi; i++) {
      sxy += (i - tBar) * (d[i] - yBar);
      sxx += (i - tBar) ** 2;
    }
  }
  if (sxx === 0) return { slope: 0, t: 0 };
  const slope = sxy / sxx;
  return { slope, t: slope / (sigma / Math.sqrt(sxx)) };
}

/** A trend this strong (t of the pooled slope) is taken out before looking for steps. */
const SLOPE_T = 3;

/**
 * Steps plus one common trend, estimated in turn: segment, measure the slope inside segments,
 * take it out, segment again. With no trend the slope stays zero and this is plain segmentation.
 */
export function segmentDetrended(d: number[], sigma: number, o: SegmentationOptions): { cps: number[]; slope: number } {
  let slope = 0;
  let cps = segment(d, sigma, o);
  for (let iter = 0; iter < 3; iter++) {
    const p = pooledSlope(d, cps, sigma);
    const next = Math.abs(p.t) >= SLOPE_T ? p.slope : 0;
    if (Math.abs(next - slope) <= 1e-12 * Math.max(1, Math.abs(slope))) break;
    slope = next;
    cps = segment(d.map((v, i) => v - slope * i), sigma, o);
  }
  return { cps, slope };
}

/** Bayesian information criterion of "a level per segment (+ one common slope)" (Gaussian, scale-free). */
export function modelCost(d: number[], cps: number[], withSlope: boolean): { cost: number; slope: number } {
  const n = d.length;
  const bounds = [0, ...cps, n];
  let sse = 0;
  for (let s = 0; s + 1 < bounds.length; s++) {
    const lo = bounds[s];
    const hi = bounds[s + 1];
    let m = 0;
    for (let i = lo; i < hi; i++) m += d[i];
    m /= hi - lo;
    for (let i = lo; i < hi; i++) sse += (d[i] - m) ** 2;
  }
  let slope = 0;
  if (withSlope) {
    const p = pooledSlope(d, cps, 1);
    slope = p.slope;
    // t with sigma = 1 is slope * sqrt(sxx), so slope^2 * sxx = t^2.
    sse -= p.t * p.t;
  }
  let scale = 0;
  for (const v of d) scale += Math.abs(v);
  const floor = n * (1e-9 * Math.max(1, scale / n)) ** 2;
  // A change point costs two parameters: the new level and where it starts. The slope is charged
  // two as well: a weak slope that only shaves noise would then move every level it adjusts.
  const k = 1 + 2 * cps.length + (withSlope ? 2 : 0);
  return { cost: n * Math.log(Math.max(sse, floor) / n) + k * Math.log(n), slope };
}

/**
 * Which explains the series best for its complexity: a flat level, a straight line, steps, or
 * steps on a line? A steady trend otherwise comes back as a staircase of small "shifts", and a
 * PM should hear "growing steadily", not "jumped three times". Change points that do not pay for
 * their parameters are dropped one at a time.
 */
export function selectChangePoints(
  d: number[], sigma: number, o: SegmentationOptions,
): { cps: number[]; slope: number; margins: number[] } {
  const plain = segment(d, sigma, o);
  const det = segmentDetrended(d, sigma, o);
  const options: Array<{ cps: number[]; withSlope: boolean }> = [
    { cps: [], withSlope: false },
    { cps: [], withSlope: true },
    { cps: plain, withSlope: false },
    { cps: det.cps, withSlope: det.slope !== 0 },
  ];
  let best = { cps: [] as number[], withSlope: false, cost: Infinity, slope: 0 };
  for (const opt of options) {
    let cps = [...opt.cps];
    let cur = modelCost(d, cps, opt.withSlope);
    for (;;) {
      let drop = -1;
      let dropCost = cur;
      cps.forEach((_, i) => {
        const c = modelCost(d, cps.filter((__, j) => j !== i), opt.withSlope);
        if (c.cost < dropCost.cost) {
          drop = i;
          dropCost = c;
        }
      });
      if (drop < 0) break;
      cps = cps.filter((_, j) => j !== drop);
      cur = dropCost;
    }
    if (cur.cost < best.cost - 1e-9) best = { cps, withSlope: opt.withSlope, cost: cur.cost, slope: cur.slope };
  }
  // How much each kept change point is worth: the cost of the best model without it (with or
  // without the slope) minus the chosen one's. Near zero means "a line or fewer steps do as well".
  const simplest = Math.min(modelCost(d, [], false).cost, modelCost(d, [], true).cost);
  const margins = best.cps.map((_, i) => {
    const rest = best.cps.filter((__, j) => j !== i);
    return Math.min(simplest, modelCost(d, rest, false).cost, modelCost(d, rest, true).cost) - best.cost;
  });
  return { cps: best.cps, slope: best.withSlope ? best.slope : 0, margins };
}
