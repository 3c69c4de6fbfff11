// The hold-out bar, computed from a snapshot and its board's truth: charts found, points exactly right,
// KPI tiles read (test/support/compare.ts), and whether the evidence engine surfaced every injected
// level shift (direction, size within 6 pp, start within 3 points) without more than one false finding
// on the shift-free series. Pure: shared by `npm run accuracy` and test/e2e/unseen.spec.ts.
import { computeEvidence, type Finding } from '../../lib/evidence';
import type { DashboardSnapshot } from '../../lib/snapshot/schema';
import { compareSnapshot, type Comparison } from '../../test/support/compare';
import type { UnseenTruth } from '../../test/fixtures/unseen.mjs';

export const BAR = { chartsPer17: 16, pointsExactPct: 95, sizePp: 6, startPoints: 3, falseFindings: 1 } as const;

export interface ShiftCheck {
  chart: string; series: string; at: string; pct: number;
  found?: { at: string | number; changePct: number; offset: number };
  ok: boolean; why?: string;
}
export interface BoardCheck {
  board: string;
  cmp: Comparison;
  shifts: ShiftCheck[];
  /** Findings on series with no injected shift (any kind): each one is a false finding. */
  falseFindings: Array<{ chart: string; series: string; kind: string; title: string }>;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function chartFor(snapshot: DashboardSnapshot, title: string) {
  const t = norm(title);
  return snapshot.charts.find((c) => norm(c.title) === t) ?? snapshot.charts.find((c) => norm(c.title).includes(t) || (t.includes(norm(c.title)) && norm(c.title).length > 3));
}

export function checkBoard(board: string, snapshot: DashboardSnapshot, truth: UnseenTruth): BoardCheck {
  const cmp = compareSnapshot(snapshot, truth);
  const { findings } = computeEvidence(snapshot);
  const claimed = new Set<Finding>();
  const shifts: ShiftCheck[] = truth.shifts.map((s) => {
    const base = { chart: s.chart, series: s.series, at: s.at, pct: s.pct };
    const chart = chartFor(snapshot, s.chart);
    if (!chart) return { ...base, ok: false, why: 'chart not read' };
    const wantSeries = truth.charts.find((c) => c.title === s.chart)?.series ?? [];
    const idx = Math.max(0, wantSeries.findIndex((w) => w.name === s.series));
    const series = chart.series.find((r) => norm(r.name) === norm(s.series)) ?? chart.series[idx];
    if (!series) return { ...base, ok: false, why: 'series not read' };
    const xs = series.points.map((p) => String(p.x).slice(0, 10));
    const at = xs.indexOf(s.at);
    const mine = findings.filter((f) => f.chartId === chart.id && f.series === series.name && f.kind === 'level-shift');
    const scored = mine.map((f) => ({ f, offset: xs.indexOf(String(f.at).slice(0, 10)) - at }))
      .sort((a, b) => Math.abs(a.offset) - Math.abs(b.offset));
    const best = scored.find(({ f }) => Math.sign(f.changePct) === Math.sign(s.pct)) ?? scored[0];
    if (!best) return { ...base, ok: false, why: `no level-shift finding (${findings.filter((f) => f.chartId === chart.id).map((f) => f.kind).join(', ') || 'none on the chart'})` };
    claimed.add(best.f);
    const found = { at: best.f.at, changePct: best.f.changePct, offset: best.offset };
    const why = Math.sign(best.f.changePct) !== Math.sign(s.pct) ? 'wrong direction'
      : Math.abs(best.f.changePct - s.pct) > BAR.sizePp ? `size off by ${Math.abs(best.f.changePct - s.pct).toFixed(1)} pp`
        : Math.abs(best.offset) > BAR.startPoints ? `start off by ${best.offset} points` : undefined;
    return { ...base, found, ok: !why, ...(why ? { why } : {}) };
  });
  const shifted = new Set(truth.shifts.map((s) => `${norm(s.chart)}\u0000${norm(s.series)}`));
  const falseFindings = findings
    .filter((f) => !claimed.has(f))
    .map((f) => ({ f, chart: snapshot.charts.find((c) => c.id === f.chartId)?.title ?? f.chartId }))
    .filter(({ f, chart }) => !shifted.has(`${norm(chart)}\u0000${norm(f.series)}`))
    .map(({ f, chart }) => ({ chart, series: f.series, kind: f.kind, title: f.title }));
  return { board, cmp, shifts, falseFindings };
}

export interface Totals {
  chartsExpected: number; chartsFound: number; pointsExpected: number; pointsExact: number;
  metricsExpected: number; metricsFound: number; extraMetrics: number; contextExpected: number; contextFound: number; shifts: number; shiftsFound: number; falseFindings: number;
}

export function totals(rows: BoardCheck[]): Totals {
  const t: Totals = { chartsExpected: 0, chartsFound: 0, pointsExpected: 0, pointsExact: 0, metricsExpected: 0, metricsFound: 0, extraMetrics: 0, contextExpected: 0, contextFound: 0, shifts: 0, shiftsFound: 0, falseFindings: 0 };
  for (const r of rows) {
    t.chartsExpected += r.cmp.chartsExpected; t.chartsFound += r.cmp.chartsFound;
    t.pointsExpected += r.cmp.pointsExpected; t.pointsExact += r.cmp.pointsExact;
    t.metricsExpected += r.cmp.metricsExpected; t.metricsFound += r.cmp.metricsFound; t.extraMetrics += r.cmp.extraMetrics.length;
    t.contextExpected += r.cmp.contextExpected; t.contextFound += r.cmp.contextFound;
    t.shifts += r.shifts.length; t.shiftsFound += r.shifts.filter((s) => s.ok).length;
    t.falseFindings += r.falseFindings.length;
  }
  return t;
}

/** What fails the bar, in words; empty when it is met. "At least 16 of every 17" is found/expected ≥ 16/17. */
export function failures(t: Totals): string[] {
  const out: string[] = [];
  if (t.chartsFound * 17 < t.chartsExpected * BAR.chartsPer17) out.push(`charts found ${t.chartsFound}/${t.chartsExpected} is below 16 of 17`);
  if (t.pointsExact * 100 < t.pointsExpected * BAR.pointsExactPct) out.push(`points exact ${pct(t.pointsExact, t.pointsExpected)} is below ${BAR.pointsExactPct}%`);
  if (t.metricsFound < t.metricsExpected) out.push(`KPI tiles ${t.metricsFound}/${t.metricsExpected}: not every tile read`);
  if (t.shiftsFound < t.shifts) out.push(`level shifts surfaced ${t.shiftsFound}/${t.shifts}: not every injected shift`);
  // "At most one false finding in all": over every board the run read, not per board.
  if (t.falseFindings > BAR.falseFindings) out.push(`${t.falseFindings} false findings on shift-free series (at most ${BAR.falseFindings} in all)`);
  return out;
}

export const pct = (a: number, b: number) => `${b ? ((100 * a) / b).toFixed(1) : '100.0'}%`;

export function boardTable(rows: BoardCheck[]): string[] {
  const lines = ['| Board | Charts found / expected | Points exact | KPI tiles (extra) | Context | Shifts surfaced | False findings |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.board} | ${r.cmp.chartsFound} / ${r.cmp.chartsExpected} | ${r.cmp.pointsExact} / ${r.cmp.pointsExpected} (${pct(r.cmp.pointsExact, r.cmp.pointsExpected)}) | ${r.cmp.metricsFound} / ${r.cmp.metricsExpected} (${r.cmp.extraMetrics.length}) | ${r.cmp.contextFound} / ${r.cmp.contextExpected} | ${r.shifts.filter((s) => s.ok).length} / ${r.shifts.length} | ${r.falseFindings.length} |`);
  }
  const t = totals(rows);
  lines.push(`| **All** | ${t.chartsFound} / ${t.chartsExpected} | ${t.pointsExact} / ${t.pointsExpected} (${pct(t.pointsExact, t.pointsExpected)}) | ${t.metricsFound} / ${t.metricsExpected} (${t.extraMetrics}) | ${t.contextFound} / ${t.contextExpected} | ${t.shiftsFound} / ${t.shifts} | ${t.falseFindings} |`);
  return lines;
}

/** Per-board detail lines for anything short of exact: problems, shift misses, false findings. */
export function details(rows: BoardCheck[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    for (const m of r.cmp.missingCharts) out.push(`${r.board}: chart "${m}" not found`);
    for (const p of r.cmp.problems) out.push(`${r.board}: ${p}`);
    for (const s of r.shifts) {
      const got = s.found ? `found ${s.found.changePct > 0 ? '+' : ''}${s.found.changePct}% at ${s.found.at} (${s.found.offset >= 0 ? '+' : ''}${s.found.offset} pts)` : 'not found';
      out.push(`${r.board}: shift "${s.chart}" / "${s.series}" ${s.pct > 0 ? '+' : ''}${s.pct}% at ${s.at}: ${got}${s.ok ? ' ✓' : ` ✗ ${s.why}`}`);
    }
    for (const f of r.falseFindings) out.push(`${r.board}: false finding on "${f.chart}" / "${f.series}" (${f.kind}): ${f.title}`);
  }
  return out;
}
