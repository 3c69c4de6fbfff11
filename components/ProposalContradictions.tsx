import { useMemo } from 'react';
import { findingWhere, proposalContradictions } from '@/lib/learning';
import type { Proposal } from '@/lib/guardrails/schema';
import { usePanel } from '@/lib/stores/use-panel';

/** The institutional notes a proposal goes against (lib/learning/contradict.ts), with the note's own
 *  words, where the person decides: the flag informs the decision and blocks nothing. */
export function ProposalContradictions({ proposal }: { proposal: Proposal }) {
  const notes = usePanel((s) => s.notes);
  const board = usePanel((s) => s.board);
  const triage = usePanel((s) => s.triage[proposal.findingKey]);
  const found = useMemo(() => (board ? proposalContradictions(proposal, notes, findingWhere(board, triage)) : []),
    [proposal, notes, board, triage]);
  if (!found.length) return null;
  return (
    <ul className="contradictions" aria-label={`Notes ${proposal.title} contradicts`}>
      {found.map((c) => (
        <li key={c.note.uid} className="contradiction">
          <strong>Contradicts your note:</strong> “{c.note.text}”{c.note.by ? <span className="muted"> ({c.note.by})</span> : null}
          <span className="muted"> · it would {c.action === 'revert' ? 'roll back' : c.action} what the note protects (both mention {c.shared.map((w) => `“${w}”`).join(', ')})</span>
        </li>
      ))}
    </ul>
  );
}
