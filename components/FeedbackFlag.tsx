import { useId, useState } from 'react';
import { FEEDBACK_LABELS, type FeedbackKind } from '@/lib/db/feedback';
import type { Finding } from '@/lib/evidence/schema';
import { usePanel } from '@/lib/stores/use-panel';

const KINDS: FeedbackKind[] = ['missing', 'misleading', 'wrong-number', 'irrelevant'];

/** "Flag: missing something / misleading / wrong number / irrelevant" with a comment. A flag is kept
 *  in Dexie and lowers the confidence of the same change on later reads (lib/learning/apply.ts). */
export function FeedbackFlag({ finding }: { finding: Finding }) {
  const flagFinding = usePanel((s) => s.flagFinding);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<FeedbackKind>('misleading');
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const commentId = useId();

  const send = async (): Promise<void> => {
    setBusy(true);
    const r = await flagFinding(finding, kind, comment);
    setBusy(false);
    if (r.ok) { setOpen(false); setComment(''); setStatus({ ok: true, text: `Flagged as ${FEEDBACK_LABELS[kind]}. Loupe will take it into account.` }); }
    else setStatus({ ok: false, text: `Loupe could not save the flag: ${r.error} Your comment is kept.` });
  };

  return (
    <div className="feedback-flag">
      {!open && (
        <button type="button" className="link-button" aria-expanded={false} onClick={() => { setOpen(true); setStatus(null); }}>
          Flag<span className="visually-hidden"> {finding.id}</span>
        </button>
      )}
      {open && (
        <fieldset className="feedback-form">
          <legend>Flag {finding.id}</legend>
          <div role="radiogroup" aria-label={`What is wrong with ${finding.id}`}>
            {KINDS.map((k) => (
              <label key={k} className="feedback-kind">
                <input type="radio" name={`flag-${finding.id}`} value={k} checked={kind === k} onChange={() => setKind(k)} />
                {k === 'wrong-number' ? 'wrong number' : FEEDBACK_LABELS[k]}
              </label>
            ))}
          </div>
          <label htmlFor={commentId}>Comment <span className="muted">(optional)</span></label>
          <textarea id={commentId} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="feedback-buttons">
            <button type="button" className="button" disabled={busy} onClick={() => void send()}>Send flag</button>
            <button type="button" className="link-button" onClick={() => setOpen(false)}>Cancel</button>
          </div>
        </fieldset>
      )}
      {status && <p className={status.ok ? 'muted' : 'hint'} role={status.ok ? 'status' : 'alert'}>{status.text}</p>}
    </div>
  );
}
