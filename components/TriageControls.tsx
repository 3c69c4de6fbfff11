import { useId, useState } from 'react';
import { TRIAGE_VERDICTS, type TriageRecord, type TriageVerdict } from '@/lib/db/schema';
import type { Finding } from '@/lib/evidence/schema';
import { usePanel } from '@/lib/stores/use-panel';

const LABELS: Record<TriageVerdict, string> = { real: 'Real', expected: 'Expected', noise: 'Noise', investigate: 'Investigate' };
const PAST: Record<TriageVerdict, string> = {
  real: 'Marked real', expected: 'Marked expected', noise: 'Marked noise', investigate: 'Marked to investigate',
};

/** "Marked real by you · matches the onboarding launch". */
export function triageLine(t: Pick<TriageRecord, 'verdict' | 'actor' | 'reason'>): string {
  return [`${PAST[t.verdict]} by ${t.actor}`, t.reason].filter(Boolean).join(' · ');
}

interface Props {
  finding: Finding;
  /** The finding's triage key (lib/db/schema.ts findingKey). */
  triageKey: string;
}

/** A person's verdict on one finding: Real / Expected / Noise / Investigate with an optional reason.
 *  The typed reason lives here until a save succeeds, so a failed save loses nothing. */
export function TriageControls({ finding, triageKey }: Props) {
  const saved = usePanel((s) => s.triage[triageKey]);
  const save = usePanel((s) => s.triageSaves[triageKey]);
  const triageFinding = usePanel((s) => s.triageFinding);
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const saving = save?.status === 'saving';
  const open = !saved || editing;

  const decide = async (verdict: TriageVerdict): Promise<void> => {
    if (await triageFinding(finding, verdict, reason)) {
      setEditing(false);
      setReason('');
    }
  };

  return (
    <div className="triage">
      {saved && (
        <p className={`triage-saved verdict-${saved.verdict}`}>
          <span className="triage-line">{triageLine(saved)}</span>
          {!editing && (
            <button type="button" className="link-button" onClick={() => { setReason(saved.reason); setEditing(true); }}>
              Change<span className="visually-hidden"> triage of {finding.id}</span>
            </button>
          )}
        </p>
      )}
      {open && (
        <div className="triage-form">
          <label htmlFor={reasonId} className="triage-label">Reason <span className="muted">(optional)</span></label>
          <textarea id={reasonId} className="triage-reason" rows={2} maxLength={2000} value={reason}
            onChange={(e) => setReason(e.target.value)} placeholder="e.g. matches the onboarding launch" />
          <div className="triage-buttons" role="group" aria-label={`Triage ${finding.id}`}>
            {TRIAGE_VERDICTS.map((v) => (
              <button key={v} type="button" className="button triage-button" disabled={saving}
                aria-pressed={saved?.verdict === v} onClick={() => void decide(v)}>
                {LABELS[v]}
              </button>
            ))}
            {editing && (
              <button type="button" className="link-button" onClick={() => setEditing(false)}>Cancel</button>
            )}
          </div>
          {saving && <p className="muted triage-progress">Saving…</p>}
          {save?.status === 'failed' && (
            <p className="hint" role="alert">{save.message} Your reason is kept: try again.</p>
          )}
        </div>
      )}
    </div>
  );
}
