import { useState } from 'react';
import { isPageStep, type Step, type StepState } from '@/lib/guardrails/schema';
import { stepKey } from '@/lib/stores/drafts-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { PageText } from './PageText';

const STATE: Record<StepState, string> = {
  pending: 'Not run', previewed: 'Previewed', applied: 'Applied, checking…', verified: 'Applied and verified', done: 'Done by hand',
  failed: 'Failed: the draft stopped', reverted: 'Undone', 'revert-failed': 'Could not be undone',
};

interface Props { id: number; step: Step; state: StepState; isNext: boolean; canRun: boolean; blocked: boolean }

/** One step. A page step's first button says exactly what it does and previews it (the target is
 *  outlined, before → after shown); "Apply" then applies it. A hand step is a checklist item to copy. */
export function StepItem({ id, step, state, isNext, canRun, blocked }: Props) {
  const preview = usePanel((s) => s.previews[stepKey(id, step.id)]);
  const outcome = usePanel((s) => s.outcomes[stepKey(id, step.id)]);
  const previewStep = usePanel((s) => s.previewDraftStep);
  const applyStep = usePanel((s) => s.applyDraftStep);
  const markDone = usePanel((s) => s.markStepDone);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const live = isNext && canRun && !blocked && !busy;
  const run = async (f: () => Promise<void>) => { setBusy(true); try { await f(); } finally { setBusy(false); } };
  const shown = state === 'previewed' && preview;
  return (
    <li className={`step step-${state}${isNext && !blocked ? ' waiting' : ''}`} aria-current={isNext && !blocked ? 'step' : undefined}>
      <span className="step-state">{STATE[state]}</span>
      {isPageStep(step) ? (
        <>
          <button type="button" className="button step-button" disabled={!live || state !== 'pending' && state !== 'previewed'} onClick={() => void run(() => previewStep(id, step.id))}>
            {step.label}
          </button>
          {shown && (
            <div className="step-preview">
              <p>On the page: <PageText text={preview.description} /> · <PageText text={preview.before ?? '?'} /> → <PageText text={preview.after ?? '?'} /></p>
              <button type="button" className="button primary" disabled={!live} onClick={() => void run(() => applyStep(id, step.id))}>Apply: {step.label}</button>
            </div>
          )}
          {outcome && ['verified', 'failed', 'reverted', 'revert-failed'].includes(state) && (
            <p className={outcome.ok && outcome.verified ? 'step-result ok' : 'step-result failed'} role={outcome.ok && outcome.verified ? undefined : 'alert'}>
              {outcome.ok && outcome.verified ? <>Verified on the page: <PageText text={outcome.after ?? ''} /></> : <>Not verified: {outcome.message}</>}
            </p>
          )}
        </>
      ) : (
        <>
          <p className="step-label">{step.label}{step.kind === 'message' ? ` (${step.channel})` : ''}</p>
          <blockquote className="step-text">{step.text}</blockquote>
          <div className="button-row">
            <button type="button" className="button" aria-label={`Copy: ${step.label}`}
              onClick={() => void navigator.clipboard?.writeText(step.text).then(() => setCopied(true), () => setCopied(false))}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            {state === 'pending' && (
              <button type="button" className="button" disabled={!live} onClick={() => void run(() => markDone(id, step.id))}>Mark done: {step.label}</button>
            )}
          </div>
        </>
      )}
    </li>
  );
}
