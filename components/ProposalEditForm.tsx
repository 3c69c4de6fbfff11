import { useState } from 'react';
import { Risk, type Proposal, type ProposalEdit } from '@/lib/guardrails/schema';
import { usePanel } from '@/lib/stores/use-panel';

type Text = 'title' | 'rationale' | 'impact' | 'reversibility' | 'affected';
const FIELDS: Array<[Text, string]> = [['title', 'Title'], ['rationale', 'Why'], ['impact', 'Impact'], ['reversibility', 'Reversibility'], ['affected', 'Affected']];

/** Modify: the person edits the proposal's words and risk inline; saving approves it as modified. */
export function ProposalEditForm({ id, proposal, onDone }: { id: number; proposal: Proposal; onDone: () => void }) {
  const modify = usePanel((s) => s.modifyProposal);
  const [edit, setEdit] = useState<Record<Text, string> & { risk: Proposal['risk'] }>({
    title: proposal.title, rationale: proposal.rationale, impact: proposal.impact, reversibility: proposal.reversibility, affected: proposal.affected, risk: proposal.risk,
  });
  const submit = async () => {
    // Only what changed is sent: the log records the edit itself.
    const changed: ProposalEdit = {};
    for (const [k] of FIELDS) if (edit[k].trim() !== proposal[k]) changed[k] = edit[k].trim();
    if (edit.risk !== proposal.risk) changed.risk = edit.risk;
    await modify(id, changed);
    onDone();
  };
  return (
    <form className="proposal-edit" aria-label={`Modify ${proposal.title}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {FIELDS.map(([k, label]) => (
        <label key={k} className="field">{label}
          <textarea rows={k === 'rationale' ? 3 : 1} required value={edit[k]} onChange={(e) => setEdit({ ...edit, [k]: e.target.value })} />
        </label>
      ))}
      <label className="field">Risk
        <select value={edit.risk} onChange={(e) => setEdit({ ...edit, risk: Risk.parse(e.target.value) })}>
          {Risk.options.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <div className="button-row">
        <button type="submit" className="button primary">Save and approve</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
