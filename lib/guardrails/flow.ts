import type { DashboardSnapshot } from '../snapshot/schema';
import { initialFlow, type FlowState, type Phase } from './machine';
import { blockingRules } from './rules';
import { isPageStep, type Draft, type LogEvent, type Proposal, type Rule, type Signoff } from './schema';

// The machine keeps nothing: a proposal's flow is rebuilt from what Dexie holds (proposal row, its
// latest draft, the rules in force, sign-offs and the log), and a watched metric is read from a snapshot.

/** Step states that mean the page was touched: what the kill switch undoes. */
export const TOUCHED: readonly string[] = ['applied', 'verified', 'failed'];

/** The watched metric's current value: the last point of the series (or one-series chart) it names. */
export function metricValue(snapshot: DashboardSnapshot | null, metric: string): number | undefined {
  for (const c of snapshot?.charts ?? []) {
    const series = c.series.find((s) => s.name === metric) ?? (c.title === metric && c.series.length === 1 ? c.series[0] : undefined);
    const last = series?.points.filter((p) => p.y !== null).at(-1);
    if (last?.y !== undefined && last.y !== null) return last.y;
  }
  return undefined;
}

/** Rebuilds a proposal's flow from what Dexie holds (the machine itself keeps nothing). */
export function flowFrom(p: Proposal, d: Draft | undefined, rules: Rule[], signoffs: Signoff[], log: LogEvent[]): FlowState {
  const base = initialFlow(p);
  if (!d) {
    if (p.status === 'proposed' || p.status === 'declined') return { ...base, phase: p.status };
    return { ...base, phase: log.some((e) => e.proposalId === p.id && e.kind === 'review-only') ? 'review-only' : 'approved' };
  }
  const blocking = blockingRules({ draftFields: p.draftFields, steps: d.steps }, rules, signoffs);
  let phase: Phase = d.state;
  if (phase === 'blocked' || phase === 'ready') phase = blocking.length ? 'blocked' : 'ready';
  const revertQueue = phase === 'reverting' ? d.steps.filter((s) => isPageStep(s) && TOUCHED.includes(d.stepStates[s.id])).map((s) => s.id).reverse() : [];
  return { ...base, phase, checkpoint: d.checkpoint, steps: d.steps, stepStates: d.stepStates, guardMetric: d.guardMetric, rules, signoffs, blocking, revertQueue };
}
