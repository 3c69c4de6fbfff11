// Compares a snapshot Loupe read with a board's ground truth: which charts were found, how many points
// are exactly right (x and y), which KPI tiles were read. Shared by the e2e specs and `npm run accuracy`.

export interface TruthPoint { x: string | number; y: number | null }
export interface TruthChart {
  title: string; kind?: string; source?: string; exact?: boolean;
  /** Relative tolerance for charts estimated from geometry (exact: false). */
  tolerance?: number;
  series: Array<{ name: string; points: TruthPoint[] }>;
}
export interface TruthMetric { label: string; value: number; unit?: string; delta?: number; deltaUnit?: string }
export interface TruthContext { dateRange?: string; filters?: string[] }
export interface Truth { title?: string; tool?: string; context?: TruthContext; charts: TruthChart[]; metrics?: TruthMetric[] }

export interface ReadChart { id?: string; title: string; kind?: string; source?: string; exact?: boolean; series: Array<{ name: string; points: TruthPoint[] }> }
export interface ReadMetric { label: string; value: number; unit?: string; delta?: number; deltaUnit?: string }
export interface ReadSnapshot { charts: ReadChart[]; metrics: ReadMetric[]; context?: TruthContext }

export interface Comparison {
  chartsExpected: number;
  chartsFound: number;
  pointsExpected: number;
  pointsExact: number;
  metricsExpected: number;
  /** A tile counts as read when its label, value and (where the truth gives them) unit and delta match. */
  metricsFound: number;
  /** Tiles read that the truth does not list: legends, table cells or navigation taken for KPIs. */
  extraMetrics: string[];
  /** Date range and each filter the truth lists, and how many of them were read. */
  contextExpected: number;
  contextFound: number;
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
    metricsExpected: truth.metrics?.length ?? 0, metricsFound: 0, extraMetrics: [], contextExpected: 0, contextFound: 0, missingCharts: [], problems: [],
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
  const claimed = new Set<ReadMetric>();
  for (const m of truth.metrics ?? []) {
    const got = read.metrics.find((r) => !claimed.has(r) && norm(r.label) === norm(m.label));
    if (got) claimed.add(got);
    const why = metricMismatch(got, m);
    if (!why) out.metricsFound += 1;
    else out.problems.push(`KPI "${m.label}": ${why}`);
  }
  if (truth.metrics) out.extraMetrics = read.metrics.filter((r) => !claimed.has(r)).map((r) => r.label);
  for (const label of out.extraMetrics) out.problems.push(`KPI "${label}" read, but the page has no such tile`);
  compareContext(read.context, truth.context, out);
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/** Why a read tile differs from the truth's, or '' when it matches. */
function metricMismatch(got: ReadMetric | undefined, want: TruthMetric): string {
  if (!got) return `not found, expected ${want.value}`;
  if (!close(got.value, want.value)) return `read ${got.value}, expected ${want.value}`;
  if (want.unit !== undefined && got.unit !== want.unit) return `unit ${got.unit ?? 'none'}, expected ${want.unit}`;
  if (want.delta !== undefined && (got.delta === undefined || !close(got.delta, want.delta))) return `delta ${got.delta ?? 'none'}, expected ${want.delta}`;
  if (want.delta === undefined && got.delta !== undefined) return `delta ${got.delta} read, but the tile shows none`;
  if (want.deltaUnit !== undefined && got.deltaUnit !== want.deltaUnit) return `delta unit ${got.deltaUnit ?? 'none'}, expected ${want.deltaUnit}`;
  return '';
}

/** The date range matches when one text holds the other (words and digits only); a filter when some
 *  read filter holds it ("Country: United States" in "Country: United States ×"). */
function compareContext(got: TruthContext | undefined, want: TruthContext | undefined, out: Comparison): void {
  if (!want) return;
  if (want.dateRange) {
    out.contextExpected += 1;
    const a = norm(got?.dateRange ?? ''), b = norm(want.dateRange);
    if (a && (a === b || a.includes(b) || b.includes(a))) out.contextFound += 1;
    else out.problems.push(`date range: read ${JSON.stringify(got?.dateRange ?? null)}, expected "${want.dateRange}"`);
  }
  for (const f of want.filters ?? []) {
    out.contextExpected += 1;
    if ((got?.filters ?? []).some((g) => norm(g).includes(norm(f)))) out.contextFound += 1;
    else out.problems.push(`filter "${f}" not read (read: ${JSON.stringify(got?.filters ?? [])})`);
  }
}

function rangeOf(points: TruthPoint[]): number {
  const ys = points.map((p) => p.y).filter((y): y is number => y !== null);
  if (!ys.length) return 1;
  let lo = ys[0], hi = ys[0];
  for (const y of ys) { if (y < lo) lo = y; if (y > hi) hi = y; }
  return hi - lo || Math.abs(hi) || 1;
}
