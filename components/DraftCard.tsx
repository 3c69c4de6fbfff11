import type { FlowState } from '@/lib/guardrails/machine';
import { usePanel } from '@/lib/stores/use-panel';
import { CheckpointForm } from './CheckpointForm';
import { CheckpointSummary } from './CheckpointSummary';
import { GuardMetricAlert } from './GuardMetricAlert';
import { ProposalActions } from './ProposalActions';
import { ProposalContradictions } from './ProposalContradictions';
import { ProposalDetails } from './ProposalDetails';
import { RuleGate } from './RuleGate';
import { StepList } from './StepList';
import { WithPageNames } from './WithPageNames';

/** One line that says what the draft waits on, so its state is obvious without reading it all. */
export function waitingLine(flow: FlowState): string {
  switch (flow.phase) {
    case 'proposed': return 'Waiting on you: approve, modify or decline';
    case 'approved': return 'Waiting on you: the checkpoint';
    case 'review-only': return 'Review only: nothing will run';
    case 'declined': return `Declined: ${flow.proposal.declineReason ?? ''}`;
    case 'checked': return 'Drafting steps…';
    case 'blocked': return `Waiting on a sign-off: ${flow.blocking.map((b) => `${b.rule.name} (${b.rule.require.role})`).join(', ')}`;
    case 'ready': case 'running': {
      const next = flow.steps.find((s) => !['verified', 'done'].includes(flow.stepStates[s.id]));
      return next ? `Waiting on you: ${next.label}` : 'Checking the last step…';
    }
    case 'stopped': return 'Stopped: a step failed or could not be checked';
    case 'done': return 'Done: every step is applied and checked';
    case 'reverting': return 'Undoing applied steps…';
    case 'reverted': return 'Undone: applied steps were reverted';
  }
}

/** A proposal and, once approved, its draft: decision → checkpoint → rules → steps. */
export function DraftCard({ id }: { id: number }) {
  const entry = usePanel((s) => s.drafts[id]);
  const error = usePanel((s) => s.draftErrors[id]);
  // Template titles name the finding's chart or series: shown as quoted page text.
  const triage = usePanel((s) => (entry ? s.triage[entry.flow.proposal.findingKey] : undefined));
  if (!entry) return null;
  const { flow } = entry;
  const p = flow.proposal;
  const headingId = `proposal-${id}`;
  const decided = flow.phase !== 'proposed';
  return (
    <li className={`draft-card phase-${flow.phase}`} aria-labelledby={headingId}>
      <h3 className="draft-title" id={headingId}><WithPageNames text={p.title} names={[triage?.chartTitle, triage?.series]} /></h3>
      <p className={`draft-state${/^Waiting on/.test(waitingLine(flow)) ? ' waiting' : ''}`} role="status">{waitingLine(flow)}</p>
      <ProposalDetails proposal={p} />
      <ProposalContradictions proposal={p} />
      {!decided ? <ProposalActions id={id} proposal={p} /> : (
        <p className="decision muted">{p.status === 'declined' ? 'Declined' : p.status === 'modified' ? 'Modified and approved' : 'Approved'} by you</p>
      )}
      {flow.phase === 'approved' && <ProposalActions id={id} proposal={p} afterApproval />}
      {flow.phase === 'approved' && <CheckpointForm id={id} />}
      {flow.checkpoint && <CheckpointSummary answers={flow.checkpoint} />}
      {flow.steps.length > 0 && <RuleGate id={id} />}
      {flow.steps.length > 0 && <StepList id={id} />}
      <GuardMetricAlert id={id} />
      {error && <p className="hint" role="alert">{error}</p>}
    </li>
  );
}
