import { useId, useMemo, useState } from 'react';
import { explainDashboard } from '@/lib/copilot/explain';
import { usePanel } from '@/lib/stores/use-panel';
import { ExplainText } from './ExplainText';

/** "Explain this dashboard": the offline explainer's plain-language account of every finding and
 *  chart, each number cited. It runs in the panel from what was read; nothing leaves the browser. */
export function ExplainDashboard() {
  const snapshot = usePanel((s) => s.snapshot);
  const analysis = usePanel((s) => s.analysis);
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const explanation = useMemo(
    () => (open && snapshot && analysis ? explainDashboard(snapshot, analysis) : null),
    [open, snapshot, analysis],
  );
  if (!snapshot || !analysis) return null;
  return (
    <div className="explain explain-dashboard">
      <button type="button" className="button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
        {open ? 'Hide the explanation' : 'Explain this dashboard'}
      </button>
      <section id={regionId} role="region" className="explain-output" hidden={!open} aria-label="Explanation of this dashboard">
        {explanation && (
          <>
            <p className="explain-source muted">Written offline from the evidence on this page; nothing was sent anywhere.</p>
            <ExplainText markdown={explanation.markdown} evidence={analysis.evidence} findings={analysis.findings} />
          </>
        )}
      </section>
    </div>
  );
}
