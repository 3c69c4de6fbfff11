import { triageKey } from '@/lib/stores/findings-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { FindingCard } from './FindingCard';
import { FindingCardsHidden } from './FindingCardsHidden';
import { FindingsEmpty } from './FindingsEmpty';

/** The findings of this read, most notable first (the engine ranks them F1, F2, …). */
export function FindingList() {
  const snapshot = usePanel((s) => s.snapshot);
  const analysis = usePanel((s) => s.analysis);
  const triageError = usePanel((s) => s.triageError);
  if (!snapshot || !analysis) return null;
  const { findings } = analysis;
  return (
    <section aria-labelledby="findings-heading" className="findings">
      <h2 id="findings-heading" className="section-title">
        Findings {findings.length > 0 && <span className="muted">({findings.length})</span>}
      </h2>
      {triageError && <p className="hint" role="alert">{triageError} New triage may still be saved.</p>}
      {findings.length === 0 ? <FindingsEmpty snapshot={snapshot} /> : (
        <ol className="finding-list" aria-label="Findings, most notable first">
          {findings.map((f) => (
            <FindingCard key={f.id} finding={f} triageKey={triageKey(snapshot, f)}
              chart={snapshot.charts.find((c) => c.id === f.chartId)} />
          ))}
        </ol>
      )}
      <FindingCardsHidden />
    </section>
  );
}
