import { useId, useState } from 'react';
import { parseShownRange } from '@/lib/actions/steps/kinds';
import { shortDate } from '@/lib/guardrails/drafts';
import type { Context } from '@/lib/snapshot/schema';
import { triageKey } from '@/lib/stores/findings-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { ConfidenceMeter } from './ConfidenceMeter';
import { EvidenceChips } from './EvidenceChip';

/** The window and cohort as read from the page: from the change to the end of the range shown, and the
 *  page's filters. Only a starting point; the person edits and confirms both. */
export function prefill(context: Context | undefined, at: string | number | undefined): { from: string; to: string; cohort: string; comparison: string } {
  const range = context?.dateRange ? parseShownRange(context.dateRange) : null;
  const [start, end] = range ? range.split('/') : ['', ''];
  const change = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : '';
  return { from: change || start, to: end || change, cohort: context?.filters?.join(', ') || 'All users', comparison: context?.comparison ?? '' };
}

/** "Act, or review only?": the evidence shown again, the window and cohort to confirm (two boxes that
 *  cannot be skipped), then the draft is made. */
export function CheckpointForm({ id }: { id: number }) {
  const proposal = usePanel((s) => s.drafts[id]?.flow.proposal);
  const context = usePanel((s) => s.snapshot?.context);
  const finding = usePanel((s) => (s.snapshot && proposal ? s.analysis?.findings.find((f) => triageKey(s.snapshot!, f) === proposal.findingKey) : undefined));
  const confirm = usePanel((s) => s.confirmCheckpoint);
  const start = prefill(context, finding?.at);
  const [mode, setMode] = useState<'act' | 'review'>('act');
  const [from, setFrom] = useState(start.from);
  const [to, setTo] = useState(start.to);
  const [cohort, setCohort] = useState(start.cohort);
  const [windowOk, setWindowOk] = useState(false);
  const [cohortOk, setCohortOk] = useState(false);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  if (!proposal) return null;
  const label = `${shortDate(from)} – ${shortDate(to)}${start.comparison ? ` ${start.comparison}` : ''}`;
  const ready = windowOk && cohortOk && from !== '' && to !== '' && from <= to && cohort.trim() !== '';
  const submit = async () => {
    setBusy(true);
    try { await confirm(id, { mode, window: { from, to, label }, cohort: cohort.trim(), windowConfirmed: windowOk, cohortConfirmed: cohortOk }); } finally { setBusy(false); }
  };
  return (
    <form className="checkpoint waiting" aria-label="Checkpoint" onSubmit={(e) => { e.preventDefault(); if (ready) void submit(); }}>
      <h4>Checkpoint</h4>
      {finding ? <ConfidenceMeter confidence={finding.confidence} /> : <p className="muted">The finding is not on the page as last read; confidence unknown.</p>}
      <p><span className="muted">Evidence</span> <EvidenceChips ids={proposal.evidenceIds} label="Evidence at the checkpoint" /></p>
      <fieldset>
        <legend>Act, or review only?</legend>
        <label><input type="radio" name={`${uid}-mode`} checked={mode === 'act'} onChange={() => setMode('act')} /> Act: draft the steps</label>
        <label><input type="radio" name={`${uid}-mode`} checked={mode === 'review'} onChange={() => setMode('review')} /> Review only: nothing will run</label>
      </fieldset>
      <fieldset>
        <legend>Comparison window</legend>
        <label className="field">From <input type="date" value={from} onChange={(e) => { setFrom(e.target.value); setWindowOk(false); }} /></label>
        <label className="field">To <input type="date" value={to} onChange={(e) => { setTo(e.target.value); setWindowOk(false); }} /></label>
        <label><input type="checkbox" checked={windowOk} onChange={(e) => setWindowOk(e.target.checked)} /> I confirm the window {label}</label>
      </fieldset>
      <fieldset>
        <legend>Cohort</legend>
        <label className="field">Cohort <input type="text" value={cohort} maxLength={300} onChange={(e) => { setCohort(e.target.value); setCohortOk(false); }} /></label>
        <label><input type="checkbox" checked={cohortOk} onChange={(e) => setCohortOk(e.target.checked)} /> I confirm the cohort</label>
      </fieldset>
      <button type="submit" className="button primary" disabled={!ready || busy}>Confirm checkpoint</button>
      {!ready && <p className="muted">Tick both confirmations to continue.</p>}
    </form>
  );
}
