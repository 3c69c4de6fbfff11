import { useState } from 'react';
import { usePanel } from '@/lib/stores/use-panel';
import { useFindingPageNames } from './use-page-names';
import { WithPageNames } from './WithPageNames';

/** Findings hidden by a person's earlier verdict, each with why and a way to show it again. */
export function FindingCardsHidden() {
  const hidden = usePanel((s) => s.learning?.findings);
  const showAgain = usePanel((s) => s.showAgain);
  const pageNames = useFindingPageNames();
  const [failed, setFailed] = useState<string | null>(null);
  const rows = (hidden ?? []).filter((f) => f.suppressed);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="hidden-findings" className="hidden-findings">
      <h3 id="hidden-findings" className="section-title">Not shown because you told us</h3>
      <ul aria-label="Not shown because you told us">
        {rows.map((f) => (
          <li key={f.id}>
            <span className="hidden-title"><WithPageNames text={f.title} names={pageNames(f)} /></span>
            <span className="muted hidden-reason"> — {f.suppressed!.reason}</span>{' '}
            <button type="button" className="link-button" onClick={() => void showAgain(f.id).then((ok) => setFailed(ok ? null : f.id))}>
              Show again<span className="visually-hidden"> <WithPageNames text={f.title} names={pageNames(f)} /></span>
            </button>
            {failed === f.id && <p className="hint" role="alert">Loupe could not save that; try again.</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
