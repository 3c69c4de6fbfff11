// Compares a snapshot Loupe read with a board's ground truth: which charts were found, how many points
// are exactly right (x and y), which KPI tiles were read. Shared by the e2e specs and `npm run accuracy`.

export interface TruthPoint { x: string | number; y: number | null }
export interface TruthChart {
  title: string; kind?: string; source?: string; exact?: boolean;
  /** Relative tolerance for charts estimated from geometry (exact: false). */
  tolerance?: number;
  series: Array<{ name: string; points: TruthPoint[] }>;
}
export interface TruthMetric { label: string; value: number; unit?: string; delta?: number }
export interface Truth { title?: string; tool?: string; charts: TruthChart[]; metrics?: TruthMetric[] }

export interface ReadChart { id?: string; title: string; kind?: string; source?: string; exact?: boolean; series: Array<{ name: string; points: TruthPoint[] }> }
export interface ReadSnapshot { charts: ReadChart[]; metrics: Array<{ label: string; value: number; unit?: string }> }

export interface Comparison {
  chartsExpected: number;
  chartsFound: number;
  pointsExpected: number;
  pointsExact: number;
  metricsExpected: number;
  metricsFound: number;
  missingCharts: string[];
  /** Per chart: what differs, for a readable failure message. */
  problems: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function sameX(a: string | number, b: string | number): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return a.slice(0, 10) === b.slice(0, 10) && (a.length <= 10 || b.length <= 10);
  return String(a) === String(b);
}

function sameY(got: number | null, want: number | null, tol: number): boolean {
  if (want === null || got === null) return want === got;
  if (tol === 0) return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  return Math.abs(got - want) <= tol;
}

function findChart(read: ReadChart[], want: TruthChart, used: Set<ReadChart>): ReadChart | undefined {
  const t = norm(want.title);
  return read.find((c) => !used.has(c) && norm(c.title) === t)
    ?? read.find((c) => !used.has(c) && t && (norm(c.title).includes(t) || t.includes(norm(c.title)) && norm(c.title).length > 3));
}

/** Points of one expected series matched by name, else by position when the names are generic. */
function matchSeries(got: ReadChart, name: string, index: number) {
  return got.series.find((s) => norm(s.name) === norm(name)) ?? got.series[index];
}

export function compareSnapshot(read: ReadSnapshot, truth: Truth): Comparison {
  const out: Comparison = {
    chartsExpected: truth.charts.length, chartsFound: 0, pointsExpected: 0, pointsExact: 0,
    metricsExpected: truth.metrics?.length ?? 0, metricsFound: 0, missingCharts: [], problems: [],
  };
  const used = new Set<ReadChart>();
  for (const want of truth.charts) {
    const n = want.series.reduce((t, s) => t + s.points.length, 0);
    out.pointsExpected += n;
    const got = findChart(read.charts, want, used);
    if (!got) { out.missingCharts.push(want.title); continue; }
    used.add(got);
    out.chartsFound += 1;
    if (want.source && got.source !== want.source && !(want.source === 'react' || got.source === 'react')) {
      out.problems.push(`"${want.title}": source ${got.source}, expected ${want.source}`);
    }
    if (want.exact !== undefined && got.exact !== want.exact) out.problems.push(`"${want.title}": exact ${got.exact}, expected ${want.exact}`);
    want.series.forEach((ws, i) => {
      const gs = matchSeries(got, ws.name, i);
      if (!gs) { out.problems.push(`"${want.title}": series "${ws.name}" not found`); return; }
      const range = rangeOf(ws.points);
      const tol = want.exact === false ? (want.tolerance ?? 0.02) * range : 0;
      let exact = 0;
      ws.points.forEach((wp, j) => {
        const gp = gs.points[j];
        if (gp && sameX(gp.x, wp.x) && sameY(gp.y, wp.y, tol)) exact += 1;
      });
      out.pointsExact += exact;
      if (exact < ws.points.length) {
        const bad = ws.points.findIndex((wp, j) => !(gs.points[j] && sameX(gs.points[j].x, wp.x) && sameY(gs.points[j].y, wp.y, tol)));
        out.problems.push(`"${want.title}" / "${ws.name}": ${exact}/${ws.points.length} points right; first wrong #${bad}: got ${JSON.stringify(gs.points[bad])}, expected ${JSON.stringify(ws.points[bad])}`);
      }
    });
  }
  for (const m of truth.metrics ?? []) {
    const got = read.metrics.find((r) => norm(r.label) === norm(m.label));
    if (got && Math.abs(got.value - m.value) <= 1e-6 * Math.max(1, Math.abs(m.value))) out.metricsFound += 1;
    else out.problems.push(`KPI "${m.label}": ${got ? `read ${got.value}` : 'not found'}, expected ${m.value}`);
  }
  return out;
}

function rangeOf(points: TruthPoint[]): number {
  const ys = points.map((p) => p.y).filter((y): y is number => y !== null);
  if (!ys.length) return 1;
  let lo = ys[0], hi = ys[0];
  for (const y of ys) { if (y < lo) lo = y; if (y > hi) hi = y; }
  return hi - lo || Math.abs(hi) || 1;
}
