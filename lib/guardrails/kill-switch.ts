// The kill switch: undo every applied step of a draft (or of all drafts) newest first, check each
// revert, keep going past a failure, and say plainly what could not be reverted. The revert itself is
// injected (the page action module does it); this file only orders, runs and reports.

export interface AppliedStep {
  draftId: number;
  stepId: string;
  label: string;
  /** When the step was applied (ISO); the order the kill switch undoes in. */
  appliedAt: string;
  /** Order of application when two steps share a timestamp (e.g. the undo row id). */
  seq: number;
}

/** Newest first: a later step may rest on an earlier one (a breakdown inside a filter), so it goes first. */
export function planRevert(applied: readonly AppliedStep[]): AppliedStep[] {
  return [...applied].sort((a, b) => (a.appliedAt === b.appliedAt ? b.seq - a.seq : a.appliedAt < b.appliedAt ? 1 : -1));
}

/** What a revert reports: it ran, and whether reading the page afterwards confirmed the prior state. */
export type RevertOutcome = { reverted: true; verified: boolean; message?: string } | { reverted: false; message: string };

export interface KillSwitchReport {
  ok: boolean;
  reverted: AppliedStep[];
  /** Steps that could not be reverted, or whose revert could not be checked, with why. */
  failed: { step: AppliedStep; message: string }[];
}

/** Runs the plan one revert at a time (never in parallel: order matters on a page). */
export async function runKillSwitch(
  plan: readonly AppliedStep[],
  revert: (step: AppliedStep) => Promise<RevertOutcome>,
  onResult?: (step: AppliedStep, ok: boolean, message?: string) => void | Promise<void>,
): Promise<KillSwitchReport> {
  const report: KillSwitchReport = { ok: true, reverted: [], failed: [] };
  for (const step of plan) {
    let outcome: RevertOutcome;
    try {
      outcome = await revert(step);
    } catch (e) {
      outcome = { reverted: false, message: e instanceof Error ? e.message : String(e) };
    }
    const ok = outcome.reverted && outcome.verified;
    const message = !outcome.reverted ? outcome.message : outcome.verified ? undefined : (outcome.message ?? 'the revert ran but the page does not show the prior state');
    if (ok) report.reverted.push(step); else report.failed.push({ step, message: message! });
    await onResult?.(step, ok, message);
  }
  report.ok = report.failed.length === 0;
  return report;
}

export interface GuardCheck {
  /** True when the metric moved the bad way by more than the threshold: offer the rollback. */
  dropped: boolean;
  changePct: number;
  message: string;
}

/** Compares a watched metric with its value before the draft's steps. `direction` says which way is bad. */
export function guardMetricDrop(before: number, after: number, thresholdPct: number, direction: 'higher-is-better' | 'lower-is-better' = 'higher-is-better'): GuardCheck {
  if (!Number.isFinite(before) || !Number.isFinite(after)) return { dropped: false, changePct: NaN, message: 'The watched metric could not be read' };
  // From a zero baseline any bad move is past every threshold; a percent would be infinite.
  const changePct = before === 0 ? (after === 0 ? 0 : Math.sign(after) * Infinity) : ((after - before) / Math.abs(before)) * 100;
  const worse = direction === 'higher-is-better' ? -changePct : changePct;
  const dropped = worse > thresholdPct;
  const shown = Number.isFinite(changePct) ? `${changePct > 0 ? '+' : ''}${Math.round(changePct * 10) / 10}%` : `from 0 to ${after}`;
  return {
    dropped, changePct,
    message: dropped ? `The watched metric moved ${shown} since the steps were applied (threshold ${thresholdPct}%): roll back?` : `The watched metric moved ${shown}; within the ${thresholdPct}% threshold`,
  };
}
