// Small numeric helpers. Robust statistics (median, MAD) are preferred throughout because dashboard
// series carry spikes, partial days and reader glitches that would drag a mean-based scale around.

/** MAD of a normal sample times this is its standard deviation. */
export const MAD_TO_SD = 1.4826;

export function sum(a: ArrayLike<number>, lo = 0, hi = a.length): number {
  let s = 0;
  for (let i = lo; i < hi; i++) s += a[i];
  return s;
}

export function mean(a: ArrayLike<number>, lo = 0, hi = a.length): number {
  return hi > lo ? sum(a, lo, hi) / (hi - lo) : NaN;
}

export function median(a: ArrayLike<number>): number {
  const n = a.length;
  if (n === 0) return NaN;
  const s = Float64Array.from(a).sort();
  const h = n >> 1;
  return n % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Median absolute deviation around the median (not scaled). */
export function mad(a: ArrayLike<number>): number {
  const m = median(a);
  const dev = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) dev[i] = Math.abs(a[i] - m);
  return median(dev);
}

/**
 * Noise scale from first differences: robust to level shifts (one big difference) and to trends
 * (MAD is centred on the median difference), which is what a change-point test needs.
 */
export function diffSigma(a: ArrayLike<number>): number {
  if (a.length < 3) return 0;
  const d = new Float64Array(a.length - 1);
  for (let i = 1; i < a.length; i++) d[i - 1] = a[i] - a[i - 1];
  return (MAD_TO_SD * mad(d)) / Math.SQRT2;
}

const scratch = new Float64Array(64);

/** Median of a[lo..hi): insertion sort in a scratch buffer, since windows here are a few points. */
export function windowMedian(a: ArrayLike<number>, lo: number, hi: number): number {
  const from = Math.max(0, lo);
  const to = Math.min(a.length, hi);
  const n = to - from;
  if (n <= 0) return NaN;
  if (n > scratch.length) return median(Array.prototype.slice.call(a, from, to) as number[]);
  for (let i = 0; i < n; i++) {
    const v = a[from + i];
    let j = i - 1;
    while (j >= 0 && scratch[j] > v) {
      scratch[j + 1] = scratch[j];
      j--;
    }
    scratch[j + 1] = v;
  }
  const h = n >> 1;
  return n % 2 ? scratch[h] : (scratch[h - 1] + scratch[h]) / 2;
}

export interface LineFit {
  slope: number;
  intercept: number;
  r2: number;
  /** Standard error of the slope (OLS). */
  seSlope: number;
  sse: number;
  n: number;
}

/** Ordinary least squares y = intercept + slope * t. */
export function linearFit(t: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const n = y.length;
  const mt = mean(t);
  const my = mean(y);
  let stt = 0;
  let sty = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dt = t[i] - mt;
    const dy = y[i] - my;
    stt += dt * dt;
    sty += dt * dy;
    syy += dy * dy;
  }
  const slope = stt > 0 ? sty / stt : 0;
  const intercept = my - slope * mt;
  const sse = Math.max(0, syy - slope * sty);
  const r2 = syy > 0 ? 1 - sse / syy : 0;
  const seSlope = n > 2 && stt > 0 ? Math.sqrt(sse / (n - 2) / stt) : Infinity;
  return { slope, intercept, r2, seSlope, sse, n };
}

/** Prefix sums with a leading zero: sum of a[lo..hi) is p[hi] - p[lo]. */
export function prefix(a: ArrayLike<number>, f: (v: number, i: number) => number = (v) => v): Float64Array {
  const p = new Float64Array(a.length + 1);
  for (let i = 0; i < a.length; i++) p[i + 1] = p[i] + f(a[i], i);
  return p;
}

/** Round to `d` decimals, keeping -0 out of the output. */
export function round(v: number, d: number): number {
  const f = 10 ** d;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

/** Round to 6 significant digits: enough for any display, short in JSON. */
export function tidy(v: number): number {
  if (!Number.isFinite(v) || v === 0) return 0;
  const d = Math.max(0, 5 - Math.floor(Math.log10(Math.abs(v))));
  return round(v, Math.min(d, 12));
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Relative change in percent; NaN when the base is zero (a percent of nothing says nothing). */
export function pctChange(before: number, after: number): number {
  return before === 0 ? NaN : ((after - before) / Math.abs(before)) * 100;
}
