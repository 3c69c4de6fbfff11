import { usePanel } from '@/lib/stores/use-panel';
import { DraftCard } from './DraftCard';
import { DraftHistory } from './DraftHistory';

/** The Drafts tab: every proposal of this dashboard and the draft made from it, each read top to bottom
 *  as a checklist (decision → checkpoint → rules → steps), and the decision history under them. */
export function DraftsView() {
  const order = usePanel((s) => s.draftOrder);
  const load = usePanel((s) => s.draftsLoad);
  const error = usePanel((s) => s.draftsError);
  const board = usePanel((s) => s.board);
  const proposing = usePanel((s) => s.proposing);
  const notes = usePanel((s) => s.proposalNotes);
  const triage = usePanel((s) => s.triage);
  if (!board) return <p className="empty">Read a dashboard first: proposals come from findings you mark “Real”.</p>;
  return (
    <section className="drafts" aria-label="Proposals and drafts">
      {error && <p className="hint" role="alert">{error}</p>}
      {proposing && <p className="muted" role="status">Asking {proposing} for proposals…</p>}
      {load === 'loading' && !order.length && !proposing && <p className="muted" role="status">Loading proposals and drafts…</p>}
      {Object.entries(notes).filter(([key]) => key in triage).map(([, note]) => <p key={note} className="hint proposal-note" role="status">{note}</p>)}
      {load === 'ready' && !order.length && (
        <p className="empty">No proposals yet. Mark a finding “Real” in Findings and Loupe proposes next steps here.</p>
      )}
      {order.length > 0 && (
        <ol className="draft-list" aria-label="Proposals">
          {order.map((id) => <DraftCard key={id} id={id} />)}
        </ol>
      )}
      <DraftHistory />
    </section>
  );
}
