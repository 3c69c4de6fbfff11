import { usePanel } from '@/lib/stores/use-panel';
import { KillSwitch } from './KillSwitch';

/** A draft's watched metric: quiet while it holds, and the kill switch up front with the reason once it
 *  has moved the bad way past its threshold since the steps were applied. */
export function GuardMetricAlert({ id }: { id: number }) {
  const guard = usePanel((s) => s.drafts[id]?.flow.guardMetric);
  const check = usePanel((s) => s.guards[id]);
  if (!guard) return null;
  if (!check?.dropped) {
    return <p className="guard muted">Watching {guard.metric} (rolls back past a {guard.thresholdPct}% drop){check ? `: ${check.message}` : ''}</p>;
  }
  return (
    <div className="guard dropped waiting" role="alert">
      <p>{guard.metric}: {check.message}</p>
      <KillSwitch prominent />
    </div>
  );
}
