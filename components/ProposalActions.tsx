import { useId, useState } from 'react';
import type { Proposal } from '@/lib/guardrails/schema';
import { usePanel } from '@/lib/stores/use-panel';
import { ProposalEditForm } from './ProposalEditForm';

interface Props {
  id: number;
  proposal: Proposal;
  /** After approval only Modify and Decline are left (the machine allows both until the checkpoint). */
  afterApproval?: boolean;
}

/** Approve / Modify / Decline. A decline needs a reason: the button stays off until one is typed. */
export function ProposalActions({ id, proposal, afterApproval = false }: Props) {
  const approve = usePanel((s) => s.approveProposal);
  const decline = usePanel((s) => s.declineProposal);
  const [mode, setMode] = useState<'idle' | 'modify' | 'decline'>('idle');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const run = async (f: () => Promise<void>) => { setBusy(true); try { await f(); } finally { setBusy(false); } };

  if (mode === 'modify') return <ProposalEditForm id={id} proposal={proposal} onDone={() => setMode('idle')} />;
  return (
    <div className={`proposal-actions${afterApproval ? '' : ' waiting'}`}>
      {mode === 'idle' && (
        <div role="group" aria-label={`Decide on ${proposal.title}`} className="button-row">
          {!afterApproval && <button type="button" className="button primary" disabled={busy} onClick={() => void run(() => approve(id))}>Approve</button>}
          <button type="button" className="button" disabled={busy} onClick={() => setMode('modify')}>Modify</button>
          <button type="button" className="button" disabled={busy} onClick={() => setMode('decline')}>Decline</button>
        </div>
      )}
      {mode === 'decline' && (
        <form className="decline-form" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void run(() => decline(id, reason)); }}>
          <label htmlFor={reasonId}>Why decline? <span className="muted">(required, kept in the decision log)</span></label>
          <textarea id={reasonId} rows={2} maxLength={2000} required value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="button-row">
            <button type="submit" className="button" disabled={busy || !reason.trim()}>Decline with this reason</button>
            <button type="button" className="link-button" onClick={() => setMode('idle')}>Cancel</button>
          </div>
        </form>
      )}
    </div>
  );
}
