import type { Chart, Series } from '../snapshot/schema';
import { seriesLabel } from './format';
import type { Evidence, EvidenceDraft, FindingDraft, ResolvedOptions } from './schema';
import { round, tidy } from './stats';
import type { PreparedSeries } from './timeaxis';

// Shared plumbing of the per-method modules: one builder hands out evidence ids in the order items
// are added, which is what makes ids stable (charts, then series, then methods in a fixed order).

export class EvidenceBuilder {
  readonly items: Evidence[] = [];

  add(d: EvidenceDraft): Evidence {
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(d.values)) if (Number.isFinite(v)) values[k] = tidy(v);
    const e: Evidence = { id: `E${this.items.length + 1}`, ...d, values, confidence: round(d.confidence, 2) };
    if (e.unit === undefined) delete e.unit;
    if (e.series === undefined) delete e.series;
    this.items.push(e);
    return e;
  }
}

export interface SeriesContext {
  chart: Chart;
  series: Series;
  /** Name for claims, in curly quotes. */
  label: string;
  /** Name for finding titles, plain. */
  plain: string;
  unit?: string;
  prep: PreparedSeries;
  opts: ResolvedOptions;
  b: EvidenceBuilder;
  findings: FindingDraft[];
}

export function makeContext(
  chart: Chart, series: Series, prep: PreparedSeries, opts: ResolvedOptions,
  b: EvidenceBuilder, findings: FindingDraft[],
): SeriesContext {
  const n = chart.series.length;
  const title = chart.title.trim() || series.name || chart.id;
  return {
    chart, series, prep, opts, b, findings,
    label: seriesLabel(chart.title || chart.id, series.name, n),
    plain: n > 1 && series.name ? `${title} (${series.name})` : title,
    unit: chart.y?.unit,
    };
}

/** Base fields of an evidence item about this series. */
export function base(c: SeriesContext): Pick<EvidenceDraft, 'chartId' | 'series' | 'unit'> {
  return { chartId: c.chart.id, series: c.series.name, unit: c.unit };
}

/** Caveats every finding on this series shares. */
export function commonCaveats(c: SeriesContext): string[] {
  const out: string[] = [];
  if (!c.chart.exact) out.push('The values were estimated from the chart drawing, not read from its data.');
  if (c.prep.obs.length < 28) out.push(`Few points to judge from: ${c.prep.obs.length}.`);
  if (c.prep.partial) out.push('The last period is not over yet, so it was left out.');
  if (c.prep.gaps > 0) out.push(`The series has ${c.prep.gaps} missing ${c.prep.gaps === 1 ? 'value' : 'values'}.`);
  return out;
}

/** Penalty applied to every finding's confidence for the same reasons as the caveats. */
export function commonPenalty(c: SeriesContext): number {
  let p = 1;
  if (!c.chart.exact) p *= 0.85;
  if (c.prep.obs.length < 28) p *= 0.8;
  if (c.prep.gaps > 0.1 * c.prep.total) p *= 0.9;
  return p;
}

/** Rates, ratios and averages: they do not add up across days or categories. */
export function isRateLike(c: SeriesContext): boolean {
  if (c.unit === '%') return true;
  const name = `${c.chart.title} ${c.series.name} ${c.chart.y?.label ?? ''}`;
  return /rate|ratio|\bavg\b|average|mean|median|\bper (?!day|week|month|hour|year|minute)|conversion|share|duration|latency|score|%|\bp\d\d\b|time to|response time|load time|session length/i.test(name);
}
