import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { plural } from './format';

/** No finding passed the checks: say so, and what was checked, so "nothing" is an answer, not a gap. */
export function FindingsEmpty({ snapshot }: { snapshot: DashboardSnapshot }) {
  const series = snapshot.charts.reduce((n, c) => n + c.series.length, 0);
  return (
    <div className="findings-empty">
      <p className="state-title">No notable changes on this dashboard</p>
      <p className="muted">
        Loupe checked {plural(snapshot.charts.length, 'chart')} ({plural(series, 'series', 'series')}) for lasting
        shifts, one-off spikes and steady trends, and compared recent periods with earlier ones. None passed
        the checks. Press Read again after the dashboard changes.
      </p>
    </div>
  );
}
