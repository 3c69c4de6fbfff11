import { READABLE_LIBRARIES } from './format';

/** The page was read but held no chart, table or tile Loupe recognises. */
export function EmptyPage() {
  return (
    <div className="state">
      <p className="state-title">No charts found on this page.</p>
      <p>Loupe reads {READABLE_LIBRARIES} — open a dashboard and press Read again.</p>
    </div>
  );
}
