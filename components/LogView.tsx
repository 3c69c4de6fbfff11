import { useEffect, useId } from 'react';
import type { LogEvent } from '@/lib/guardrails/schema';
import { usePanel } from '@/lib/stores/use-panel';
import { LogExport } from './LogExport';

function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function LogItem({ e }: { e: LogEvent }) {
  return (
    <li className="log-event">
      <p className="log-head">
        <time dateTime={e.at}>{when(e.at)}</time> · <span className="log-kind">{e.kind}</span> · <span className="log-actor">{e.actor.name} ({e.actor.kind})</span>
      </p>
      <p className="log-summary">{e.summary}</p>
      {e.evidenceIds.length > 0 && <p className="muted log-evidence">Evidence {e.evidenceIds.join(', ')}</p>}
    </li>
  );
}

/** The Log tab: this board's decision log, newest first, within a date range; export for review. */
export function LogView() {
  const snapshot = usePanel((s) => s.snapshot);
  const events = usePanel((s) => s.logEvents);
  const range = usePanel((s) => s.logRange);
  const load = usePanel((s) => s.logLoad);
  const error = usePanel((s) => s.logError);
  const loadLog = usePanel((s) => s.loadLog);
  const setRange = usePanel((s) => s.setLogRange);
  const id = useId();
  useEffect(() => { void loadLog(); }, [loadLog, snapshot]);

  if (!snapshot) return <p className="empty-state">Read a dashboard to see its decision log.</p>;
  return (
    <>
      <section aria-labelledby="log-heading" className="log">
        <h2 id="log-heading" className="section-title">Decision log <span className="muted">({events.length})</span></h2>
        <div className="log-range" role="group" aria-label="Date range">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" value={range.from} onChange={(e) => void setRange({ ...range, from: e.target.value })} />
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" value={range.to} onChange={(e) => void setRange({ ...range, to: e.target.value })} />
        </div>
        {load === 'failed' && <p className="hint" role="alert">{error}</p>}
        {load === 'ready' && events.length === 0 && (
          <p className="empty-state">Nothing recorded for this dashboard{range.from || range.to ? ' in this range' : ''} yet. Triage a finding and it is logged here.</p>
        )}
        <ol aria-label="Decision log, newest first" className="log-list">
          {events.map((e) => <LogItem key={e.id ?? `${e.at}-${e.kind}`} e={e} />)}
        </ol>
      </section>
      <LogExport />
    </>
  );
}
