import type { Chart, DashboardSnapshot, Point } from '../../../lib/snapshot/schema';

// Seeded generators of dashboard-like daily series with known truth (level shifts, spikes, trends),
// so detection quality is measured, not eyeballed. Deterministic: a seed gives the same series on
// every machine (mulberry32 + Box-Muller, no Math.random).

export type Rand = () => number;

export function rng(seed: number): Rand {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gauss(r: Rand): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

export const uniform = (r: Rand, lo: number, hi: number) => lo + (hi - lo) * r();
export const int = (r: Rand, lo: number, hi: number) => Math.floor(uniform(r, lo, hi + 1));

export function isoDate(start: string, offset: number): string {
  const ms = Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Weekday shapes, Monday first, mean 0 and max |v| = 1: a weekend dip, a midweek peak, a sine. */
const SHAPES = [
  [0.5, 0.6, 0.6, 0.5, 0.3, -1, -1.5],
  [-0.4, 0.4, 1, 0.6, 0, -0.8, -0.8],
  [0, 0.78, 0.97, 0.43, -0.43, -0.97, -0.78],
].map((s) => {
  const m = s.reduce((a, v) => a + v, 0) / 7;
  const c = s.map((v) => v - m);
  const mx = Math.max(...c.map(Math.abs));
  return c.map((v) => v / mx);
});

export interface DailySpec {
  seed: number;
  n: number;
  start?: string;
  level?: number;
  /** Weekday swing relative to the level (0.15 = ±15%). */
  seasonalAmp?: number;
  /** Gaussian noise sd relative to the level. */
  noise?: number;
  /** Level multiplied by (1 + pct/100) from index `at` on. */
  shift?: { at: number; pct: number };
  /** Compounded growth per week, in percent. */
  trendPctPerWeek?: number;
  spikes?: Array<{ at: number; pct: number }>;
  /** Indices whose y is null. */
  nulls?: number[];
}

export function genDaily(spec: DailySpec): Point[] {
  const r = rng(spec.seed);
  const start = spec.start ?? '2026-06-01';
  const level = spec.level ?? 1000;
  const amp = spec.seasonalAmp ?? 0;
  const noise = spec.noise ?? 0;
  const shape = SHAPES[int(r, 0, SHAPES.length - 1)];
  const startWd = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7;
  const nulls = new Set(spec.nulls ?? []);
  const out: Point[] = [];
  for (let i = 0; i < spec.n; i++) {
    let v = level * (1 + amp * shape[(startWd + i) % 7]);
    if (spec.trendPctPerWeek) v *= (1 + spec.trendPctPerWeek / 100) ** (i / 7);
    if (spec.shift && i >= spec.shift.at) v *= 1 + spec.shift.pct / 100;
    v *= 1 + noise * gauss(r);
    for (const s of spec.spikes ?? []) if (s.at === i) v *= 1 + s.pct / 100;
    out.push({ x: isoDate(start, i), y: nulls.has(i) ? null : Math.round(v * 100) / 100 });
  }
  return out;
}

export function lineChart(id: string, title: string, points: Point[], extra: Partial<Chart> = {}): Chart {
  return {
    id, title, kind: 'line', source: 'chartjs', exact: true,
    x: { type: 'time' }, series: [{ name: title, points }], ...extra,
  };
}

/** A snapshot read the day after the last point, so nothing is partial unless a test says so. */
export function snapshot(charts: Chart[], readAt?: string): DashboardSnapshot {
  const lastX = charts.flatMap((c) => c.series.flatMap((s) => s.points.map((p) => p.x)))
    .filter((x): x is string => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)).sort().pop();
  return {
    url: 'https://dash.example.test/board', title: 'Test board', readAt: readAt ?? (lastX ? `${isoDate(lastX, 1)}T09:00:00Z` : '2026-01-01T00:00:00Z'),
    charts, metrics: [],
    stats: { readMs: 1, charts: charts.length, points: charts.reduce((a, c) => a + c.series.reduce((b, s) => b + s.points.length, 0), 0) },
  };
}

export interface ShiftCase {
  spec: DailySpec;
  truth: { at: number; pct: number };
}

/** The acceptance batch: daily, 60–120 points, weekday swing 10–20%, noise 3–6%, shift 10–30% up or down. */
export function shiftBatch(count: number, seed0 = 1000): ShiftCase[] {
  return Array.from({ length: count }, (_, i) => {
    const r = rng(seed0 + i);
    const n = int(r, 60, 120);
    const pct = uniform(r, 10, 30) * (r() < 0.5 ? -1 : 1);
    const at = int(r, 14, n - 14);
    const spec: DailySpec = {
      seed: seed0 * 7 + i, n, level: uniform(r, 200, 50_000),
      seasonalAmp: uniform(r, 0.1, 0.2), noise: uniform(r, 0.03, 0.06), shift: { at, pct },
    };
    return { spec, truth: { at, pct } };
  });
}

/** Shift-free series: seasonal + noise, a third with a mild trend, a third with one spike. */
export function nullBatch(count: number, seed0 = 5000): DailySpec[] {
  return Array.from({ length: count }, (_, i) => {
    const r = rng(seed0 + i);
    const n = int(r, 60, 120);
    const spec: DailySpec = {
      seed: seed0 * 7 + i, n, level: uniform(r, 200, 50_000),
      seasonalAmp: uniform(r, 0.1, 0.2), noise: uniform(r, 0.03, 0.06),
    };
    if (i % 3 === 1) spec.trendPctPerWeek = uniform(r, 0.5, 2) * (r() < 0.5 ? -1 : 1);
    if (i % 3 === 2) spec.spikes = [{ at: int(r, 5, n - 5), pct: uniform(r, 40, 120) * (r() < 0.7 ? 1 : -0.5) }];
    return spec;
  });
}
