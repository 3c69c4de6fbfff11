import type { DashboardSnapshot } from '../snapshot/schema';
import { analyze } from './analysis';
import { anomalies } from './anomalies';
import { categorical, isCategorical } from './categorical';
import { EvidenceBuilder, makeContext } from './context';
import { cooccurrences } from './cooccurrence';
import { rankFindings } from './findings';
import { levelShifts, type ShiftRecord } from './levelshifts';
import { comparePeriods } from './periods';
import {
  DEFAULTS, EvidenceOptions, type EvidenceResult, type FindingDraft, type ResolvedOptions,
} from './schema';
import { summarize } from './summary';
import { looksTime, nowDay, prepareSeries } from './timeaxis';
import { trend } from './trends';

// The evidence engine: a DashboardSnapshot in, Evidence[] and ranked Finding[] out. Pure and
// deterministic: the same snapshot and options always give the same ids (charts in snapshot order,
// series in order, methods in the fixed order summary, partial period, periods, level shifts,
// anomalies, trend, categories; co-occurrence across charts last).

export * from './schema';
export { fmtNumber, fmtPct, fmtPp, fmtValue, fmtX, quote } from './format';

export function resolveOptions(snapshot: DashboardSnapshot, opts: EvidenceOptions = {}): ResolvedOptions {
  const o = EvidenceOptions.parse(opts);
  return {
    now: o.now ?? snapshot.readAt,
    timezone: o.timezone ?? snapshot.context?.timezone,
    minChangePct: o.minChangePct ?? DEFAULTS.minChangePct,
    minSegment: o.minSegment ?? DEFAULTS.minSegment,
    threshold: o.threshold ?? DEFAULTS.threshold,
    maxFindings: o.maxFindings ?? DEFAULTS.maxFindings,
  };
}

export function computeEvidence(snapshot: DashboardSnapshot, opts: EvidenceOptions = {}): EvidenceResult {
  const o = resolveOptions(snapshot, opts);
  const now = nowDay(o.now, o.timezone);
  const b = new EvidenceBuilder();
  const drafts: FindingDraft[] = [];
  const shifts: ShiftRecord[] = [];
  for (const chart of snapshot.charts) {
    const cat = isCategorical(chart) && chart.kind !== 'line' && chart.kind !== 'area';
    const isTime = looksTime(chart);
    for (const series of chart.series) {
      const prep = prepareSeries(chart, series, now, isTime);
      const c = makeContext(chart, series, prep, o, b, drafts);
      if (cat && !prep.isTime) {
        categorical(c);
        continue;
      }
      const summary = summarize(c);
      if (!summary || chart.kind === 'scatter') continue;
      comparePeriods(c);
      const a = analyze(prep);
      const found = levelShifts(c, a, summary.id);
      shifts.push(...found);
      anomalies(c, a, summary.id);
      trend(c, a, found.length > 0, summary.id);
    }
  }
  cooccurrences(b, shifts.filter((s) => s.isTime), drafts);
  return { evidence: b.items, findings: rankFindings(drafts, o.maxFindings) };
}
