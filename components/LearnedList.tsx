import { useState } from 'react';
import { FEEDBACK_LABELS } from '@/lib/db/feedback';
import { usePanel } from '@/lib/stores/use-panel';
import { useFindingPageNames } from './use-page-names';
import { WithPageNames } from './WithPageNames';

/** What Loupe has learned: findings it hides because of a verdict, and flags that lower confidence.
 *  Each can be undone here. */
export function LearnedList() {
  const learned = usePanel((s) => s.learning?.findings);
  const flags = usePanel((s) => s.flags);
  const showAgain = usePanel((s) => s.showAgain);
  const pageNames = useFindingPageNames();
  const removeFlag = usePanel((s) => s.removeFlag);
  const [error, setError] = useState<string | null>(null);
  const hidden = (learned ?? []).filter((f) => f.suppressed);
  const flagged = flags.filter((f) => f.kind !== 'declined');
  return (
    <section aria-labelledby="learned-heading" className="learned-section">
      <h2 id="learned-heading" className="section-title">What Loupe has learned</h2>
      {hidden.length === 0 && flagged.length === 0 && <p className="empty-state">Nothing yet: triage a finding as expected or noise, or flag one.</p>}
      <ul aria-label="What Loupe has learned" className="learned-list">
        {hidden.map((f) => (
          <li key={`hidden-${f.id}`}>
            Hides “<WithPageNames text={f.title} names={pageNames(f)} />”: <span className="muted">{f.suppressed!.reason}</span>{' '}
            <button type="button" className="link-button" onClick={() => void showAgain(f.id)}>
              Show again<span className="visually-hidden"> <WithPageNames text={f.title} names={pageNames(f)} /></span>
            </button>
          </li>
        ))}
        {flagged.map((f) => (
          <li key={`flag-${f.id}`}>
            Flagged {f.quote ? `“${f.quote}”` : 'a finding'} as {FEEDBACK_LABELS[f.kind]}{f.comment && <span className="muted">: {f.comment}</span>}{' '}
            <button type="button" className="link-button" onClick={() => void removeFlag(f.id!).then((r) => setError(r.ok ? null : r.error))}>
              Forget<span className="visually-hidden"> flag on {f.quote ?? 'a finding'}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="hint" role="alert">{error}</p>}
    </section>
  );
}
