import { evidenceById } from '@/lib/stores/findings-slice';
import { usePanel } from '@/lib/stores/use-panel';

/** A citation ([E3]) as a real button: it outlines the evidence's chart on the page and marks the
 *  data points the evidence rests on. Ids that name no evidence (a finding, a note) stay plain text. */
export function EvidenceChip({ id }: { id: string }) {
  const evidence = usePanel((s) => evidenceById(s, id));
  const showEvidence = usePanel((s) => s.showEvidence);
  const busy = usePanel((s) => s.shownEvidence === id && s.highlight?.status === 'showing');
  if (!evidence) return <span className="cite-id">{id}</span>;
  return (
    <button type="button" className="evidence-chip" onClick={() => void showEvidence(id)} aria-busy={busy}
      aria-label={`Show evidence ${id} on the page`} title={evidence.claim}>
      {id}
    </button>
  );
}

/** Several citations, as the explainer writes them: [E7, E1]. */
export function EvidenceChips({ ids, label }: { ids: string[]; label?: string }) {
  if (!ids.length) return null;
  return (
    <span className="evidence-chips" role={label ? 'group' : undefined} aria-label={label}>
      {ids.map((id) => <EvidenceChip key={id} id={id} />)}
    </span>
  );
}
