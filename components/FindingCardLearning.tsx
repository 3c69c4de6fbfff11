import { usePanel } from '@/lib/stores/use-panel';

/** What people said about this finding, on its card: matching notes, and why its confidence is lower. */
export function FindingCardLearning({ findingId }: { findingId: string }) {
  const learned = usePanel((s) => s.learning?.findings.find((f) => f.id === findingId));
  if (!learned || (learned.notes.length === 0 && learned.adjustments.length === 0)) return null;
  return (
    <div className="finding-learning">
      {learned.notes.length > 0 && (
        <>
          <h4 className="caveats-title">Notes</h4>
          <ul aria-label={`Notes for ${findingId}`} className="finding-notes">
            {learned.notes.map((n) => <li key={n.uid}>{n.text}{n.by && <span className="muted"> — {n.by}</span>}</li>)}
          </ul>
        </>
      )}
      {learned.adjustments.length > 0 && (
        <ul aria-label={`You told us about ${findingId}`} className="finding-adjustments muted">
          {learned.adjustments.map((a) => <li key={`${a.by}-${String(a.id)}`}>Confidence lowered: {a.text}</li>)}
        </ul>
      )}
    </div>
  );
}
