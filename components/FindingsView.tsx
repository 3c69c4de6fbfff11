import { usePanel } from '@/lib/stores/use-panel';
import { ChartList } from './ChartList';
import { ExplainDashboard } from './ExplainDashboard';
import { FindingList } from './FindingList';
import { EmptyPage } from './EmptyPage';
import { LoadingState } from './LoadingState';
import { MetricTiles } from './MetricTiles';
import { ReadProblem } from './ReadProblem';
import { SiteAccessRequest } from './SiteAccessRequest';

/** The Findings tab: "Explain this dashboard", the ranked findings to triage, then what was read "On this page". */
export function FindingsView() {
  const status = usePanel((s) => s.status);
  const snapshot = usePanel((s) => s.snapshot);
  const failure = usePanel((s) => s.failure);

  if (failure) {
    return failure.reason === 'no-access'
      ? <SiteAccessRequest failure={failure} />
      : <ReadProblem failure={{ ...failure, reason: failure.reason }} />;
  }
  if (!snapshot) {
    return status === 'loading' || status === 'idle'
      ? <LoadingState />
      : <p className="empty-state">Open a dashboard and press Read again.</p>;
  }
  if (snapshot.charts.length === 0 && snapshot.metrics.length === 0) return <EmptyPage />;

  return (
    <>
      <ExplainDashboard />
      <FindingList />
      <section aria-labelledby="on-this-page" className="on-this-page">
        <h2 id="on-this-page">On this page</h2>
        <MetricTiles metrics={snapshot.metrics} />
        <ChartList charts={snapshot.charts} />
        {snapshot.notes && snapshot.notes.length > 0 && (
          <ul className="notes page-notes" aria-label="Notes from reading this page">
            {snapshot.notes.map((note) => <li key={note}>{note}</li>)}
          </ul>
        )}
      </section>
    </>
  );
}
