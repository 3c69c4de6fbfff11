import type { Metric } from '@/lib/snapshot/schema';
import { formatDelta, formatValue } from './format';
import { PageText } from './PageText';

/** The dashboard's KPI tiles as read: label (page text), value with unit, change. */
export function MetricTiles({ metrics }: { metrics: Metric[] }) {
  if (metrics.length === 0) return null;
  return (
    <ul className="tiles" aria-label="Key metrics">
      {metrics.map((m) => (
        <li key={m.id} className="tile">
          <span className="tile-label"><PageText text={m.label} /></span>
          <span className="tile-value">{formatValue(m.value, m.unit)}</span>
          {m.delta !== undefined && <span className="tile-delta">{formatDelta(m.delta, m.deltaUnit ?? m.unit)}</span>}
        </li>
      ))}
    </ul>
  );
}
