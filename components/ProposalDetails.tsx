import type { Proposal } from '@/lib/guardrails/schema';
import { EvidenceChips } from './EvidenceChip';

/** What a person weighs before deciding: why, impact, risk, how to undo it, who it touches, evidence. */
export function ProposalDetails({ proposal: p }: { proposal: Proposal }) {
  return (
    <div className="proposal-details">
      <p className="proposal-rationale">{p.rationale}</p>
      <dl className="proposal-facts">
        <dt>Impact</dt><dd>{p.impact}</dd>
        <dt>Risk</dt><dd className={`risk risk-${p.risk}`}>{p.risk}</dd>
        <dt>Reversibility</dt><dd>{p.reversibility}</dd>
        <dt>Affected</dt><dd>{p.affected}</dd>
      </dl>
      <div className="proposal-evidence">
        <span className="muted">Evidence</span> <EvidenceChips ids={p.evidenceIds} label={`Evidence for ${p.title}`} />
        <span className="muted"> · {p.source === 'model' ? 'proposed by the model' : 'Loupe template'}</span>
      </div>
    </div>
  );
}
